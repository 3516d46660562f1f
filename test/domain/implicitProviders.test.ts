import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import { builtinModels } from "../../src/domain/builtinCatalog.js"
import { mergeCatalog } from "../../src/domain/catalogMerge.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { activeImplicitProviders, withImplicitProviders } from "../../src/domain/implicitProviders.js"
import { listRows } from "../../src/domain/list.js"

const NO_PROFILES = decodeAuthProfiles({})
const noEnv = () => undefined
const envOf = (vars: Record<string, string>) => (name: string) => vars[name]
const profiles = (entries: Record<string, Record<string, unknown>>) =>
  decodeAuthProfiles({ profiles: entries })

/** Every key of the merged catalog (built-in data plus what the credentials bring) for a provider. */
const keysOf = (
  provider: string,
  config: ClawdbotConfig,
  store = NO_PROFILES,
  env: (name: string) => string | undefined = noEnv
) =>
  mergeCatalog(builtinModels(), withImplicitProviders(config, store, env).models?.providers)
    .filter((model) => model.provider === provider)
    .map((model) => `${model.provider}/${model.id}`)

describe("activeImplicitProviders (spec §1.5)", () => {
  it("adds none without credentials", () => {
    expect(activeImplicitProviders(NO_PROFILES, noEnv)).toEqual([])
  })

  it("adds a provider for its env variable (spec §5.1) or an api_key/token profile with a secret", () => {
    const env = envOf({ MOONSHOT_API_KEY: "sk-moon", SYNTHETIC_API_KEY: "  ", VENICE_API_KEY: "vk" })
    expect(activeImplicitProviders(NO_PROFILES, env)).toEqual(["moonshot", "venice"])
    const store = profiles({
      "kimi-code:default": { type: "token", provider: "kimi-code", token: "kc-token" },
      "synthetic:default": { type: "api_key", provider: "Synthetic", key: "syn-key" },
      "minimax:blank": { type: "api_key", provider: "minimax", key: "   " }
    })
    expect(activeImplicitProviders(store, noEnv)).toEqual(["kimi-code", "synthetic"])
  })

  it("an oauth profile does not add minimax; any qwen-portal profile adds qwen-portal, its env token does not", () => {
    const oauth = { type: "oauth", access: "a", refresh: "r", expires: 1 }
    expect(
      activeImplicitProviders(profiles({ "minimax:x": { ...oauth, provider: "minimax" } }), noEnv)
    ).toEqual([])
    expect(
      activeImplicitProviders(
        profiles({ "qwen-portal:default": { ...oauth, provider: "qwen-portal" } }),
        noEnv
      )
    ).toEqual(["qwen-portal"])
    expect(activeImplicitProviders(NO_PROFILES, envOf({ QWEN_OAUTH_TOKEN: "q" }))).toEqual([])
  })
})

describe("withImplicitProviders", () => {
  it("leaves the config alone when no implicit provider applies", () => {
    const config: ClawdbotConfig = { models: { providers: { openai: { baseUrl: "https://proxy/v1" } } } }
    expect(withImplicitProviders(config, NO_PROFILES, noEnv)).toBe(config)
  })

  it("brings each provider's models only with credentials", () => {
    expect(keysOf("moonshot", {})).toEqual([])
    expect(keysOf("moonshot", {}, NO_PROFILES, envOf({ MOONSHOT_API_KEY: "k" }))).toEqual([
      "moonshot/kimi-k2-0905-preview"
    ])
    expect(keysOf("kimi-code", {}, NO_PROFILES, envOf({ KIMICODE_API_KEY: "k" }))).toEqual([
      "kimi-code/kimi-for-coding"
    ])
    expect(keysOf("synthetic", {}, NO_PROFILES, envOf({ SYNTHETIC_API_KEY: "k" }))).toContain(
      "synthetic/hf:zai-org/GLM-4.7"
    )
    expect(keysOf("venice", {}, NO_PROFILES, envOf({ VENICE_API_KEY: "k" }))).toContain(
      "venice/llama-3.3-70b"
    )
  })

  it("minimax with a key is the reference's implicit provider: it replaces the built-in minimax models", () => {
    expect(keysOf("minimax", {})).toContain("minimax/MiniMax-M2")
    expect(keysOf("minimax", {}, NO_PROFILES, envOf({ MINIMAX_API_KEY: "k" }))).toEqual([
      "minimax/MiniMax-M2.1",
      "minimax/MiniMax-VL-01"
    ])
  })

  it("merges a config provider on top: its keys win, its models first, then the implicit ones it lacks", () => {
    const config: ClawdbotConfig = {
      models: {
        providers: {
          moonshot: {
            baseUrl: "https://moonshot-proxy.example/v1",
            models: [{ id: "kimi-k2-turbo-preview", contextWindow: 1000 }]
          }
        }
      }
    }
    const merged = withImplicitProviders(config, NO_PROFILES, envOf({ MOONSHOT_API_KEY: "k" }))
    expect(merged.models?.providers?.moonshot).toMatchObject({
      api: "openai-completions",
      baseUrl: "https://moonshot-proxy.example/v1",
      models: [{ id: "kimi-k2-turbo-preview" }, { id: "kimi-k2-0905-preview" }]
    })
    const catalog = mergeCatalog(builtinModels(), merged.models?.providers)
    expect(catalog.find((model) => model.id === "kimi-k2-0905-preview")?.baseUrl).toBe(
      "https://moonshot-proxy.example/v1"
    )
    expect(config.models?.providers?.moonshot?.models).toHaveLength(1)
  })
})

describe("list with the keys the reference knows (issue 11 item 9)", () => {
  const configured = [
    "qwen-portal/coder-model",
    "qwen-portal/vision-model",
    "google-gemini-cli/gemini-3-pro-preview",
    "zai/glm-4.6",
    "minimax/MiniMax-M2.1",
    "openrouter/anthropic/claude-3.5-sonnet"
  ]
  const config: ClawdbotConfig = {
    agents: { defaults: { models: Object.fromEntries(configured.map((key) => [key, {}])) } }
  }
  const missing = (store = NO_PROFILES) =>
    listRows(
      config,
      mergeCatalog(builtinModels(), withImplicitProviders(config, store, noEnv).models?.providers),
      store,
      noEnv,
      { all: false, local: false }
    )
      .filter((row) => row.missing)
      .map((row) => row.key)

  it("none is missing once qwen-portal has a profile; without one its models are unknown, as in the reference", () => {
    const qwen = profiles({
      "qwen-portal:default": { type: "oauth", provider: "qwen-portal", access: "a", refresh: "r", expires: 1 }
    })
    expect(missing(qwen)).toEqual([])
    expect(missing()).toEqual(["qwen-portal/coder-model", "qwen-portal/vision-model"])
  })
})
