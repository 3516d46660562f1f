import { describe, expect, it } from "@effect/vitest"
import { type OpenRouterModel, parseCatalog } from "../../../src/domain/scan/catalog.js"
import {
  NO_TOOL_MODELS,
  noToolModelsMessage,
  type ProbeOutcome,
  probeOrder,
  rankImageResults,
  rankResults,
  type ScanResult,
  SKIPPED,
  scanCandidates,
  scanChoices,
  scanCounts,
  scanResult
} from "../../../src/domain/scan/select.js"
import { FIXTURE_NOW, loadOpenRouterFixture } from "../../support/openrouterFixture.js"

const catalog = parseCatalog(loadOpenRouterFixture())
const ids = (models: ReadonlyArray<{ readonly id: string }>) => models.map((model) => model.id)
const none = { minParamsB: 0, maxAgeDays: 0 }

describe("scanCandidates (spec §3.9.3-4) on the fixture", () => {
  it("keeps the 33 free models in catalog order without filters", () => {
    const free = scanCandidates(catalog, none, FIXTURE_NOW)
    expect(free).toHaveLength(33)
    expect(free[0]?.id).toBe("baidu/qianfan-ocr-fast:free")
  })

  it("--provider compares the id's first segment, case-insensitively", () => {
    const google = scanCandidates(catalog, { ...none, provider: " Google " }, FIXTURE_NOW)
    expect(google).toHaveLength(9)
    expect(google.every((model) => model.id.startsWith("google/"))).toBe(true)
    expect(scanCandidates(catalog, { ...none, provider: "goog" }, FIXTURE_NOW)).toHaveLength(0)
  })

  it("--min-params keeps fractions: 1.5 drops the 1.2b models, unknown sizes count as 0", () => {
    const atLeast = (minParamsB: number) => scanCandidates(catalog, { ...none, minParamsB }, FIXTURE_NOW)
    expect(atLeast(0.5)).toHaveLength(22)
    expect(atLeast(1.5)).toHaveLength(20)
    expect(ids(atLeast(0.5))).toContain("liquid/lfm-2.5-1.2b-instruct:free")
    expect(ids(atLeast(1.5))).not.toContain("liquid/lfm-2.5-1.2b-instruct:free")
    expect(ids(atLeast(400))).toEqual(["nousresearch/hermes-3-llama-3.1-405b:free", "qwen/qwen3-coder:free"])
  })

  it("--max-age-days uses `created`: 30 days before 2026-05-01 keeps the 9 newest", () => {
    const recent = scanCandidates(catalog, { ...none, maxAgeDays: 30 }, FIXTURE_NOW)
    expect(recent).toHaveLength(9)
    expect(ids(recent)).toContain("google/gemma-4-31b-it:free")
    expect(ids(recent)).not.toContain("google/lyria-3-pro-preview")
    expect(scanCandidates(catalog, { ...none, maxAgeDays: 2.35 }, FIXTURE_NOW)).toHaveLength(2)
  })

  it("an unknown creation time never filters", () => {
    const [undated] = parseCatalog({ data: [{ id: "a/b:free" }] })
    expect(scanCandidates([undated!], { ...none, maxAgeDays: 1 }, FIXTURE_NOW)).toHaveLength(1)
  })
})

const model = (id: string, overrides: Partial<OpenRouterModel> = {}): OpenRouterModel => ({
  id,
  name: id,
  contextLength: 100_000,
  maxCompletionTokens: null,
  supportedParameters: ["tools"],
  modality: "text->text",
  inputModalities: ["text"],
  inferredParamB: null,
  createdAtMs: null,
  pricing: { prompt: 0, completion: 0, request: 0, image: 0, webSearch: 0, internalReasoning: 0 },
  ...overrides
})
describe("probeOrder: which candidates a bounded scan probes first (issue 9 item 12)", () => {
  it("advertised tools first, image input among them first, then context, params, modelRef", () => {
    const order = probeOrder([
      model("a/no-tools-huge", { supportedParameters: [], contextLength: 1_000_000 }),
      model("b/tools"),
      model("c/tools-vision", { inputModalities: ["text", "image"] }),
      model("d/tools-big", { contextLength: 200_000 }),
      model("e/vision-no-tools", { supportedParameters: [], inputModalities: ["image"] }),
      model("f/tools-70b", { inferredParamB: 70 }),
      model("0/tools")
    ])
    expect(ids(order)).toEqual([
      "c/tools-vision",
      "d/tools-big",
      "f/tools-70b",
      "0/tools",
      "b/tools",
      "e/vision-no-tools",
      "a/no-tools-huge"
    ])
  })

  it("on the fixture, the 20 models that advertise tools come before the 13 that do not", () => {
    const order = probeOrder(scanCandidates(catalog, none, FIXTURE_NOW))
    expect(order).toHaveLength(33)
    expect(order.slice(0, 20).every((m) => m.supportedParameters.includes("tools"))).toBe(true)
    expect(order.slice(20).some((m) => m.supportedParameters.includes("tools"))).toBe(false)
  })
})

