import { createHash } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { findMethod, findProvider, isRemoteSession, PROVIDERS } from "../../src/domain/authProviders.js"
import { makePkce, parseDevicePoll, parseRedirectInput } from "../../src/domain/oauthLogin.js"

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
    [
      "http://localhost:1455/auth/callback?code=abc&state=OTHER",
      Either.left(expect.stringContaining("state mismatch"))
    ],
    [
      "http://localhost:1455/auth/callback?error=access_denied",
      Either.left(expect.stringContaining("access_denied"))
    ],
    ["", Either.left(expect.stringContaining("Paste"))]
  ])("%j", (input, expected) => {
    expect(parseRedirectInput(input, "S")).toEqual(expected)
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
