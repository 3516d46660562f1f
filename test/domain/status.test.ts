import { describe, expect, it } from "@effect/vitest"
import { maskSecret } from "../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import type { ProbeResult, ProbeStatus } from "../../src/domain/probe/types.js"
import { renderStatusJson } from "../../src/domain/render/status.js"
import { checkCode, providersInUse } from "../../src/domain/status.js"
import {
  anthropicOAuth,
  fullConfig,
  HOUR,
  MIN,
  NOW,
  SECRET_ACCESS,
  SECRET_KEY,
  SECRET_REFRESH,
  SECRET_TOKEN,
  SHORT_KEY,
  status,
  text
} from "../support/statusFixtures.js"

describe("computeStatus: models (spec §3.2)", () => {
  it("an empty state resolves to the default model", () => {
    const view = status({})
    expect(view.defaultModel).toBe("anthropic/claude-opus-4-5")
    expect(view.resolvedDefault).toBe("anthropic/claude-opus-4-5")
    expect(view.imageModel).toBeNull()
    expect(view.fallbacks).toEqual([])
    expect(view.allowed).toEqual([])
    expect(view.auth.providers).toEqual([])
    // the built-in default is in use: no auth for it is missing auth, as for a configured one (spec §3.2)
    expect(view.auth.missingProvidersInUse).toEqual(["anthropic"])
    expect(checkCode(view)).toBe(1)
  })

  it("the built-in default counts as in use: an env key covers it, --check passes", () => {
    const view = status({}, {}, { ANTHROPIC_API_KEY: "sk-ant-api03-0123456789abcdef0123456789" })
    expect(view.auth.missingProvidersInUse).toEqual([])
    expect(checkCode(view)).toBe(0)
  })

  it("keeps the raw default beside the alias-resolved one; aliases map to raw keys", () => {
    const view = status(fullConfig)
    expect(view.defaultModel).toBe("opus")
    expect(view.resolvedDefault).toBe("anthropic/claude-opus-4-5")
    // `openai/gpt-5.2` has no alias key: the built-in `gpt` is shown, as the reference attaches it (spec §2.5)
    expect(view.aliases).toEqual({ opus: "anthropic/claude-opus-4-5", gpt: "openai/gpt-5.2" })
    expect(view.allowed).toEqual(["anthropic/claude-opus-4-5", "openai/gpt-5.2"])
  })

  it("providers in use follow aliases (not the reference's raw parse, §8.7)", () => {
    const view = status({
      agents: { defaults: { model: { primary: "gpt" }, models: { "openai/gpt-5.2": { alias: "gpt" } } } }
    })
    expect(view.auth.missingProvidersInUse).toEqual(["openai"])
  })
})

