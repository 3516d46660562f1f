import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import { formatReset, usageRequest, usageSummary, usageToken, usageWindows } from "../../src/domain/usage.js"

const NOW = Date.UTC(2026, 0, 23, 12, 0, 0)
const MIN = 60_000

describe("usage snapshots (§3.2 usage headers)", () => {
  it.each([
    [-1, "now"],
    [0, "now"],
    [30 * MIN, "30m"],
    [3 * 60 * MIN, "3h"],
    [(3 * 60 + 12) * MIN, "3h 12m"],
    [(4 * 24 + 2) * 60 * MIN, "4d 2h"],
    [10 * 24 * 60 * MIN, "Feb 2"]
  ])("reset in %j ms -> %s", (ms, text) => {
    expect(formatReset(NOW + ms, NOW)).toBe(text)
  })

  it("anthropic windows: 5h, Week, then Sonnet or Opus; the summary shows the first two", () => {
    const body = {
      five_hour: { utilization: 38, resets_at: new Date(NOW + (3 * 60 + 12) * MIN).toISOString() },
      seven_day: { utilization: 20.4, resets_at: new Date(NOW + (4 * 24 + 2) * 60 * MIN).toISOString() },
      seven_day_opus: { utilization: 90, resets_at: null }
    }
    const windows = usageWindows("anthropic", body)
    expect(windows.map((w) => w.label)).toEqual(["5h", "Week", "Opus"])
    expect(usageSummary(windows, NOW)).toBe("5h 62% left ⏱3h 12m · Week 80% left ⏱4d 2h")
    expect(usageWindows("anthropic", { error: "nope" })).toEqual([])
    expect(usageWindows("anthropic", "garbage")).toEqual([])
  })

  it("asks with anthropic:claude-cli first, skips expired tokens and api keys, never refreshes", () => {
    const store = decodeAuthProfiles({
      profiles: {
        "anthropic:a": { type: "token", provider: "anthropic", token: "tok-a" },
        "anthropic:claude-cli": {
          type: "oauth",
          provider: "anthropic",
          access: "cli",
          refresh: "r",
          expires: NOW - 1
        },
        "anthropic:key": { type: "api_key", provider: "anthropic", key: "k" }
      }
    })
    expect(usageToken("anthropic", store, {}, NOW)).toBe("tok-a")
    expect(usageToken("anthropic", store, {}, NOW - 10)).toBe("cli")
    expect(usageToken("openai-codex", store, {}, NOW)).toBeUndefined()
  })

  it("follows the rotation order: the store's order, else the config's auth.order (spec §3.2, §6.3)", () => {
    const profiles = {
      "openai-codex:a": { type: "token", provider: "openai-codex", token: "tok-a" },
      "openai-codex:b": { type: "token", provider: "openai-codex", token: "tok-b" }
    }
    const config = { auth: { order: { "openai-codex": ["openai-codex:b"] } } }
    expect(usageToken("openai-codex", decodeAuthProfiles({ profiles }), {}, NOW)).toBe("tok-a")
    expect(usageToken("openai-codex", decodeAuthProfiles({ profiles }), config, NOW)).toBe("tok-b")
    const stored = decodeAuthProfiles({ profiles, order: { "openai-codex": ["openai-codex:a"] } })
    expect(usageToken("openai-codex", stored, config, NOW)).toBe("tok-a")
  })

  it("the Anthropic request carries the OAuth beta; the URL is overridable by env", () => {
    expect(usageRequest("anthropic", "t", () => undefined)).toMatchObject({
      url: "https://api.anthropic.com/api/oauth/usage",
      headers: { authorization: "Bearer t", "anthropic-beta": "oauth-2025-04-20", "user-agent": "clawdbot" }
    })
    expect(
      usageRequest("anthropic", "t", (n) =>
        n === "CLAWDBOT_USAGE_URL_ANTHROPIC" ? "http://127.0.0.1:1/u" : undefined
      )?.url
    ).toBe("http://127.0.0.1:1/u")
    expect(usageRequest("zai", "t", () => undefined)).toBeUndefined()
  })

  it("github-copilot: Premium and Chat from quota_snapshots, unlimited ones left out; GitHub `token` auth", () => {
    const body = {
      quota_reset_date_utc: new Date(NOW + 10 * 24 * 60 * MIN).toISOString(),
      quota_snapshots: {
        premium_interactions: { percent_remaining: 72.5, unlimited: false },
        chat: { percent_remaining: 100, unlimited: true }
      }
    }
    expect(usageSummary(usageWindows("github-copilot", body), NOW)).toBe("Premium 73% left ⏱Feb 2")
    expect(usageRequest("github-copilot", "gho_x", () => undefined)).toMatchObject({
      url: "https://api.github.com/copilot_internal/user",
      headers: { authorization: "token gho_x", "x-github-api-version": "2025-04-01" }
    })
  })
})