const ok = (latencyMs: number): ProbeOutcome => ({ ok: true, latencyMs })
const fail: ProbeOutcome = { ok: false, latencyMs: 50, error: "No tool call returned" }
const refs = (results: ReadonlyArray<ScanResult>) => results.map((result) => result.id)

describe("ranking (spec §3.9)", () => {
  const results = [
    scanResult(model("a/slow"), ok(900)),
    scanResult(model("b/fast"), ok(100)),
    scanResult(model("c/vision"), ok(2000), ok(300)),
    scanResult(model("d/broken"), { ok: false, latencyMs: null, error: "timeout" }),
    scanResult(model("e/fast-big", { contextLength: 200_000 }), ok(100)),
    scanResult(model("f/fast-big-params", { contextLength: 200_000, inferredParamB: 70 }), ok(100)),
    scanResult(model("g/vision-fast", { inputModalities: ["text", "image"] }), ok(5000), ok(100)),
    scanResult(model("0/fast-big", { contextLength: 200_000 }), ok(100)),
    scanResult(model("h/quick-404", { contextLength: 300_000 }), {
      ok: false,
      latencyMs: 5,
      error: "HTTP 404"
    })
  ]

  it("image ok first, then tool latency, context, params, modelRef; missing or failed latency last", () => {
    expect(refs(rankResults(results))).toEqual([
      "c/vision",
      "g/vision-fast",
      "f/fast-big-params",
      "0/fast-big",
      "e/fast-big",
      "b/fast",
      "a/slow",
      "h/quick-404",
      "d/broken"
    ])
  })

  it("image ranking: image latency first", () => {
    expect(refs(rankImageResults(results.filter((r) => r.image.ok)))).toEqual(["g/vision-fast", "c/vision"])
  })

  it("pre-selects the top tool-ok models, only image-ok ones when there are any", () => {
    const choices = scanChoices(results, 6)
    expect(choices.preselected).toEqual(["openrouter/c/vision", "openrouter/g/vision-fast"])
    expect(choices.imagePreselected).toEqual(["openrouter/g/vision-fast", "openrouter/c/vision"])
    expect(refs(choices.toolCandidates)).toHaveLength(7)
    const textOnly = scanChoices(
      results.filter((r) => !r.image.ok),
      2
    )
    expect(textOnly.preselected).toEqual(["openrouter/f/fast-big-params", "openrouter/0/fast-big"])
    expect(textOnly.imagePreselected).toEqual([])
  })

  it("no tool-capable model: a shared 401 blames the key, mixed failures keep the plain message", () => {
    const denied: ProbeOutcome = { ok: false, latencyMs: 5, error: "HTTP 401: User not found." }
    const rejected = [scanResult(model("a/x"), denied), scanResult(model("b/y"), denied)]
    expect(noToolModelsMessage(rejected, "env: OPENROUTER_API_KEY")).toBe(
      "OpenRouter rejected the API key from env: OPENROUTER_API_KEY (HTTP 401: User not found.); no model could be tested. Check the key, or run with --no-probe."
    )
    const mixed = [
      ...rejected,
      scanResult(model("c/z"), { ok: false, latencyMs: 5, error: "No tool call returned" })
    ]
    expect(noToolModelsMessage(mixed, "env: OPENROUTER_API_KEY")).toBe(NO_TOOL_MODELS)
  })

  it("counts for the summary line", () => {
    const withImageOnly = [...results, scanResult(model("h/img-only"), fail, ok(10))]
    expect(scanCounts(withImageOnly)).toEqual({
      tested: 10,
      toolOk: 7,
      imageOk: 3,
      toolAndImageOk: 2,
      imageOnly: 1
    })
  })

  it("a metadata-only result has both probes skipped and the spec's fields", () => {
    const result = scanResult(model("x/y:free", { inferredParamB: 4 }))
    expect(result).toMatchObject({
      provider: "openrouter",
      modelRef: "openrouter/x/y:free",
      supportedParametersCount: 1,
      supportsToolsMeta: true,
      isFree: true,
      tool: SKIPPED,
      image: SKIPPED
    })
  })
})
