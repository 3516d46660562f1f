/** Plain-value fixtures for `models list` rows and rendering (spec §3.3). */
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { type ListOptions, listRows } from "../../src/domain/list.js"

export const model = (provider: string, id: string, extra: Partial<CatalogModel> = {}): CatalogModel => ({
  provider,
  id,
  name: id.toUpperCase(),
  api: "openai-completions",
  baseUrl: `https://api.${provider}.example/v1`,
  input: ["text"],
  contextWindow: 200_000,
  // unknown unless a model below states it: price, max output, tools, reasoning
  cost: {},
  ...extra
})

/** What the built-in catalog knows of a model: tools, reasoning, max output and a price. */
const known = (
  input: number,
  output: number,
  maxTokens: number,
  reasoning = true
): Partial<CatalogModel> => ({
  cost: { input, output, cacheRead: 0, cacheWrite: 0 },
  maxTokens,
  tools: true,
  reasoning
})

export const CATALOG: ReadonlyArray<CatalogModel> = [
  model("anthropic", "claude-opus-4-5", { input: ["text", "image"], ...known(5, 25, 64_000) }),
  model("anthropic", "claude-sonnet-4-5", { name: "Claude Sonnet", ...known(3, 15, 64_000) }),
  model("google", "gemini-3-pro-preview", { input: [], ...known(2, 12, 65_536, false) }),
  model("ollama", "llama3.2:latest", { baseUrl: "http://127.0.0.1:11434/v1", contextWindow: 128_000 }),
  model("openai", "gpt-5.2", { contextWindow: 400_000, ...known(1.75, 14, 128_000) }),
  // a custom model whose config says it is free (0 is a stated price) and gives nothing else
  model("vllm", "qwen3", {
    baseUrl: "http://[::1]:8000/v1",
    contextWindow: 512,
    cost: { input: 0, output: 0 }
  })
]

export const CONFIG: ClawdbotConfig = {
  agents: {
    defaults: {
      model: { primary: "opus", fallbacks: ["openai/gpt-5.2", "nope/missing-model"] },
      imageModel: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-3-pro"] },
      models: {
        "anthropic/claude-opus-4-5": { alias: "opus" },
        "nope/missing-model": { alias: "ghost" },
        "ollama/llama3.2:latest": {},
        "openai/gpt-5.2": {}
      }
    }
  }
}

export const rows = (
  options: Partial<ListOptions> = {},
  config: ClawdbotConfig = CONFIG,
  env: Record<string, string> = {},
  authDoc: unknown = {}
) =>
  listRows(config, CATALOG, decodeAuthProfiles(authDoc), (name) => env[name], {
    all: false,
    local: false,
    ...options
  })
