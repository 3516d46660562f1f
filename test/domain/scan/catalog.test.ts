import { describe, expect, it } from "@effect/vitest"
import {
  createdAtMs,
  inferParamB,
  inputModalitiesOf,
  isFree,
  parseCatalog
} from "../../../src/domain/scan/catalog.js"
import { loadOpenRouterFixture } from "../../support/openrouterFixture.js"

const catalog = parseCatalog(loadOpenRouterFixture())
const byId = (id: string) => {
  const model = catalog.find((entry) => entry.id === id)
  if (model === undefined) throw new Error(`fixture has no ${id}`)
  return model
}

describe("parseCatalog on the real OpenRouter response", () => {
  it("keeps all 371 entries, 33 of them free", () => {
    expect(catalog).toHaveLength(371)
    expect(catalog.filter(isFree)).toHaveLength(33)
  })

  it("reads the fields OpenRouter really sends (created, architecture, top_provider, pricing strings)", () => {
    const gemma = byId("google/gemma-3-27b-it:free")
    expect(gemma).toMatchObject({
      name: "Google: Gemma 3 27B (free)",
      contextLength: 131072,
      maxCompletionTokens: 8192,
      modality: "text+image->text",
      inputModalities: ["text", "image"],
      inferredParamB: 27,
      createdAtMs: 1741756359000,
      pricing: { prompt: 0, completion: 0, request: 0, image: 0, webSearch: 0, internalReasoning: 0 }
    })
    expect(gemma.supportedParameters).toContain("max_tokens")
    expect(gemma.supportedParameters).not.toContain("tools")
  })

  it("parses paid prices from numeric strings", () => {
    expect(byId("ai21/jamba-large-1.7").pricing).toMatchObject({ prompt: 0.000002, completion: 0.000008 })
  })

  it("counts `-1` (variable) router prices as not free", () => {
    expect(isFree(byId("openrouter/auto"))).toBe(false)
  })

  it("treats models priced 0/0 without `:free` as free", () => {
    expect(isFree(byId("openrouter/free"))).toBe(true)
    expect(isFree(byId("google/lyria-3-pro-preview"))).toBe(true)
  })
})

describe("tolerance", () => {
  it("skips entries without a string id, keeps entries whose other fields are missing, null or odd", () => {
    const models = parseCatalog({
      data: [
        null,
        { name: "no id" },
        { id: 42 },
        { id: "   " },
        { id: "a/bare" },
        {
          id: "b/odd:free",
          name: null,
          created: "yesterday",
          context_length: null,
          architecture: null,
          top_provider: { max_completion_tokens: null },
          pricing: { prompt: "abc", completion: 0 },
          supported_parameters: ["tools", 3, " ", null]
        }
      ]
    })
    expect(models.map((model) => model.id)).toEqual(["a/bare", "b/odd:free"])
    expect(models[0]).toEqual({
      id: "a/bare",
      name: "a/bare",
      contextLength: null,
      maxCompletionTokens: null,
      supportedParameters: [],
      modality: null,
      inputModalities: ["text"],
      inferredParamB: null,
      createdAtMs: null,
      pricing: null
    })
    expect(models[1]).toMatchObject({ name: "b/odd:free", pricing: null, supportedParameters: ["tools"] })
    expect(isFree(models[1]!)).toBe(true)
    expect(isFree(models[0]!)).toBe(false)
  })

  it("falls back to the top-level fields the reference read", () => {
    const [model] = parseCatalog({
      data: [
        { id: "x/y", created_at: 1_700_000_000_000, max_output_tokens: 4096, modality: "text+image->text" }
      ]
    })
    expect(model).toMatchObject({
      createdAtMs: 1_700_000_000_000,
      maxCompletionTokens: 4096,
      modality: "text+image->text",
      inputModalities: ["text", "image"]
    })
  })
})

describe("inferParamB (spec §3.9.5)", () => {
  it.each([
    ["gemma-3-27b-it", 27],
    ["google/gemma-3n-e4b-it:free", 4],
    ["liquid/lfm-2.5-1.2b-instruct:free lfm2.5-1.2b-instruct", 1.2],
    ["qwen/qwen3-coder:free qwen: qwen3 coder 480b a35b (free)", 480],
    ["Meta: Llama 3.3 70B Instruct", 70],
    ["z-ai/glm-4.5-air:free", null],
    ["some-0b-model", null],
    ["abc12b", null]
  ] as const)("%s -> %s", (text, expected) => {
    expect(inferParamB(text)).toBe(expected)
  })
})

describe("small readers", () => {
  it("createdAtMs: seconds, or ms above 1e12; non-positive is unknown", () => {
    expect(createdAtMs(1_741_756_359)).toBe(1_741_756_359_000)
    expect(createdAtMs(1_741_756_359_123)).toBe(1_741_756_359_123)
    expect(createdAtMs(0)).toBeNull()
    expect(createdAtMs(null)).toBeNull()
  })

  it("input modalities: the explicit list wins; else the input side of `modality` only", () => {
    expect(inputModalitiesOf(["image", "text", "video"], "text->text")).toEqual(["image", "text", "video"])
    expect(inputModalitiesOf(null, "text->text+image")).toEqual(["text"])
    expect(inputModalitiesOf([], "text+image+file->text")).toEqual(["text", "image", "file"])
  })

  it("pricing: numbers or numeric strings; prompt and completion must both read; the rest default to 0", () => {
    const pricingOf = (pricing: unknown) => parseCatalog({ data: [{ id: "a/b", pricing }] })[0]?.pricing
    expect(pricingOf({ prompt: "0", completion: " 0 ", web_search: "0.01", image: "n/a" })).toEqual({
      prompt: 0,
      completion: 0,
      request: 0,
      image: 0,
      webSearch: 0.01,
      internalReasoning: 0
    })
    expect(pricingOf({ prompt: 0.5, completion: 1 })).toMatchObject({ prompt: 0.5, completion: 1 })
    expect(pricingOf({ prompt: "", completion: "0" })).toBeNull()
    expect(pricingOf({ prompt: "Infinity", completion: "0" })).toBeNull()
    expect(pricingOf({ completion: "0" })).toBeNull()
    expect(pricingOf("free")).toBeNull()
  })
})
