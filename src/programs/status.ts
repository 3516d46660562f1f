/**
 * The status program (spec §3.2): an agent's models and auth overview as data. No network, no ProviderClient, no
 * Catalog: probes are a separate program (src/programs/probe.ts); usage windows are `statusUsage`.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { agentDirOf, configForAgent } from "../domain/agents.js"
import { type ClawdbotConfig, configEnvValue } from "../domain/config.js"
import { isEndpointOverride } from "../domain/dotEnv.js"
import { keysToImport, planShellEnv } from "../domain/shellEnv.js"
import {
  type CheckCode,
  checkCode,
  computeStatus,
  isExpirable,
  type ProbeCheck,
  providersInUse,
  type StatusView
} from "../domain/status.js"
import { sanitizeText } from "../domain/terminal.js"
import {
  USAGE_PROVIDERS,
  type UsageRequest,
  usageCredential,
  usageRequest,
  usageSummary,
  usageWindows
} from "../domain/usage.js"
import { type AuthSnapshot, AuthStore } from "../services/AuthStore.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { Paths } from "../services/Paths.js"
import { Reporter } from "../services/Reporter.js"
import { ShellEnv } from "../services/ShellEnv.js"
import { Usage } from "../services/Usage.js"
import { type AgentOption, requireAgentId } from "./agent.js"

export { type AgentOption, type CheckCode, checkCode, type ProbeCheck, providersInUse, type StatusView }

/**
 * Env lookup with the config's `env` section filling unset variables (spec §5.2), except the endpoint overrides:
 * like a `.env`, the config may not decide where a token is sent through them (src/domain/dotEnv.ts).
 */
export const envWithConfig = (config: ClawdbotConfig) =>
  Effect.map(Environment, (env) => (name: string): string | undefined => {
    const value = env.get(name)
    if ((value !== undefined && value.trim() !== "") || isEndpointOverride(name)) return value
    return configEnvValue(config, name) ?? value
  })

/**
 * The agent a read is for and what it sees: its id, the config as that agent sees it (configForAgent), and its
 * auth dir. Without a requested agent the dir is the main agent dir (`CLAWDBOT_AGENT_DIR` first, spec §1.3), as
 * the reference's status, list, probes and scan read it; a requested agent reads its own dir. An unknown id fails
 * with NotFound naming the ids that exist.
 */
export const agentView = Effect.fn("agentView")(function* (config: ClawdbotConfig, options?: AgentOption) {
  const paths = yield* Paths
  const requested = options?.agentId
  const agentId = yield* requireAgentId(config, requested)
  const explicit = requested !== undefined && requested.trim() !== ""
  const ownDir = explicit && !(agentId === "main" && agentDirIsDefault(config, agentId, paths))
  return {
    agentId,
    config: configForAgent(config, agentId),
    agentDir: ownDir ? agentDirOf(config, agentId, paths) : paths.mainAgentDir
  }
})

/** `main` without an `agentDir` of its own lives in the main agent dir (which `CLAWDBOT_AGENT_DIR` may move). */
const agentDirIsDefault = (config: ClawdbotConfig, agentId: string, paths: Paths["Type"]) =>
  agentDirOf(config, agentId, paths) === paths.agentDirOf(agentId)

type Vars = Readonly<Record<string, string>>
const noVars: Vars = {}

/**
 * Shell env fallback (spec §5.3): runs the login shell when enabled and imports missing expected keys. Optional:
 * a host runtime without a ShellEnv layer gets no fallback. A failure is reported, never an error.
 */
const shellEnvFallback = (env: (name: string) => string | undefined, config: ClawdbotConfig) =>
  Effect.gen(function* () {
    const plan = planShellEnv(env, config.env?.shellEnv)
    const service = yield* Effect.serviceOption(ShellEnv)
    if (plan._tag !== "Run" || Option.isNone(service)) {
      return { enabled: plan._tag !== "Off", imported: noVars }
    }
    const reporter = yield* Reporter
    const imported: Vars = yield* service.value.read(plan.shell, plan.timeoutMs).pipe(
      Effect.map((vars) => keysToImport(vars, env)),
      Effect.catchAll((error) =>
        Effect.as(
          reporter.warn(sanitizeText(`[clawdbot] shell env fallback failed: ${error.message}`)),
          noVars
        )
      )
    )
    return { enabled: true, imported }
  })