describe("computeStatus: provider set and overview (spec §3.2, §5)", () => {
  it("an env key makes a provider effective=env with a masked value", () => {
    const view = status({}, {}, { OPENAI_API_KEY: SECRET_KEY })
    expect(view.auth.providers).toEqual([
      {
        provider: "openai",
        effective: { kind: "env", detail: "sk-proj-...Zx81abcd" },
        profiles: { count: 0, oauth: 0, token: 0, apiKey: 0, labels: [] },
        env: { value: "sk-proj-...Zx81abcd", source: "env: OPENAI_API_KEY" }
      }
    ])
  })

  it("an *_OAUTH_TOKEN variable shows as OAuth (env) and counts as an OAuth provider", () => {
    const view = status({}, {}, { ANTHROPIC_OAUTH_TOKEN: SECRET_TOKEN, ANTHROPIC_API_KEY: SECRET_KEY })
    const anthropic = view.auth.providers.find((p) => p.provider === "anthropic")
    expect(anthropic?.env).toEqual({ value: "OAuth (env)", source: "env: ANTHROPIC_OAUTH_TOKEN" })
    expect(anthropic?.effective).toEqual({ kind: "env", detail: "OAuth (env)" })
    expect(view.auth.providersWithOAuth).toEqual(["anthropic (1)"])
  })

  it("blank variables are ignored; the next one in the list wins (Z_AI_API_KEY)", () => {
    const view = status({}, {}, { ZAI_API_KEY: "   ", Z_AI_API_KEY: "zai-key-0123456789abcdef" })
    expect(view.auth.providers.map((p) => [p.provider, p.env?.source])).toEqual([
      ["zai", "env: Z_AI_API_KEY"]
    ])
  })

  it("a config apiKey shows as the models.json source", () => {
    const view = status({
      models: { providers: { groq: { baseUrl: "https://api.groq.com/openai/v1", apiKey: SECRET_KEY } } }
    })
    expect(view.auth.providers).toEqual([
      {
        provider: "groq",
        effective: { kind: "models.json", detail: "sk-proj-...Zx81abcd" },
        profiles: { count: 0, oauth: 0, token: 0, apiKey: 0, labels: [] },
        modelsJson: {
          value: "sk-proj-...Zx81abcd",
          source: "models.json: ~/.clawdbot/agents/main/agent/models.json"
        }
      }
    ])
  })

  it("profiles win over env; labels per type; config email beats the stored one", () => {
    const view = status(
      { auth: { profiles: { "anthropic:me": { provider: "anthropic", mode: "oauth", email: "cfg@x.io" } } } },
      {
        profiles: {
          "anthropic:me": {
            type: "oauth",
            provider: "anthropic",
            access: SECRET_ACCESS,
            expires: NOW + 3 * 24 * HOUR,
            email: "stored@x.io"
          },
          "anthropic:manual": { type: "token", provider: "anthropic", token: SECRET_TOKEN },
          "anthropic:key": { type: "api_key", provider: "anthropic", key: SECRET_KEY }
        }
      },
      { ANTHROPIC_API_KEY: SECRET_KEY }
    )
    const [anthropic] = view.auth.providers
    expect(anthropic?.effective).toEqual({
      kind: "profiles",
      detail: "~/.clawdbot/agents/main/agent/auth-profiles.json"
    })
    expect(anthropic?.profiles).toEqual({
      count: 3,
      oauth: 1,
      token: 1,
      apiKey: 1,
      labels: [
        "anthropic:key=sk-proj-...Zx81abcd",
        "anthropic:manual=token:sk-ant-o...tail1234",
        "anthropic:me=OAuth (cfg@x.io)"
      ]
    })
    expect(view.auth.providersWithOAuth).toEqual(["anthropic (2)"])
  })

  it("providers come from profiles, config providers, refs and the allowlist; sorted and deduped", () => {
    const view = status(
      {
        agents: {
          defaults: {
            model: { primary: "z.ai/glm-4.7", fallbacks: ["openai/gpt-5.2"] },
            imageModel: { primary: "google/gemini-3-pro", fallbacks: ["xai/grok-4"] },
            models: { "mistral/mistral-large": {}, "openai/gpt-5.2": {} }
          }
        },
        models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434" } } }
      },
      { profiles: { "groq:default": { type: "api_key", provider: "groq", key: SECRET_KEY } } }
    )
    // only providers with some credential get an overview row
    expect(view.auth.providers.map((p) => p.provider)).toEqual(["groq"])
    expect(view.auth.missingProvidersInUse).toEqual(["google", "openai", "xai", "zai"])
    expect(checkCode(view)).toBe(1)
  })
})

