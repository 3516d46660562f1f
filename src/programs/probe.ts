/**
 * Runs probe targets (spec §4 "Execution"; issue 3 scope 4): `Effect.forEach` with bounded concurrency, each
 * target under its own timeout. The timeout is applied here and nowhere else; when it fires the fiber is
 * interrupted, which aborts the HTTP request (its socket is closed, not left to finish). Worst case wall time:
 * ⌈targets / concurrency⌉ × timeout. Needs only ProviderClient; probes never write the auth store.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { ProviderEndpoint } from "../domain/catalog.js"
import { aliasIndexOf } from "../domain/config.js"
import { InvalidModelRef, UsageError } from "../domain/errors.js"
import { withImplicitProviders } from "../domain/implicitProviders.js"
import { normalizeProviderId, resolveModelInput } from "../domain/modelRef.js"
import {
  type Classified,
  classifyOutcome,
  classifyRequestError,
  refreshFailed,
  timedOut
} from "../domain/probe/classify.js"
import {
  missingCredentialPart,
  planProbes,
  planSecrets,
  selectionProblem,
  unsendable
} from "../domain/probe/plan.js"
import type {
  ProbePlan,
  ProbeResult,
  ProbeSelection,
  ProbeSettings,
  ProbeSummary,
  ProbeTarget
} from "../domain/probe/types.js"
import { redactLine } from "../domain/redact.js"
import type { StatusView } from "../domain/status.js"
import type { ChatCredential } from "../domain/wire/types.js"
import { Catalog } from "../services/Catalog.js"
import { Environment } from "../services/Environment.js"
import { OAuthRefresh } from "../services/OAuthRefresh.js"
import { ProviderClient } from "../services/ProviderClient.js"
import { Reporter } from "../services/Reporter.js"
import { type AgentOption, type StatusContext, statusContext } from "./status.js"

/** Longest error detail a probe result keeps (after redaction: see src/domain/redact.ts). */
export const PROBE_ERROR_LIMIT = 240

export interface ProbeHooks<R = never> {
  /** Fresh credential for a target whose OAuth token expired; fails with a reason (no secret in it). */
  readonly refresh?: (target: ProbeTarget) => Effect.Effect<ChatCredential, string, R>
  /** Called as each target starts (progress display). */
  readonly onStart?: (target: ProbeTarget, started: number, total: number) => Effect.Effect<void, never, R>
}

const resultOf = (
  target: ProbeTarget,
  classified: Classified,
  latencyMs: number,
  secrets: ReadonlyArray<string>
): ProbeResult => ({
  provider: target.provider,
  model: target.model,
  ...(target.profileId !== undefined ? { profileId: target.profileId } : {}),
  label: target.label,
  source: target.source,
  mode: target.mode,
  status: classified.status,
  ...(classified.error !== undefined
    ? { error: redactLine(classified.error, secrets, PROBE_ERROR_LIMIT) }
    : {}),
  latencyMs
})

/** One target: refresh if needed, one request, classified; a timeout becomes status `timeout`. */
export const probeOne = <R = never>(
  target: ProbeTarget,
  settings: ProbeSettings,
  secrets: ReadonlyArray<string>,
  hooks: ProbeHooks<R> = {}
): Effect.Effect<ProbeResult, never, ProviderClient | R> =>
  Effect.gen(function* () {
    const client = yield* ProviderClient
    const start = yield* Clock.currentTimeMillis
    // A refreshed access token is a secret the plan never saw: scrub it from this target's error too.
    let credential = target.chat.credential
    const attempt: Effect.Effect<Classified, never, R> = Effect.gen(function* () {
      if (target.needsRefresh && hooks.refresh) {
        const refreshed = yield* Effect.either(hooks.refresh(target))
        if (refreshed._tag === "Left") return refreshFailed(refreshed.left)
        credential = refreshed.right
      }
      const problem = unsendable(target, credential)
      if (problem !== undefined) return { status: "format", error: problem } satisfies Classified
      const incomplete = target.needsRefresh
        ? missingCredentialPart({ ...target.chat, credential })
        : undefined
      if (incomplete !== undefined) return { status: "auth", error: incomplete } satisfies Classified
      return yield* client
        .chat({ ...target.chat, credential }, { maxTokens: settings.maxTokens })
        .pipe(Effect.match({ onFailure: classifyRequestError, onSuccess: classifyOutcome }))
    })
    const classified = yield* attempt.pipe(
      Effect.timeoutOption(settings.timeout),
      Effect.map(Option.getOrElse(() => timedOut(Duration.toMillis(settings.timeout))))
    )
    const end = yield* Clock.currentTimeMillis
    return resultOf(target, classified, end - start, [...secrets, Redacted.value(credential.secret)])
  }).pipe(Effect.withSpan("probe", { attributes: { provider: target.provider, label: target.label } }))

