import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import {
  buildAliasIndex,
  DEFAULT_MODEL_KEY,
  modelKey,
  modelRefWriteProblem,
  normalizeModelId,
  normalizeProviderId,
  parseModelRef,
  providerOfInput,
  resolveModelInput,
  validateAlias
} from "../../src/domain/modelRef.js"

const keyOf = (raw: string) => Option.getOrUndefined(Option.map(parseModelRef(raw), modelKey))

describe("parseModelRef (spec §2.1)", () => {
  it.each([
    ["anthropic/claude-opus-4-5", "anthropic/claude-opus-4-5"],
    ["  openai/gpt-5.2  ", "openai/gpt-5.2"],
    ["claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"],
    ["openrouter/moonshotai/kimi-k2", "openrouter/moonshotai/kimi-k2"],
    ["OpenAI/GPT-5.2", "openai/GPT-5.2"],
    [" openai / gpt-5.2 ", "openai/gpt-5.2"],
    ["ollama/llama3.2:latest", "ollama/llama3.2:latest"]
  ])("%j -> %s", (raw, key) => {
    expect(keyOf(raw)).toBe(key)
  })

  it.each(["", "   ", "/gpt-5", "openai/", " / ", "openai/  "])("%j is invalid", (raw) => {
    expect(Option.isNone(parseModelRef(raw))).toBe(true)
  })

  it("splits at the first slash only: the model keeps the rest", () => {
    expect(Option.getOrThrow(parseModelRef("openrouter/meta-llama/llama-3.3-70b:free"))).toEqual({
      provider: "openrouter",
      model: "meta-llama/llama-3.3-70b:free"
    })
  })

  it("the default key is anthropic/claude-opus-4-5", () => {
    expect(DEFAULT_MODEL_KEY).toBe("anthropic/claude-opus-4-5")
  })
})

describe("normalisation (spec §2.2)", () => {
  it.each([
    ["z.ai", "zai"],
    ["z-ai", "zai"],
    ["Z.AI", "zai"],
    ["opencode-zen", "opencode"],
    ["qwen", "qwen-portal"],
    ["  Anthropic ", "anthropic"],
    ["zai", "zai"],
    ["qwen-portal", "qwen-portal"]
  ])("provider %j -> %s", (raw, id) => {
    expect(normalizeProviderId(raw)).toBe(id)
  })

  it.each([
    ["z.ai/glm-4.7", "zai/glm-4.7"],
    ["qwen/coder-model", "qwen-portal/coder-model"],
    ["opencode-zen/some-model", "opencode/some-model"]
  ])("ref %j -> %s", (raw, key) => {
    expect(keyOf(raw)).toBe(key)
  })

  it.each([
    ["anthropic", "opus-4.5", "claude-opus-4-5"],
    ["anthropic", "OPUS-4.5", "claude-opus-4-5"],
    ["anthropic", "Sonnet-4.5", "claude-sonnet-4-5"],
    ["anthropic", "claude-opus-4-5", "claude-opus-4-5"],
    ["anthropic", "Claude-Haiku-4-5", "Claude-Haiku-4-5"],
    ["google", "gemini-3-pro", "gemini-3-pro-preview"],
    ["google", "gemini-3-flash", "gemini-3-flash-preview"],
    ["google", "Gemini-3-Pro", "Gemini-3-Pro"],
    ["google", "gemini-3-pro-preview", "gemini-3-pro-preview"],
    ["openai", "opus-4.5", "opus-4.5"],
    ["openrouter", "gemini-3-pro", "gemini-3-pro"]
  ])("%s model %j -> %s", (provider, model, id) => {
    expect(normalizeModelId(provider, model)).toBe(id)
  })

  it("a bare name is the default provider's and normalised as such", () => {
    expect(keyOf("opus-4.5")).toBe("anthropic/claude-opus-4-5")
    expect(keyOf("Anthropic/OPUS-4.5")).toBe("anthropic/claude-opus-4-5")
    expect(keyOf("google/gemini-3-pro")).toBe("google/gemini-3-pro-preview")
  })
})