describe("computeStatus: providers that authenticate without a key (better than §8.7)", () => {
  const inUse = (primary: string, extra: ClawdbotConfig = {}): ClawdbotConfig => ({
    ...extra,
    agents: { defaults: { ...extra.agents?.defaults, model: { primary } } }
  })

  it.each([
    [{ AWS_BEARER_TOKEN_BEDROCK: SECRET_KEY }, "sk-proj-...Zx81abcd", "env: AWS_BEARER_TOKEN_BEDROCK"],
    [
      { AWS_ACCESS_KEY_ID: "AKIAABCDEFGHIJKLMNOP", AWS_SECRET_ACCESS_KEY: SECRET_KEY },
      "AKIAABCD...IJKLMNOP",
      "env: AWS_ACCESS_KEY_ID"
    ],
    [{ AWS_PROFILE: "work" }, "aws-sdk (profile work)", "env: AWS_PROFILE"]
  ])("amazon-bedrock with %j is covered", (env, value, source) => {
    const view = status(inUse("amazon-bedrock/anthropic.claude-opus-4-5"), {}, env)
    expect(view.auth.missingProvidersInUse).toEqual([])
    expect(view.auth.providers[0]?.env).toEqual({ value, source })
    expect(JSON.stringify(view)).not.toContain(SECRET_KEY)
  })

  it("amazon-bedrock with only a secret key (no key id) is missing", () => {
    const view = status(inUse("amazon-bedrock/x"), {}, { AWS_SECRET_ACCESS_KEY: SECRET_KEY })
    expect(view.auth.missingProvidersInUse).toEqual(["amazon-bedrock"])
  })

  it("google-vertex needs the ADC file variable, a project and a location; source gcloud adc", () => {
    const env = {
      GOOGLE_APPLICATION_CREDENTIALS: "/home/u/adc.json",
      GCLOUD_PROJECT: "proj-1",
      GOOGLE_CLOUD_LOCATION: "us-central1"
    }
    const view = status(inUse("google-vertex/gemini-3-pro-preview"), {}, env)
    expect(view.auth.missingProvidersInUse).toEqual([])
    expect(view.auth.providers[0]?.env).toEqual({ value: "ADC (project proj-1)", source: "gcloud adc" })
    const { GOOGLE_CLOUD_LOCATION: _location, ...partial } = env
    expect(
      status(inUse("google-vertex/gemini-3-pro-preview"), {}, partial).auth.missingProvidersInUse
    ).toEqual(["google-vertex"])
  })

  it("Ollama and providers on a local base URL are never missing auth; a remote Ollama still is", () => {
    expect(status(inUse("ollama/llama3.3")).auth.missingProvidersInUse).toEqual([])
    const lmStudio = inUse("lmstudio/qwen3", {
      models: { providers: { lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", models: [{ id: "qwen3" }] } } }
    })
    expect(status(lmStudio).auth.missingProvidersInUse).toEqual([])
    const remote = inUse("ollama/llama3.3", {
      models: { providers: { ollama: { baseUrl: "https://gpu.example.com" } } }
    })
    expect(status(remote).auth.missingProvidersInUse).toEqual(["ollama"])
  })

  it("CLI backends (built-in and configured) are never missing auth", () => {
    expect(status(inUse("claude-cli/opus")).auth.missingProvidersInUse).toEqual([])
    expect(checkCode(status(inUse("codex-cli/gpt-5.2-codex")))).toBe(0)
    const custom = inUse("my-cli/model", {
      agents: { defaults: { cliBackends: { "my-cli": { command: "x" } } } }
    })
    expect(status(custom).auth.missingProvidersInUse).toEqual([])
    expect(status(inUse("other-cli/model")).auth.missingProvidersInUse).toEqual(["other-cli"])
  })
})

describe("computeStatus: unusable profiles (spec §3.2, §6.2)", () => {
  const doc = {
    profiles: {
      "openai:a": { type: "api_key", provider: "openai", key: SECRET_KEY },
      "openai:b": { type: "api_key", provider: "openai", key: SECRET_KEY },
      "openai:c": { type: "api_key", provider: "openai", key: SECRET_KEY }
    },
    usageStats: {
      "openai:a": { cooldownUntil: NOW + 5 * MIN, errorCount: 2 },
      "openai:b": { disabledUntil: NOW + 3 * HOUR, disabledReason: "billing", cooldownUntil: NOW + MIN },
      "openai:c": { cooldownUntil: NOW - MIN }
    }
  }

  it("labels get [cooldown 5m] / [disabled:billing 3h]; past cooldowns are ignored", () => {
    const view = status({}, doc)
    expect(view.auth.providers[0]?.profiles.labels).toEqual([
      "openai:a=sk-proj-...Zx81abcd [cooldown 5m]",
      "openai:b=sk-proj-...Zx81abcd [disabled:billing 3h]",
      "openai:c=sk-proj-...Zx81abcd"
    ])
  })

  it("an unusable profile's provider is its stored profile's, normalised; an id without a profile has none", () => {
    const view = status(
      {},
      {
        profiles: { "x:1": { type: "api_key", provider: "Z.AI", key: SECRET_KEY } },
        usageStats: { "x:1": { cooldownUntil: NOW + MIN }, "Qwen:gone": { cooldownUntil: NOW + 2 * MIN } }
      }
    )
    // the reference reports the stored profile's provider only: for `Qwen:gone` it has none (issue 11 item 10)
    expect(view.auth.unusableProfiles.map((p) => [p.profileId, p.provider])).toEqual([
      ["x:1", "zai"],
      ["Qwen:gone", undefined]
    ])
    expect(view.auth.unusableProfiles[1]).not.toHaveProperty("provider")
  })

  it("unusableProfiles is sorted by remaining time", () => {
    expect(status({}, doc).auth.unusableProfiles).toEqual([
      {
        profileId: "openai:a",
        provider: "openai",
        kind: "cooldown",
        until: NOW + 5 * MIN,
        remainingMs: 5 * MIN
      },
      {
        profileId: "openai:b",
        provider: "openai",
        kind: "disabled",
        reason: "billing",
        until: NOW + 3 * HOUR,
        remainingMs: 3 * HOUR
      }
    ])
  })
})

describe("computeStatus: OAuth/token health and --check (spec §3.2, §6.1)", () => {
  const profile = (expires: number | undefined, type: "oauth" | "token" = "oauth") =>
    type === "oauth"
      ? { type, provider: "anthropic", access: SECRET_ACCESS, ...(expires === undefined ? {} : { expires }) }
      : { type, provider: "anthropic", token: SECRET_TOKEN, ...(expires === undefined ? {} : { expires }) }

  // the provider of a lone token without expiry is `ok`, not `static`: only api keys make a provider static (§6.1)
  it.each([
    ["ok", "ok", NOW + 70 * HOUR, "oauth", 0],
    ["expiring", "expiring", NOW + 3 * HOUR, "oauth", 2],
    ["expired", "expired", NOW - MIN, "oauth", 1],
    ["expired", "expired", NOW - MIN, "token", 1],
    ["expiring", "expiring", NOW + 23 * HOUR, "token", 2],
    ["static", "ok", undefined, "token", 0]
  ] as const)("%s, provider %s (expires %s, %s) -> check %i", (state, providerState, expires, type, code) => {
    const view = status({}, { profiles: { "anthropic:x": profile(expires, type) } })
    expect(view.auth.oauth.profiles.map((p) => p.status)).toEqual([state])
    expect(view.auth.oauth.providers[0]?.status).toBe(providerState)
    expect(checkCode(view)).toBe(code)
  })

  it("an oauth profile without a valid expiry is missing (check 1) and shows as unknown", () => {
    const view = status({}, { profiles: { "anthropic:x": { ...profile(NOW), expires: 0 } } })
    expect(view.auth.oauth.profiles[0]?.status).toBe("missing")
    expect(checkCode(view)).toBe(1)
    expect(text({}, { profiles: { "anthropic:x": { ...profile(NOW), expires: 0 } } })).toContain(
      "  - anthropic:x unknown expires unknown"
    )
  })

  it("provider health: worst wins, expiresAt is the earliest", () => {
    const view = status(
      {},
      {
        profiles: {
          "anthropic:a": profile(NOW + 30 * HOUR),
          "anthropic:b": profile(NOW + 2 * HOUR),
          "anthropic:c": profile(undefined, "token")
        }
      }
    )
    expect(view.auth.oauth.providers).toHaveLength(1)
    expect(view.auth.oauth.providers[0]).toMatchObject({
      provider: "anthropic",
      status: "expiring",
      expiresAt: NOW + 2 * HOUR,
      remainingMs: 2 * HOUR
    })
    expect(view.auth.oauth.warnAfterMs).toBe(86_400_000)
  })

  it("an in-use provider without auth gives check 1 even when all tokens are fine", () => {
    const view = status(
      {
        agents: {
          defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] } }
        }
      },
      { profiles: { "anthropic:x": profile(NOW + 30 * HOUR) } }
    )
    expect(view.auth.missingProvidersInUse).toEqual(["openai"])
    expect(checkCode(view)).toBe(1)
  })
})

