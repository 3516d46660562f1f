import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { configuredEntries, listRows, parseListCapabilities, parseListSort } from "../../src/domain/list.js"
import { CATALOG, CONFIG, model, rows } from "../support/listFixtures.js"

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
      missing: false,
      cost: { input: 5, output: 25 },
      maxTokens: 64_000,
      tools: true,
      reasoning: true,
      imageInput: true
    })
    // what the catalog does not know is absent, never 0 or false
    expect(list[4]).toEqual({
      key: "ollama/llama3.2:latest",
      name: "LLAMA3.2:LATEST",
      input: "text",
      contextWindow: 128_000,
      local: true,
      available: false,
      tags: ["configured"],
      missing: false,
      imageInput: false
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

describe("listRows --search / --capability / --sort (issue 12 item 6)", () => {
  const keys = (list: ReadonlyArray<{ readonly key: string }>) => list.map((r) => r.key)

  it("--search matches key or name, ignoring case, and combines with --all/--provider/--local", () => {
    // the key (provider included) ...
    expect(keys(rows({ all: true, search: "OPENAI/" }))).toEqual(["openai/gpt-5.2"])
    // ... or the name ("Claude Sonnet"), never the tags
    expect(keys(rows({ all: true, search: "claude son" }))).toEqual(["anthropic/claude-sonnet-4-5"])
    expect(keys(rows({ all: true, search: "fallback" }))).toEqual([])
    expect(keys(rows({ all: true, provider: "anthropic", search: "OPUS" }))).toEqual([
      "anthropic/claude-opus-4-5"
    ])
    expect(keys(rows({ all: true, local: true, search: "qwen" }))).toEqual(["vllm/qwen3"])
    // configured mode: a missing model is found by its key
    expect(keys(rows({ search: "missing" }))).toEqual(["nope/missing-model"])
    expect(keys(rows({ all: true, search: "  " }))).toEqual(keys(rows({ all: true })))
  })

  it("--capability keeps models known to have every capability asked for; unknown is not a yes", () => {
    expect(keys(rows({ all: true, capabilities: ["image"] }))).toEqual(["anthropic/claude-opus-4-5"])
    expect(keys(rows({ all: true, capabilities: ["reasoning"] }))).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-sonnet-4-5",
      "openai/gpt-5.2"
    ])
    // ollama and vllm say nothing of tools: left out
    expect(keys(rows({ all: true, capabilities: ["tools"] }))).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-sonnet-4-5",
      "google/gemini-3-pro-preview",
      "openai/gpt-5.2"
    ])
    expect(keys(rows({ all: true, capabilities: ["tools", "reasoning", "image"] }))).toEqual([
      "anthropic/claude-opus-4-5"
    ])
    // a missing (unknown) configured model has no known capability
    expect(keys(rows({ capabilities: ["tools"], provider: "nope" }))).toEqual([])
  })

  it("--sort price: by input price, then output price, cheapest first; stated 0 first, unknown last", () => {
    expect(keys(rows({ all: true, sort: "price" }))).toEqual([
      "vllm/qwen3", // free, as its config says
      "openai/gpt-5.2", // 1.75
      "google/gemini-3-pro-preview", // 2
      "anthropic/claude-sonnet-4-5", // 3
      "anthropic/claude-opus-4-5", // 5
      "ollama/llama3.2:latest" // unknown
    ])
    // configured mode: the missing model and ollama (no price) last, in their listing order
    expect(keys(rows({ sort: "price" })).slice(-2)).toEqual(["nope/missing-model", "ollama/llama3.2:latest"])
  })

  it("--sort price: an equal input price is decided by the output price, unknown output last", () => {
    const catalog = [
      model("p", "a", { cost: { input: 1 } }),
      model("p", "b", { cost: { input: 1, output: 9 } }),
      model("p", "c", { cost: { input: 1, output: 2 } }),
      model("p", "d", { cost: { output: 0.1 } })
    ]
    const list = listRows({}, catalog, decodeAuthProfiles({}), () => undefined, {
      all: true,
      local: false,
      sort: "price"
    })
    expect(keys(list)).toEqual(["p/c", "p/b", "p/a", "p/d"])
  })

  it("--sort context: largest window first, unknown last; --sort name: by provider/model", () => {
    expect(keys(rows({ all: true, sort: "context" }))).toEqual([
      "openai/gpt-5.2",
      "anthropic/claude-opus-4-5",
      "anthropic/claude-sonnet-4-5",
      "google/gemini-3-pro-preview",
      "ollama/llama3.2:latest",
      "vllm/qwen3"
    ])
    expect(keys(rows({ sort: "context" })).at(-1)).toBe("nope/missing-model")
    expect(keys(rows({ sort: "name" }))).toEqual([
      "anthropic/claude-opus-4-5",
      "google/gemini-3-pro-preview",
      "nope/missing-model",
      "ollama/llama3.2:latest",
      "openai/gpt-5.2"
    ])
  })
})

describe("--sort / --capability values (issue 12 item 6)", () => {
  it("accepts the listed values in any case", () => {
    expect(parseListSort(" Price ")).toEqual(Either.right("price"))
    expect(parseListCapabilities(["TOOLS", " image,tools"])).toEqual(Either.right(["tools", "image"]))
    expect(parseListCapabilities([])).toEqual(Either.right([]))
  })

  it("a bad value names the flag, the value and what is accepted", () => {
    expect(parseListSort("cost")).toEqual(
      Either.left('--sort: unknown value "cost". Use one of: name, price, context.')
    )
    expect(parseListCapabilities([" , "])).toEqual(
      Either.left("--capability: no value given. Use one or more of: tools, image, reasoning.")
    )
    expect(parseListCapabilities(["tools,vision", "audio"])).toEqual(
      Either.left(
        '--capability: unknown values "vision", "audio". Use one or more of: tools, image, reasoning.'
      )
    )
    // a hostile value is cut and escaped
    const hostile = parseListSort(`\u001b[31m${"x".repeat(100)}`)
    expect(Either.isLeft(hostile) && hostile.left).toMatch(/^--sort: unknown value "\\x1b\[31mx+…"/)
  })
})
