import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import {
  decodeTokenResponse,
  EXPIRY_MARGIN_MS,
  refreshedEntry,
  refreshLockName,
  refreshRequest,
  tokenEndpointFor
} from "../../src/domain/oauth.js"

describe("OAuth refresh, pure parts (§6.1)", () => {
  it("built-in token endpoints, overridable per provider by env; unknown providers have none", () => {
    expect(tokenEndpointFor("anthropic", () => undefined)?.url).toBe(
      "https://console.anthropic.com/v1/oauth/token"
    )
    const env = (name: string) =>
      name === "CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX" ? "http://127.0.0.1:9/t" : undefined
    expect(tokenEndpointFor("openai-codex", env)?.url).toBe("http://127.0.0.1:9/t")
    expect(tokenEndpointFor("qwen-portal", env)).toBeUndefined()
  })

  it("JSON for Anthropic, form encoding for OpenAI; a profile's clientId wins", () => {
    const anthropic = tokenEndpointFor("anthropic", () => undefined)!
    expect(refreshRequest(anthropic, "rt", undefined)).toEqual([
      "application/json",
      JSON.stringify({ grant_type: "refresh_token", refresh_token: "rt", client_id: anthropic.clientId })
    ])
    const codex = tokenEndpointFor("openai-codex", () => undefined)!
    expect(refreshRequest(codex, "rt", "mine")).toEqual([
      "application/x-www-form-urlencoded",
      "grant_type=refresh_token&refresh_token=rt&client_id=mine"
    ])
  })

  it("reads answers and errors without echoing tokens", () => {
    expect(decodeTokenResponse(200, '{"access_token":"a","refresh_token":"r","expires_in":3600}')).toEqual(
      Either.right({ access: "a", refresh: "r", expiresIn: 3600, idToken: undefined })
    )
    expect(decodeTokenResponse(400, '{"error":"invalid_grant","error_description":"revoked"}')).toEqual(
      Either.left("token endpoint answered HTTP 400 invalid_grant: revoked")
    )
    expect(decodeTokenResponse(200, '{"expires_in":3600}')).toEqual(
      Either.left("token endpoint answer refused: the answer has no access_token")
    )
    expect(decodeTokenResponse(502, "<html>")).toEqual(
      Either.left("token endpoint answered HTTP 502 with a body that is not JSON")
    )
  })

  it("keeps every other field, sets expiry 5 minutes early, keeps the old refresh token if none is returned", () => {
    const entry = {
      type: "oauth",
      provider: "anthropic",
      access: "old",
      refresh: "rt-old",
      expires: 1,
      email: "e"
    }
    expect(refreshedEntry(entry, { access: "new", expiresIn: 3600 }, 1_000_000)).toEqual({
      ...entry,
      access: "new",
      expires: 1_000_000 + 3_600_000 - EXPIRY_MARGIN_MS
    })
    expect(refreshLockName("anthropic:me@x.test")).toBe(".oauth-refresh-anthropic_me_x.test")
  })
})
