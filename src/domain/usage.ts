/**
 * Usage snapshots in the `OAuth/token status` block of `models status` (spec §3.2 "Usage headers"). Pure: which
 * providers and tokens to ask, how to read the answers, and the one-line summary.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { type AuthCredential, type AuthProfiles, explicitOrder } from "./authProfiles.js"
import { type ClawdbotConfig, configApiKey } from "./config.js"
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
  /** `GET` unless said; a `POST` sends `body` as JSON. */
  readonly method?: "GET" | "POST"
  readonly body?: unknown
  /** A second request built from this one's answer (antigravity: the models of the project it names). */
  readonly followUp?: (answer: unknown) => UsageRequest
}

/** What a usage request authenticates with: the token, and the account or project some endpoints need. */
export interface UsageCredential {
  readonly token: string
  readonly accountId?: string
  readonly projectId?: string
}

export const ANTHROPIC_USAGE_URL = "https://api.anthropic.com/api/oauth/usage"
export const COPILOT_USAGE_URL = "https://api.github.com/copilot_internal/user"
export const CODEX_USAGE_URL = "https://chatgpt.com/backend-api/wham/usage"
export const GEMINI_CLI_USAGE_URL = "https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota"
/** Antigravity's two requests go to this host: `/v1internal:loadCodeAssist`, `/v1internal:fetchAvailableModels`. */
export const ANTIGRAVITY_USAGE_BASE = "https://cloudcode-pa.googleapis.com"
export const MINIMAX_USAGE_URL = "https://api.minimaxi.com/v1/api/openplatform/coding_plan/remains"
export const ZAI_USAGE_URL = "https://api.z.ai/api/monitor/usage/quota/limit"

/** zai and minimax usage takes an API key: these variables first, then the config's apiKey, then profiles. */
const KEY_USAGE_VARS: Readonly<Record<string, ReadonlyArray<string>>> = {
  zai: ["ZAI_API_KEY", "Z_AI_API_KEY"],
  minimax: ["MINIMAX_CODE_PLAN_KEY", "MINIMAX_API_KEY"]
}
const USAGE_URL_VAR_PREFIX = "CLAWDBOT_USAGE_URL_"
/** `CLAWDBOT_USAGE_URL_<PROVIDER>` overrides a usage endpoint, for tests. */
export const usageUrlVar = (provider: string) =>
  `${USAGE_URL_VAR_PREFIX}${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`
/** Whether `name` overrides a usage endpoint (any provider): it decides where an OAuth token is sent. */
export const isUsageUrlVar = (name: string): boolean => name.startsWith(USAGE_URL_VAR_PREFIX)

const usable = (credential: AuthCredential, now: number, keys: boolean): UsageCredential | undefined => {
  if (credential.type === "api_key") {
    const key = Redacted.value(credential.key).trim()
    return keys && key !== "" ? { token: key } : undefined
  }
  if (keys && credential.type === "oauth") return undefined
  const secret = Redacted.value(credential.type === "token" ? credential.token : credential.access).trim()
  const expires = credential.expires
  if (secret === "" || (typeof expires === "number" && expires > 0 && expires <= now)) return undefined
  if (credential.type === "token") return { token: secret }
  return {
    token: secret,
    ...(credential.accountId ? { accountId: credential.accountId } : {}),
    ...(credential.projectId ? { projectId: credential.projectId } : {})
  }
}

/**
 * What to ask with (spec §3.2): for zai and minimax an API key from their variables, else the config's apiKey, else
 * their api_key/token profiles; for the others oauth/token profiles of the provider in rotation order,
 * `anthropic:claude-cli` first for anthropic, with the profile's account (openai-codex) or project (Cloud Code
 * Assist). Expired tokens are skipped, not refreshed: a read-only status never writes the store (the reference
 * refreshed here, §8.12).
 */
export const usageCredential = (
  provider: string,
  store: AuthProfiles,
  config: ClawdbotConfig,
  env: (name: string) => string | undefined,
  now: number
): UsageCredential | undefined => {
  const keyVars = KEY_USAGE_VARS[provider]
  if (keyVars !== undefined) {
    const key = keyVars.map((name) => env(name)?.trim()).find(Boolean) ?? configApiKey(provider, config, env)
    if (key) return { token: key }
  }
  const ids = Object.entries(store.profiles)
    .filter(([, credential]) => normalizeProviderId(credential.provider) === provider)
    .map(([id]) => id)
    .sort()
  const order = explicitOrder(provider, store, config) ?? []
  const preferred = provider === "anthropic" ? ["anthropic:claude-cli"] : []
  const ranked = [...new Set([...preferred, ...order, ...ids])].filter((id) => ids.includes(id))
  for (const id of ranked) {
    const credential = usable(store.profiles[id]!, now, keyVars !== undefined)
    if (credential !== undefined) return credential
  }
  return undefined
}

