import { createHash } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { findMethod, findProvider, isRemoteSession, PROVIDERS } from "../../src/domain/authProviders.js"
import {
  makePkce,
  parseDeviceCode,
  parseDevicePoll,
  parseLoginWait,
  parseRedirectInput
} from "../../src/domain/oauthLogin.js"

describe("PKCE", () => {
  it.effect("challenge is base64url(SHA-256(verifier)), fresh each time", () =>
    Effect.gen(function* () {
      const a = yield* makePkce
      const b = yield* makePkce
      expect(a.challenge).toBe(createHash("sha256").update(a.verifier).digest("base64url"))
      expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(a.verifier).not.toBe(b.verifier)
      expect(a.state).not.toBe(b.state)
    })
  )
})

describe("parseRedirectInput", () => {
  it.each([
    ["http://localhost:1455/auth/callback?code=abc&state=S", Either.right("abc")],
    ["?code=abc&state=S", Either.right("abc")],
    ["  abc  ", Either.right("abc")],
    ["localhost:1455/auth/callback?code=abc&state=S", Either.right("abc")],
    // Issue 9 item 10: not URLs, no state, a bare "code" that is not one: each is one line, never a crash.
    ["http://[::1", Either.left(expect.stringContaining("That is not a complete URL"))],
    [
      "https://exa mple.com/?code=a&state=S",
      Either.left(expect.stringContaining("That is not a complete URL"))
    ],
    ["http://localhost:1455/auth/callback?code=abc", Either.left(expect.stringContaining("has no `state`"))],
    ["code=abc", Either.left(expect.stringContaining("has no `state`"))],
    ["some words", Either.left(expect.stringContaining("neither a URL nor a code"))],
    ["abc\u001b]0;x\u0007", Either.left(expect.stringContaining("neither a URL nor a code"))],
    [
      "http://localhost:1455/auth/callback?code=abc&state=OTHER",
      Either.left(expect.stringContaining("state mismatch"))
    ],
    [
      "http://localhost:1455/auth/callback?error=access_denied&state=S",
      Either.left(expect.stringContaining("access_denied"))
    ],
    ["", Either.left(expect.stringContaining("Paste"))]
  ])("%j", (input, expected) => {
    expect(parseRedirectInput(input, "S")).toEqual(expected)
  })
})

describe("auth login --timeout", () => {
  it.each([
    ["90s", Either.right(90_000)],
    ["5m", Either.right(300_000)],
    ["2", Either.left("invalid duration: 2 (give a unit, e.g. 90s, 5m or 1h)")],
    ["10ms", Either.left(expect.stringContaining("between 1s and 24h"))],
    ["2d", Either.left(expect.stringContaining("between 1s and 24h"))],
    ["soon", Either.left(expect.stringContaining("invalid duration: soon"))]
  ])("%j", (raw, expected) => {
    expect(parseLoginWait(raw)).toEqual(expected)
  })
})

describe("device-code answers", () => {
  it("keep the poll interval within 1..60 s and the expiry finite", () => {
    const code = (fields: Record<string, unknown>) =>
      parseDeviceCode({ device_code: "d", user_code: "u", verification_uri: "https://x.test", ...fields })
    expect(
      Either.map(code({ interval: 0.001, expires_in: 1e308 * 10 }), (d) => [d.interval, d.expiresIn])
    ).toEqual(Either.right([1, 900]))
    expect(Either.map(code({ interval: 1e9 }), (d) => d.interval)).toEqual(Either.right(60))
  })
})

describe("device polls (RFC 8628)", () => {
  it("maps pending, slow_down, expiry and success", () => {
    expect(parseDevicePoll({ error: "authorization_pending" }, 0)._tag).toBe("Pending")
    expect(parseDevicePoll({ error: "slow_down" }, 0)._tag).toBe("SlowDown")
    expect(parseDevicePoll({ error: "expired_token" }, 0)._tag).toBe("Failed")
    expect(parseDevicePoll({ access_token: "t" }, 0)).toEqual({
      _tag: "Done",
      tokens: { access: "t", refresh: undefined, expires: undefined, idToken: undefined }
    })
  })
})

describe("provider registry", () => {
  it("every provider has at least one method and a provider/model default", () => {
    for (const provider of PROVIDERS) {
      expect(provider.methods.length).toBeGreaterThan(0)
      expect(provider.defaultModel.startsWith(`${provider.id}/`)).toBe(true)
    }
  })
  it("finds by id, alias and case-insensitive label", () => {
    expect(Either.map(findProvider(" Copilot "), (p) => p.id)).toEqual(Either.right("github-copilot"))
    const codex = Either.getOrThrow(findProvider("openai-codex"))
    expect(Either.map(findMethod(codex, "chatgpt oauth"), (m) => m.id)).toEqual(Either.right("oauth"))
  })
  it("treats SSH and display-less Linux as remote", () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name]
    expect(isRemoteSession(env({ SSH_CONNECTION: "x" }), "darwin")).toBe(true)
    expect(isRemoteSession(env({}), "linux")).toBe(true)
    expect(isRemoteSession(env({ DISPLAY: ":0" }), "linux")).toBe(false)
    expect(isRemoteSession(env({}), "darwin")).toBe(false)
  })
})
