/**
 * OAuth login helpers for `auth login` (spec §3.11): PKCE, authorize URLs, parsing a pasted redirect, token and
 * device-code responses, JWT claims. Pure except PKCE, which draws randomness from Web Crypto.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { parseDuration } from "./duration.js"
import { secretProblem } from "./httpHeader.js"
import { readTokenGrant } from "./tokenGrant.js"

/** Authorization codes are short; a paste longer than this is not one. */
const MAX_CODE_CHARS = 4096

const base64Url = (bytes: Uint8Array): string => {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

export interface Pkce {
  readonly verifier: string
  readonly challenge: string
  readonly state: string
}

/** RFC 7636 S256: a 43-char verifier, its SHA-256 challenge, and a random `state`. */
export const makePkce: Effect.Effect<Pkce> = Effect.promise(async () => {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)))
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)))
  return {
    verifier,
    challenge: base64Url(digest),
    state: base64Url(crypto.getRandomValues(new Uint8Array(16)))
  }
})

export interface AuthorizeRequest {
  readonly authorizeUrl: string
  readonly clientId: string
  readonly redirectUri: string
  readonly scope: string
  readonly pkce: Pkce
  readonly extra?: Readonly<Record<string, string>>
}

export const authorizeUrl = (request: AuthorizeRequest): string => {
  const url = new URL(request.authorizeUrl)
  const params = {
    response_type: "code",
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    code_challenge: request.pkce.challenge,
    code_challenge_method: "S256",
    state: request.pkce.state,
    ...request.extra
  }
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}

/**
 * How long `auth login` waits for the browser step (the loopback redirect, a pasted URL or code, a device
 * approval): 5 minutes unless `--timeout` says otherwise, between 1 second and 24 hours.
 */
export const LOGIN_WAIT_DEFAULT_MS = 5 * 60_000
const LOGIN_WAIT_MIN_MS = 1_000
const LOGIN_WAIT_MAX_MS = 24 * 3_600_000

/** Why `ms` cannot be the login wait, or `undefined` when it can. */
export const loginWaitProblem = (ms: number): string | undefined =>
  Number.isFinite(ms) && ms >= LOGIN_WAIT_MIN_MS && ms <= LOGIN_WAIT_MAX_MS
    ? undefined
    : "the login timeout must be between 1s and 24h (e.g. 90s, 5m, 1h)"

/**
 * `--timeout <duration>`: the grammar of src/domain/duration.ts, but a unit is required (a bare number means
 * days there, and milliseconds in `scan --timeout`, so either reading would surprise someone).
 */
export const parseLoginWait = (raw: string): Either.Either<number, string> => {
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(raw))
    return Either.left(`invalid duration: ${raw.trim()} (give a unit, e.g. 90s, 5m or 1h)`)
  return Either.flatMap(parseDuration(raw), (ms) => {
    const problem = loginWaitProblem(ms)
    return problem === undefined
      ? Either.right(ms)
      : Either.left(`invalid duration: ${raw.trim()} (${problem})`)
  })
}

const STATE_HINT = "paste the whole address the browser was sent to, or just the code"