describe("alias index (spec §2.3)", () => {
  const index = buildAliasIndex({
    "anthropic/claude-opus-4-5": { alias: "Opus" },
    "openai/gpt-5.2": { alias: "  gpt  " },
    "openai/gpt-5-mini": {},
    "google/gemini-3-pro": { alias: "fast" },
    "groq/llama-3.3-70b": { alias: "FAST" },
    "bad/": { alias: "broken" },
    "xai/grok-4": { alias: "" }
  })

  it("indexes aliases case-insensitively, trimmed, by canonical key", () => {
    expect(index.byAlias.get("opus")?.ref).toEqual({ provider: "anthropic", model: "claude-opus-4-5" })
    expect(index.byAlias.get("gpt")?.alias).toBe("gpt")
    expect(index.byKey.get("google/gemini-3-pro-preview")).toBeUndefined()
  })

  it("a later duplicate wins, and the loser no longer lists it", () => {
    expect(index.byAlias.get("fast")).toEqual({
      alias: "FAST",
      ref: { provider: "groq", model: "llama-3.3-70b" }
    })
    expect(index.byKey.get("groq/llama-3.3-70b")).toEqual(["FAST"])
    expect(index.byKey.has("google/gemini-3-pro-preview")).toBe(false)
  })

  it("skips unparsable keys and empty aliases; a built-in target without an alias key gets its built-in", () => {
    expect(index.byAlias.has("broken")).toBe(false)
    expect(index.byAlias.has("")).toBe(false)
    expect([...index.byAlias.keys()].sort()).toEqual(["fast", "gpt", "gpt-mini", "opus"])
    expect(index.byKey.get("openai/gpt-5-mini")).toEqual(["gpt-mini"])
  })
})

describe("resolveModelInput (spec §2.4)", () => {
  const index = buildAliasIndex({
    "anthropic/claude-opus-4-5": { alias: "opus" },
    "openai/gpt-5.2": { alias: "gpt" }
  })

  it.each([
    ["opus", "anthropic/claude-opus-4-5", "opus"],
    ["OPUS", "anthropic/claude-opus-4-5", "opus"],
    [" gpt ", "openai/gpt-5.2", "gpt"],
    ["openai/gpt-5-mini", "openai/gpt-5-mini", undefined],
    ["unknown-name", "anthropic/unknown-name", undefined]
  ])("%j -> %s", (raw, key, alias) => {
    const resolved = Either.getOrThrow(resolveModelInput(raw, index))
    expect(resolved.key).toBe(key)
    expect(resolved.alias).toBe(alias)
  })

  describe("built-in aliases as a fallback (spec §2.5)", () => {
    it("on a fresh config, `opus` means Claude Opus, not anthropic/opus", () => {
      const fresh = buildAliasIndex({})
      expect(Either.getOrThrow(resolveModelInput("opus", fresh)).key).toBe("anthropic/claude-opus-4-5")
      expect(Either.getOrThrow(resolveModelInput("Gemini-Flash", fresh)).key).toBe(
        "google/gemini-3-flash-preview"
      )
      expect(fresh.byKey.size).toBe(0)
    })
    it("a configured alias of the same name wins", () => {
      const custom = buildAliasIndex({ "openrouter/anthropic/claude-opus-4.5": { alias: "opus" } })
      expect(Either.getOrThrow(resolveModelInput("opus", custom)).key).toBe(
        "openrouter/anthropic/claude-opus-4.5"
      )
    })
    it("a target in the allowlist without an alias key has its built-in, as the reference attaches it", () => {
      const attached = buildAliasIndex({ "anthropic/claude-sonnet-4-5": {} })
      expect(Either.getOrThrow(resolveModelInput("sonnet", attached))).toEqual({
        ref: { provider: "anthropic", model: "claude-sonnet-4-5" },
        key: "anthropic/claude-sonnet-4-5",
        alias: "sonnet"
      })
      expect(attached.byKey.get("anthropic/claude-sonnet-4-5")).toEqual(["sonnet"])
    })
    it("an explicit empty alias (what `aliases remove` writes) means no alias and no built-in", () => {
      const removed = buildAliasIndex({ "anthropic/claude-opus-4-5": { alias: "" } })
      expect(Either.getOrThrow(resolveModelInput("opus", removed)).key).toBe("anthropic/opus")
      expect(removed.byKey.size).toBe(0)
    })
    it("a target with an alias of its own gets no built-in", () => {
      const renamed = buildAliasIndex({ "openai/gpt-5.2": { alias: "five" } })
      expect(Either.getOrThrow(resolveModelInput("gpt", renamed)).key).toBe("anthropic/gpt")
      expect(renamed.byKey.get("openai/gpt-5.2")).toEqual(["five"])
    })
    it("a user alias of the same name (any case) wins over the built-in of a configured target", () => {
      const owned = buildAliasIndex({
        "anthropic/claude-opus-4-5": {},
        "openrouter/anthropic/claude-opus-4.5": { alias: "OPUS" }
      })
      expect(Either.getOrThrow(resolveModelInput("opus", owned)).key).toBe(
        "openrouter/anthropic/claude-opus-4.5"
      )
      expect(owned.byKey.has("anthropic/claude-opus-4-5")).toBe(false)
    })
  })

  it("an input with a slash is never looked up as an alias", () => {
    const withSlashAlias = buildAliasIndex({ "openai/gpt-5.2": { alias: "a/b" } })
    expect(Either.getOrThrow(resolveModelInput("a/b", withSlashAlias)).key).toBe("a/b")
  })

  it.each(["", "  ", "/x", "x/"])("%j is invalid and reports the raw input", (raw) => {
    expect(resolveModelInput(raw, index)).toEqual(Either.left(raw))
  })

  it("providerOfInput follows aliases (the reference does not, §8.7)", () => {
    expect(Option.getOrUndefined(providerOfInput("gpt", index))).toBe("openai")
    expect(Option.getOrUndefined(providerOfInput("z.ai/glm-4.7", index))).toBe("zai")
    expect(Option.isNone(providerOfInput("", index))).toBe(true)
  })
})