/** Everything a status read (and a probe run) works from, loaded once. */
export interface StatusContext {
  readonly agentId: string
  readonly agentDir: string
  /** The config as the agent sees it. */
  readonly config: ClawdbotConfig
  readonly store: AuthSnapshot
  /** Env lookup: process env, config `env`, shell env fallback. */
  readonly env: (name: string) => string | undefined
  readonly view: (store: AuthSnapshot) => StatusView
}

/** Loads the config, the agent's auth store and env once (the shell env fallback runs at most once). */
export const statusContext = Effect.fn("statusContext")(function* (options?: AgentOption) {
  const paths = yield* Paths
  const environment = yield* Environment
  const { config: raw } = yield* (yield* ConfigStore).read
  const { agentId, config, agentDir } = yield* agentView(raw, options)
  const store = yield* (yield* AuthStore).read(agentDir)
  const baseEnv = yield* envWithConfig(config)
  const shell = yield* shellEnvFallback(baseEnv, config)
  const env = (name: string) => {
    const value = baseEnv(name)
    return value !== undefined && value.trim() !== "" ? value : (shell.imported[name] ?? value)
  }
  const view = (current: AuthSnapshot) =>
    computeStatus({
      configPath: paths.configPath,
      agentDir,
      storePath: current.path,
      shorten: paths.shorten,
      config,
      store: current,
      env,
      now: environment.now(),
      shellEnv: { enabled: shell.enabled, appliedKeys: Object.keys(shell.imported) }
    })
  return { agentId, agentDir, config, store, env, view } satisfies StatusContext
})

/**
 * An agent's status (spec §3.2): config and agent paths, resolved default model, fallbacks, image model, aliases,
 * configured models and the auth overview. Reads files only; `checkCode(view)` gives the `--check` exit code.
 */
export const status = Effect.fn("status")(function* (options?: AgentOption) {
  const context = yield* statusContext(options)
  return context.view(context.store)
})

/** All of one provider's usage requests (a follow-up included) end by this, answered or not (spec §3.2). */
export const USAGE_PROVIDER_CAP = Duration.millis(4500)

/**
 * Usage windows for the OAuth/token block (spec §3.2), per provider, as one summary line each: providers with an
 * oauth/token profile that have a usage endpoint, asked in parallel (the Usage layer times each request out at
 * 3.5 s; a provider's requests together at 4.5 s); failures give nothing. Without a Usage layer: none.
 */
export const statusUsage = Effect.fn("statusUsage")(function* (
  view: StatusView,
  context: StatusContext,
  store: AuthSnapshot = context.store
) {
  const service = yield* Effect.serviceOption(Usage)
  if (Option.isNone(service)) return {}
  const usage = service.value
  const environment = yield* Environment
  const now = environment.now()
  const requests = view.auth.oauth.providers.flatMap(({ provider, profiles }) => {
    // only providers with an oauth/token profile get a usage line (spec §3.2), not every provider of the set
    if (!USAGE_PROVIDERS.includes(provider) || !profiles.some(isExpirable)) return []
    const credential = usageCredential(provider, store, context.config, context.env, now)
    const request =
      credential === undefined ? undefined : usageRequest(provider, credential.token, context.env, credential)
    return request ? [request] : []
  })
  const windowsOf = (request: UsageRequest) =>
    Effect.gen(function* () {
      const body = yield* usage.fetch(request)
      const followUp =
        request.followUp && body !== undefined ? yield* usage.fetch(request.followUp(body)) : undefined
      return usageWindows(request.provider, body, followUp)
    }).pipe(
      Effect.timeoutTo({ duration: USAGE_PROVIDER_CAP, onTimeout: () => [], onSuccess: (windows) => windows })
    )
  const answers = yield* Effect.forEach(
    requests,
    (request) => Effect.map(windowsOf(request), (windows) => [request.provider, windows] as const),
    { concurrency: "unbounded" }
  )
  const summaries: Record<string, string> = {}
  for (const [provider, windows] of answers) {
    const summary = usageSummary(windows, environment.now())
    if (summary !== "") summaries[provider] = summary
  }
  return summaries
})
