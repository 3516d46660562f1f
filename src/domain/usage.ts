/**
 * Usage snapshots in the `OAuth/token status` block of `models status` (spec §3.2 "Usage headers"). Pure: which
 * providers and tokens to ask, how to read the answers, and the one-line summary.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { type AuthCredential, type AuthProfiles, explicitOrder } from "./authProfiles.js"
import type { ClawdbotConfig } from "./config.js"
import { normalizeProviderId } from "./modelRef.js"

/** Providers that have a usage endpoint (spec §3.2); only those with an oauth/token profile are asked. */
export const USAGE_PROVIDERS: ReadonlyArray<string> = [
  "anthropic",
  "github-copilot",
  "google-gemini-cli",
  "google-antigravity",
  "minimax",
  "openai-codex",
  "zai"
]

export interface UsageWindow {
  readonly label: string
  /** Percent used, 0-100. */
  readonly usedPercent: number
  readonly resetsAt?: number
}

export interface UsageRequest {
  readonly provider: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

export const ANTHROPIC_USAGE_URL = "https://api.anthropic.com/api/oauth/usage"
export const COPILOT_USAGE_URL = "https://api.github.com/copilot_internal/user"
const USAGE_URL_VAR_PREFIX = "CLAWDBOT_USAGE_URL_"
/** `CLAWDBOT_USAGE_URL_<PROVIDER>` overrides a usage endpoint, for tests. */
export const usageUrlVar = (provider: string) =>
  `${USAGE_URL_VAR_PREFIX}${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`
/** Whether `name` overrides a usage endpoint (any provider): it decides where an OAuth token is sent. */
export const isUsageUrlVar = (name: string): boolean => name.startsWith(USAGE_URL_VAR_PREFIX)

const usable = (credential: AuthCredential, now: number): string | undefined => {
  if (credential.type === "api_key") return undefined
  const secret = Redacted.value(credential.type === "token" ? credential.token : credential.access).trim()
  const expires = credential.expires
  if (secret === "" || (typeof expires === "number" && expires > 0 && expires <= now)) return undefined
  return secret
}

/**
 * The token to ask with: oauth/token profiles of the provider in rotation order, `anthropic:claude-cli` first for
 * anthropic (spec §3.2). Expired tokens are skipped, not refreshed: a read-only status never writes the store
 * (the reference refreshed here, §8.12).
 */
export const usageToken = (
  provider: string,
  store: AuthProfiles,
  config: ClawdbotConfig,
  now: number
): string | undefined => {
  const ids = Object.entries(store.profiles)
    .filter(([, credential]) => normalizeProviderId(credential.provider) === provider)
    .map(([id]) => id)
    .sort()
  const order = explicitOrder(provider, store, config) ?? []
  const preferred = provider === "anthropic" ? ["anthropic:claude-cli"] : []
  const ranked = [...new Set([...preferred, ...order, ...ids])].filter((id) => ids.includes(id))
  for (const id of ranked) {
    const token = usable(store.profiles[id]!, now)
    if (token !== undefined) return token
  }
  return undefined
}

/** The request for a provider's usage, or undefined if we cannot ask it (no endpoint implemented, no token). */
export const usageRequest = (
  provider: string,
  token: string,
  env: (name: string) => string | undefined
): UsageRequest | undefined => {
  const override = env(usageUrlVar(provider))?.trim()
  switch (provider) {
    case "anthropic":
      return {
        provider,
        url: override || ANTHROPIC_USAGE_URL,
        headers: {
          authorization: `Bearer ${token}`,
          "user-agent": "clawdbot",
          "anthropic-version": "2023-06-01",
          "anthropic-beta": "oauth-2025-04-20",
          accept: "application/json"
        }
      }
    case "github-copilot":
      return {
        provider,
        url: override || COPILOT_USAGE_URL,
        headers: {
          authorization: `token ${token}`,
          "editor-version": "vscode/1.96.2",
          "user-agent": "GitHubCopilotChat/0.26.7",
          "x-github-api-version": "2025-04-01",
          accept: "application/json"
        }
      }
    default:
      return undefined
  }
}

const AnthropicWindow = Schema.NullishOr(
  Schema.Struct({ utilization: Schema.Number, resets_at: Schema.optional(Schema.NullOr(Schema.String)) })
)
const AnthropicUsage = Schema.Struct({
  five_hour: Schema.optional(AnthropicWindow),
  seven_day: Schema.optional(AnthropicWindow),
  seven_day_sonnet: Schema.optional(AnthropicWindow),
  seven_day_opus: Schema.optional(AnthropicWindow)
})

const CopilotQuota = Schema.NullishOr(
  Schema.Struct({ percent_remaining: Schema.Number, unlimited: Schema.optional(Schema.Boolean) })
)
const CopilotUsage = Schema.Struct({
  quota_reset_date_utc: Schema.optional(Schema.String),
  quota_reset_date: Schema.optional(Schema.String),
  quota_snapshots: Schema.Struct({
    premium_interactions: Schema.optional(CopilotQuota),
    chat: Schema.optional(CopilotQuota)
  })
})

/** github-copilot: `premium_interactions` -> `Premium`, `chat` -> `Chat`; unlimited quotas are left out. */
const copilotWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
  const decoded = Schema.decodeUnknownEither(CopilotUsage)(body)
  if (Either.isLeft(decoded)) return []
  const usage = decoded.right
  const resetText = usage.quota_reset_date_utc ?? usage.quota_reset_date
  const resetsAt = resetText ? Date.parse(resetText) : Number.NaN
  const windows: Array<UsageWindow> = []
  for (const [label, quota] of [
    ["Premium", usage.quota_snapshots.premium_interactions],
    ["Chat", usage.quota_snapshots.chat]
  ] as const) {
    if (!quota || quota.unlimited === true) continue
    windows.push({
      label,
      usedPercent: 100 - quota.percent_remaining,
      ...(Number.isFinite(resetsAt) ? { resetsAt } : {})
    })
  }
  return windows
}

