import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles, secretOf } from "../../src/domain/authProfiles.js"
import { keyRefsOf, parseKeyRef, splitSecrets, withResolvedSecrets } from "../../src/domain/keyRef.js"

describe("keychain references in auth-profiles.json", () => {
  it("parses <service>/<account> (account may hold ':' and '@') and refuses malformed refs", () => {
    expect(parseKeyRef({ keychain: "clawdbot/openai:me@x.com@ab12cd34", backend: "macos" })).toEqual({
      service: "clawdbot",
      account: "openai:me@x.com@ab12cd34",
      backend: "macos"
    })
    for (const bad of [undefined, "x", { keychain: "noslash" }, { keychain: "/a" }, { keychain: "a/" }])
      expect(parseKeyRef(bad)).toBeUndefined()
  })

  it("splits secret fields from metadata", () => {
    expect(
      splitSecrets({ type: "oauth", provider: "p", access: "A", refresh: "R", expires: 5, email: "e" })
    ).toEqual({
      metadata: { type: "oauth", provider: "p", expires: 5, email: "e" },
      secrets: { access: "A", refresh: "R" }
    })
  })

  it("fills resolved secrets in; an unresolved ref decodes with an empty secret instead of vanishing", () => {
    const doc = {
      version: 1,
      profiles: {
        "a:1": { type: "token", provider: "a", keyRef: { keychain: "clawdbot/a:1@x" } },
        "a:2": { type: "api_key", provider: "a", keyRef: { keychain: "clawdbot/a:2@x" } },
        "a:3": { type: "api_key", provider: "a", key: "plain" }
      }
    }
    expect(keyRefsOf(doc).map(([id]) => id)).toEqual(["a:1", "a:2"])
    const decoded = decodeAuthProfiles(withResolvedSecrets(doc, new Map([["a:1", { token: "T" }]])))
    expect(Object.keys(decoded.profiles)).toEqual(["a:1", "a:2", "a:3"])
    expect(secretOf(decoded.profiles["a:1"]!)).toBe("T")
    expect(secretOf(decoded.profiles["a:2"]!)).toBe("")
    expect(secretOf(decoded.profiles["a:3"]!)).toBe("plain")
  })

  it("a secret written into the file after the ref wins over the keychain copy", () => {
    const doc = {
      profiles: {
        "o:1": {
          type: "oauth",
          provider: "o",
          expires: 9,
          access: "fresh",
          keyRef: { keychain: "clawdbot/o:1@x" }
        }
      }
    }
    const decoded = decodeAuthProfiles(
      withResolvedSecrets(doc, new Map([["o:1", { access: "stale", refresh: "R" }]]))
    )
    expect(secretOf(decoded.profiles["o:1"]!)).toBe("fresh")
  })
})
