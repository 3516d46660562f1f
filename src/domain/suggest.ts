/** "Did you mean …?" for a mistyped command, flag or config key name. Pure. */

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one edit
 * (optimal string alignment), so `stauts` is one edit from `status`.
 */
export const editDistance = (a: string, b: string): number => {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1)
      }
      rows[i]![j] = best
    }
  }
  return rows[a.length]![b.length]!
}

const MAX_EDITS = 2
const MAX_SUGGESTIONS = 3

/**
 * The names `typed` most likely meant: within two edits (one for a name of up to three letters, so `ls` does not
 * suggest every short word), or starting with it, or having it as a whole dash-separated part (`json` for
 * `status-json`). The closest first, at most three; none when nothing is close.
 */
export const suggestionsFor = (typed: string, names: ReadonlyArray<string>): ReadonlyArray<string> => {
  const word = typed.toLowerCase()
  if (word === "") return []
  const limit = word.length <= 3 ? 1 : MAX_EDITS
  const scored = [...new Set(names)].flatMap((name) => {
    const candidate = name.toLowerCase()
    if (candidate === word) return []
    const distance = editDistance(word, candidate)
    if (distance <= limit) return [{ name, score: distance }]
    if (candidate.startsWith(word) || candidate.split("-").includes(word))
      return [{ name, score: MAX_EDITS + 1 }]
    return []
  })
  const best = Math.min(...scored.map((entry) => entry.score))
  return scored
    .filter((entry) => entry.score === best)
    .slice(0, MAX_SUGGESTIONS)
    .map((entry) => entry.name)
}

/** ` Did you mean "status"?` / ` Did you mean --probe-timeout or --probe-model?`; empty when there is none. */
export const didYouMean = (suggestions: ReadonlyArray<string>, show: (name: string) => string): string => {
  if (suggestions.length === 0) return ""
  const shown = suggestions.map(show)
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`
  return ` Did you mean ${list}?`
}
