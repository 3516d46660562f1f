import { describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { decodeAuthProfiles } from "../../../src/domain/authProfiles.js"
import type { CatalogModel, ProviderEndpoint } from "../../../src/domain/catalog.js"
import type { ClawdbotConfig } from "../../../src/domain/config.js"
import {
  configuredModelKeys,
  EXCLUDED_BY_ORDER,
  MISSING_OR_EXPIRED,
  NO_MODEL,
  type PlanInputs,
  planProbes,
  selectionProblem
} from "../../../src/domain/probe/plan.js"

const NOW = 1_800_000_000_000
const model = (
  provider: string,
  id: string,
  api = "openai-completions",
  baseUrl = `https://${provider}.test/v1`
): CatalogModel => ({
  provider,
  id,
  name: id,
  api,
  baseUrl,
  reasoning: false,
  input: ["text"],
  contextWindow: 1000,
  maxTokens: 100,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
})
const CATALOG = [
  model("anthropic", "claude-haiku", "anthropic-messages", "https://api.anthropic.com"),
  model("anthropic", "claude-opus-4-5", "anthropic-messages", "https://api.anthropic.com"),
  model("openai", "gpt-5.2", "openai-responses")
]

const inputs = (overrides: Partial<PlanInputs> & { profiles?: object; order?: object }): PlanInputs => ({
  config: {},
  store: decodeAuthProfiles({ profiles: overrides.profiles ?? {}, order: overrides.order ?? {} }),
  env: () => undefined,
  now: NOW,
  providers: ["anthropic", "openai"],
  catalog: CATALOG,
  endpoints: new Map<string, ProviderEndpoint>(),
  selection: { profileIds: [], models: [], allModels: false },
  ...overrides
})

const KEYS = {
  "anthropic:a": { type: "api_key", provider: "anthropic", key: "sk-ant-a" },
  "anthropic:b": { type: "token", provider: "anthropic", token: "sk-ant-oat01-b", email: "b@x.test" },
  "openai:default": { type: "api_key", provider: "openai", key: "sk-openai" }
}

describe("probe planning (§4)", () => {
  it("one target per stored profile, with the first configured model of its provider", () => {
    const config: ClawdbotConfig = {
      agents: {
        defaults: {
          model: { primary: "opus", fallbacks: ["openai/gpt-5.2"] },
          models: { "anthropic/claude-opus-4-5": { alias: "opus" } }
        }
      }
    }
    const plan = planProbes(inputs({ config, profiles: KEYS }))
    expect(plan.planned).toEqual([])
    expect(plan.targets.map((t) => [t.provider, t.label, t.source, t.mode, t.model])).toEqual([
      ["anthropic", "anthropic:a", "profile", "api_key", "anthropic/claude-opus-4-5"],
      ["anthropic", "anthropic:b (b@x.test)", "profile", "token", "anthropic/claude-opus-4-5"],
      ["openai", "openai:default", "profile", "api_key", "openai/gpt-5.2"]
    ])
    expect(plan.targets[0]!.chat.endpoint).toEqual({
      api: "anthropic-messages",
      baseUrl: "https://api.anthropic.com",
      headers: {}
    })
    expect(Redacted.value(plan.targets[1]!.chat.credential.secret)).toBe("sk-ant-oat01-b")
  })

  it("without a configured model, the provider's first catalog model; with none at all, no_model", () => {
    const plan = planProbes(
      inputs({
        profiles: { ...KEYS, "zzz:x": { type: "api_key", provider: "zzz", key: "k" } },
        providers: ["anthropic", "zzz"]
      })
    )
    expect(plan.targets.map((t) => t.model)).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-opus-4-5"
    ])
    expect(plan.planned).toEqual([
      {
        provider: "zzz",
        profileId: "zzz:x",
        label: "zzz:x",
        source: "profile",
        mode: "api_key",
        status: "no_model",
        error: NO_MODEL
      }
    ])
  })

  it("--probe-provider keeps one provider; --probe-profile narrows profiles and skips providers without them", () => {
    expect(
      planProbes(
        inputs({
          profiles: KEYS,
          selection: { provider: "openai", profileIds: [], models: [], allModels: false }
        })
      ).targets.map((t) => t.label)
    ).toEqual(["openai:default"])
    const plan = planProbes(
      inputs({
        profiles: KEYS,
        env: (n) => (n === "OPENAI_API_KEY" ? "sk-env" : undefined),
        selection: { profileIds: ["anthropic:b"], models: [], allModels: false }
      })
    )
    expect(plan.targets.map((t) => t.label)).toEqual(["anthropic:b (b@x.test)"])
  })

  it("no profiles: env credential, else config apiKey (a literal or an env var name)", () => {
    const env = (name: string) =>
      ({ ANTHROPIC_OAUTH_TOKEN: "sk-ant-oat01-env", MY_OPENAI: "sk-from-named-var" })[name]
    const config: ClawdbotConfig = { models: { providers: { openai: { apiKey: "MY_OPENAI" } } } }
    const plan = planProbes(inputs({ env, config }))
    expect(
      plan.targets.map((t) => [t.label, t.source, t.mode, Redacted.value(t.chat.credential.secret)])
    ).toEqual([
      ["env", "env", "oauth", "sk-ant-oat01-env"],
      ["models.json", "models.json", "api_key", "sk-from-named-var"]
    ])
  })

  it("an explicit auth.order excludes unlisted profiles; unusable credentials are reported, not sent", () => {
    const plan = planProbes(
      inputs({
        profiles: {
          ...KEYS,
          "anthropic:old": {
            type: "token",
            provider: "anthropic",
            token: "sk-ant-oat01-old",
            expires: NOW - 1
          }
        },
        order: { anthropic: ["anthropic:b", "anthropic:old"] }
      })
    )
    expect(plan.targets.map((t) => t.label)).toEqual(["anthropic:b (b@x.test)", "openai:default"])
    expect(plan.planned.map((r) => [r.label, r.status, r.error])).toEqual([
      ["anthropic:a", "unknown", EXCLUDED_BY_ORDER],
      ["anthropic:old", "unknown", MISSING_OR_EXPIRED]
    ])
  })

  it("an expired oauth profile with a refresh token is planned with needsRefresh", () => {
    const plan = planProbes(
      inputs({
        profiles: {
          "anthropic:o": {
            type: "oauth",
            provider: "anthropic",
            access: "old",
            refresh: "rt-1",
            expires: NOW - 1
          }
        }
      })
    )
    expect(plan.targets.map((t) => [t.label, t.needsRefresh])).toEqual([["anthropic:o", true]])
  })

  it("an oauth profile without expires is probed after a refresh, like the reference's run (issue 11 item 3)", () => {
    const plan = planProbes(
      inputs({
        profiles: { "anthropic:o": { type: "oauth", provider: "anthropic", access: "at-1", refresh: "rt-1" } }
      })
    )
    expect(plan.targets.map((t) => [t.label, t.needsRefresh])).toEqual([["anthropic:o", true]])
  })

  it("--probe-model probes that model for its provider only; --probe-all-models probes every configured model", () => {
    const only = planProbes(
      inputs({
        profiles: KEYS,
        selection: { profileIds: [], models: ["openai/gpt-4o"], allModels: false },
        endpoints: new Map([
          [
            "openai",
            { provider: "openai", api: "openai-responses", baseUrl: "https://o.test/v1", headers: {} }
          ]
        ])
      })
    )
    expect(only.targets.map((t) => [t.label, t.model, t.chat.endpoint.baseUrl])).toEqual([
      ["openai:default", "openai/gpt-4o", "https://o.test/v1"]
    ])

    const config: ClawdbotConfig = {
      agents: {
        defaults: {
          model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["anthropic/claude-haiku"] },
          imageModel: "openai/gpt-5.2"
        }
      }
    }
    expect(configuredModelKeys(config)).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-haiku",
      "openai/gpt-5.2"
    ])
    const all = planProbes(
      inputs({
        config,
        profiles: { "anthropic:a": KEYS["anthropic:a"] },
        providers: ["anthropic"],
        selection: { profileIds: [], models: [], allModels: true }
      })
    )
    expect(all.targets.map((t) => t.model)).toEqual(["anthropic/claude-opus-4-5", "anthropic/claude-haiku"])
  })

  it("--probe-model for a provider without credentials says so", () => {
    const plan = planProbes(
      inputs({ providers: [], selection: { profileIds: [], models: ["openai/gpt-5.2"], allModels: false } })
    )
    expect(plan.targets).toEqual([])
    expect(plan.planned).toEqual([
      {
        provider: "openai",
        model: "openai/gpt-5.2",
        label: "-",
        source: "none",
        status: "auth",
        error: 'No credentials found for provider "openai".'
      }
    ])
  })

  it("config auth.profiles metadata with another provider or an incompatible mode drops the profile (§6.3)", () => {
    const config: ClawdbotConfig = {
      auth: {
        profiles: {
          "anthropic:a": { provider: "anthropic", mode: "oauth" },
          "anthropic:b": { provider: "anthropic", mode: "oauth" }
        }
      }
    }
    const plan = planProbes(inputs({ config, profiles: KEYS, providers: ["anthropic"] }))
    expect(plan.targets.map((t) => t.profileId)).toEqual(["anthropic:b"])
    expect(plan.planned.map((r) => [r.profileId, r.error])).toEqual([["anthropic:a", MISSING_OR_EXPIRED]])
  })

  it("GitHub Copilot targets carry the token exchange: its URL, and whether the Copilot token names the API host", () => {
    const copilot = (config: ClawdbotConfig, env: (name: string) => string | undefined) =>
      planProbes(
        inputs({
          config,
          env,
          profiles: {
            "github-copilot:github": { type: "token", provider: "github-copilot", token: "gho_x" }
          },
          providers: ["github-copilot"],
          catalog: [model("github-copilot", "gpt-4o")]
        })
      )
    const plain = copilot({}, () => undefined)
    expect(plain.planned).toEqual([])
    expect(plain.targets[0]!.chat.endpoint.tokenExchange).toEqual({
      url: "https://api.github.com/copilot_internal/v2/token",
      baseFromToken: true
    })
    const pointed = copilot(
      { models: { providers: { "github-copilot": { baseUrl: "http://127.0.0.1:1" } } } },
      (name) => (name === "CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT" ? "http://127.0.0.1:2/token" : undefined)
    )
    expect(pointed.targets[0]!.chat.endpoint.tokenExchange).toEqual({
      url: "http://127.0.0.1:2/token",
      baseFromToken: false
    })
  })

  it("an openai-codex profile without an account id, or a Cloud Code Assist one without a project, is auth, not sent", () => {
    const oauth = (provider: string, extra: object = {}) => ({
      type: "oauth",
      provider,
      access: "at-x",
      refresh: "rt-x",
      expires: NOW + 3_600_000,
      ...extra
    })
    const plan = planProbes(
      inputs({
        profiles: {
          "openai-codex:bare": oauth("openai-codex"),
          "openai-codex:ok": oauth("openai-codex", { accountId: "acct-1" }),
          "google-gemini-cli:bare": oauth("google-gemini-cli"),
          "google-gemini-cli:ok": oauth("google-gemini-cli", { projectId: "proj-1" })
        },
        providers: ["openai-codex", "google-gemini-cli"],
        catalog: [
          model(
            "google-gemini-cli",
            "gemini-2.5-pro",
            "google-gemini-cli",
            "https://cloudcode-pa.googleapis.com"
          ),
          model("openai-codex", "gpt-5.2", "openai-codex-responses", "https://chatgpt.com/backend-api")
        ]
      })
    )
    expect(plan.targets.map((t) => t.label)).toEqual(["google-gemini-cli:ok", "openai-codex:ok"])
    expect(plan.targets[0]!.chat.credential.projectId).toBe("proj-1")
    expect(plan.targets[1]!.chat.credential.accountId).toBe("acct-1")
    expect(plan.planned.map((r) => [r.label, r.status])).toEqual([
      ["google-gemini-cli:bare", "auth"],
      ["openai-codex:bare", "auth"]
    ])
    expect(plan.planned[0]!.error).toMatch(/no projectId/)
    expect(plan.planned[1]!.error).toMatch(/no accountId/)
  })

  it("a --probe-provider or --probe-profile that matches nothing is named, with what exists", () => {
    const store = decodeAuthProfiles({ profiles: KEYS })
    const none = { profileIds: [], models: [], allModels: false }
    expect(selectionProblem(none, ["anthropic", "openai"], store)).toBeUndefined()
    expect(selectionProblem({ ...none, provider: "OpenAI" }, ["anthropic", "openai"], store)).toBeUndefined()
    expect(selectionProblem({ ...none, provider: "antropic" }, ["anthropic", "openai"], store)).toBe(
      "--probe-provider antropic: no credentials are configured for it (providers with credentials: anthropic, openai)."
    )
    expect(
      selectionProblem({ ...none, profileIds: ["anthropic:a", "anthropic:zz"] }, ["anthropic"], store)
    ).toBe(
      "--probe-profile anthropic:zz: no such auth profile (known: anthropic:a, anthropic:b, openai:default)."
    )
    expect(
      selectionProblem({ ...none, models: ["anthropic/claude-opus-4-5"] }, ["anthropic"], store)
    ).toBeUndefined()
    expect(
      selectionProblem(
        { ...none, models: ["anthropic/claude-opus-4-5", "opanai/gpt-5.2"] },
        ["anthropic"],
        store
      )
    ).toBe(
      "--probe-model opanai/gpt-5.2: no credentials are configured for opanai (providers with credentials: anthropic)."
    )
  })
})
