/** Flag-value rules with the spec's exact messages (spec §3.2). Pure. */
import * as Either from "effect/Either"

/** A positive number (`--probe-timeout 1500`); anything else is `message`. */
export const positiveNumber = (raw: string, message: string): Either.Either<number, string> => {
  const text = raw.trim()
  const value = text === "" ? Number.NaN : Number(text)
  return Number.isFinite(value) && value > 0 ? Either.right(value) : Either.left(message)
}

/** A positive whole number (`--probe-concurrency 4`); `2.5` is refused rather than silently floored. */
export const positiveInteger = (raw: string, message: string, flag: string): Either.Either<number, string> =>
  Either.flatMap(positiveNumber(raw, message), (value) =>
    Number.isInteger(value)
      ? Either.right(value)
      : Either.left(`${flag} must be a whole number (got ${raw.trim()}).`)
  )

/** Repeatable, comma-separable values (`--probe-profile a,b --probe-profile c`): trimmed, blanks dropped, deduped. */
export const splitList = (values: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(
    values
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter((value) => value !== "")
  )
]

export const PROBE_TIMEOUT_MESSAGE = "--probe-timeout must be a positive number (ms)."
export const PROBE_CONCURRENCY_MESSAGE = "--probe-concurrency must be > 0."
export const PROBE_MAX_TOKENS_MESSAGE = "--probe-max-tokens must be > 0."
export const PROBE_WITH_PLAIN_MESSAGE = "--probe cannot be used with --plain output."
