/**
 * What a token endpoint may hand us (login code exchange, device grant, refresh), checked before anything is
 * stored. Pure.
 *
 * A token must be what RFC 6749 (appendix A.12) allows and a `Bearer` header can carry: visible ASCII, no
 * space, at most 16 KiB (longer would not fit the header limits of the servers it is sent to). A lifetime must be
 * seconds between 1 and 10 years. A value outside these is refused with the reason, never clamped: it shows a
 * broken or hostile endpoint, a guessed expiry would make `status` report a dead profile as fine (or, past
 * `Number.MAX_VALUE / 1000`, store `null` and the profile vanishes), and nothing has been written yet, so the
 * user keeps what they had. A missing `expires_in` is legal (RFC 6749 §5.1 only recommends it): the lifetime is
 * then unknown and each caller decides what to assume.
 */
import * as Either from "effect/Either"
import { secretProblem } from "./httpHeader.js"

export interface TokenGrant {
  readonly access: string
  readonly refresh?: string | undefined
  /** Seconds; absent when the endpoint gave none (e.g. GitHub user tokens). */
  readonly expiresIn?: number | undefined
  /** Only read for labels (email, account id); one that is not a token is dropped. */
  readonly idToken?: string | undefined
}

export const MAX_TOKEN_CHARS = 16 * 1024
export const MAX_LIFETIME_SECONDS = 10 * 365 * 24 * 60 * 60

/**
 * An OAuth answer without `expires_in` is taken to last an hour: the tokens are already issued (on a refresh the
 * old ones are already spent), so refusing them would lose the login, and an hour is short enough that a wrong
 * guess only costs an early refresh.
 */
export const ASSUMED_LIFETIME_SECONDS = 60 * 60

/** Why `value` cannot be stored as the token `name`, or `undefined` when it can. Never quotes the value. */
const tokenProblem = (name: string, value: unknown): string | undefined => {
  if (typeof value !== "string" || value === "") return `the answer has no ${name}`
  if (value.length > MAX_TOKEN_CHARS)
    return `${name} is ${value.length} characters long (at most ${MAX_TOKEN_CHARS})`
  const unsendable = secretProblem(value)
  if (unsendable !== undefined) return `${name} cannot be used: ${unsendable}`
  return undefined
}

/** Seconds, or the reason. Numeric strings are taken (some endpoints send `"3600"`); anything else is refused. */
const lifetime = (raw: unknown): Either.Either<number | undefined, string> => {
  if (raw === undefined || raw === null) return Either.right(undefined)
  const seconds =
    typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN
  if (Number.isNaN(seconds)) return Either.left("expires_in is not a number of seconds")
  if (!(seconds >= 1 && seconds <= MAX_LIFETIME_SECONDS))
    return Either.left(`expires_in ${seconds} is out of range (1 second to 10 years)`)
  return Either.right(seconds)
}

/** A successful token answer's JSON, checked; Left is a reason safe to show (it never quotes a token). */
export const readTokenGrant = (body: unknown): Either.Either<TokenGrant, string> => {
  const doc = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>
  const accessProblem = tokenProblem("access_token", doc.access_token)
  if (accessProblem !== undefined) return Either.left(accessProblem)
  const hasRefresh = doc.refresh_token !== undefined && doc.refresh_token !== null && doc.refresh_token !== ""
  const refreshProblem = hasRefresh ? tokenProblem("refresh_token", doc.refresh_token) : undefined
  if (refreshProblem !== undefined) return Either.left(refreshProblem)
  return Either.map(lifetime(doc.expires_in), (expiresIn) => ({
    access: doc.access_token as string,
    refresh: hasRefresh ? (doc.refresh_token as string) : undefined,
    expiresIn,
    idToken: tokenProblem("id_token", doc.id_token) === undefined ? (doc.id_token as string) : undefined
  }))
}

/**
 * A label taken from a token's claims (email, account id) when it can name a profile: at most `max` characters,
 * no control character or whitespace. Anything else is dropped, so the profile falls back to its default id.
 */
export const labelClaim = (value: unknown, max: number): string | undefined =>
  typeof value === "string" && value.length <= max && /^[^\s\p{Cc}\p{Cf}]+$/u.test(value) ? value : undefined
