/**
 * OAuth token refresh, the pure parts (spec §6.1 "expired -> refreshed under the lock and saved"): where each
 * provider's token endpoint is, what to send, how to read the answer and what to store. Pure.
 */
import * as Either from "effect/Either"
import type { JsonObject } from "./configEdit.js"
import { ASSUMED_LIFETIME_SECONDS, readTokenGrant, type TokenGrant } from "./tokenGrant.js"

export interface TokenEndpoint {
  readonly url: string
  readonly clientId: string
  readonly encoding: "json" | "form"
}

/** Public client ids of the CLIs whose tokens these are (the reference uses the same). */
export const TOKEN_ENDPOINTS: Readonly<Record<string, TokenEndpoint>> = {
  anthropic: {
    url: "https://console.anthropic.com/v1/oauth/token",
    clientId: "9d1c250a-e61b-44d9-88ed-5944d1962f5e",
    encoding: "json"
  },
  "openai-codex": {
    url: "https://auth.openai.com/oauth/token",
    clientId: "app_EMoamEEZ73f0CkXaXp7hrann",
    encoding: "form"
  }
}

const TOKEN_URL_VAR_PREFIX = "CLAWDBOT_OAUTH_TOKEN_URL_"
/** `CLAWDBOT_OAUTH_TOKEN_URL_<PROVIDER>` (e.g. `..._ANTHROPIC`, `..._OPENAI_CODEX`) overrides the URL, for tests. */
export const tokenUrlVar = (provider: string) =>
  `${TOKEN_URL_VAR_PREFIX}${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`
/** Whether `name` overrides a token endpoint (any provider): it decides where a refresh token is sent. */
export const isTokenUrlVar = (name: string): boolean => name.startsWith(TOKEN_URL_VAR_PREFIX)

export const tokenEndpointFor = (
  provider: string,
  env: (name: string) => string | undefined
): TokenEndpoint | undefined => {
  const builtin = TOKEN_ENDPOINTS[provider]
  if (builtin === undefined) return undefined
  const override = env(tokenUrlVar(provider))?.trim()
  return override ? { ...builtin, url: override } : builtin
}

/** The refresh request: `[contentType, body]`. `clientId` from the profile wins over the built-in one. */
export const refreshRequest = (
  endpoint: TokenEndpoint,
  refreshToken: string,
  clientId: string | undefined
): readonly [string, string] => {
  const fields = {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: clientId ?? endpoint.clientId
  }
  return endpoint.encoding === "json"
    ? ["application/json", JSON.stringify(fields)]
    : ["application/x-www-form-urlencoded", new URLSearchParams(fields).toString()]
}

/**
 * Reads a token endpoint answer, checked by `readTokenGrant` (src/domain/tokenGrant.ts); Left is a reason safe to
 * show (OAuth `error`/`error_description`, never a token).
 */
export const decodeTokenResponse = (status: number, body: string): Either.Either<TokenGrant, string> => {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return Either.left(`token endpoint answered HTTP ${status} with a body that is not JSON`)
  }
  if (status < 200 || status >= 300) {
    const error = json as { error?: unknown; error_description?: unknown }
    const code = typeof error?.error === "string" ? error.error : undefined
    const description = typeof error?.error_description === "string" ? error.error_description : undefined
    return Either.left(
      `token endpoint answered HTTP ${status}${code ? ` ${code}` : ""}${description ? `: ${description}` : ""}`
    )
  }
  return Either.mapLeft(readTokenGrant(json), (reason) => `token endpoint answer refused: ${reason}`)
}

/** Refreshed tokens expire 5 minutes before the provider says, as the reference does (spec §6.1). */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000

/** The stored profile entry with new tokens; every other field (email, accountId, ...) kept as written. */
export const refreshedEntry = (entry: JsonObject, grant: TokenGrant, now: number): JsonObject => ({
  ...entry,
  access: grant.access,
  ...(grant.refresh !== undefined ? { refresh: grant.refresh } : {}),
  expires: now + (grant.expiresIn ?? ASSUMED_LIFETIME_SECONDS) * 1000 - EXPIRY_MARGIN_MS
})

/** A lock file name for one profile: `<agentDir>/.oauth-refresh-<id>` (characters outside [\w.-] replaced). */
export const refreshLockName = (profileId: string) => `.oauth-refresh-${profileId.replace(/[^\w.-]+/g, "_")}`