/** Runs every target of a plan and builds the summary (planning results first, then probes in target order). */
export const runProbes = <R = never>(
  plan: ProbePlan,
  settings: ProbeSettings,
  selection: ProbeSelection,
  hooks: ProbeHooks<R> = {}
): Effect.Effect<ProbeSummary, never, ProviderClient | R> =>
  Effect.gen(function* () {
    const startedAt = yield* Clock.currentTimeMillis
    const secrets = planSecrets(plan)
    const total = plan.targets.length
    let started = 0
    const results = yield* Effect.forEach(
      plan.targets,
      (target) =>
        Effect.suspend(() => {
          started++
          return hooks.onStart ? hooks.onStart(target, started, total) : Effect.void
        }).pipe(Effect.zipRight(probeOne(target, settings, secrets, hooks))),
      { concurrency: Math.max(1, Math.min(settings.concurrency, total)) }
    )
    const finishedAt = yield* Clock.currentTimeMillis
    return {
      startedAt,
      finishedAt,
      durationMs: finishedAt - startedAt,
      totalTargets: total,
      options: {
        ...(selection.provider !== undefined ? { provider: selection.provider } : {}),
        profileIds: selection.profileIds,
        ...(selection.models.length > 0 ? { models: selection.models } : {}),
        ...(selection.allModels ? { allModels: true } : {}),
        timeoutMs: Duration.toMillis(settings.timeout),
        concurrency: settings.concurrency,
        maxTokens: settings.maxTokens
      },
      results: [...plan.planned, ...results]
    }
  })

/** What to probe and how (spec §3.2 `--probe*`); every field is optional. */
export interface ProbeOptions {
  /** Only this provider. */
  readonly provider?: string
  /** Only these auth profile ids. */
  readonly profileIds?: ReadonlyArray<string>
  /** Probe these models (`provider/model` or an alias) instead of each provider's default; only their providers. */
  readonly models?: ReadonlyArray<string>
  /** Probe every configured model with each credential. */
  readonly allModels?: boolean
  /** Per-probe timeout; default 8 seconds. */
  readonly timeout?: Duration.DurationInput
  /** Probes at a time; default 2. */
  readonly concurrency?: number
  /** Max tokens per probe request; default 8. */
  readonly maxTokens?: number
}

/** The defaults of `--probe-timeout`, `--probe-concurrency` and `--probe-max-tokens`. */
export const PROBE_DEFAULTS = { timeoutMs: 8000, concurrency: 2, maxTokens: 8 } as const

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
              Effect.map(
                (credential): ChatCredential => ({
                  ...target.chat.credential,
                  kind: "oauth",
                  secret: credential.access
                })
              ),
              Effect.mapError((error) => (error._tag === "OAuthRefreshFailed" ? error.reason : error.message))
            )
    })

/** Plans and runs the probes for `view`'s providers from a loaded status context (one config/store read). */
export const probeWith = Effect.fn("probeWith")(function* (
  context: StatusContext,
  view: StatusView,
  options: ProbeOptions = {}
) {
  const { config, store, env } = context
  const environment = yield* Environment
  const catalog = yield* Catalog
  const reporter = yield* Reporter
  const index = aliasIndexOf(config)
  const models: Array<string> = []
  for (const raw of options.models ?? []) {
    const resolved = resolveModelInput(raw, index)
    if (Either.isLeft(resolved)) return yield* new InvalidModelRef({ raw })
    models.push(resolved.right.key)
  }
  const provider = options.provider?.trim()
  const selection: ProbeSelection = {
    ...(provider ? { provider: normalizeProviderId(provider) } : {}),
    profileIds: options.profileIds ?? [],
    models,
    allModels: options.allModels ?? false
  }
  const inView = view.auth.providers.map((p) => p.provider)
  const problem = selectionProblem(selection, inView, store)
  if (problem !== undefined) return yield* new UsageError({ reason: problem })
  const providers = [...new Set([...inView, ...models.map((k) => k.split("/")[0]!)])]
  const endpoints = new Map<string, ProviderEndpoint>()
  // Implicit providers (moonshot, synthetic, ...) bring their endpoints and models when credentials exist.
  const catalogConfig = withImplicitProviders(config, store, env)
  for (const name of providers) {
    const endpoint = yield* catalog.endpoint(catalogConfig, name)
    if (endpoint) endpoints.set(name, endpoint)
  }
  const plan = planProbes({
    config,
    store,
    env,
    now: environment.now(),
    providers: inView,
    catalog: yield* catalog.models(catalogConfig),
    endpoints,
    selection
  })
  if (plan.targets.length > 0) yield* reporter.progress("Probing auth profiles…")
  const hooks: ProbeHooks = {
    refresh: refreshHook(yield* Effect.serviceOption(OAuthRefresh), context.agentDir),
    onStart: (target, started, total) =>
      reporter.progress(`Probing ${target.provider} (${target.label}) [${started}/${total}]`)
  }
  const settings: ProbeSettings = {
    timeout: Duration.decode(options.timeout ?? PROBE_DEFAULTS.timeoutMs),
    concurrency: options.concurrency ?? PROBE_DEFAULTS.concurrency,
    maxTokens: options.maxTokens ?? PROBE_DEFAULTS.maxTokens
  }
  const summary = yield* runProbes(plan, settings, selection, hooks)
  yield* reporter.progressDone
  return summary
})

/**
 * Live auth probes (spec §4): one tiny real request per configured credential of the agent, through the
 * ProviderClient, returning each `ProbeResult` in a `ProbeSummary`. Writes nothing except a refreshed OAuth token.
 */
export const probe = Effect.fn("probe")(function* (options?: ProbeOptions & AgentOption) {
  const context = yield* statusContext(options)
  return yield* probeWith(context, context.view(context.store), options)
})
