/**
 * Runs probe targets (spec §4 "Execution"; issue 3 scope 4): `Effect.forEach` with bounded concurrency, each
 * target under its own timeout. The timeout is applied here and nowhere else; when it fires the fiber is
 * interrupted, which aborts the HTTP request (its socket is closed, not left to finish). Worst case wall time:
 * ⌈targets / concurrency⌉ × timeout. Needs only ProviderClient; probes never write the auth store.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  type Classified,
  classifyOutcome,
  classifyRequestError,
  refreshFailed,
  timedOut
} from "../domain/probe/classify.js"
import { planSecrets, unsendable } from "../domain/probe/plan.js"
import type {
  ProbePlan,
  ProbeResult,
  ProbeSelection,
  ProbeSettings,
  ProbeSummary,
  ProbeTarget
} from "../domain/probe/types.js"
import { redactLine } from "../domain/redact.js"
import type { ChatCredential } from "../domain/wire/types.js"
import { ProviderClient } from "../services/ProviderClient.js"

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
