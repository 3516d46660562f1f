import { describe, expect, it } from "@effect/vitest"
import {
  cleanProfileIds,
  clearFailureFields,
  failureFieldsOf,
  recordProfileInConfig,
  removeProfilesFromConfig,
  removeStoredProfiles,
  setStoredOrder,
  upsertStoredProfile
} from "../../src/domain/authEdit.js"

describe("recordProfileInConfig (spec §1.2, order rule §3.13)", () => {
  it("adds metadata only and leaves a missing auth.order alone", () => {
    const next = recordProfileInConfig({ other: 1 }, "anthropic:manual", {
      provider: "anthropic",
      mode: "token"
    })
    expect(next).toEqual({
      other: 1,
      auth: { profiles: { "anthropic:manual": { provider: "anthropic", mode: "token" } } }
    })
  })

  it("moves the profile to the front of an existing auth.order list", () => {
    const doc = { auth: { order: { anthropic: ["anthropic:a", "anthropic:manual"], openai: ["openai:x"] } } }
    const next = recordProfileInConfig(doc, "anthropic:manual", { provider: "anthropic", mode: "token" })
    expect(next.auth).toMatchObject({
      order: { anthropic: ["anthropic:manual", "anthropic:a"], openai: ["openai:x"] }
    })
  })

  it("inserts the profile when the provider's list exists without it", () => {
    const doc = { auth: { order: { anthropic: ["anthropic:a"] } } }
    const next = recordProfileInConfig(doc, "anthropic:b", {
      provider: "anthropic",
      mode: "oauth",
      email: "me@x"
    })
    expect(next.auth).toEqual({
      order: { anthropic: ["anthropic:b", "anthropic:a"] },
      profiles: { "anthropic:b": { provider: "anthropic", mode: "oauth", email: "me@x" } }
    })
  })
})

describe("store order edits (spec §3.14)", () => {
  it("sets, replaces and clears one provider's order, dropping an empty order object", () => {
    const doc = { version: 1, profiles: {} }
    const set = setStoredOrder(doc, "anthropic", ["a:1", "a:2"])
    expect(set).toEqual({ version: 1, profiles: {}, order: { anthropic: ["a:1", "a:2"] } })
    const two = setStoredOrder(set, "openai", ["o:1"])
    expect(setStoredOrder(two, "anthropic", undefined)).toEqual({
      version: 1,
      profiles: {},
      order: { openai: ["o:1"] }
    })
    expect(setStoredOrder(set, "anthropic", undefined)).toEqual({ version: 1, profiles: {} })
  })

  it("cleans ids: trimmed, blanks dropped, first occurrence kept", () => {
    expect(cleanProfileIds([" a:1 ", "", "a:2", "a:1", "  "])).toEqual(["a:1", "a:2"])
  })

  it("upserts a profile without touching the others", () => {
    const doc = { version: 1, profiles: { "o:1": { type: "api_key", provider: "o", key: "k" } } }
    const next = upsertStoredProfile(doc, "a:1", { type: "token", provider: "a", token: "t" })
    expect(next.profiles).toEqual({
      "o:1": { type: "api_key", provider: "o", key: "k" },
      "a:1": { type: "token", provider: "a", token: "t" }
    })
  })
})

describe("removing profiles and clearing failures (issue 12)", () => {
  it("removeStoredProfiles drops the entries, usage, order places and lastGood; empty lists go", () => {
    const doc = {
      version: 1,
      profiles: { "a:1": { type: "api_key" }, "a:2": { type: "api_key" }, "b:1": { type: "api_key" } },
      order: { a: ["a:1"], b: ["b:1", "a:2"] },
      lastGood: { a: "a:1", b: "b:1" },
      usageStats: { "a:1": { errorCount: 1 }, "b:1": { lastUsed: 5 } }
    }
    expect(removeStoredProfiles(doc, ["a:1", "a:2"])).toEqual({
      version: 1,
      profiles: { "b:1": { type: "api_key" } },
      order: { b: ["b:1"] },
      lastGood: { b: "b:1" },
      usageStats: { "b:1": { lastUsed: 5 } }
    })
    expect(
      removeStoredProfiles({ version: 1, profiles: { "a:1": {} }, order: { a: ["a:1"] } }, ["a:1"])
    ).toEqual({
      version: 1,
      profiles: {}
    })
  })

  it("removeProfilesFromConfig edits auth.profiles and auth.order only, and returns the same document when untouched", () => {
    const doc = {
      agents: { defaults: {} },
      auth: {
        profiles: { "a:1": { provider: "a", mode: "token" }, "a:2": { provider: "a", mode: "token" } },
        order: { a: ["a:1"], b: ["b:1"] }
      }
    }
    expect(removeProfilesFromConfig(doc, ["a:1"])).toEqual({
      agents: { defaults: {} },
      auth: { profiles: { "a:2": { provider: "a", mode: "token" } }, order: { b: ["b:1"] } }
    })
    const untouched = { agents: {} }
    expect(removeProfilesFromConfig(untouched, ["a:1"])).toBe(untouched)
  })

  it("clearFailureFields keeps lastUsed; an entry left empty goes", () => {
    const doc = {
      usageStats: {
        "a:1": {
          lastUsed: 3,
          cooldownUntil: 9,
          errorCount: 2,
          failureCounts: { rate_limit: 2 },
          lastFailureAt: 8
        },
        "a:2": { disabledUntil: 9, disabledReason: "billing" },
        "a:3": { errorCount: 1 }
      }
    }
    expect(failureFieldsOf(doc, "a:1")).toEqual([
      "cooldownUntil",
      "errorCount",
      "failureCounts",
      "lastFailureAt"
    ])
    expect(clearFailureFields(doc, ["a:1", "a:2"])).toEqual({
      usageStats: { "a:1": { lastUsed: 3 }, "a:3": { errorCount: 1 } }
    })
  })
})
