import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import { builtinModels } from "../../src/domain/builtinCatalog.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import { mergeCatalog, withRefreshed } from "../../src/domain/catalogMerge.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { type Explanation, explainModel } from "../../src/domain/explain.js"
import { activeImplicitProviders, withImplicitProviders } from "../../src/domain/implicitProviders.js"
import { renderExplainJson, renderExplainText } from "../../src/domain/render/explain.js"

const NOW = 1_800_000_000_000
const TOKEN = "sk-ant-oat01-ExplainExplainExplain-0123456789"
const KEY = "sk-ant-api03-SpareSpareSpareSpare-abcdefgh"
const ENV_KEY = "sk-ant-api03-EnvEnvEnvEnvEnvEnv-98765432"

const DOC = {
  version: 1,
  profiles: {
    "anthropic:work": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW + 86_400_000 },
    "anthropic:me": {
      type: "oauth",
      provider: "anthropic",
      access: "a",
      refresh: "r",
      expires: NOW + 3_600_000
    },
    "anthropic:old": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW - 1 },
    "anthropic:spare": { type: "api_key", provider: "anthropic", key: KEY }
  },
  usageStats: { "anthropic:me": { cooldownUntil: NOW + 600_000, errorCount: 2 } }
}

const CONFIG: ClawdbotConfig = {
  agents: {
    defaults: {
      model: {
        primary: "opus",
        fallbacks: ["Fast", "anthropic/claude-opus-4-5", "google/gemini-3-pro", "gpt"]
      },
      imageModel: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-3-flash-preview"] },
      models: {
        "anthropic/claude-opus-4-5": {},
        "openai/gpt-5-mini": { alias: "fast" },
        "openai/gpt-5.2": {},
        "Z.AI/glm-4.7": {},
        "google/gemini-3-flash-preview": {},
        "local/qwen": { alias: "q" }
      }
    },
    list: [{ id: "main" }, { id: "cheap", model: { primary: "fast", fallbacks: ["q"] } }]
  },
  models: {
    providers: {
      local: {
        baseUrl: "http://127.0.0.1:9/v1",
        apiKey: "LOCAL_KEY",
        models: [{ id: "qwen", contextWindow: 32_000 }]
      },
      ollama: { baseUrl: "http://127.0.0.1:11434" }
    }
  },
  auth: { order: { anthropic: ["anthropic:me", "anthropic:work", "anthropic:old"] } }
}

const OLLAMA: CatalogModel = {
  provider: "ollama",
  id: "llama3.3",
  name: "llama3.3",
  api: "openai-completions",
  baseUrl: "http://127.0.0.1:11434/v1",
  input: ["text"],
  contextWindow: 128_000,
  cost: {}
}

const explain = (
  input: string | undefined,
  options: {
    config?: ClawdbotConfig
    env?: Record<string, string>
    doc?: Record<string, unknown>
    agentId?: string
    refreshed?: boolean
  } = {}
): Explanation => {
  const config = options.config ?? CONFIG
  const doc = options.doc ?? DOC
  const store = { ...decodeAuthProfiles(doc), raw: doc }
  const env = (name: string) => options.env?.[name]
  const bundled = options.refreshed
    ? withRefreshed(builtinModels(), [
        {
          provider: "openai",
          id: "gpt-5.2",
          name: "GPT-5.2 (refreshed)",
          input: ["text"],
          contextWindow: 1,
          cost: {}
        }
      ])
    : builtinModels()
  const catalog = mergeCatalog(bundled, withImplicitProviders(config, store, env).models?.providers, [OLLAMA])
  const result = explainModel({
    config,
    agentId: options.agentId ?? "main",
    input,
    catalog,
    implicitProviders: activeImplicitProviders(store, env),
    store,
    env,
    now: NOW
  })
  if (Either.isLeft(result)) throw new Error(`invalid: ${result.left}`)
  return result.right
}

