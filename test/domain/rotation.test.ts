import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { rotationOrder } from "../../src/domain/rotation.js"

const NOW = 1_800_000_000_000
const PROFILES = {
  "anthropic:key": { type: "api_key", provider: "anthropic", key: "k" },
  "anthropic:tok": { type: "token", provider: "anthropic", token: "t" },
  "anthropic:oauth-a": { type: "oauth", provider: "anthropic", access: "a", expires: NOW + 1 },
  "anthropic:oauth-b": { type: "oauth", provider: "anthropic", access: "b", expires: NOW + 1 },
  "anthropic:old": { type: "token", provider: "anthropic", token: "t", expires: NOW - 1 },
  "anthropic:empty": { type: "api_key", provider: "anthropic", key: " " },
  "openai:x": { type: "api_key", provider: "openai", key: "k" }
}
const rotation = (extra: Record<string, unknown> = {}, config: ClawdbotConfig = {}) => {
  const result = rotationOrder("anthropic", decodeAuthProfiles({ profiles: PROFILES, ...extra }), config, NOW)
  return { order: result.order, skipped: Object.fromEntries(result.skipped) }
}

describe("rotationOrder (spec §6.3)", () => {
  it("round-robin: oauth, token, api_key, least recently used first; unusable secrets skipped with the reason", () => {
    const { order, skipped } = rotation({
      usageStats: {
        "anthropic:oauth-a": { lastUsed: NOW - 10 },
        "anthropic:oauth-b": { lastUsed: NOW - 500 }
      }
    })
    expect(order).toEqual(["anthropic:oauth-b", "anthropic:oauth-a", "anthropic:tok", "anthropic:key"])
    expect(skipped).toEqual({ "anthropic:old": "token expired", "anthropic:empty": "secret missing" })
  })

  it("profiles in cooldown or disabled go last, soonest available first", () => {
    const { order } = rotation({
      usageStats: {
        "anthropic:oauth-a": { disabledUntil: NOW + 9_000, disabledReason: "billing" },
        "anthropic:oauth-b": { cooldownUntil: NOW + 60_000 },
        "anthropic:key": { cooldownUntil: NOW - 1 }
      }
    })
    expect(order).toEqual(["anthropic:tok", "anthropic:key", "anthropic:oauth-a", "anthropic:oauth-b"])
  })

  it("an explicit order (store over config) is kept as written; the rest are skipped as not in auth.order", () => {
    const { order, skipped } = rotation(
      {
        order: { anthropic: ["anthropic:key", "anthropic:tok"] },
        usageStats: { "anthropic:key": { cooldownUntil: NOW + 1 } }
      },
      { auth: { order: { anthropic: ["anthropic:oauth-a"] } } }
    )
    expect(order).toEqual(["anthropic:tok", "anthropic:key"])
    expect(skipped["anthropic:oauth-a"]).toBe("not in auth.order")
    expect(rotation({}, { auth: { order: { anthropic: ["anthropic:oauth-a"] } } }).order).toEqual([
      "anthropic:oauth-a"
    ])
  })

  it("config auth.profiles narrow the base and must agree on provider and mode", () => {
    const { order, skipped } = rotation(
      {},
      {
        auth: {
          profiles: {
            "anthropic:tok": { provider: "anthropic", mode: "oauth" },
            "anthropic:key": { provider: "anthropic", mode: "token" }
          }
        }
      }
    )
    expect(order).toEqual(["anthropic:tok"])
    expect(skipped["anthropic:key"]).toBe("the config's auth.profiles says anthropic/token")
    expect(skipped["anthropic:oauth-a"]).toBe("not in the config's auth.profiles")
  })
})