/** The query of a pasted redirect: a URL (parsed), a bare query string (`code=...&state=...`), or none (a code). */
const redirectParams = (text: string): Either.Either<URLSearchParams | undefined, string> => {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
    try {
      return Either.right(new URL(text).searchParams)
    } catch {
      return Either.left(`That is not a complete URL; ${STATE_HINT}.`)
    }
  }
  if (!/(?:^|[?&#])(?:code|state|error)=/.test(text)) return Either.right(undefined)
  const query = text.includes("?") ? text.slice(text.indexOf("?") + 1) : text.replace(/^#/, "")
  return Either.right(new URLSearchParams(query.split("#")[0]))
}

/**
 * What a user pastes after signing in on another machine: the full redirect URL, its query string, or the
 * bare code. A URL or query must carry this login's `state`: one without it, or with another, could be a
 * forged redirect (or another login's) and is refused. A bare code has no state to check; the user typed it.
 */
export const parseRedirectInput = (input: string, expectedState: string): Either.Either<string, string> => {
  const text = input.trim()
  if (text === "") return Either.left("Paste the URL your browser was sent to (or the code).")
  return Either.flatMap(redirectParams(text), (params) => {
    if (params === undefined)
      return text !== "" && secretProblem(text) === undefined && text.length <= MAX_CODE_CHARS
        ? Either.right(text)
        : Either.left(`That is neither a URL nor a code; ${STATE_HINT}.`)
    const state = params.get("state")
    if (state === null || state === "")
      return Either.left(
        `That redirect has no \`state\`, so it cannot be matched to this login; ${STATE_HINT}.`
      )
    if (state !== expectedState)
      return Either.left("That redirect belongs to a different login attempt (state mismatch).")
    const error = params.get("error")
    if (error !== null)
      return Either.left(
        `Sign-in failed: ${error}${params.get("error_description") ? ` (${params.get("error_description")})` : ""}`
      )
    const code = params.get("code")
    if (code === null || code === "") return Either.left("That URL has no `code` parameter.")
    return Either.right(code)
  })
}

export interface TokenSet {
  readonly access: string
  readonly refresh?: string | undefined
  /** Epoch ms; absent when the server gave no `expires_in` (e.g. GitHub user tokens). */
  readonly expires?: number | undefined
  readonly idToken?: string | undefined
}

/** An OAuth token endpoint's JSON (`expires_in` in seconds), checked by `readTokenGrant`. */
export const parseTokenResponse = (body: unknown, now: number): Either.Either<TokenSet, string> => {
  const doc = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>
  if (typeof doc.error === "string")
    return Either.left(
      `${doc.error}${typeof doc.error_description === "string" ? `: ${doc.error_description}` : ""}`
    )
  return Either.map(readTokenGrant(doc), (grant) => ({
    access: grant.access,
    refresh: grant.refresh,
    expires: grant.expiresIn === undefined ? undefined : now + grant.expiresIn * 1000,
    idToken: grant.idToken
  }))
}

/** The payload of a JWT, unverified (used only to label the profile: email, account id). */
export const jwtClaims = (token: string | undefined): Readonly<Record<string, unknown>> => {
  const part = token?.split(".")[1]
  if (part === undefined) return {}
  try {
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"))
    const value = JSON.parse(json) as unknown
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export interface DeviceCode {
  readonly deviceCode: string
  readonly userCode: string
  readonly verificationUri: string
  /** Seconds between polls, as the server asks (default 5), kept within 1..60 so a server cannot make us spin. */
  readonly interval: number
  /** Seconds until the code expires (default 15 min). */
  readonly expiresIn: number
}

export const parseDeviceCode = (body: unknown): Either.Either<DeviceCode, string> => {
  const doc = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>
  if (typeof doc.error === "string") return Either.left(doc.error)
  if (
    typeof doc.device_code !== "string" ||
    typeof doc.user_code !== "string" ||
    typeof doc.verification_uri !== "string"
  )
    return Either.left("the device-code response lacks device_code, user_code or verification_uri")
  return Either.right({
    deviceCode: doc.device_code,
    userCode: doc.user_code,
    verificationUri: doc.verification_uri,
    interval: pollInterval(typeof doc.interval === "number" && doc.interval > 0 ? doc.interval : 5),
    expiresIn:
      typeof doc.expires_in === "number" && doc.expires_in > 0 && Number.isFinite(doc.expires_in)
        ? doc.expires_in
        : 900
  })
}

const pollInterval = (seconds: number) => Math.min(60, Math.max(1, seconds))

/** The interval after a `slow_down` answer (RFC 8628 §3.5: 5 seconds more), still at most 60 s. */
export const slowerPollInterval = (seconds: number) => pollInterval(seconds + 5)

/** One device-flow poll answer (RFC 8628 §3.5). */
export type DevicePoll =
  | { readonly _tag: "Done"; readonly tokens: TokenSet }
  | { readonly _tag: "Pending" }
  | { readonly _tag: "SlowDown" }
  | { readonly _tag: "Failed"; readonly reason: string }

export const parseDevicePoll = (body: unknown, now: number): DevicePoll => {
  const doc = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>
  if (doc.error === "authorization_pending") return { _tag: "Pending" }
  if (doc.error === "slow_down") return { _tag: "SlowDown" }
  if (doc.error === "expired_token")
    return { _tag: "Failed", reason: "the code expired before it was entered; run the login again" }
  if (doc.error === "access_denied") return { _tag: "Failed", reason: "access was denied" }
  return Either.match(parseTokenResponse(body, now), {
    onLeft: (reason) => ({ _tag: "Failed", reason }),
    onRight: (tokens) => ({ _tag: "Done", tokens })
  })
}