describe("explainModel: aliases and normalisation", () => {
  it("a user alias matches in any case and names the entry it is written in", () => {
    const e = explain("FAST")
    expect(e.alias).toEqual({
      name: "fast",
      kind: "user",
      entry: "openai/gpt-5-mini",
      target: "openai/gpt-5-mini"
    })
    expect(e.key).toBe("openai/gpt-5-mini")
  })

  it("a built-in alias: attached to its allowlist entry, or standing alone when the target is not configured", () => {
    expect(explain("Opus").alias).toEqual({
      name: "opus",
      kind: "builtin",
      entry: "anthropic/claude-opus-4-5",
      target: "anthropic/claude-opus-4-5"
    })
    const sonnet = explain("sonnet")
    expect(sonnet.alias).toEqual({ name: "sonnet", kind: "builtin", target: "anthropic/claude-sonnet-4-5" })
    expect(sonnet.key).toBe("anthropic/claude-sonnet-4-5")
    expect(explain("anthropic/opus").alias).toBeNull()
  })

  it("says what normalisation changed: provider id, model id, the assumed provider", () => {
    const zai = explain(" Z.AI/glm-4.7 ")
    expect(zai.input).toBe("Z.AI/glm-4.7")
    expect(zai.normalised).toEqual([{ part: "provider", from: "Z.AI", to: "zai" }])
    expect(zai.key).toBe("zai/glm-4.7")
    const short = explain("opus-4.5")
    expect(short.providerAssumed).toBe(true)
    expect(short.normalised).toEqual([{ part: "model", from: "opus-4.5", to: "claude-opus-4-5" }])
    expect(short.key).toBe("anthropic/claude-opus-4-5")
    expect(explain("google/gemini-3-pro").normalised).toEqual([
      { part: "model", from: "gemini-3-pro", to: "gemini-3-pro-preview" }
    ])
    expect(explain("anthropic/claude-opus-4-5")).toMatchObject({ normalised: [], providerAssumed: false })
  })

  it("an alias's own entry key is normalised too (built-in alias read from a non-canonical entry)", () => {
    const config: ClawdbotConfig = { agents: { defaults: { models: { "Z-AI/glm-4.7": { alias: "glm" } } } } }
    const e = explain("glm", { config })
    expect(e.alias).toMatchObject({ kind: "user", target: "Z-AI/glm-4.7" })
    expect(e.normalised).toEqual([{ part: "provider", from: "Z-AI", to: "zai" }])
  })

  it("a text that is no model reference is Left with the input", () => {
    const store = { ...decodeAuthProfiles(DOC), raw: DOC }
    const inputs = {
      config: CONFIG,
      agentId: "main",
      catalog: [],
      implicitProviders: [],
      store,
      env: () => undefined,
      now: NOW
    }
    expect(explainModel({ ...inputs, input: "openai/" })).toEqual(Either.left("openai/"))
    expect(explainModel({ ...inputs, input: "  " })).toEqual(Either.left("  "))
  })
})

describe("explainModel: catalog", () => {
  it("names the source: bundled, refreshed, custom provider, implicit provider, Ollama; unknown models are null", () => {
    expect(explain("anthropic/claude-opus-4-5").catalog).toMatchObject({
      source: "bundled",
      contextWindow: 200_000,
      input: ["text", "image"],
      cost: { input: 5, output: 25 }
    })
    expect(explain("gpt", { refreshed: true }).catalog).toMatchObject({
      source: "refreshed",
      name: "GPT-5.2 (refreshed)"
    })
    expect(explain("gpt").catalog?.source).toBe("bundled")
    const custom = explain("q").catalog
    expect(custom).toMatchObject({ source: "custom", contextWindow: 32_000 })
    expect(custom).not.toHaveProperty("cost")
    expect(custom).not.toHaveProperty("maxTokens")
    expect(
      explain("moonshot/kimi-k2-0905-preview", { env: { MOONSHOT_API_KEY: "mk" } }).catalog?.source
    ).toBe("implicit")
    expect(explain("ollama/llama3.3").catalog).toMatchObject({ source: "ollama", contextWindow: 128_000 })
    expect(explain("anthropic/claude-nope").catalog).toBeNull()
  })
})

