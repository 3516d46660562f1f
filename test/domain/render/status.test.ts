import { describe, expect, it } from "@effect/vitest"
import { missingAuthHint, renderStatusJson, renderStatusText } from "../../../src/domain/render/status.js"
import {
  anthropicOAuth,
  fullConfig,
  HOUR,
  NOW,
  SECRET_KEY,
  SECRET_TOKEN,
  shorten,
  status,
  text
} from "../../support/statusFixtures.js"

describe("renderStatusText (spec §3.2 layout)", () => {
  it("matches the reference layout line for line", () => {
    const output = text(fullConfig, anthropicOAuth, { OPENAI_API_KEY: SECRET_KEY })
    expect(output).toBe(
      [
        "Config        : ~/.clawdbot/clawdbot.json",
        "Agent dir     : ~/.clawdbot/agents/main/agent",
        "Default       : anthropic/claude-opus-4-5 (from opus)",
        "Fallbacks (1) : openai/gpt-5.2",
        "Image model   : -",
        "Image fallbacks (0): -",
        "Aliases (2)   : opus -> anthropic/claude-opus-4-5, gpt -> openai/gpt-5.2",
        "Configured models (2): anthropic/claude-opus-4-5, openai/gpt-5.2",
        "",
        "Auth overview",
        "Auth store    : ~/.clawdbot/agents/main/agent/auth-profiles.json",
        "Shell env     : off",
        "Providers w/ OAuth/tokens (1): anthropic (1)",
        "- anthropic effective=profiles:~/.clawdbot/agents/main/agent/auth-profiles.json | profiles=1 (oauth=1, token=0, api_key=0) | anthropic:claude-cli=OAuth",
        "- openai effective=env:sk-proj-...Zx81abcd | env=sk-proj-...Zx81abcd | source=env: OPENAI_API_KEY",
        "",
        "OAuth/token status",
        "- anthropic",
        "  - anthropic:claude-cli ok expires in 30h (claude-cli)"
      ].join("\n")
    )
  })

  it("empty state: `-` for empty lists, `all` for an empty allowlist, `- none` for OAuth", () => {
    const output = text({})
    expect(output).toContain("Default       : anthropic/claude-opus-4-5\n")
    expect(output).toContain("Aliases (0)   : -")
    expect(output).toContain("Configured models (0): all")
    expect(output).toContain("Providers w/ OAuth/tokens (0): -")
    expect(output.endsWith("OAuth/token status\n- none")).toBe(true)
    // the built-in default model is in use, so its provider without auth is listed (spec §3.2)
    expect(output).toContain("Missing auth\n- anthropic Run `claude setup-token`")
  })

  it("Missing auth hints name this tool's commands (login when it has one, paste-token) and the env var", () => {
    const output = renderStatusText(
      status({
        agents: {
          defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["google/gemini-3-pro"] } }
        }
      }),
      { shorten, command: (a) => `clawdbot --profile work ${a}` }
    )
    expect(output).toContain(
      [
        "",
        "Missing auth",
        "- anthropic Run `claude setup-token`, then `clawdbot --profile work models auth setup-token`; or run `clawdbot --profile work models auth login --provider anthropic` or `clawdbot --profile work models auth paste-token --provider anthropic`, or set ANTHROPIC_API_KEY.",
        "- google Run `clawdbot --profile work models auth login --provider google` or `clawdbot --profile work models auth paste-token --provider google`, or set GEMINI_API_KEY.",
        ""
      ].join("\n")
    )
  })

  it("Missing auth hint without a login method names paste-token, and no env var when the provider has none", () => {
    const command = (a: string) => `clawdbot ${a}`
    expect(missingAuthHint("mistral", command)).toBe(
      "Run `clawdbot models auth paste-token --provider mistral`, or set MISTRAL_API_KEY."
    )
    expect(missingAuthHint("my-proxy", command)).toBe(
      "Run `clawdbot models auth paste-token --provider my-proxy`."
    )
  })

  it("Shell env on, with applied keys; config-key provider lines", () => {
    const output = text(
      { models: { providers: { groq: { baseUrl: "https://x", apiKey: SECRET_KEY } } } },
      {},
      {},
      { shellEnv: { enabled: true, appliedKeys: ["OPENAI_API_KEY", "GEMINI_API_KEY"] } }
    )
    expect(output).toContain("Shell env     : on (applied: OPENAI_API_KEY, GEMINI_API_KEY)")
    expect(output).toContain(
      "- groq effective=models.json:sk-proj-...Zx81abcd | models.json=sk-proj-...Zx81abcd | source=models.json: ~/.clawdbot/agents/main/agent/models.json"
    )
  })

  it("long labels are not cut; image model and fallbacks listed", () => {
    const output = text({
      agents: {
        defaults: {
          imageModel: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-3-pro-preview", "xai/grok-4"] }
        }
      }
    })
    expect(output).toContain("Image model   : openai/gpt-5.2")
    expect(output).toContain("Image fallbacks (2): google/gemini-3-pro-preview, xai/grok-4")
  })

  it("expired and static profiles render their status and expiry", () => {
    const output = text(
      {},
      {
        profiles: {
          "anthropic:old": { type: "token", provider: "anthropic", token: SECRET_TOKEN, expires: NOW - HOUR },
          "anthropic:static": { type: "token", provider: "anthropic", token: SECRET_TOKEN }
        }
      }
    )
    expect(output).toContain("  - anthropic:old expired expires in 0m\n  - anthropic:static static")
  })
})

describe("renderStatusJson (spec §3.2 --json shape)", () => {
  it("has the reference's keys in order", () => {
    const parsed = JSON.parse(
      renderStatusJson(status(fullConfig, anthropicOAuth, { OPENAI_API_KEY: SECRET_KEY }))
    )
    expect(Object.keys(parsed)).toEqual([
      "configPath",
      "agentDir",
      "defaultModel",
      "resolvedDefault",
      "fallbacks",
      "imageModel",
      "imageFallbacks",
      "aliases",
      "allowed",
      "auth"
    ])
    expect(Object.keys(parsed.auth)).toEqual([
      "storePath",
      "shellEnvFallback",
      "providersWithOAuth",
      "missingProvidersInUse",
      "providers",
      "unusableProfiles",
      "oauth"
    ])
    expect(parsed.configPath).toBe("/home/u/.clawdbot/clawdbot.json")
    expect(parsed.auth.storePath).toBe("/home/u/.clawdbot/agents/main/agent/auth-profiles.json")
    expect(parsed.imageModel).toBeNull()
    expect(parsed.auth.shellEnvFallback).toEqual({ enabled: false, appliedKeys: [] })
    expect(Object.keys(parsed.auth.oauth)).toEqual(["warnAfterMs", "profiles", "providers"])
    expect(parsed.auth.oauth.profiles[0]).toEqual({
      profileId: "anthropic:claude-cli",
      provider: "anthropic",
      type: "oauth",
      status: "ok",
      expiresAt: NOW + 30 * HOUR,
      remainingMs: 30 * HOUR,
      source: "claude-cli",
      label: "anthropic:claude-cli"
    })
    expect(parsed.auth.providers.map((p: any) => Object.keys(p))).toEqual([
      ["provider", "effective", "profiles"],
      ["provider", "effective", "profiles", "env"]
    ])
    expect(parsed.probes).toBeUndefined()
  })
})
