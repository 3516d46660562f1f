import { describe, expect, it } from "@effect/vitest"
import { type BuiltinProvider, builtinModels } from "../../src/domain/builtinCatalog.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import { endpointFor, mergeCatalog } from "../../src/domain/catalogMerge.js"
import type { ClawdbotConfig, ProviderConfig } from "../../src/domain/config.js"

const model = (provider: string, id: string, extra: Partial<CatalogModel> = {}): CatalogModel => ({
  provider,
  id,
  name: id.toUpperCase(),
  api: "openai-completions",
  baseUrl: `https://${provider}.example/v1`,
  reasoning: true,
  input: ["text", "image"],
  contextWindow: 100_000,
  maxTokens: 4096,
  cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 },
  ...extra
})

const builtin: ReadonlyArray<CatalogModel> = [
  model("alpha", "a1"),
  model("alpha", "a2"),
  model("beta", "b1", { api: "anthropic-messages", headers: { "x-beta": "1" } })
]
const endpoints = new Map<string, BuiltinProvider>([
  ["alpha", { api: "openai-completions", baseUrl: "https://alpha.example/v1" }],
  ["beta", { api: "anthropic-messages", baseUrl: "https://beta.example/v1", headers: { "x-beta": "1" } }]
])

const merge = (
  providers: Record<string, ProviderConfig> | undefined,
  discovered: ReadonlyArray<CatalogModel> = []
) => mergeCatalog(builtin, providers, discovered, endpoints)
const keys = (models: ReadonlyArray<CatalogModel>) => models.map((entry) => `${entry.provider}/${entry.id}`)
const configWith = (providers: Record<string, ProviderConfig>): ClawdbotConfig => ({ models: { providers } })

describe("mergeCatalog", () => {
  it("returns the built-in models when nothing is configured", () => {
    expect(merge(undefined)).toEqual(builtin)
    expect(merge({})).toEqual(builtin)
  })

  it("replaces a built-in provider's models when the config lists models", () => {
    const merged = merge({ alpha: { models: [{ id: "custom-1" }, { id: "a1", contextWindow: 32_000 }] } })
    expect(keys(merged)).toEqual(["alpha/a1", "alpha/custom-1", "beta/b1"])
    // the configured a1 replaces the built-in one entirely
    expect(merged[0]).toEqual({
      provider: "alpha",
      id: "a1",
      name: "a1",
      api: "openai-completions",
      baseUrl: "https://alpha.example/v1",
      input: ["text"],
      contextWindow: 32_000,
      cost: {}
    })
  })

  it("fills custom-model defaults for a new provider", () => {
    const merged = merge({
      custom: {
        baseUrl: "http://localhost:8080/v1",
        headers: { "x-provider": "p" },
        models: [
          { id: "m1" },
          {
            id: "m2",
            name: "Model Two",
            api: "anthropic-messages",
            reasoning: true,
            input: ["text", "image"],
            contextWindow: 64_000,
            maxTokens: 1000,
            cost: { input: 3 },
            headers: { "x-model": "m" }
          }
        ]
      }
    })
    expect(keys(merged)).toEqual(["alpha/a1", "alpha/a2", "beta/b1", "custom/m1", "custom/m2"])
    expect(merged[3]).toEqual({
      provider: "custom",
      id: "m1",
      name: "m1",
      api: "openai-completions",
      baseUrl: "http://localhost:8080/v1",
      input: ["text"],
      contextWindow: 200_000,
      cost: {},
      headers: { "x-provider": "p" }
    })
    expect(merged[4]).toEqual({
      provider: "custom",
      id: "m2",
      name: "Model Two",
      api: "anthropic-messages",
      baseUrl: "http://localhost:8080/v1",
      reasoning: true,
      input: ["text", "image"],
      contextWindow: 64_000,
      maxTokens: 1000,
      cost: { input: 3 },
      headers: { "x-provider": "p", "x-model": "m" }
    })
  })

  it("takes a custom model's api from the provider config, then the built-in provider", () => {
    const merged = merge({
      beta: { models: [{ id: "b9" }] },
      gamma: { api: "google-generative-ai", baseUrl: "https://g.example", models: [{ id: "g1" }] }
    })
    const b9 = merged.find((entry) => entry.id === "b9")!
    expect(b9.api).toBe("anthropic-messages")
    expect(b9.baseUrl).toBe("https://beta.example/v1")
    expect(merged.find((entry) => entry.id === "g1")?.api).toBe("google-generative-ai")
  })

  it("overrides baseUrl and headers of a built-in provider configured without models", () => {
    for (const providers of [
      { beta: { baseUrl: "https://proxy.example", headers: { "x-extra": "2" } } },
      { beta: { baseUrl: "https://proxy.example", headers: { "x-extra": "2" }, models: [] } }
    ]) {
      const merged = merge(providers)
      expect(keys(merged)).toEqual(keys(builtin))
      expect(merged[2]).toEqual({
        ...builtin[2],
        baseUrl: "https://proxy.example",
        headers: { "x-beta": "1", "x-extra": "2" }
      })
      expect(merged[0]).toEqual(builtin[0])
    }
    // headers only: the base URL stays
    expect(merge({ alpha: { headers: { h: "v" } } })[0]).toEqual({ ...builtin[0], headers: { h: "v" } })
  })

  it("ignores an override for a provider the catalog lacks", () => {
    expect(merge({ nowhere: { baseUrl: "https://x.example" } })).toEqual(builtin)
  })

  it("normalises configured provider ids", () => {
    const merged = merge({ " ALPHA ": { baseUrl: "https://proxy.example" } })
    expect(merged[0]?.baseUrl).toBe("https://proxy.example")
  })

  it("appends discovered models that are not already present, sorted", () => {
    const merged = merge({ alpha: { models: [{ id: "a3" }] } }, [
      model("alpha", "a3", { name: "discovered" }),
      model("aardvark", "z"),
      model("alpha", "a0")
    ])
    expect(keys(merged)).toEqual(["aardvark/z", "alpha/a0", "alpha/a3", "beta/b1"])
    expect(merged.find((entry) => entry.id === "a3")?.name).toBe("a3")
  })

  it("works on the real catalog: openrouter proxied, anthropic replaced", () => {
    const openrouter = builtinModels().filter((entry) => entry.provider === "openrouter")
    const merged = mergeCatalog(builtinModels(), {
      openrouter: { baseUrl: "https://proxy.example/api/v1" },
      anthropic: { models: [{ id: "claude-opus-4-5", contextWindow: 1_000_000 }] }
    })
    const mergedOpenrouter = merged.filter((entry) => entry.provider === "openrouter")
    expect(mergedOpenrouter.length).toBe(openrouter.length)
    expect(new Set(mergedOpenrouter.map((entry) => entry.baseUrl))).toEqual(
      new Set(["https://proxy.example/api/v1"])
    )
    const anthropic = merged.filter((entry) => entry.provider === "anthropic")
    expect(anthropic).toHaveLength(1)
    expect(anthropic[0]).toMatchObject({
      api: "anthropic-messages",
      baseUrl: "https://api.anthropic.com",
      contextWindow: 1_000_000
    })
  })
})

