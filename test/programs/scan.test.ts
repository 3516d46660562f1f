import { describe, expect, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { type OpenRouterModel, parseCatalog } from "../../src/domain/scan/catalog.js"
import type { ChatOptions, ChatOutcome, ChatTarget } from "../../src/domain/wire/types.js"
import * as ProviderClientLayer from "../../src/layers/ProviderClient.js"
import { probeModels } from "../../src/programs/scanProbes.js"

const models: ReadonlyArray<OpenRouterModel> = parseCatalog({
  data: [
    { id: "a/tools:free", supported_parameters: ["tools"] },
    {
      id: "b/vision:free",
      supported_parameters: ["tools"],
      architecture: { input_modalities: ["text", "image"] }
    },
    { id: "c/plain:free" },
    { id: "d/tools:free", supported_parameters: ["tools"] },
    { id: "e/tools:free", supported_parameters: ["tools"] }
  ]
})
const context = {
  endpoint: { api: "openai-completions", baseUrl: "http://fake/api/v1", headers: {} },
  key: { secret: Redacted.make("sk-or-secret-0123456789"), source: "test" },
  settings: { timeoutMs: 1000, concurrency: 2 }
}
const toolReply: ChatOutcome = {
  _tag: "Reply",
  status: 200,
  text: "",
  toolCalls: [{ name: "ping", arguments: "{}" }]
}
const textReply: ChatOutcome = { _tag: "Reply", status: 200, text: "OK", toolCalls: [] }

/** Answers after `delay` of (test) time per request; counts requests in flight. */
const fakeClient = (
  delay: Duration.DurationInput,
  answer: (target: ChatTarget, options: ChatOptions) => ChatOutcome
) => {
  const stats = { inFlight: 0, max: 0, calls: [] as Array<string> }
  const layer = ProviderClientLayer.layerTest((target, options) =>
    Effect.gen(function* () {
      stats.calls.push(`${target.model} ${options.tools ? "tool" : "image"}`)
      stats.inFlight++
      stats.max = Math.max(stats.max, stats.inFlight)
      yield* Effect.sleep(delay)
      return answer(target, options)
    }).pipe(Effect.ensuring(Effect.sync(() => stats.inFlight--)))
  )
  return { stats, layer }
}

describe("probeModels (spec §3.9.7)", () => {
  it.effect(
    "tool probe for every model, image probe only for image models; results keep catalog order",
    () => {
      const { stats, layer } = fakeClient("100 millis", (target, options) =>
        options.tools && target.model === "c/plain:free" ? textReply : options.tools ? toolReply : textReply
      )
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(probeModels(models, context))
        yield* TestClock.adjust("1 second")
        const { results, notProbed } = yield* Fiber.join(fiber)
        expect(notProbed).toEqual([])
        expect(results.map((r) => [r.id, r.tool.ok, r.image.ok, r.image.skipped ?? false])).toEqual([
          ["a/tools:free", true, false, true],
          ["b/vision:free", true, true, false],
          ["c/plain:free", false, false, true],
          ["d/tools:free", true, false, true],
          ["e/tools:free", true, false, true]
        ])
        expect(results[2]?.tool.error).toBe("No tool call returned")
        expect(results[0]?.tool.latencyMs).toBe(100)
        expect(stats.calls.filter((call) => call.endsWith("image"))).toEqual(["b/vision:free image"])
        expect(stats.max).toBe(2)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect(
    "a provider that never answers ends each probe at the timeout; wall time = ceil(n / c) x timeout",
    () => {
      const { stats, layer } = fakeClient("1 hour", () => toolReply)
      const textOnly = models.filter((model) => model.id !== "b/vision:free")
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          probeModels(textOnly, { ...context, settings: { timeoutMs: 500, concurrency: 2 } })
        )
        yield* TestClock.adjust("999 millis")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 millis")
        const { results } = yield* Fiber.join(fiber)
        expect(results.map((r) => r.tool)).toEqual(
          Array.from({ length: 4 }, () => ({ ok: false, latencyMs: 500, error: "Timed out after 500 ms" }))
        )
        expect(stats.inFlight).toBe(0)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("reports progress after each model", () => {
    const { layer } = fakeClient("10 millis", () => toolReply)
    const seen: Array<string> = []
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        probeModels(models.slice(0, 3), {
          ...context,
          onProgress: (done, total) => Effect.sync(() => seen.push(`${done}/${total}`))
        })
      )
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(seen).toEqual(["0/3", "1/3", "2/3", "3/3"])
    }).pipe(Effect.provide(layer))
  })
})

describe("probeModels under a deadline (issue 9 item 12)", () => {
  it.effect(
    "what finished by the deadline counts; the rest, in flight or never started, is not probed",
    () => {
      const textOnly = models.filter((model) => model.id !== "b/vision:free")
      const aborted: Array<string> = []
      const layer = ProviderClientLayer.layerTest((target) =>
        Effect.sleep(target.model === "c/plain:free" ? "1 hour" : "100 millis").pipe(
          Effect.as(toolReply),
          Effect.onInterrupt(() => Effect.sync(() => aborted.push(target.model)))
        )
      )
      return Effect.gen(function* () {
        const fiber = yield* Effect.fork(
          probeModels(textOnly, {
            ...context,
            settings: { timeoutMs: 10_000, concurrency: 2, deadlineMs: 250 }
          })
        )
        // a (100 ms) and c (hangs) start; d runs 100-200 ms; e runs 200-300 ms and is cut at 250 ms.
        yield* TestClock.adjust("249 millis")
        expect(fiber.unsafePoll()).toBeNull()
        yield* TestClock.adjust("1 millis")
        const { results, notProbed } = yield* Fiber.join(fiber)
        expect(results.map((r) => [r.id, r.tool.ok])).toEqual([
          ["a/tools:free", true],
          ["d/tools:free", true]
        ])
        expect(notProbed.map((model) => model.id)).toEqual(["c/plain:free", "e/tools:free"])
        expect(aborted.sort()).toEqual(["c/plain:free", "e/tools:free"])
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("without a deadline nothing is cut short", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(probeModels(models, context))
      yield* TestClock.adjust("1 hour")
      const { results, notProbed } = yield* Fiber.join(fiber)
      expect([results.length, notProbed.length]).toEqual([5, 0])
    }).pipe(Effect.provide(fakeClient("100 millis", () => toolReply).layer))
  )
})
