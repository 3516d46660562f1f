import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { parseAuthStoreChoice, withoutLegacyAuthStore } from "../../src/domain/settings.js"

describe("settings (issue 11 item 8)", () => {
  it("the old opt-in leaves the config; an auth section it empties goes too, anything else stays", () => {
    expect(withoutLegacyAuthStore({ auth: { store: "keychain" }, agents: {} })).toEqual({ agents: {} })
    expect(withoutLegacyAuthStore({ auth: { store: "file", order: { a: ["a:x"] } } })).toEqual({
      auth: { order: { a: ["a:x"] } }
    })
    const untouched = { auth: { profiles: {} } }
    expect(withoutLegacyAuthStore(untouched)).toBe(untouched)
  })

  it("a choice is keychain or file; anything else names where it came from", () => {
    expect(parseAuthStoreChoice("keychain", "X")).toEqual(Either.right("keychain"))
    expect(parseAuthStoreChoice(undefined, "X")).toEqual(Either.right(undefined))
    expect(parseAuthStoreChoice("Keychain", "authStore")).toEqual(
      Either.left('authStore is "Keychain": use "keychain" or "file"')
    )
    expect(parseAuthStoreChoice(true, "authStore")).toEqual(
      Either.left('authStore is true: use "keychain" or "file"')
    )
  })
})