/**
 * Windows from a usage answer: anthropic `five_hour` -> `5h`, `seven_day` -> `Week`, then `Sonnet` | `Opus`;
 * github-copilot `Premium`, `Chat`. Anything unreadable gives no windows.
 */
export const usageWindows = (provider: string, body: unknown): ReadonlyArray<UsageWindow> => {
  if (provider === "github-copilot") return copilotWindows(body)
  if (provider !== "anthropic") return []
  const decoded = Schema.decodeUnknownEither(AnthropicUsage)(body)
  if (Either.isLeft(decoded)) return []
  const usage = decoded.right
  const windows: Array<UsageWindow> = []
  const add = (label: string, window: typeof AnthropicWindow.Type | undefined) => {
    if (!window) return
    const resetsAt = window.resets_at ? Date.parse(window.resets_at) : Number.NaN
    windows.push({
      label,
      usedPercent: window.utilization,
      ...(Number.isFinite(resetsAt) ? { resetsAt } : {})
    })
  }
  add("5h", usage.five_hour)
  add("Week", usage.seven_day)
  if (usage.seven_day_sonnet) add("Sonnet", usage.seven_day_sonnet)
  else add("Opus", usage.seven_day_opus)
  return windows
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

/** Time to a reset (spec §3.2): `now` | `Nm` | `Hh Mm`/`Hh` (< 24 h) | `Dd Hh` (< 7 d) | `Mon D`. */
export const formatReset = (resetsAt: number, now: number): string => {
  const ms = resetsAt - now
  if (ms <= 0) return "now"
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${Math.max(1, minutes)}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`
  const days = Math.floor(hours / 24)
  if (days < 7) return `${days}d ${hours % 24}h`
  const date = new Date(resetsAt)
  return `${MONTHS[date.getMonth()]} ${date.getDate()}`
}

/** `5h 62% left ⏱3h 12m · Week 80% left ⏱4d 2h`: the first two windows; empty when there are none. */
export const usageSummary = (windows: ReadonlyArray<UsageWindow>, now: number): string =>
  windows
    .slice(0, 2)
    .map((window) => {
      const left = Math.round(100 - window.usedPercent)
      const reset = window.resetsAt !== undefined ? ` ⏱${formatReset(window.resetsAt, now)}` : ""
      return `${window.label} ${left}% left${reset}`
    })
    .join(" · ")
