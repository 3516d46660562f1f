/** Probe targets, results and settings (spec §4). */
import type * as Duration from "effect/Duration"
import type { ChatTarget } from "../wire/types.js"

export type ProbeStatus =
  | "ok"
  | "auth"
  | "rate_limit"
  | "billing"
  | "timeout"
  | "format"
  | "unknown"
  | "no_model"

export type ProbeSource = "profile" | "env" | "models.json" | "none"
export type ProbeMode = "api_key" | "token" | "oauth"

/** One credential × one model to send a request for. `chat` holds the secret: never print it. */
export interface ProbeTarget {
  readonly provider: string
  /** `provider/model` */
  readonly model: string
  readonly profileId?: string
  readonly label: string
  readonly source: ProbeSource
  readonly mode: ProbeMode
  readonly chat: ChatTarget
  /** Where the secret came from, for messages: `auth profile openai:default`, `OPENAI_API_KEY`, a config key. */
  readonly secretOrigin: string
  /** An `oauth` profile whose access token has expired: refresh it first (spec §6.1). */
  readonly needsRefresh: boolean
}

export interface ProbeResult {
  readonly provider: string
  readonly model?: string
  readonly profileId?: string
  readonly label: string
  readonly source: ProbeSource
  readonly mode?: ProbeMode
  readonly status: ProbeStatus
  readonly error?: string
  readonly latencyMs?: number
}

export interface ProbePlan {
  /** Results decided while planning (no model, excluded by auth.order, credentials missing/expired). */
  readonly planned: ReadonlyArray<ProbeResult>
  readonly targets: ReadonlyArray<ProbeTarget>
  /** Every secret the run knows (store, env, config), redacted from every probe's error. */
  readonly secrets?: ReadonlyArray<string>
}

/** What the user asked to probe (flags other than the run settings). */
export interface ProbeSelection {
  readonly provider?: string
  readonly profileIds: ReadonlyArray<string>
  /** `--probe-model`, resolved to `provider/model` keys. */
  readonly models: ReadonlyArray<string>
  readonly allModels: boolean
}

/** How to run the probes. `timeout` is applied per target in run.ts and nowhere else. */
export interface ProbeSettings {
  readonly timeout: Duration.Duration
  readonly concurrency: number
  readonly maxTokens: number
}

export interface ProbeSummary {
  readonly startedAt: number
  readonly finishedAt: number
  readonly durationMs: number
  readonly totalTargets: number
  readonly options: {
    readonly provider?: string
    readonly profileIds: ReadonlyArray<string>
    readonly models?: ReadonlyArray<string>
    readonly allModels?: boolean
    readonly timeoutMs: number
    readonly concurrency: number
    readonly maxTokens: number
  }
  readonly results: ReadonlyArray<ProbeResult>
}
