import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import {
  formatReset,
  usageCredential,
  usageRequest,
  usageSummary,
  usageToken,
  usageWindows
} from "../../src/domain/usage.js"

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
    expect(usageRequest("openrouter", "t", () => undefined)).toBeUndefined()
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

  it("openai-codex: <N>h and Day from rate_limit, with the account header and CodexBar's user agent", () => {
    const body = {
      rate_limit: {
        primary_window: {
          used_percent: 35,
          limit_window_seconds: 18_000,
          reset_at: (NOW + 2 * 60 * MIN) / 1000
        },
        secondary_window: {
          used_percent: 10,
          limit_window_seconds: 86_400,
          reset_at: (NOW + 30 * 60 * MIN) / 1000
        }
      }
    }
    const windows = usageWindows("openai-codex", body)
    expect(usageSummary(windows, NOW)).toBe("5h 65% left ⏱2h · Day 90% left ⏱1d 6h")
    const weekly = { rate_limit: { secondary_window: { used_percent: 1, limit_window_seconds: 604_800 } } }
    expect(usageWindows("openai-codex", weekly).map((w) => w.label)).toEqual(["Week"])
    expect(usageRequest("openai-codex", "t", () => undefined, { accountId: "acct" })).toMatchObject({
      url: "https://chatgpt.com/backend-api/wham/usage",
      headers: { authorization: "Bearer t", "chatgpt-account-id": "acct", "user-agent": "CodexBar" }
    })
  })

  it("google-gemini-cli: POST {} to retrieveUserQuota; Pro and Flash from the tightest bucket of each", () => {
    const reset = new Date(NOW + 20 * 60 * MIN).toISOString()
    const body = {
      buckets: [
        { modelId: "gemini-2.5-pro", remainingFraction: 0.75, resetTime: reset },
        { modelId: "gemini-2.5-pro-preview", remainingFraction: "0.6", resetTime: reset },
        { modelId: "gemini-2.5-flash", remainingFraction: 0.9 },
        { modelId: "gemini-2.5-flash", remainingFraction: "n/a" }
      ]
    }
    expect(usageSummary(usageWindows("google-gemini-cli", body), NOW)).toBe(
      "Pro 60% left ⏱20h · Flash 90% left"
    )
    expect(usageRequest("google-gemini-cli", "t", () => undefined)).toMatchObject({
      url: "https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota",
      method: "POST",
      body: {}
    })
  })

  it("google-antigravity: loadCodeAssist, then the models of the project it names (else the profile's)", () => {
    const first = usageRequest("google-antigravity", "t", () => undefined, { projectId: "from-profile" })!
    expect(first).toMatchObject({
      url: "https://cloudcode-pa.googleapis.com/v1internal:loadCodeAssist",
      method: "POST"
    })
    const named = {
      cloudaicompanionProject: { id: "named" },
      availablePromptCredits: 250,
      planInfo: { monthlyPromptCredits: 1000 }
    }
    expect(first.followUp?.(named)).toMatchObject({
      url: "https://cloudcode-pa.googleapis.com/v1internal:fetchAvailableModels",
      body: { project: "named" }
    })
    expect(first.followUp?.(undefined).body).toEqual({ project: "from-profile" })
    const models = {
      models: {
        "claude-sonnet-4-5": { quotaInfo: { remainingFraction: 1 } },
        "gemini-3-pro-high": {
          quotaInfo: { remainingFraction: 0.4, resetTime: new Date(NOW + 3 * 60 * MIN).toISOString() }
        },
        tab_flash_lite: { quotaInfo: { remainingFraction: 0 } }
      }
    }
    const windows = usageWindows("google-antigravity", named, models)
    expect(windows.map((w) => [w.label, Math.round(w.usedPercent)])).toEqual([
      ["Credits", 75],
      ["gemini-3-pro-high", 60],
      ["claude-sonnet-4-5", 0]
    ])
    expect(usageWindows("google-antigravity", undefined, models)[0]!.label).toBe("gemini-3-pro-high")
    const long = { models: { ["m".repeat(5000)]: { quotaInfo: { remainingFraction: 0.5 } } } }
    expect(usageWindows("google-antigravity", undefined, long)[0]!.label).toBe(`${"m".repeat(47)}…`)
  })

  it("minimax: the coding plan's interval counts (window from its start and end), MM-API-Source header", () => {
    const body = {
      model_remains: [
        {
          start_time: NOW - 60 * MIN,
          end_time: NOW + 4 * 60 * MIN,
          current_interval_total_count: 1500,
          current_interval_usage_count: 600
        }
      ],
      base_resp: { status_code: 0, status_msg: "success" }
    }
    expect(usageSummary(usageWindows("minimax", body), NOW)).toBe("5h 60% left ⏱4h")
    expect(usageWindows("minimax", { base_resp: { status_code: 1004, status_msg: "auth" } })).toEqual([])
    expect(
      usageWindows("minimax", { data: { used_percent: 0.25 } }).map((w) => [w.label, w.usedPercent])
    ).toEqual([["5h", 25]])
    expect(usageRequest("minimax", "t", () => undefined)).toMatchObject({
      url: "https://api.minimaxi.com/v1/api/openplatform/coding_plan/remains",
      headers: { "mm-api-source": "Clawdbot", authorization: "Bearer t" }
    })
  })

  it("zai: Tokens (<n>h) and Monthly from data.limits, only on success", () => {
    const body = {
      code: 200,
      success: true,
      data: {
        limits: [
          { type: "TOKENS_LIMIT", unit: 3, number: 5, percentage: 12, nextResetTime: NOW + 2 * 60 * MIN },
          { type: "TIME_LIMIT", unit: 5, number: 1, percentage: 25 }
        ]
      }
    }
    expect(usageSummary(usageWindows("zai", body), NOW)).toBe("Tokens (5h) 88% left ⏱2h · Monthly 75% left")
    expect(usageWindows("zai", { ...body, success: false })).toEqual([])
  })

  it("zai and minimax ask with their env key, then the config's apiKey, then a key or token profile", () => {
    const store = decodeAuthProfiles({
      profiles: {
        "zai:oauth": {
          type: "oauth",
          provider: "zai",
          access: "oauth-access",
          refresh: "r",
          expires: NOW + MIN
        },
        "zai:token": { type: "token", provider: "zai", token: "zai-token" }
      }
    })
    const env = (vars: Record<string, string>) => (name: string) => vars[name]
    const config = { models: { providers: { zai: { apiKey: "zai-config-key" } } } }
    expect(usageCredential("zai", store, config, env({ Z_AI_API_KEY: "zai-env" }), NOW)?.token).toBe(
      "zai-env"
    )
    expect(usageCredential("zai", store, config, env({}), NOW)?.token).toBe("zai-config-key")
    expect(usageCredential("zai", store, {}, env({}), NOW)?.token).toBe("zai-token")
    expect(
      usageCredential(
        "minimax",
        store,
        {},
        env({ MINIMAX_CODE_PLAN_KEY: "plan", MINIMAX_API_KEY: "api" }),
        NOW
      )?.token
    ).toBe("plan")
  })
})