describe("endpointFor", () => {
  it("gives the built-in endpoint", () => {
    expect(endpointFor({}, "beta", endpoints)).toEqual({
      provider: "beta",
      api: "anthropic-messages",
      baseUrl: "https://beta.example/v1",
      headers: { "x-beta": "1" }
    })
    expect(endpointFor({}, "anthropic")).toEqual({
      provider: "anthropic",
      api: "anthropic-messages",
      baseUrl: "https://api.anthropic.com",
      headers: {}
    })
    expect(endpointFor({}, "openai")?.api).toBe("openai-responses")
    expect(endpointFor({}, "Z.AI")?.baseUrl).toBe("https://api.z.ai/api/coding/paas/v4")
  })

  it("applies config overrides", () => {
    const config = configWith({ beta: { baseUrl: "https://proxy.example", headers: { "x-extra": "2" } } })
    expect(endpointFor(config, "beta", endpoints)).toEqual({
      provider: "beta",
      api: "anthropic-messages",
      baseUrl: "https://proxy.example",
      headers: { "x-beta": "1", "x-extra": "2" }
    })
    expect(endpointFor(configWith({ alpha: { api: "openai-responses" } }), "alpha", endpoints)?.api).toBe(
      "openai-responses"
    )
  })

  it("defaults an unknown provider with a config baseUrl to openai-completions", () => {
    expect(
      endpointFor(configWith({ lmstudio: { baseUrl: "http://localhost:1234/v1" } }), "lmstudio")
    ).toEqual({
      provider: "lmstudio",
      api: "openai-completions",
      baseUrl: "http://localhost:1234/v1",
      headers: {}
    })
    const withModels = configWith({
      proxy: { baseUrl: "https://p.example", models: [{ id: "m", api: "anthropic-messages" }] }
    })
    expect(endpointFor(withModels, "proxy")?.api).toBe("anthropic-messages")
  })

  it("is undefined for an unknown provider without a baseUrl", () => {
    expect(endpointFor({}, "nowhere")).toBeUndefined()
    expect(endpointFor(configWith({ nowhere: { apiKey: "k" } }), "nowhere")).toBeUndefined()
  })
})
