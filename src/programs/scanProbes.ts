/**
 * Probing the scan candidates (spec §3.9.7): per model a tool probe, then (image models only) an image probe,
 * each request under the `--timeout`; `--concurrency` models in flight at most, so at most that many requests;
 * the whole phase under the `--deadline`. The only file that applies them to probes (the catalog fetch has its timeout in scan.ts).
 * Needs ProviderClient only.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type { OpenRouterModel } from "../domain/scan/catalog.js"
import type { ScanKey } from "../domain/scan/key.js"
import {
  IMAGE_PROBE,
  imageOutcome,
  requestFailed,
  TOOL_PROBE,
  timedOut,
  toolOutcome
} from "../domain/scan/probe.js"
import {
  type ProbeOutcome,
  type ScanResult,
  SKIPPED,
  scanResult,
  wantsImageProbe
} from "../domain/scan/select.js"
import type { ChatEndpoint, ChatOptions, ChatOutcome, ChatTarget } from "../domain/wire/types.js"
import { ProviderClient } from "../services/ProviderClient.js"

export interface ProbeSettings {
  readonly timeoutMs: number
  readonly concurrency: number
  /** The whole probe phase ends by then: requests in flight are aborted. Absent: no deadline. */
  readonly deadlineMs?: number
}

export interface ProbeRun {
  /** Models whose probes all finished, in the order given. */
  readonly results: ReadonlyArray<ScanResult>
  /** Models the deadline cut off (never started, or interrupted mid-probe), in the order given. */
  readonly notProbed: ReadonlyArray<OpenRouterModel>
}

export interface ProbeContext {
  /** OpenRouter's endpoint (config overrides applied). */
  readonly endpoint: ChatEndpoint
  readonly key: ScanKey
  /** Every other secret the run knows (store, env, config): redacted from errors with the key. */
  readonly secrets?: ReadonlyArray<string>
  readonly settings: ProbeSettings
  /** Called after each model is done (`done` of `total`). */
  readonly onProgress?: (done: number, total: number) => Effect.Effect<void>
}

const targetFor = (model: OpenRouterModel, context: ProbeContext): ChatTarget => ({
  provider: "openrouter",
  model: model.id,
  endpoint: context.endpoint,
  credential: { kind: "api_key", secret: context.key.secret }
})

/** One request, timed with the Clock, cut off at the timeout (interruption aborts the HTTP request). */
const probe = (
  target: ChatTarget,
  options: ChatOptions,
  timeoutMs: number,
  secrets: ReadonlyArray<string>,
  read: (outcome: ChatOutcome, latencyMs: number, secrets: ReadonlyArray<string>) => ProbeOutcome
): Effect.Effect<ProbeOutcome, never, ProviderClient> =>
  Effect.gen(function* () {
    const client = yield* ProviderClient
    const started = yield* Clock.currentTimeMillis
    const answer = yield* client
      .chat(target, options)
      .pipe(Effect.timeout(Duration.millis(timeoutMs)), Effect.either)
    const latencyMs = (yield* Clock.currentTimeMillis) - started
    if (answer._tag === "Right") return read(answer.right, latencyMs, secrets)
    return answer.left._tag === "TimeoutException"
      ? timedOut(timeoutMs)
      : requestFailed(answer.left, latencyMs, secrets)
  })

export const probeModel = (
  model: OpenRouterModel,
  context: ProbeContext
): Effect.Effect<ScanResult, never, ProviderClient> =>
  Effect.gen(function* () {
    const target = targetFor(model, context)
    const { timeoutMs } = context.settings
    const secrets = [...(context.secrets ?? []), Redacted.value(target.credential.secret)]
    const tool = yield* probe(target, TOOL_PROBE, timeoutMs, secrets, toolOutcome)
    const image = wantsImageProbe(model)
      ? yield* probe(target, IMAGE_PROBE, timeoutMs, secrets, imageOutcome)
      : SKIPPED
    return scanResult(model, tool, image)
  }).pipe(Effect.withSpan("scan.probeModel", { attributes: { model: model.id } }))

/**
 * Probes `models`; never fails: every failure is kept in its result. At the deadline the models still in flight
 * are interrupted (their HTTP requests aborted) and, with those never started, come back as `notProbed`.
 */
export const probeModels = (
  models: ReadonlyArray<OpenRouterModel>,
  context: ProbeContext
): Effect.Effect<ProbeRun, never, ProviderClient> =>
  Effect.gen(function* () {
    const done = yield* Ref.make(0)
    const total = models.length
    const report = context.onProgress
    // Filled as each model finishes, so whatever finished before the deadline counts.
    const finished: Array<ScanResult | undefined> = new Array(total)
    if (report) yield* report(0, total)
    const all = Effect.forEach(
      models,
      (model, index) =>
        probeModel(model, context).pipe(
          Effect.tap((result) =>
            Effect.sync(() => {
              finished[index] = result
            })
          ),
          Effect.tap(() =>
            report
              ? Effect.flatMap(
                  Ref.updateAndGet(done, (n) => n + 1),
                  (n) => report(n, total)
                )
              : Effect.void
          )
        ),
      { concurrency: Math.max(1, context.settings.concurrency), discard: true }
    )
    const { deadlineMs } = context.settings
    yield* deadlineMs === undefined ? all : Effect.timeoutOption(all, Duration.millis(deadlineMs))
    return {
      results: finished.filter((result): result is ScanResult => result !== undefined),
      notProbed: models.filter((_, index) => finished[index] === undefined)
    }
  }).pipe(Effect.withSpan("scan.probeModels"))