/** The OAuth/token a provider's usage is asked with (no env or config keys); see usageCredential. */
export const usageToken = (
  provider: string,
  store: AuthProfiles,
  config: ClawdbotConfig,
  now: number
): string | undefined => usageCredential(provider, store, config, () => undefined, now)?.token

const ANTIGRAVITY_HEADERS = {
  "content-type": "application/json",
  "user-agent": "antigravity/1.15.8",
  "x-goog-api-client": "google-cloud-sdk vscode_cloudshelleditor/0.1",
  accept: "application/json"
}

/** The project loadCodeAssist names (`cloudaicompanionProject`: a string or `{id}`). */
const projectOf = (answer: unknown): string | undefined => {
  const project = (answer as { cloudaicompanionProject?: unknown } | null)?.cloudaicompanionProject
  const id = typeof project === "string" ? project : (project as { id?: unknown } | null)?.id
  return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined
}

/**
 * The request for a provider's usage, or undefined if we cannot ask it (no endpoint implemented). `env` may
 * override each URL with `CLAWDBOT_USAGE_URL_<PROVIDER>` (for antigravity: the host both requests go to).
 */
export const usageRequest = (
  provider: string,
  token: string,
  env: (name: string) => string | undefined,
  credential: Omit<UsageCredential, "token"> = {}
): UsageRequest | undefined => {
  const override = env(usageUrlVar(provider))?.trim()
  const bearer = `Bearer ${token}`
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
    case "openai-codex":
      return {
        provider,
        url: override || CODEX_USAGE_URL,
        headers: {
          authorization: bearer,
          "user-agent": "CodexBar",
          accept: "application/json",
          ...(credential.accountId ? { "chatgpt-account-id": credential.accountId } : {})
        }
      }
    case "google-gemini-cli":
      return {
        provider,
        url: override || GEMINI_CLI_USAGE_URL,
        method: "POST",
        body: {},
        headers: { authorization: bearer, "content-type": "application/json", accept: "application/json" }
      }
    case "google-antigravity": {
      const base = (override || ANTIGRAVITY_USAGE_BASE).replace(/\/+$/, "")
      const headers = { ...ANTIGRAVITY_HEADERS, authorization: bearer }
      return {
        provider,
        url: `${base}/v1internal:loadCodeAssist`,
        method: "POST",
        body: {
          metadata: { ideType: "ANTIGRAVITY", platform: "PLATFORM_UNSPECIFIED", pluginType: "GEMINI" }
        },
        headers,
        followUp: (answer) => {
          const project = projectOf(answer) ?? credential.projectId
          return {
            provider,
            url: `${base}/v1internal:fetchAvailableModels`,
            method: "POST",
            body: project ? { project } : {},
            headers
          }
        }
      }
    }
    case "minimax":
      return {
        provider,
        url: override || MINIMAX_USAGE_URL,
        headers: {
          authorization: bearer,
          "content-type": "application/json",
          "mm-api-source": "Clawdbot",
          accept: "application/json"
        }
      }
    case "zai":
      return {
        provider,
        url: override || ZAI_USAGE_URL,
        headers: { authorization: bearer, accept: "application/json" }
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

type Fields = Readonly<Record<string, unknown>>
const fields = (value: unknown): Fields | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : undefined
const list = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [])
/** A finite number, or a numeric string (several of these APIs send numbers as strings). */
const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof n === "number" && Number.isFinite(n) ? n : undefined
}
/** Epoch seconds or milliseconds (told apart by size), or an ISO date. */
const instantOf = (value: unknown): number | undefined => {
  if (typeof value === "string" && value.trim() !== "" && !/^\d+(\.\d+)?$/.test(value.trim())) {
    const parsed = Date.parse(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  const n = numberOf(value)
  return n === undefined || n <= 0 ? undefined : n < 1e12 ? n * 1000 : n
}
const windowOf = (label: string, usedPercent: number, resetsAt?: number): UsageWindow => ({
  label,
  usedPercent: Math.min(100, Math.max(0, usedPercent)),
  ...(resetsAt !== undefined ? { resetsAt } : {})
})

/** openai-codex `rate_limit`: `primary_window` -> `<N>h`; `secondary_window` -> `Day` (`Week` from 7 days). */
const codexWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
  const limits = fields(fields(body)?.rate_limit)
  const windows: Array<UsageWindow> = []
  for (const [key, defaultSeconds] of [
    ["primary_window", 10_800],
    ["secondary_window", 86_400]
  ] as const) {
    const window = fields(limits?.[key])
    if (!window) continue
    const hours = Math.round((numberOf(window.limit_window_seconds) ?? defaultSeconds) / 3600)
    const label = key === "primary_window" || hours < 24 ? `${hours}h` : hours >= 168 ? "Week" : "Day"
    windows.push(windowOf(label, numberOf(window.used_percent) ?? 0, instantOf(window.reset_at)))
  }
  return windows
}

/** The least remaining fraction among `quotas` whose model matches, with that quota's reset. */
const tightest = (
  quotas: ReadonlyArray<{ readonly model: string; readonly remaining: number; readonly resetsAt?: number }>,
  match: (model: string) => boolean
) =>
  quotas
    .filter((quota) => match(quota.model))
    .reduce<(typeof quotas)[number] | undefined>(
      (least, quota) => (least === undefined || quota.remaining < least.remaining ? quota : least),
      undefined
    )

/** google-gemini-cli `buckets`: the tightest `pro` model quota -> `Pro`, the tightest `flash` one -> `Flash`. */
const geminiWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
  const quotas = list(fields(body)?.buckets).flatMap((raw) => {
    const bucket = fields(raw)
    const remaining = numberOf(bucket?.remainingFraction)
    if (bucket === undefined || remaining === undefined) return []
    const resetsAt = instantOf(bucket.resetTime)
    return [
      { model: String(bucket.modelId ?? "").toLowerCase(), remaining, ...(resetsAt ? { resetsAt } : {}) }
    ]
  })
  return (
    [
      ["Pro", "pro"],
      ["Flash", "flash"]
    ] as const
  ).flatMap(([label, family]) => {
    const quota = tightest(quotas, (model) => model.includes(family))
    return quota ? [windowOf(label, (1 - quota.remaining) * 100, quota.resetsAt)] : []
  })
}

