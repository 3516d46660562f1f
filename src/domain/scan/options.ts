/**
 * `models scan` flag values (spec §3.9): defaults, checks with the spec's messages, and rounding. Pure.
 *
 * `--min-params` and `--max-age-days` keep fractions: the reference floors them, so `--min-params 0.5` turned the
 * filter off (§8.13). Counts and milliseconds are whole numbers, at least 1.
 */
import * as Either from "effect/Either"

export const SCAN_DEFAULTS = { maxCandidates: 6, timeoutMs: 12_000, concurrency: 3 } as const

const parse = (raw: string): number => {
  const text = raw.trim()
  return text === "" ? Number.NaN : Number(text)
}

const rule =
  (accept: (value: number) => boolean, message: string, round: (value: number) => number) =>
  (raw: string): Either.Either<number, string> => {
    const value = parse(raw)
    return Number.isFinite(value) && accept(value) ? Either.right(round(value)) : Either.left(message)
  }

const whole = (value: number) => Math.max(1, Math.floor(value))
const asIs = (value: number) => value

export const minParams = rule((n) => n >= 0, "--min-params must be >= 0", asIs)
export const maxAgeDays = rule((n) => n >= 0, "--max-age-days must be >= 0", asIs)
export const maxCandidates = rule((n) => n > 0, "--max-candidates must be > 0", whole)
export const timeoutMs = rule((n) => n > 0, "--timeout must be > 0", whole)
export const concurrency = rule((n) => n > 0, "--concurrency must be > 0", whole)