describe("explainModel: allowlist and roles", () => {
  it("no allowlist admits all; else listed, the default (always allowed) or not listed", () => {
    expect(explain("openai/o3", { config: {} }).allowlist).toEqual({
      configured: false,
      admitted: true,
      reason: "no-allowlist"
    })
    expect(explain("Z.AI/glm-4.7").allowlist.reason).toBe("listed")
    expect(explain("openai/o3").allowlist).toEqual({
      configured: true,
      admitted: false,
      reason: "not-listed"
    })
    const config: ClawdbotConfig = {
      agents: { defaults: { model: "openai/o3", models: { "openai/gpt-5.2": {} } } }
    }
    expect(explain(undefined, { config }).allowlist).toEqual({
      configured: true,
      admitted: true,
      reason: "default"
    })
  })

  it("roles: default, fallback #n, image, image fallback #n — as the agent sees them", () => {
    expect(explain("anthropic/claude-opus-4-5").roles).toEqual([
      { role: "default" },
      { role: "fallback", position: 2 }
    ])
    expect(explain("openai/gpt-5.2").roles).toEqual([{ role: "fallback", position: 4 }, { role: "image" }])
    expect(explain("google/gemini-3-flash-preview").roles).toEqual([{ role: "image-fallback", position: 1 }])
    expect(explain("openai/o3").roles).toEqual([])
    const cheap = explain(undefined, { agentId: "cheap" })
    expect(cheap).toMatchObject({
      isDefault: true,
      input: "fast",
      key: "openai/gpt-5-mini",
      agentId: "cheap"
    })
    expect(cheap.roles).toEqual([{ role: "default" }])
  })

  it("with no argument the agent's default is explained; unset, the built-in default", () => {
    expect(explain(undefined)).toMatchObject({
      isDefault: true,
      input: "opus",
      key: "anthropic/claude-opus-4-5"
    })
    expect(explain(undefined, { config: {} })).toMatchObject({
      input: "anthropic/claude-opus-4-5",
      roles: [{ role: "default" }]
    })
  })
})

describe("explainModel: credentials (rotation order, spec §5.1/§6.3)", () => {
  it("the first usable profile is used; cooldown waits, expired and excluded are skipped with the reason; env after", () => {
    const { credentials } = explain("opus", { env: { ANTHROPIC_API_KEY: ENV_KEY } })
    expect(credentials.use).toBe("anthropic:work")
    expect(credentials.message).toBeUndefined()
    const byId = Object.fromEntries(credentials.entries.map((entry) => [entry.id, entry]))
    expect(byId["anthropic:work"]).toMatchObject({ state: "use", position: 1 })
    expect(byId["anthropic:me"]).toMatchObject({
      state: "waiting",
      position: 2,
      unusable: { kind: "cooldown" }
    })
    expect(byId["anthropic:old"]).toMatchObject({ state: "skipped", position: null, reason: "token expired" })
    expect(byId["anthropic:spare"]).toMatchObject({ state: "skipped", reason: "not in auth.order" })
    expect(byId.ANTHROPIC_API_KEY).toMatchObject({ source: "env", state: "next", position: 3 })
    expect(credentials.entries.map((entry) => entry.id)).toEqual([
      "anthropic:work",
      "anthropic:me",
      "anthropic:old",
      "anthropic:spare",
      "ANTHROPIC_API_KEY"
    ])
  })

  it("a disabled profile and no other: nothing used, and says why", () => {
    const doc = {
      version: 1,
      profiles: { "anthropic:spare": { type: "api_key", provider: "anthropic", key: KEY } },
      usageStats: { "anthropic:spare": { disabledUntil: NOW + 3_600_000, disabledReason: "billing" } }
    }
    const { credentials } = explain("opus", { doc, config: {} })
    expect(credentials.use).toBeNull()
    expect(credentials.entries[0]).toMatchObject({
      state: "waiting",
      unusable: { kind: "disabled", reason: "billing" }
    })
    expect(credentials.message).toContain("cooldown or disabled")
  })

  it("no credential at all, and a config apiKey naming an unset variable: skipped as missing", () => {
    const { credentials } = explain("q")
    expect(credentials.use).toBeNull()
    expect(credentials.message).toBe('No API key found for provider "local".')
    expect(credentials.entries).toEqual([
      expect.objectContaining({
        source: "config",
        state: "skipped",
        reason: "secret missing: LOCAL_KEY is not set",
        position: null
      })
    ])
    expect(explain("q", { env: { LOCAL_KEY: "local-secret-123456789" } }).credentials).toMatchObject({
      use: "models.providers.local.apiKey"
    })
  })

  it("an expired OAuth access token stays in the rotation, refreshed on use; a CLI backend needs none of these", () => {
    const doc = {
      version: 1,
      profiles: {
        "anthropic:me": { type: "oauth", provider: "anthropic", access: "a", refresh: "r", expires: NOW - 1 }
      }
    }
    const { credentials } = explain("opus", { doc, config: {} })
    expect(credentials.use).toBe("anthropic:me")
    expect(credentials.entries[0]).toMatchObject({
      state: "use",
      health: "expired",
      reason: "expired: refreshed on use"
    })
    expect(renderExplainText(explain("opus", { doc, config: {} }))).toContain(
      "1. anthropic:me  oauth  OAuth  used first (expired: refreshed on use)"
    )
    const cli = explain("claude-cli/opus", { config: {} }).credentials
    expect(cli).toMatchObject({ provider: "claude-cli", use: null })
    expect(cli.message).toContain("local CLI backend")
  })
})