describe("validateAlias (spec §2.5)", () => {
  it.each([
    ["opus", "opus"],
    ["  gpt-mini  ", "gpt-mini"],
    ["a.b_c:d-E9", "a.b_c:d-E9"]
  ])("%j is valid as %j", (raw, alias) => {
    expect(validateAlias(raw)).toEqual(Either.right(alias))
  })

  it.each(["", "   "])("%j -> Alias cannot be empty.", (raw) => {
    expect(validateAlias(raw)).toEqual(Either.left("Alias cannot be empty."))
  })

  it.each(["my alias", "a/b", "ópus", "x!", "a,b"])(
    "%j -> the allowed-characters message, naming it",
    (raw) => {
      expect(validateAlias(raw)).toEqual(
        Either.left(`Alias "${raw}" must use letters, numbers, dots, underscores, colons, or dashes.`)
      )
    }
  )
})

describe("modelRefWriteProblem (issue 9 item 4)", () => {
  it.each(["openrouter/moonshotai/kimi-k2:free", "anthropic/claude-opus-4-5", `openai/${"a".repeat(249)}`])(
    "%j can be written",
    (key) => {
      expect(modelRefWriteProblem(key)).toBeUndefined()
    }
  )
  it.each([
    ["openai/gpt 5", 'Invalid model reference "openai/gpt 5": it contains whitespace (U+0020).'],
    ["openai/gpt\n5", 'Invalid model reference "openai/gpt\\x0a5": it contains whitespace (U+000A).'],
    [
      "openai/\u001b]0;x\u0007",
      'Invalid model reference "openai/\\x1b]0;x\\x07": it contains a control or invisible character (U+001B).'
    ],
    ["openai/gpt\u202e5", "it contains a control or invisible character (U+202E)"],
    ["openai/gpt\u200b5", "it contains a control or invisible character (U+200B)"],
    [`openai/${"a".repeat(250)}`, "(257 characters): at most 256 are accepted."]
  ])("%j is refused", (key, message) => {
    expect(modelRefWriteProblem(key)).toContain(message)
  })
})
