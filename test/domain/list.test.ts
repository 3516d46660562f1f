import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { configuredEntries, type ListOptions, listRows } from "../../src/domain/list.js"
import {
  formatContext,
  renderListJson,
  renderListPlain,
  renderListTable
} from "../../src/domain/render/list.js"

const model = (provider: string, id: string, extra: Partial<CatalogModel> = {}): CatalogModel => ({
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

const CATALOG: ReadonlyArray<CatalogModel> = [
  model("anthropic", "claude-opus-4-5", { input: ["text", "image"] }),
  model("anthropic", "claude-sonnet-4-5"),
  model("google", "gemini-3-pro-preview", { input: [] }),
  model("ollama", "llama3.2:latest", { baseUrl: "http://127.0.0.1:11434/v1", contextWindow: 128_000 }),
  model("openai", "gpt-5.2", { contextWindow: 400_000 }),
  model("vllm", "qwen3", { baseUrl: "http://[::1]:8000/v1", contextWindow: 512 })
]

const CONFIG: ClawdbotConfig = {
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

const rows = (
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

describe("configuredEntries (spec §3.3 step 3)", () => {
  it("orders default, fallbacks, image, image fallbacks, allowlist; dedupes by key with merged tags", () => {
    expect(configuredEntries(CONFIG)).toEqual([
      { key: "anthropic/claude-opus-4-5", tags: ["default", "configured"] },
      { key: "openai/gpt-5.2", tags: ["fallback#1", "image", "configured"] },
      { key: "nope/missing-model", tags: ["fallback#2", "configured"] },
      { key: "google/gemini-3-pro-preview", tags: ["img-fallback#1"] },
      { key: "ollama/llama3.2:latest", tags: ["configured"] }
    ])
  })

  it("an empty config lists only the built-in default", () => {
    expect(configuredEntries({})).toEqual([{ key: "anthropic/claude-opus-4-5", tags: ["default"] }])
  })
})

describe("listRows (spec §3.3)", () => {
  it("default mode: configured rows with catalog data, alias tags, missing rows", () => {
    const list = rows({}, CONFIG, { OPENAI_API_KEY: "sk-x" })
    expect(list.map((r) => [r.key, r.tags])).toEqual([
      ["anthropic/claude-opus-4-5", ["default", "configured", "alias:opus"]],
      ["openai/gpt-5.2", ["fallback#1", "image", "configured"]],
      // a missing model keeps its alias tag (the reference drops it, §8.13)
      ["nope/missing-model", ["fallback#2", "configured", "alias:ghost", "missing"]],
      ["google/gemini-3-pro-preview", ["img-fallback#1"]],
      ["ollama/llama3.2:latest", ["configured"]]
    ])
    expect(list[0]).toEqual({
      key: "anthropic/claude-opus-4-5",
      name: "CLAUDE-OPUS-4-5",
      input: "text+image",
      contextWindow: 200_000,
      local: false,
      available: false,
      tags: ["default", "configured", "alias:opus"],
      missing: false
    })
    expect(list[1]?.available).toBe(true)
    expect(list[2]).toEqual({
      key: "nope/missing-model",
      name: "nope/missing-model",
      input: "-",
      contextWindow: null,
      local: null,
      available: null,
      tags: ["fallback#2", "configured", "alias:ghost", "missing"],
      missing: true
    })
    // no input kinds -> text
    expect(list[3]?.input).toBe("text")
    expect(list[4]?.local).toBe(true)
  })

  it("available: a stored profile, an env credential or a config apiKey", () => {
    const config: ClawdbotConfig = {
      agents: { defaults: { models: { "openai/gpt-5.2": {}, "google/gemini-3-pro-preview": {} } } },
      models: { providers: { google: { apiKey: "AIza-config-key" } } }
    }
    const byProfile = rows(
      {},
      config,
      {},
      {
        profiles: { "anthropic:x": { type: "api_key", provider: "Anthropic", key: "k" } }
      }
    )
    expect(byProfile.map((r) => [r.key, r.available])).toEqual([
      ["anthropic/claude-opus-4-5", true],
      ["openai/gpt-5.2", false],
      ["google/gemini-3-pro-preview", true]
    ])
  })

  it("--local keeps only local known models", () => {
    expect(rows({ local: true }).map((r) => r.key)).toEqual(["ollama/llama3.2:latest"])
    expect(rows({ local: true, all: true }).map((r) => r.key)).toEqual([
      "ollama/llama3.2:latest",
      "vllm/qwen3"
    ])
  })

  it("--provider is normalised and filters (z.ai -> zai, case-insensitive)", () => {
    expect(rows({ provider: "OpenAI" }).map((r) => r.key)).toEqual(["openai/gpt-5.2"])
    expect(rows({ provider: "nope" }).map((r) => r.key)).toEqual(["nope/missing-model"])
    const zai = listRows(
      { agents: { defaults: { model: { primary: "zai/glm-4.7" } } } },
      [],
      decodeAuthProfiles({}),
      () => undefined,
      { all: false, local: false, provider: "z.ai" }
    )
    expect(zai.map((r) => r.key)).toEqual(["zai/glm-4.7"])
    expect(rows({ provider: "xai" })).toEqual([])
  })

  it("--all lists the catalog in its order, with tags from configured entries", () => {
    const list = rows({ all: true })
    expect(list.map((r) => r.key)).toEqual(CATALOG.map((m) => `${m.provider}/${m.id}`))
    expect(list.find((r) => r.key === "anthropic/claude-sonnet-4-5")?.tags).toEqual([])
    expect(list.find((r) => r.key === "openai/gpt-5.2")?.tags).toEqual(["fallback#1", "image", "configured"])
    // configured but unknown models are not in --all
    expect(list.some((r) => r.missing)).toBe(false)
  })

  it("--all --provider combines", () => {
    expect(rows({ all: true, provider: "anthropic" }).map((r) => r.key)).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-sonnet-4-5"
    ])
  })

  it("several aliases on one key make a single alias:<a,b> tag", () => {
    const config: ClawdbotConfig = {
      agents: {
        defaults: { models: { "openai/gpt-5.2": { alias: "gpt" }, "OpenAI/gpt-5.2": { alias: "g" } } }
      }
    }
    const tags = rows({ provider: "openai" }, config).flatMap((r) => r.tags)
    expect(tags.filter((t) => t.startsWith("alias:"))).toEqual(["alias:gpt,g"])
  })
})

describe("formatContext (spec §3.3 Ctx)", () => {
  it.each([
    [null, "-"],
    [0, "-"],
    [512, "512"],
    [1023, "1023"],
    // decimal thousands, as providers advertise them (the reference divides by 1024: 195k, §8.13)
    [200_000, "200k"],
    [128_000, "128k"],
    [1_048_576, "1049k"],
    [400_000, "400k"]
  ])("%s -> %s", (tokens, text) => {
    expect(formatContext(tokens)).toBe(text)
  })
})

describe("list rendering (spec §3.3)", () => {
  it("table: fixed columns, truncation to 42 with ..., yes/no/-", () => {
    const list = rows({}, CONFIG, { OPENAI_API_KEY: "sk-x" })
    const long = listRows(
      {
        agents: { defaults: { model: { primary: "openrouter/some-vendor/an-extremely-long-model-name-v2" } } }
      },
      [],
      decodeAuthProfiles({}),
      () => undefined,
      { all: false, local: false }
    )
    const table = renderListTable([...list, ...long]).split("\n")
    expect(table[0]).toBe(`${"Model".padEnd(42)} ${"Input".padEnd(10)} ${"Ctx".padEnd(8)} Local Auth  Tags`)
    expect(table[1]).toBe(
      `${"anthropic/claude-opus-4-5".padEnd(42)} ${"text+image".padEnd(10)} ${"200k".padEnd(8)} no    no    default,configured,alias:opus`
    )
    expect(table[2]).toBe(
      `${"openai/gpt-5.2".padEnd(42)} ${"text".padEnd(10)} ${"400k".padEnd(8)} no    yes   fallback#1,image,configured`
    )
    expect(table[3]).toBe(
      `${"nope/missing-model".padEnd(42)} ${"-".padEnd(10)} ${"-".padEnd(8)} -     -     fallback#2,configured,alias:ghost,missing`
    )
    expect(table[6]).toBe(
      `openrouter/some-vendor/an-extremely-lon... ${"-".padEnd(10)} ${"-".padEnd(8)} -     -     default,missing`
    )
  })

  it("no rows -> No models found.", () => {
    expect(renderListTable([])).toBe("No models found.")
  })

  it("plain: keys one per line; json: {count, models}", () => {
    const list = rows()
    expect(renderListPlain(list).split("\n")).toEqual(list.map((r) => r.key))
    const parsed = JSON.parse(renderListJson(list))
    expect(parsed.count).toBe(5)
    expect(Object.keys(parsed.models[0])).toEqual([
      "key",
      "name",
      "input",
      "contextWindow",
      "local",
      "available",
      "tags",
      "missing"
    ])
  })
})
