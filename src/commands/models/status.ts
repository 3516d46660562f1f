/**
 * models status [--json] [--plain] [--check] [--probe] [--probe-provider <name>] [--probe-profile <id>]...
 *               [--probe-timeout <ms>] [--probe-concurrency <n>] [--probe-max-tokens <n>]
 *               [--probe-model <ref>]... [--probe-all-models]                                   (spec §3.2, §4)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { AuthProfiles } from "../../domain/authProfiles.js"
import type { ProviderEndpoint } from "../../domain/catalog.js"
import type { ClawdbotConfig } from "../../domain/config.js"
import { ExitCode, UsageError } from "../../domain/errors.js"
import {
  PROBE_CONCURRENCY_MESSAGE,
  PROBE_MAX_TOKENS_MESSAGE,
  PROBE_TIMEOUT_MESSAGE,
  PROBE_WITH_PLAIN_MESSAGE,
  positiveInteger,
  positiveNumber,
  splitList
} from "../../domain/flags.js"
import { normalizeProviderId } from "../../domain/modelRef.js"
import { planProbes, selectionProblem } from "../../domain/probe/plan.js"
import type { ProbeSelection, ProbeSettings, ProbeSummary, ProbeTarget } from "../../domain/probe/types.js"
import { renderProbesText } from "../../domain/render/probes.js"
import { renderStatusJson, renderStatusText } from "../../domain/render/status.js"
import { keysToImport, planShellEnv } from "../../domain/shellEnv.js"
import { checkCode, computeStatus, type StatusView } from "../../domain/status.js"
import { sanitizeText } from "../../domain/terminal.js"
import { USAGE_PROVIDERS, usageRequest, usageSummary, usageToken, usageWindows } from "../../domain/usage.js"
import type { ChatCredential } from "../../domain/wire/types.js"
import { type ProbeHooks, runProbes } from "../../programs/probe.js"
import { AuthStore } from "../../services/AuthStore.js"
import { Catalog } from "../../services/Catalog.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { Environment } from "../../services/Environment.js"
import { OAuthRefresh } from "../../services/OAuthRefresh.js"
import { Paths } from "../../services/Paths.js"
import { ShellEnv } from "../../services/ShellEnv.js"
import { Usage } from "../../services/Usage.js"
import { checked } from "./flags.js"
import {
  envWithConfig,
  json,
  lineProgress,
  type OutputMode,
  outputMode,
  plain,
  resolveModel,
  suggestedCommand
} from "./shared.js"

/**
 * Shell env fallback (spec §5.3): runs the login shell when enabled and imports missing expected keys. Optional:
 * a host runtime without a ShellEnv layer gets no fallback. A failure is a warning on stderr, never an error.
 */
type Vars = Readonly<Record<string, string>>
const noVars: Vars = {}

const shellEnvFallback = (env: (name: string) => string | undefined, config: ClawdbotConfig) =>
  Effect.gen(function* () {
    const plan = planShellEnv(env, config.env?.shellEnv)
    const service = yield* Effect.serviceOption(ShellEnv)
    if (plan._tag !== "Run" || Option.isNone(service)) {
      return { enabled: plan._tag !== "Off", imported: noVars }
    }
    const imported: Vars = yield* service.value.read(plan.shell, plan.timeoutMs).pipe(
      Effect.map((vars) => keysToImport(vars, env)),
      Effect.catchAll((error) =>
        Effect.as(
          Console.error(sanitizeText(`[clawdbot] shell env fallback failed: ${error.message}`)),
          noVars
        )
      )
    )
    return { enabled: true, imported }
  })

/** `--probe*` flags after parsing; `models` holds the raw `--probe-model` refs (resolved against the config). */
export interface ProbeRequest {
  readonly provider?: string
  readonly profileIds: ReadonlyArray<string>
  readonly models: ReadonlyArray<string>
  readonly allModels: boolean
  readonly settings: ProbeSettings
}

export interface StatusFlags {
  readonly mode: OutputMode
  readonly check: boolean
  /** Run live auth probes (spec §4). */
  readonly probe?: ProbeRequest
}

/**
 * Expired OAuth profiles are refreshed before their probe (spec §6.1) — the only store write a probe can cause.
 * Optional: a host runtime without an OAuthRefresh layer gets `auth` results for expired tokens.
 */
const refreshHook =
  (service: Option.Option<OAuthRefresh["Type"]>, agentDir: string) =>
  (target: ProbeTarget): Effect.Effect<ChatCredential, string> =>
    Option.match(service, {
      onNone: () => Effect.fail("the access token has expired and no refresher is available"),
      onSome: (refresher) =>
        target.profileId === undefined
          ? Effect.fail("only stored profiles can be refreshed")
          : refresher.refresh(agentDir, target.profileId).pipe(
              Effect.map((credential): ChatCredential => ({ kind: "oauth", secret: credential.access })),
              Effect.mapError((error) => (error._tag === "OAuthRefreshFailed" ? error.reason : error.message))
            )
    })

/**
 * Usage summaries for the OAuth/token block (spec §3.2): providers with an oauth/token profile that have a usage
 * endpoint, asked in parallel (the Usage layer times each out at 3.5 s); failures print nothing. Optional: a host
 * runtime without a Usage layer gets none.
 */