describe("computeStatus: the health list covers every profile and provider of the set (issue 11 item 3)", () => {
  const config: ClawdbotConfig = {
    agents: {
      defaults: {
        model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["google/gemini-3-pro-preview"] },
        models: { "anthropic/claude-opus-4-5": {}, "mistral/mistral-large-latest": {} }
      }
    }
  }
  const store = {
    profiles: {
      "openai:default": { type: "api_key", provider: "openai", key: SECRET_KEY },
      "anthropic:manual": { type: "token", provider: "anthropic", token: SECRET_TOKEN },
      "anthropic:claude-cli": {
        type: "oauth",
        provider: "anthropic",
        access: SECRET_ACCESS,
        refresh: SECRET_REFRESH
      }
    }
  }

  it("api_key and a token without expiry are static, an oauth without expires is missing; none disappears", () => {
    expect(status(config, store).auth.oauth.profiles).toEqual([
      {
        profileId: "anthropic:claude-cli",
        provider: "anthropic",
        type: "oauth",
        status: "missing",
        source: "claude-cli",
        label: "anthropic:claude-cli"
      },
      {
        profileId: "anthropic:manual",
        provider: "anthropic",
        type: "token",
        status: "static",
        source: "store",
        label: "anthropic:manual"
      },
      {
        profileId: "openai:default",
        provider: "openai",
        type: "api_key",
        status: "static",
        source: "store",
        label: "openai:default"
      }
    ])
  })

  it("every provider of the set is listed: no profiles missing, only api keys static, a missing oauth expired", () => {
    const providers = status(config, store).auth.oauth.providers
    expect(
      providers.map((p) => [p.provider, p.status, p.profiles.map((profile) => profile.profileId)])
    ).toEqual([
      ["anthropic", "expired", ["anthropic:claude-cli", "anthropic:manual"]],
      ["google", "missing", []],
      ["mistral", "missing", []],
      ["openai", "static", ["openai:default"]]
    ])
    expect(providers.find((p) => p.provider === "openai")).not.toHaveProperty("expiresAt")
  })

  it("the text block shows the OAuth/token subset only, with unknown/static and the sync source", () => {
    const output = text(config, store)
    expect(output.slice(output.indexOf("OAuth/token status"))).toBe(
      [
        "OAuth/token status",
        "- anthropic",
        "  - anthropic:claude-cli unknown expires unknown (claude-cli)",
        "  - anthropic:manual static"
      ].join("\n")
    )
  })

  it("--check judges the OAuth/token profiles and in-use providers, not the allowlist-only ones listed as missing", () => {
    const onlyKeys = {
      profiles: { "anthropic:work": { type: "api_key", provider: "anthropic", key: SECRET_KEY } }
    }
    const view = status(
      {
        agents: {
          defaults: { model: "anthropic/claude-opus-4-5", models: { "mistral/mistral-large-latest": {} } }
        }
      },
      onlyKeys
    )
    expect(view.auth.oauth.providers.map((p) => [p.provider, p.status])).toEqual([
      ["anthropic", "static"],
      ["mistral", "missing"]
    ])
    expect(checkCode(view)).toBe(0)
    expect(text({ agents: { defaults: { model: "anthropic/claude-opus-4-5" } } }, onlyKeys)).toContain(
      "OAuth/token status\n- none"
    )
  })

  it("a stored expires that is not a number keeps the profile: oauth missing, token static", () => {
    const view = status(
      {},
      {
        profiles: {
          "anthropic:a": { type: "oauth", provider: "anthropic", access: SECRET_ACCESS, expires: null },
          "anthropic:b": { type: "token", provider: "anthropic", token: SECRET_TOKEN, expires: "soon" }
        }
      }
    )
    expect(view.auth.oauth.profiles.map((p) => [p.profileId, p.status])).toEqual([
      ["anthropic:a", "missing"],
      ["anthropic:b", "static"]
    ])
    expect(checkCode(view)).toBe(1)
  })

  it("an openai-codex:codex-cli profile reports source codex-cli, in JSON and text (issue 11 item 10)", () => {
    const codex = {
      profiles: {
        "openai-codex:codex-cli": {
          type: "oauth",
          provider: "openai-codex",
          access: SECRET_ACCESS,
          refresh: SECRET_REFRESH,
          expires: NOW + 30 * HOUR
        },
        "openai-codex:me@example.com": {
          type: "oauth",
          provider: "openai-codex",
          access: SECRET_ACCESS,
          expires: NOW + 30 * HOUR
        }
      }
    }
    expect(status({}, codex).auth.oauth.profiles.map((p) => [p.profileId, p.source])).toEqual([
      ["openai-codex:codex-cli", "codex-cli"],
      ["openai-codex:me@example.com", "store"]
    ])
    expect(text({}, codex)).toContain(
      "- openai-codex\n  - openai-codex:codex-cli ok expires in 30h (codex-cli)\n  - openai-codex:me@example.com ok expires in 30h"
    )
  })
})

