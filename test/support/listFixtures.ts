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
  reasoning: false,
  input: ["text"],
  contextWindow: 200_000,
  maxTokens: 8192,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  ...extra
})

export const CATALOG: ReadonlyArray<CatalogModel> = [
  model("anthropic", "claude-opus-4-5", { input: ["text", "image"] }),
  model("anthropic", "claude-sonnet-4-5"),
  model("google", "gemini-3-pro-preview", { input: [] }),
  model("ollama", "llama3.2:latest", { baseUrl: "http://127.0.0.1:11434/v1", contextWindow: 128_000 }),
  model("openai", "gpt-5.2", { contextWindow: 400_000 }),
  model("vllm", "qwen3", { baseUrl: "http://[::1]:8000/v1", contextWindow: 512 })
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
