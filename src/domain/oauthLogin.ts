/**
 * OAuth login helpers for `auth login` (spec §3.11): PKCE, authorize URLs, parsing a pasted redirect, token and
 * device-code responses, JWT claims. Pure except PKCE, which draws randomness from Web Crypto.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { readTokenGrant } from "./tokenGrant.js"

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
 * What a user pastes after signing in on another machine: the full redirect URL, its query string, or the
 * bare code. A `state` that does not match is refused (another login's redirect, or a forged one).
 */
export const parseRedirectInput = (input: string, expectedState: string): Either.Either<string, string> => {
  const text = input.trim()
  if (text === "") return Either.left("Paste the URL your browser was sent to (or the code).")
  let params: URLSearchParams | undefined
  if (/^https?:\/\//i.test(text)) params = new URL(text).searchParams
  else if (text.includes("code=")) params = new URLSearchParams(text.replace(/^[?#]/, ""))
  if (params === undefined) return Either.right(text)
  const error = params.get("error")
  if (error !== null)
    return Either.left(
      `Sign-in failed: ${error}${params.get("error_description") ? ` (${params.get("error_description")})` : ""}`
    )
  const code = params.get("code")
  if (code === null || code === "") return Either.left("That URL has no `code` parameter.")
  const state = params.get("state")
  if (state !== null && state !== expectedState)
    return Either.left("That redirect belongs to a different login attempt (state mismatch).")
  return Either.right(code)
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
  /** Seconds between polls, as the server asks (default 5). */
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
    interval: typeof doc.interval === "number" && doc.interval > 0 ? doc.interval : 5,
    expiresIn: typeof doc.expires_in === "number" && doc.expires_in > 0 ? doc.expires_in : 900
  })
}

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