describe("secrets never appear (spec §3.2 mask, better than §8.8)", () => {
  it.each([
    ["", "missing"],
    ["   ", "missing"],
    [SECRET_KEY, "sk-proj-...Zx81abcd"]
  ])("maskSecret(%j) = %j", (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked)
  })

  it.each(["abcd", "sk-12345678", SHORT_KEY, "0123456789abcdef"])(
    "a short key %j is never shown whole",
    (key) => {
      const masked = maskSecret(key)
      expect(masked).not.toContain(key)
      expect(masked.replace("...", "").length).toBeLessThanOrEqual(Math.ceil(key.length / 4))
    }
  )

  it("neither text nor JSON output contains any secret", () => {
    const args = [
      {
        ...fullConfig,
        models: { providers: { xai: { baseUrl: "https://api.x.ai/v1", apiKey: "xai-short-key" } } }
      },
      {
        profiles: {
          ...anthropicOAuth.profiles,
          "anthropic:manual": { type: "token", provider: "anthropic", token: SECRET_TOKEN },
          "groq:default": { type: "api_key", provider: "groq", key: SHORT_KEY }
        }
      },
      { OPENAI_API_KEY: SECRET_KEY, MISTRAL_API_KEY: "mistral-secret-value-1234567890" }
    ] as const
    const outputs = [text(...args), renderStatusJson(status(...args))]
    for (const output of outputs) {
      for (const secret of [
        SECRET_KEY,
        SECRET_TOKEN,
        SECRET_ACCESS,
        SECRET_REFRESH,
        SHORT_KEY,
        "xai-short-key",
        "mistral-secret-value-1234567890"
      ]) {
        expect(output).not.toContain(secret)
      }
    }
  })
})