const usageSummaries = (
  view: StatusView,
  inputs: {
    readonly config: ClawdbotConfig
    readonly store: AuthProfiles
    readonly env: (name: string) => string | undefined
  }
) =>
  Effect.gen(function* () {
    const service = yield* Effect.serviceOption(Usage)
    if (Option.isNone(service)) return {}
    const environment = yield* Environment
    const now = environment.now()
    const requests = view.auth.oauth.providers.flatMap(({ provider }) => {
      if (!USAGE_PROVIDERS.includes(provider)) return []
      const token = usageToken(provider, inputs.store, inputs.config, now)
      const request = token === undefined ? undefined : usageRequest(provider, token, inputs.env)
      return request ? [request] : []
    })
    const answers = yield* Effect.forEach(
      requests,
      (request) =>
        Effect.map(
          service.value.fetch(request),
          (body) => [request.provider, usageWindows(request.provider, body)] as const
        ),
      { concurrency: "unbounded" }
    )
    const summaries: Record<string, string> = {}
    for (const [provider, windows] of answers) {
      const summary = usageSummary(windows, environment.now())
      if (summary !== "") summaries[provider] = summary
    }
    return summaries
  })

/** Plans and runs the probes for `view`'s provider set. */
const probeAuth = Effect.fn("models.status.probe")(function* (
  view: StatusView,
  request: ProbeRequest,
  inputs: {
    readonly config: ClawdbotConfig
    readonly store: AuthProfiles
    readonly env: (name: string) => string | undefined
  }
) {
  const { config, store, env } = inputs
  const environment = yield* Environment
  const catalog = yield* Catalog
  const models: Array<string> = []
  for (const raw of request.models) models.push((yield* resolveModel(raw, config)).key)
  const selection: ProbeSelection = {
    ...(request.provider !== undefined ? { provider: normalizeProviderId(request.provider) } : {}),
    profileIds: request.profileIds,
    models,
    allModels: request.allModels
  }
  const problem = selectionProblem(
    selection,
    view.auth.providers.map((p) => p.provider),
    store
  )
  if (problem !== undefined) return yield* new UsageError({ reason: problem })
  const providers = [
    ...new Set([...view.auth.providers.map((p) => p.provider), ...models.map((k) => k.split("/")[0]!)])
  ]
  const endpoints = new Map<string, ProviderEndpoint>()
  for (const provider of providers) {
    const endpoint = yield* catalog.endpoint(config, provider)
    if (endpoint) endpoints.set(provider, endpoint)
  }
  const plan = planProbes({
    config,
    store,
    env,
    now: environment.now(),
    providers: view.auth.providers.map((p) => p.provider),
    catalog: yield* catalog.models(config),
    endpoints,
    selection
  })
  // `Probing …` on one line of stderr, only when stderr is a terminal (spec conventions).
  const progress = yield* lineProgress(environment.isTTY.stderr && plan.targets.length > 0)
  yield* progress.show("Probing auth profiles…")
  const hooks: ProbeHooks = {
    refresh: refreshHook(yield* Effect.serviceOption(OAuthRefresh), (yield* Paths).mainAgentDir),
    onStart: (target, started, total) =>
      progress.show(`Probing ${target.provider} (${target.label}) [${started}/${total}]`)
  }
  const summary = yield* runProbes(plan, request.settings, selection, hooks)
  yield* progress.clear
  return summary
})

/** The status command as an effect: usable from the CLI and from a host runtime. */
export const runStatus = Effect.fn("models.status")(function* (flags: StatusFlags) {
  if (flags.probe && flags.mode === "plain")
    return yield* new UsageError({ reason: PROBE_WITH_PLAIN_MESSAGE })
  const paths = yield* Paths
  const environment = yield* Environment
  const { config } = yield* (yield* ConfigStore).read
  const authStore = yield* AuthStore
  const store = yield* authStore.read(paths.mainAgentDir)
  const baseEnv = yield* envWithConfig(config)
  const shell = yield* shellEnvFallback(baseEnv, config)
  const env = (name: string) => {
    const value = baseEnv(name)
    return value !== undefined && value.trim() !== "" ? value : (shell.imported[name] ?? value)
  }
  const viewOf = (current: typeof store) =>
    computeStatus({
      configPath: paths.configPath,
      agentDir: paths.mainAgentDir,
      storePath: current.path,
      shorten: paths.shorten,
      config,
      store: current,
      env,
      now: environment.now(),
      shellEnv: { enabled: shell.enabled, appliedKeys: Object.keys(shell.imported) }
    })
  let view = viewOf(store)
  const probes: ProbeSummary | undefined = flags.probe
    ? yield* probeAuth(view, flags.probe, { config, store, env })
    : undefined
  // A probe may have refreshed an expired OAuth profile: report the store as it is now, not as it was.
  const current = probes ? yield* authStore.read(paths.mainAgentDir) : store
  if (current !== store) view = viewOf(current)
  if (flags.mode === "json") {
    yield* Console.log(renderStatusJson(view, probes ? { auth: { probes } } : {}))
  } else if (flags.mode === "plain") {
    yield* Console.log(sanitizeText(view.resolvedDefault))
  } else {
    const usage = yield* usageSummaries(view, { config, store: current, env })
    const text = renderStatusText(view, { shorten: paths.shorten, command: yield* suggestedCommand, usage })
    yield* Console.log(probes ? `${text}\n${renderProbesText(probes)}` : text)
  }
  if (flags.check) {
    const code = checkCode(view)
    if (code !== 0) return yield* new ExitCode({ code })
  }
  return view
})

