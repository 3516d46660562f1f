/**
 * `models scan` flag values (spec §3.9): defaults, checks with the spec's messages, and rounding. Pure.
 *
 * `--min-params` and `--max-age-days` keep fractions: the reference floors them, so `--min-params 0.5` turned the
 * filter off (§8.13). Counts and milliseconds are whole numbers, at least 1.
 */
import * as Either from "effect/Either"
import { parseDuration } from "../duration.js"

/**
 * `probesPerCandidate`: without `--max-probes`, a scan probes at most this many models per `--max-candidates`
 * (ranked from metadata first), so a huge catalog costs a bounded number of requests. `deadlineMs`: the whole
 * probe phase ends by then; what has not finished is reported as not probed.
 */
export const SCAN_DEFAULTS = {
  maxCandidates: 6,
  timeoutMs: 12_000,
  concurrency: 3,
  probesPerCandidate: 4,
  deadlineMs: 120_000,
  deadline: "2m"
} as const

/** How many models a scan probes: `--max-probes`, else `probesPerCandidate` × `--max-candidates`. */
export const probeLimit = (maxProbes: number | undefined, maxCandidates: number): number =>
  maxProbes ?? SCAN_DEFAULTS.probesPerCandidate * maxCandidates

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

/** A whole number of models, at least 1 (a fraction is refused rather than rounded: it is a count). */
export const maxProbes = (raw: string): Either.Either<number, string> => {
  const value = parse(raw)
  return Number.isSafeInteger(value) && value > 0
    ? Either.right(value)
    : Either.left(`--max-probes must be a whole number > 0 (got ${JSON.stringify(raw.trim())})`)
}

const DEADLINE_HINT = "e.g. 90s, 2m or 500ms"

/** A duration with its unit: a bare number is refused, since seconds and milliseconds are both plausible. */
export const deadlineMs = (raw: string): Either.Either<number, string> =>
  /^\s*\d+(?:\.\d+)?\s*$/.test(raw)
    ? Either.left(`--deadline needs a unit (${DEADLINE_HINT}; got ${JSON.stringify(raw.trim())})`)
    : Either.mapLeft(
        parseDuration(raw),
        () => `--deadline must be a duration > 0, ${DEADLINE_HINT} (got ${JSON.stringify(raw.trim())})`
      )