/** A label from the network (a model id) is cut to what a status line can show, by code point. */
const MAX_LABEL = 48
const shortLabel = (label: string): string => {
  const chars = Array.from(label)
  return chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL - 1).join("")}…` : label
}

/**
 * google-antigravity: `Credits` from loadCodeAssist (`availablePromptCredits` of `planInfo.monthlyPromptCredits`),
 * then one window per model of fetchAvailableModels (`quotaInfo.remainingFraction`), the most used first;
 * Antigravity's internal `chat_`/`tab_` models are left out.
 */
const antigravityWindows = (codeAssist: unknown, models: unknown): ReadonlyArray<UsageWindow> => {
  const windows: Array<UsageWindow> = []
  const available = numberOf(fields(codeAssist)?.availablePromptCredits)
  const monthly = numberOf(fields(fields(codeAssist)?.planInfo)?.monthlyPromptCredits)
  if (available !== undefined && monthly !== undefined && monthly > 0)
    windows.push(windowOf("Credits", ((monthly - available) / monthly) * 100))
  const perModel = Object.entries(fields(fields(models)?.models) ?? {}).flatMap(([model, info]) => {
    const quota = fields(fields(info)?.quotaInfo)
    const remaining = numberOf(quota?.remainingFraction)
    if (remaining === undefined || /chat_|tab_/i.test(model)) return []
    return [windowOf(shortLabel(model), (1 - remaining) * 100, instantOf(quota?.resetTime))]
  })
  return [...windows, ...perModel.sort((a, b) => b.usedPercent - a.usedPercent).slice(0, 10)]
}

const MINIMAX_TOTAL = ["current_interval_total_count", "total", "total_count", "limit", "quota"]
const MINIMAX_USED = ["current_interval_usage_count", "used", "usage", "used_count"]
const MINIMAX_REMAINING = ["remaining", "remain", "remains", "remaining_count"]
const MINIMAX_PERCENT = ["used_percent", "usage_percent", "usedPercent"]
const MINIMAX_RESET = ["end_time", "reset_at", "reset_time", "next_reset_time", "resetAt"]
const pick = (record: Fields, keys: ReadonlyArray<string>) =>
  keys.map((key) => numberOf(record[key])).find((n) => n !== undefined)

/** A minimax record's used percent: from used (or total − remaining) of total, else a percent field. */
const minimaxUsed = (record: Fields): number | undefined => {
  const total = pick(record, MINIMAX_TOTAL)
  const remaining = pick(record, MINIMAX_REMAINING)
  const used =
    pick(record, MINIMAX_USED) ??
    (total !== undefined && remaining !== undefined ? total - remaining : undefined)
  if (total !== undefined && total > 0 && used !== undefined) return (used / total) * 100
  const percent = pick(record, MINIMAX_PERCENT)
  return percent === undefined ? undefined : percent <= 1 ? percent * 100 : percent
}

/**
 * minimax coding plan: the first record (breadth-first, e.g. `model_remains[0]`) that gives a used share;
 * label `<N>h` from its start/end times, else `5h`; a non-zero `base_resp.status_code` is an error.
 */
const minimaxWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
  const root = fields(body)
  if (root === undefined || (numberOf(fields(root.base_resp)?.status_code) ?? 0) !== 0) return []
  const queue: Array<unknown> = [fields(root.data) ?? root]
  for (let seen = 0; queue.length > 0 && seen < 60; seen++) {
    const value = queue.shift()
    if (Array.isArray(value)) {
      queue.push(...value)
      continue
    }
    const record = fields(value)
    if (record === undefined) continue
    const used = minimaxUsed(record)
    if (used === undefined) {
      queue.push(...Object.values(record).filter((child) => typeof child === "object" && child !== null))
      continue
    }
    const start = instantOf(record.start_time)
    const resetsAt = MINIMAX_RESET.map((key) => instantOf(record[key])).find((n) => n !== undefined)
    const hours =
      start !== undefined && resetsAt !== undefined ? Math.round((resetsAt - start) / 3_600_000) : 0
    return [windowOf(hours > 0 ? `${hours}h` : "5h", used, resetsAt)]
  }
  return []
}

const ZAI_UNITS: Readonly<Record<number, string>> = { 1: "d", 3: "h", 5: "m" }

/** zai `data.limits`: `TOKENS_LIMIT` -> `Tokens (<n>d|h|m)`, `TIME_LIMIT` -> `Monthly`; needs `success` and code 200. */
const zaiWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
  const root = fields(body)
  if (root?.success !== true || numberOf(root.code) !== 200) return []
  return list(fields(root.data)?.limits).flatMap((raw) => {
    const limit = fields(raw)
    if (limit === undefined) return []
    const used = numberOf(limit.percentage) ?? 0
    const resetsAt = instantOf(limit.nextResetTime)
    if (limit.type === "TIME_LIMIT") return [windowOf("Monthly", used, resetsAt)]
    if (limit.type !== "TOKENS_LIMIT") return []
    const unit = ZAI_UNITS[numberOf(limit.unit) ?? 0]
    const span = unit && numberOf(limit.number) !== undefined ? `${numberOf(limit.number)}${unit}` : "Limit"
    return [windowOf(`Tokens (${span})`, used, resetsAt)]
  })
}

/**
 * Windows from a usage answer (`followUp`: the answer to the request's follow-up): anthropic `five_hour` -> `5h`,
 * `seven_day` -> `Week`, then `Sonnet` | `Opus`; github-copilot `Premium`, `Chat`; openai-codex `<N>h`, `Day`;
 * google-gemini-cli `Pro`, `Flash`; google-antigravity `Credits` and per model; minimax `<N>h`; zai
 * `Tokens (<n>h)`, `Monthly`. Anything unreadable gives no windows.
 */
export const usageWindows = (
  provider: string,
  body: unknown,
  followUp?: unknown
): ReadonlyArray<UsageWindow> => {
  switch (provider) {
    case "github-copilot":
      return copilotWindows(body)
    case "openai-codex":
      return codexWindows(body)
    case "google-gemini-cli":
      return geminiWindows(body)
    case "google-antigravity":
      return antigravityWindows(body, followUp)
    case "minimax":
      return minimaxWindows(body)
    case "zai":
      return zaiWindows(body)
    case "anthropic":
      return anthropicWindows(body)
    default:
      return []
  }
}

const anthropicWindows = (body: unknown): ReadonlyArray<UsageWindow> => {
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
