import { describe, expect, it } from "@effect/vitest"
import {
  builtinModels,
  builtinProviders,
  CATALOG_SOURCE,
  SPEC_ENDPOINTS,
  SPEC_WINS
} from "../../src/domain/builtinCatalog.js"
import { byProviderThenId } from "../../src/domain/catalog.js"
import { BUILTIN_ALIASES, normalizeProviderId } from "../../src/domain/modelRef.js"

const find = (provider: string, id: string) =>
  builtinModels().find((model) => model.provider === provider && model.id === id)

const providers = new Set(builtinModels().map((model) => model.provider))

describe("builtinCatalog", () => {
  it("records its source package and version", () => {
    expect(CATALOG_SOURCE).toMatch(/^@mariozechner\/pi-ai@\d+\.\d+\.\d+$/)
  })

  it("has at least 15 providers and 300 models, the main providers among them", () => {
    expect(providers.size).toBeGreaterThanOrEqual(15)
    expect(builtinModels().length).toBeGreaterThanOrEqual(300)
    for (const provider of [
      "anthropic",
      "openai",
      "google",
      "openrouter",
      "xai",
      "groq",
      "mistral",
      "cerebras",
      "zai"
    ]) {
      expect(providers.has(provider), provider).toBe(true)
    }
  })

  it("knows anthropic/claude-opus-4-5 with its full metadata", () => {
    expect(find("anthropic", "claude-opus-4-5")).toEqual({
      provider: "anthropic",
      id: "claude-opus-4-5",
      name: "Claude Opus 4.5 (latest)",
      api: "anthropic-messages",
      baseUrl: "https://api.anthropic.com",
      reasoning: true,
      tools: true,
      input: ["text", "image"],
      contextWindow: 200000,
      maxTokens: 64000,
      cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 }
    })
  })

  it("an unpriced model (pi-ai's all-zero) or a negative price (OpenRouter's 'varies') has no price, not 0", () => {
    // github-copilot models are billed by subscription: pi-ai gives them no price.
    expect(find("github-copilot", "claude-sonnet-4.5")?.cost).toEqual({})
    expect(find("openrouter", "openrouter/auto")?.cost).toEqual({})
  })

  it("knows the targets of the built-in aliases", () => {
    for (const [alias, key] of BUILTIN_ALIASES) {
      const [provider, id] = [key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)]
      expect(find(provider, id), `${alias} -> ${key}`).toBeDefined()
    }
    expect(find("openai", "gpt-5.2")?.api).toBe("openai-responses")
    expect(find("google", "gemini-3-pro-preview")?.api).toBe("google-generative-ai")
  })

  it("restores the defaults the JSON drops", () => {
    for (const model of builtinModels()) {
      expect(model.name.length).toBeGreaterThan(0)
      expect(typeof model.api).toBe("string")
      expect(typeof model.baseUrl).toBe("string")
      expect(typeof model.reasoning).toBe("boolean")
      expect(model.input.length).toBeGreaterThan(0)
      expect(model.contextWindow).toBeGreaterThan(0)
      expect(model.maxTokens).toBeGreaterThan(0)
      expect(model.tools).toBe(true)
      for (const value of Object.values(model.cost)) expect(value).toBeGreaterThanOrEqual(0)
      // a model has a full price (dropped zeros restored) or none
      expect([0, 4]).toContain(Object.keys(model.cost).length)
    }
    const textOnly = builtinModels().find((model) => model.input.length === 1)
    expect(textOnly?.input).toEqual(["text"])
  })

  it("uses normalised lower-case provider ids and unique keys, sorted by provider then id", () => {
    for (const provider of providers) {
      expect(provider).toBe(provider.toLowerCase())
      expect(normalizeProviderId(provider)).toBe(provider)
    }
    const keys = builtinModels().map((model) => `${model.provider}/${model.id}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect([...builtinModels()].sort(byProviderThenId)).toEqual(builtinModels())
  })

  it("keeps model-level headers (GitHub Copilot) and none elsewhere", () => {
    const copilot = builtinModels().filter((model) => model.provider === "github-copilot")
    expect(copilot.length).toBeGreaterThan(0)
    for (const model of copilot) expect(model.headers?.["Copilot-Integration-Id"]).toBe("vscode-chat")
    expect(find("anthropic", "claude-opus-4-5")?.headers).toBeUndefined()
  })

  it("agrees with the spec's endpoints wherever both know a provider (mistral: the spec wins)", () => {
    const endpoints = builtinProviders()
    for (const [provider, spec] of Object.entries(SPEC_ENDPOINTS)) {
      if (!providers.has(provider) || SPEC_WINS.has(provider)) continue
      const model = builtinModels().find((entry) => entry.provider === provider)!
      expect({ api: model.api, baseUrl: model.baseUrl }, provider).toEqual(spec)
      expect(endpoints.get(provider), provider).toEqual(spec)
    }
    for (const model of builtinModels().filter((entry) => entry.provider === "mistral")) {
      expect(model.api).toBe("openai-completions")
      expect(model.baseUrl).toBe("https://api.mistral.ai/v1")
    }
  })

  it("gives every provider an endpoint, spec-only ones included", () => {
    const endpoints = builtinProviders()
    for (const provider of providers) expect(endpoints.has(provider), provider).toBe(true)
    expect(endpoints.get("anthropic")).toEqual({
      api: "anthropic-messages",
      baseUrl: "https://api.anthropic.com"
    })
    expect(endpoints.get("openai")).toEqual({ api: "openai-responses", baseUrl: "https://api.openai.com/v1" })
    expect(endpoints.get("google-gemini-cli")).toEqual({
      api: "google-gemini-cli",
      baseUrl: "https://cloudcode-pa.googleapis.com"
    })
    expect(endpoints.get("github-copilot")?.headers?.["User-Agent"]).toBe("GitHubCopilotChat/0.35.0")
  })
})
