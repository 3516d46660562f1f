/**
 * Text order for ids in output (provider ids, profile ids, model ids): the order `localeCompare` gives in an
 * English locale (ICU root collation), computed without ICU for printable ASCII. Pure.
 *
 * Why not `localeCompare`: the first call in a process builds an ICU collator, 10-15 ms here, a sixth of the
 * whole `models status` run; and its order changes with the user's locale (`LANG=C` sorts `Z` before `a`).
 * Text with other characters falls back to `localeCompare`.
 */

/** Printable ASCII in collation order; a group shares its primary weight (letters: lower case first). */
const PRIMARY_GROUPS: ReadonlyArray<string> = [
  " ",
  "_",
  "-",
  ",",
  ";",
  ":",
  "!",
  "?",
  ".",
  "'",
  '"',
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "@",
  "*",
  "/",
  "\\",
  "&",
  "#",
  "%",
  "`",
  "^",
  "+",
  "<",
  "=",
  ">",
  "|",
  "~",
  "$",
  ..."0123456789",
  ..."abcdefghijklmnopqrstuvwxyz".split("").map((c) => `${c}${c.toUpperCase()}`)
]

const primary = new Uint8Array(128)
const tertiary = new Uint8Array(128)
PRIMARY_GROUPS.forEach((group, rank) => {
  for (let i = 0; i < group.length; i++) {
    primary[group.charCodeAt(i)] = rank + 1
    tertiary[group.charCodeAt(i)] = i
  }
})

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** Negative, zero or positive, as `a.localeCompare(b)` in an English locale. */
export const compareText = (a: string, b: string): number => {
  if (!PRINTABLE_ASCII.test(a) || !PRINTABLE_ASCII.test(b)) return a.localeCompare(b)
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const pa = primary[a.charCodeAt(i)]!
    const pb = primary[b.charCodeAt(i)]!
    if (pa !== pb) return pa - pb
  }
  if (a.length !== b.length) return a.length - b.length
  for (let i = 0; i < n; i++) {
    const ta = tertiary[a.charCodeAt(i)]!
    const tb = tertiary[b.charCodeAt(i)]!
    if (ta !== tb) return ta - tb
  }
  return 0
}
