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
import type { ProbeSettings, ProbeSummary } from "../../domain/probe/types.js"
import { renderProbesText } from "../../domain/render/probes.js"
import { renderStatusJson, renderStatusText } from "../../domain/render/status.js"
import { checkCode, providersInUse } from "../../domain/status.js"
import { sanitizeText } from "../../domain/terminal.js"
import { withStderr } from "../../layers/Reporter.js"
import { suggestedCommand } from "../../programs/modelInput.js"
import { type ProbeOptions, probeWith } from "../../programs/probe.js"
import { type AgentOption, statusContext, statusUsage } from "../../programs/status.js"
import { AuthStore } from "../../services/AuthStore.js"
import { Environment } from "../../services/Environment.js"
import { Paths } from "../../services/Paths.js"
import { checked } from "./flags.js"
import {
  agentIdOf,
  agentOption,
  json,
  type OutputMode,
  outputMode,
  plain,
  staleCatalogLine
} from "./shared.js"

/** `--probe*` flags after parsing; `models` holds the raw `--probe-model` refs (resolved against the config). */
export interface ProbeRequest {
  readonly provider?: string
  readonly profileIds: ReadonlyArray<string>
  readonly models: ReadonlyArray<string>
  readonly allModels: boolean
  readonly settings: ProbeSettings
}

export interface StatusFlags extends AgentOption {
  readonly mode: OutputMode
  readonly check: boolean
  /** Run live auth probes (spec §4). */
  readonly probe?: ProbeRequest
}

const probeOptionsOf = (request: ProbeRequest): ProbeOptions => ({
  ...(request.provider === undefined ? {} : { provider: request.provider }),
  profileIds: request.profileIds,
  models: request.models,
  allModels: request.allModels,
  timeout: request.settings.timeout,
  concurrency: request.settings.concurrency,
  maxTokens: request.settings.maxTokens
})

/** The status command: the status (and probe) programs, rendered; `--check` turns `checkCode` into the exit code. */
const statusCommand = Effect.fn("models.status")(function* (flags: StatusFlags) {
  if (flags.probe && flags.mode === "plain")
    return yield* new UsageError({ reason: PROBE_WITH_PLAIN_MESSAGE })
  const paths = yield* Paths
  const context = yield* statusContext(flags)
  let view = context.view(context.store)
  const probes: ProbeSummary | undefined = flags.probe
    ? yield* probeWith(context, view, probeOptionsOf(flags.probe))
    : undefined
  // A probe may have refreshed an expired OAuth profile: report the store as it is now, not as it was.
  const current = probes ? yield* (yield* AuthStore).read(context.agentDir) : context.store
  if (current !== context.store) view = context.view(current)
  if (flags.mode === "json") {
    yield* Console.log(renderStatusJson(view, probes ? { auth: { probes } } : {}))
  } else if (flags.mode === "plain") {
    yield* Console.log(sanitizeText(view.resolvedDefault))
  } else {
    const usage = yield* statusUsage(view, context, current)
    const text = renderStatusText(view, { shorten: paths.shorten, command: yield* suggestedCommand, usage })
    yield* Console.log(probes ? `${text}\n${renderProbesText(probes)}` : text)
    const stale = yield* staleCatalogLine
    if (stale !== undefined) yield* Console.log(sanitizeText(stale))
  }
  if (flags.check) {
    const code = checkCode(
      view,
      probes ? { results: probes.results, providersInUse: providersInUse(context.config) } : undefined
    )
    if (code !== 0) return yield* new ExitCode({ code })
  }
  return view
})

/** The status command with the CLI's reporter: warnings and (on a terminal) probe progress on stderr. */
export const runStatus = (flags: StatusFlags) =>
  Effect.flatMap(Environment, (environment) =>
    withStderr({ progress: environment.isTTY.stderr })(statusCommand(flags))
  )

// CLI specification: options in spec order (§3.2), then the beyond-the-reference probe options (issue 3).
const check = Options.boolean("check").pipe(
  Options.withDescription(
    "Exit 1 if an OAuth/token profile is expired or missing or a model in use has no auth; 2 if one expires within 24 h. With --probe also 1 when a provider in use fails its probe (auth, billing, format, no_model), 2 when it is rate limited, times out or is unclear"
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
    probeAllModels,
    agent: agentOption
  },
  (flags) =>
    Effect.flatMap(outputMode(flags), (mode) =>
      Effect.zipRight(
        ignoredProbeFlagsWarning(flags),
        runStatus({
          mode,
          check: flags.check,
          ...agentIdOf(flags.agent),
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
    "Show the default model, fallbacks, aliases and an auth overview. With --probe, checks each credential live."
  )
)