// CLI specification: options in spec order (§3.2), then the beyond-the-reference probe options (issue 3).
const check = Options.boolean("check").pipe(
  Options.withDescription(
    "Exit 1 if an OAuth/token profile is expired or missing or a model in use has no auth; 2 if one expires within 24 h"
  )
)
const probe = Options.boolean("probe").pipe(
  Options.withDescription(
    "Live auth probes: one tiny real request per configured credential (spends a few tokens)"
  )
)
const probeProvider = Options.text("probe-provider").pipe(
  Options.withPseudoName("name"),
  Options.optional,
  Options.withDescription("Only probe this provider")
)
const probeProfile = Options.text("probe-profile").pipe(
  Options.withPseudoName("id"),
  Options.repeated,
  Options.withDescription("Only probe these auth profile ids (repeatable, comma-separated)")
)
const probeTimeout = Options.text("probe-timeout").pipe(
  Options.withPseudoName("ms"),
  Options.withDefault("8000"),
  Options.mapEffect(checked((raw) => positiveNumber(raw, PROBE_TIMEOUT_MESSAGE))),
  Options.withDescription("Per-probe timeout in ms (default 8000)")
)
const probeConcurrency = Options.text("probe-concurrency").pipe(
  Options.withPseudoName("n"),
  Options.withDefault("2"),
  Options.mapEffect(checked((raw) => positiveInteger(raw, PROBE_CONCURRENCY_MESSAGE, "--probe-concurrency"))),
  Options.withDescription("Concurrent probes (default 2)")
)
const probeMaxTokens = Options.text("probe-max-tokens").pipe(
  Options.withPseudoName("n"),
  Options.withDefault("8"),
  Options.mapEffect(checked((raw) => positiveInteger(raw, PROBE_MAX_TOKENS_MESSAGE, "--probe-max-tokens"))),
  Options.withDescription("Probe max tokens (default 8; OpenAI Responses needs at least 16 and gets 16)")
)
const probeModel = Options.text("probe-model").pipe(
  Options.withPseudoName("ref"),
  Options.repeated,
  Options.withDescription(
    "Probe this model (provider/model or alias) instead of the provider's default; only its provider is probed (repeatable)"
  )
)
const probeAllModels = Options.boolean("probe-all-models").pipe(
  Options.withDescription(
    "Probe every configured model (default, fallbacks, image models, allowlist) with each credential"
  )
)

/** `--probe-provider openai` alone probes nothing (spec §3.2): say so rather than print a plain status silently. */
const ignoredProbeFlagsWarning = (flags: {
  readonly probe: boolean
  readonly probeProvider: Option.Option<string>
  readonly probeProfile: ReadonlyArray<string>
  readonly probeModel: ReadonlyArray<string>
  readonly probeAllModels: boolean
}) => {
  if (flags.probe) return Effect.void
  const ignored = [
    ...(Option.isSome(flags.probeProvider) ? ["--probe-provider"] : []),
    ...(flags.probeProfile.length > 0 ? ["--probe-profile"] : []),
    ...(flags.probeModel.length > 0 ? ["--probe-model"] : []),
    ...(flags.probeAllModels ? ["--probe-all-models"] : [])
  ]
  return ignored.length === 0
    ? Effect.void
    : Console.error(`Warning: ${ignored.join(", ")} only apply with --probe; nothing was probed.`)
}

export const status = Command.make(
  "status",
  {
    json,
    plain,
    check,
    probe,
    probeProvider,
    probeProfile,
    probeTimeout,
    probeConcurrency,
    probeMaxTokens,
    probeModel,
    probeAllModels
  },
  (flags) =>
    Effect.flatMap(outputMode(flags), (mode) =>
      Effect.zipRight(
        ignoredProbeFlagsWarning(flags),
        runStatus({
          mode,
          check: flags.check,
          ...(flags.probe
            ? {
                probe: {
                  ...Option.match(flags.probeProvider, {
                    onNone: () => ({}),
                    onSome: (provider) => (provider.trim() === "" ? {} : { provider: provider.trim() })
                  }),
                  profileIds: splitList(flags.probeProfile),
                  models: splitList(flags.probeModel),
                  allModels: flags.probeAllModels,
                  settings: {
                    timeout: Duration.millis(flags.probeTimeout),
                    concurrency: flags.probeConcurrency,
                    maxTokens: flags.probeMaxTokens
                  }
                }
              }
            : {})
        })
      )
    )
).pipe(
  Command.withDescription(
    "Show the resolved default model, fallbacks, aliases and an auth overview; --probe checks each credential live"
  )
)
