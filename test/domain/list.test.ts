import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { configuredEntries, listRows } from "../../src/domain/list.js"
import { CATALOG, CONFIG, rows } from "../support/listFixtures.js"

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

  it("the same model under two spellings is one entry, each tag once", () => {
    const config: ClawdbotConfig = {
      agents: {
        defaults: {
          model: { primary: "openai/gpt-5.2", fallbacks: ["OpenAI/gpt-5.2", "anthropic/claude-opus-4-5"] },
          models: { "openai/gpt-5.2": {}, "OpenAI/gpt-5.2": {}, " openai/gpt-5.2": {} }
        }
      }
    }
    expect(configuredEntries(config)).toEqual([
      { key: "openai/gpt-5.2", tags: ["default", "fallback#1", "configured"] },
      { key: "anthropic/claude-opus-4-5", tags: ["fallback#2"] }
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
      // no alias key: the built-in `gpt` is attached, as the reference does (spec §2.5)
      ["openai/gpt-5.2", ["fallback#1", "image", "configured", "alias:gpt"]],
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
    expect(list.find((r) => r.key === "openai/gpt-5.2")?.tags).toEqual([
      "fallback#1",
      "image",
      "configured",
      "alias:gpt"
    ])
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
