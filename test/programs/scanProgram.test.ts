/**
 * The scan program on the shipped test layers (src/testing.ts): OpenRouter's catalog in memory, probes through the
 * fake provider, the ranking and the written selection returned as data, nothing printed.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { applyScan, ConfigStore, modelChain, scan } from "../../src/index.js"
import * as ReporterLayers from "../../src/layers/Reporter.js"
import * as Testing from "../../src/testing.js"
import { withNoConsole } from "../support/noConsole.js"

const KEY = "sk-or-v1-test-0123456789abcdef"
const free = { prompt: "0", completion: "0" }
const openRouterModels = [
  { id: "qwen/qwen3-8b:free", pricing: free, supported_parameters: ["tools"], context_length: 32_768 },
  {
    id: "google/gemma-3-27b-it:free",
    pricing: free,
    supported_parameters: ["tools"],
    architecture: { input_modalities: ["text", "image"] },
    context_length: 131_072
  },
  { id: "deepseek/broken:free", pricing: free, supported_parameters: ["tools"], context_length: 262_144 },
  { id: "meta/llama-3.3-70b:free", pricing: free, supported_parameters: ["tools"], context_length: 65_536 },
  { id: "openai/gpt-5.2", pricing: { prompt: "0.000002", completion: "0.00001" } },
  { id: "bad id:free", pricing: free }
]
const config = {
  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] } } }
}
const auth = {
  main: {
    version: 1,
    profiles: { "openrouter:default": { type: "api_key", provider: "openrouter", key: KEY } }
  }
}
const ref = (id: string) => `openrouter/${id}`

/** Fresh layers per test (the config is written); warnings land in the returned array. */
const layers = (
  provider = Testing.FakeProvider.layer({ byModel: { [ref("deepseek/broken:free")]: "rate_limit" } })
) => {
  const warnings: Array<string> = []
  const layer = Layer.merge(
    Testing.layer({ config, auth, openRouterModels, provider }),
    ReporterLayers.layerMemory(warnings)
  )
  return { layer, warnings }
}