describe("checkCode with a probe run (issue 12: status --probe --check for cron)", () => {
  const env = {
    ANTHROPIC_API_KEY: "sk-ant-api03-0123456789abcdef0123456789",
    OPENAI_API_KEY: "sk-proj-0123456789"
  }
  const config: ClawdbotConfig = { agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } } }
  const view = status(config, {}, env)
  const probed = (provider: string, outcome: ProbeStatus): ProbeResult => ({
    provider,
    label: "env",
    source: "env",
    status: outcome,
    latencyMs: 120
  })
  const check = (...results: ReadonlyArray<ProbeResult>) =>
    checkCode(view, { results, providersInUse: providersInUse(config) })

  it("is 0 when every probe of a provider in use is ok, and without a probe run", () => {
    expect(checkCode(view)).toBe(0)
    expect(check(probed("anthropic", "ok"))).toBe(0)
  })

  it("is 1 for a probe that needs a person: auth, billing, format, no_model", () => {
    for (const outcome of ["auth", "billing", "format", "no_model"] as const) {
      expect(check(probed("anthropic", "ok"), probed("anthropic", outcome)), outcome).toBe(1)
    }
  })

  it("is 2 for a probe that may pass on its own: rate_limit, timeout, unknown; 1 still wins", () => {
    for (const outcome of ["rate_limit", "timeout", "unknown"] as const) {
      expect(check(probed("anthropic", outcome)), outcome).toBe(2)
      expect(check(probed("anthropic", outcome), probed("anthropic", "auth")), outcome).toBe(1)
    }
  })

  it("ignores providers not in use and profiles skipped while planning (no request sent)", () => {
    expect(check(probed("openai", "auth"))).toBe(0)
    const { latencyMs: _sent, ...skipped } = probed("anthropic", "unknown")
    expect(check(skipped)).toBe(0)
  })

  it("providers in use follow aliases and include fallbacks and image models", () => {
    expect(
      providersInUse({
        agents: {
          defaults: {
            model: { primary: "fast", fallbacks: ["google/gemini-3-pro-preview"] },
            imageModel: { primary: "xai/grok-4", fallbacks: ["groq/llama"] },
            models: { "openai/gpt-5-mini": { alias: "fast" } }
          }
        }
      })
    ).toEqual(["google", "groq", "openai", "xai"])
  })
})