describe("explainModel: fallback chain", () => {
  it("the configured fallbacks in order: itself and those the allowlist refuses skipped, the primary last", () => {
    const { fallbacks, fallbackChain } = explain("fast")
    expect(fallbackChain).toBe("text")
    expect(fallbacks.map((step) => [step.key, step.state, step.reason])).toEqual([
      ["openai/gpt-5-mini", "skipped", "the model itself"],
      ["anthropic/claude-opus-4-5", "tried", undefined],
      ["google/gemini-3-pro-preview", "skipped", "not in the allowlist (agents.defaults.models)"],
      ["openai/gpt-5.2", "tried", undefined]
    ])
    expect(fallbacks[1]).toMatchObject({ inCatalog: true, credential: "anthropic:work" })
    expect(fallbacks[3]).toMatchObject({ alias: "gpt", credential: null })
    const other = explain("openai/o3", {
      config: { agents: { defaults: { model: { primary: "opus", fallbacks: ["gpt"] } } } }
    })
    expect(other.fallbacks.map((step) => [step.key, step.reason])).toEqual([
      ["openai/gpt-5.2", undefined],
      ["anthropic/claude-opus-4-5", "the configured primary, tried last"]
    ])
  })

  it("a model used only for images is followed by the image fallbacks", () => {
    const e = explain("google/gemini-3-flash-preview")
    expect(e.fallbackChain).toBe("image")
    expect(e.fallbacks.map((step) => [step.key, step.state])).toEqual([
      ["google/gemini-3-flash-preview", "skipped"],
      ["openai/gpt-5.2", "tried"]
    ])
  })
})

describe("explain output", () => {
  it("numbered steps in text; the same data in JSON; masks only, never a secret", () => {
    const e = explain(undefined, { env: { ANTHROPIC_API_KEY: ENV_KEY } })
    const text = renderExplainText(e)
    expect(
      text
        .split("\n")
        .filter((line) => /^\d\. /.test(line))
        .map((line) => line.slice(0, 2))
    ).toEqual(["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."])
    expect(text).toContain('2. Alias: "opus" is a built-in alias for anthropic/claude-opus-4-5')
    expect(text).toContain("anthropic:me  oauth  OAuth  cooldown 10m: skipped until then, tried last")
    expect(text).toContain("skipped: token expired")
    expect(JSON.parse(renderExplainJson(e))).toEqual(JSON.parse(JSON.stringify(e)))
    for (const output of [text, renderExplainJson(e)]) {
      for (const secret of [TOKEN, KEY, ENV_KEY]) {
        expect(output).not.toContain(secret.slice(12, 24))
      }
    }
  })

  it("escapes control characters from the config and the input in text", () => {
    const config: ClawdbotConfig = {
      agents: { defaults: { models: { "openai/gpt-5.2": { alias: "x\u001b[31m" } } } }
    }
    const text = renderExplainText(explain("X\u001b[31m", { config }))
    expect(text).toContain('2. Alias: "x\\x1b[31m" is your alias for openai/gpt-5.2')
    expect(text).not.toContain("\u001b")
  })
})