describe("scan returns data and prints nothing", () => {
  it.effect(
    "probes the free models and ranks them: image ok first, then tool latency, context; nothing is written",
    () => {
      const { layer, warnings } = layers()
      return Effect.gen(function* () {
        const report = yield* scan()
        expect(report.probed).toBe(true)
        expect(report.keySource).toBe("profile openrouter:default")
        expect(report.results.map((r) => [r.modelRef, r.tool.ok, r.image.ok])).toEqual([
          [ref("google/gemma-3-27b-it:free"), true, true],
          [ref("meta/llama-3.3-70b:free"), true, false],
          [ref("qwen/qwen3-8b:free"), true, false],
          [ref("deepseek/broken:free"), false, false]
        ])
        expect(report.results[3]?.tool.error).toMatch(/^HTTP 429: rate limit exceeded/)
        expect(report.counts).toEqual({ tested: 4, toolOk: 3, imageOk: 1, toolAndImageOk: 1, imageOnly: 0 })
        expect(report.choices.preselected).toEqual([ref("google/gemma-3-27b-it:free")])
        expect(report.applied).toBeUndefined()
        expect(warnings.filter((line) => !line.startsWith("progress:"))).toEqual([
          "Skipped 1 OpenRouter model whose id cannot be written to the config (whitespace, control characters or over 256 characters)."
        ])
        const chain = yield* modelChain()
        expect(chain.fallbacks.map((r) => r.key)).toEqual(["openai/gpt-5.2"])
      }).pipe(withNoConsole, Effect.provide(layer))
    }
  )

  it.effect("probe: false ranks from metadata alone and needs no key", () =>
    Effect.gen(function* () {
      const report = yield* scan({ probe: false, minParamsB: 20 })
      expect(report.probed).toBe(false)
      expect(report.results.map((r) => [r.modelRef, r.tool.skipped])).toEqual([
        [ref("google/gemma-3-27b-it:free"), true],
        [ref("meta/llama-3.3-70b:free"), true]
      ])
      expect(report.choices.toolCandidates).toEqual([])
      const refused = yield* Effect.exit(scan({ probe: false, apply: {} }))
      expect(refused).toEqual(
        Exit.fail(
          expect.objectContaining({
            _tag: "UsageError",
            reason: "A scan without probes writes nothing: drop `apply` or `probe: false`."
          })
        )
      )
      expect(Exit.isFailure(yield* Effect.exit(applyScan(report)))).toBe(true)
    }).pipe(
      withNoConsole,
      Effect.provide(
        Testing.layer({ config, openRouterModels, provider: Testing.FakeProvider.layer({ default: "hang" }) })
      )
    )
  )

  it.effect("apply {} writes the pre-selection and returns what was written", () =>
    Effect.gen(function* () {
      const report = yield* scan({ apply: {} })
      expect(report.applied).toEqual({
        selected: [ref("google/gemma-3-27b-it:free")],
        selectedImages: [ref("google/gemma-3-27b-it:free")],
        setDefault: false,
        setImage: false
      })
      const chain = yield* modelChain()
      expect(chain.primary.key).toBe("anthropic/claude-opus-4-5")
      expect(chain.fallbacks.map((r) => r.key)).toEqual([ref("google/gemma-3-27b-it:free")])
      expect(chain.imageFallbacks.map((r) => r.key)).toEqual([ref("google/gemma-3-27b-it:free")])
      // the allowlist this creates keeps the primary allowed (issue 11 item 7)
      const { config: written } = yield* (yield* ConfigStore).read
      expect(Object.keys(written.agents?.defaults?.models ?? {})).toEqual([
        "anthropic/claude-opus-4-5",
        ref("google/gemma-3-27b-it:free")
      ])
    }).pipe(withNoConsole, Effect.provide(layers().layer))
  )

  it.effect("apply with chosen fallbacks and setDefault writes them in order and the default model", () =>
    Effect.gen(function* () {
      const chosen = [ref("qwen/qwen3-8b:free"), ref("meta/llama-3.3-70b:free")]
      const report = yield* scan({ apply: { fallbacks: chosen, imageFallbacks: [], setDefault: true } })
      expect(report.applied?.selected).toEqual(chosen)
      const chain = yield* modelChain()
      expect(chain.primary.key).toBe(ref("qwen/qwen3-8b:free"))
      expect(chain.fallbacks.map((r) => r.key)).toEqual(chosen)
      expect(chain.imageFallbacks).toEqual([])
      const { config: written } = yield* (yield* ConfigStore).read
      // the replaced primary is not kept: only what is in use now
      expect(Object.keys(written.agents?.defaults?.models ?? {})).toEqual(chosen)
    }).pipe(withNoConsole, Effect.provide(layers().layer))
  )

  it.effect("a model that failed its tool probe cannot be applied: UsageError, nothing written", () =>
    Effect.gen(function* () {
      const report = yield* scan()
      const exit = yield* Effect.exit(applyScan(report, { fallbacks: [ref("deepseek/broken:free")] }))
      expect(exit).toEqual(
        Exit.fail(
          expect.objectContaining({
            _tag: "UsageError",
            reason: "openrouter/deepseek/broken:free is not among the tool-capable models this scan found."
          })
        )
      )
      expect((yield* modelChain()).fallbacks.map((r) => r.key)).toEqual(["openai/gpt-5.2"])
    }).pipe(withNoConsole, Effect.provide(layers().layer))
  )

  it.effect("a rejected key: apply fails with NotFound naming the key's source, nothing written", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(scan({ apply: {} }))
      expect(exit).toEqual(
        Exit.fail(
          expect.objectContaining({
            _tag: "NotFound",
            reason: expect.stringMatching(
              /^OpenRouter rejected the API key from profile openrouter:default \(HTTP 401: invalid x-api-key\)/
            )
          })
        )
      )
      expect((yield* modelChain()).fallbacks.map((r) => r.key)).toEqual(["openai/gpt-5.2"])
    }).pipe(
      withNoConsole,
      Effect.provide(layers(Testing.FakeProvider.layer({ byCredential: { [KEY]: "auth" } })).layer)
    )
  )

  it.effect("no key: a UsageError saying how to give one", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(scan())
      expect(exit).toEqual(
        Exit.fail(
          expect.objectContaining({
            _tag: "UsageError",
            reason: expect.stringMatching(/^Missing OpenRouter API key/)
          })
        )
      )
    }).pipe(withNoConsole, Effect.provide(Testing.layer({ config, openRouterModels })))
  )
})
