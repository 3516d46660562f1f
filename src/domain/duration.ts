/**
 * Durations for `--expires-in` and the `auth add` expiry prompt (spec §3.13): `<number>[ms|s|m|h|d]`,
 * case-insensitive, a bare number means days. Pure.
 */
import * as Either from "effect/Either"

const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

const MAX_DURATION_MS = 36_500 * UNIT_MS.d

export const DURATION_HINT = "e.g. 365d, 12h, 30m; a bare number means days"

/** Milliseconds (rounded) or the message to show. Zero is refused: a token that expires now is useless. */
export const parseDuration = (raw: string): Either.Either<number, string> => {
  const text = raw.trim().toLowerCase()
  if (text === "") return Either.left(`invalid duration (empty) (${DURATION_HINT})`)
  const match = PATTERN.exec(text)
  if (match === null) return Either.left(`invalid duration: ${raw.trim()} (${DURATION_HINT})`)
  const unit = (match[2] ?? "d") as keyof typeof UNIT_MS
  const ms = Math.round(Number(match[1]) * UNIT_MS[unit])
  // now + duration must stay a valid date (and a token outliving its owner is a typo): at most 100 years
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS)
    return Either.left(`invalid duration: ${raw.trim()} (too large; at most 36500d)`)
  if (ms <= 0)
    return Either.left(`invalid duration: ${raw.trim()} (must be more than zero; ${DURATION_HINT})`)
  return Either.right(ms)
}
