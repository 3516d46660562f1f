/**
 * `models status --probe --json` for the subscription providers (spec §7), end to end against the fake provider:
 * GitHub Copilot (token exchange, then the model's own protocol), openai-codex (ChatGPT backend Responses API),
 * google-gemini-cli and google-antigravity (Cloud Code Assist).
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeProvider, startFakeProvider } from "../../support/fakeProvider.js"
import { tempStateForTest } from "../../support/tempState.js"

let fake: FakeProvider
beforeAll(async () => {
  fake = await startFakeProvider({ slowMs: 20_000 })
})
afterAll(() => fake.close())

const HOUR = 3_600_000
const MODES = ["ok", "401", "403", "429", "402", "nomodel", "slow"] as const
const EXPECTED: Record<(typeof MODES)[number], string> = {
  ok: "ok",
  "401": "auth",
  "403": "auth",
  "429": "rate_limit",
  "402": "billing",
  nomodel: "no_model",
  slow: "timeout"
}

const oauth = (provider: string, access: string, extra: object = {}) => ({
  type: "oauth",
  provider,
  access,
  refresh: `rt-${access}`,
  expires: Date.now() + 6 * HOUR,
  ...extra
})

/** Every mode for every provider, each secret unique and echo-able. */
const profiles = () => {
  const all: Record<string, object> = {}
  for (const mode of MODES) {
    all[`github-copilot:${mode}`] = {
      type: "token",
      provider: "github-copilot",
      token: `gho_fake-${mode}-copilotSECRET${mode}`
    }
    all[`openai-codex:${mode}`] = oauth("openai-codex", `codex-fake-${mode}-SECRETxyz${mode}`, {
      accountId: "acct-fake"
    })
    all[`google-gemini-cli:${mode}`] = oauth("google-gemini-cli", `ya29.fake-${mode}-geminiSECRET${mode}`, {
      projectId: "proj-gemini"
    })
    all[`google-antigravity:${mode}`] = oauth("google-antigravity", `ya29.fake-${mode}-agySECRET${mode}`, {
      projectId: "proj-agy"
    })
  }
  return all
}

const setup = () => {
  const state = tempStateForTest()
  state.writeConfig({
    agents: {
      defaults: {
        model: { primary: "github-copilot/claude-haiku-4.5" },
        models: {
          "openai-codex/gpt-5.2": {},
          "google-gemini-cli/gemini-2.5-pro": {},
          "google-antigravity/gemini-3-pro-high": {}
        }
      }
    },
    models: {
      providers: {
        "github-copilot": { baseUrl: fake.url },
        "openai-codex": { baseUrl: `${fake.url}/backend-api` },
        "google-gemini-cli": { baseUrl: fake.url },
        "google-antigravity": { baseUrl: fake.url }
      }
    }
  })
  return state
}

const COPILOT_TOKEN_URL = () => ({
  CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT: `${fake.url}/copilot_internal/v2/token`
})

describe("status --probe for the subscription providers", () => {
  it("classifies every answer of Copilot, Codex, Gemini CLI and Antigravity, echoing no secret", async () => {
    const state = setup()
    const stored = profiles()
    state.writeAuth({ version: 1, profiles: stored })
    fake.reset()
    const result = await state.run(
      ["models", "status", "--probe", "--json", "--probe-timeout", "2500", "--probe-concurrency", "8"],
      COPILOT_TOKEN_URL()
    )
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    const statuses = Object.fromEntries(
      json.auth.probes.results.map((r: any) => [r.profileId, [r.status, r.error ?? ""]])
    )
    for (const provider of ["github-copilot", "openai-codex", "google-gemini-cli", "google-antigravity"]) {
      for (const mode of MODES) {
        expect([provider, mode, statuses[`${provider}:${mode}`]?.[0]]).toEqual([
          provider,
          mode,
          EXPECTED[mode]
        ])
      }
    }
    expect(statuses["github-copilot:401"][1]).toMatch(/Copilot token exchange failed: Bad credentials/)
    expect(statuses["google-gemini-cli:slow"][1]).toMatch(/No answer within 2500ms/)

    // The wire shapes the fake saw: Copilot exchanged first and sent the Copilot token with editor headers;
    // Codex went to the backend with the account; Cloud Code Assist got the profile's project.
    const copilotChat = fake.requests.find(
      (r) => r.credential?.includes("gho_fake-ok-") && r.protocol === "anthropic"
    )
    expect(copilotChat?.headers["copilot-integration-id"]).toBe("vscode-chat")
    expect(copilotChat?.headers["x-api-key"]).toBeUndefined()
    expect(
      fake.requests.some((r) => r.protocol === "copilot-token" && r.credential?.startsWith("gho_fake-ok-"))
    ).toBe(true)
    const codex = fake.requests.find((r) => r.path === "/backend-api/codex/responses" && r.mode === "ok")
    expect(codex?.headers["chatgpt-account-id"]).toBe("acct-fake")
    const agy = fake.requests.find((r) => r.protocol === "cloudcode" && r.body?.project === "proj-agy")
    expect(agy?.body).toMatchObject({ model: "gemini-3-pro-high", requestType: "agent" })

    for (const secret of Object.values(stored).map((p: any) => p.token ?? p.access)) {
      expect(result.stdout).not.toContain(secret)
      expect(result.stderr).not.toContain(secret)
    }
    // The Copilot token the exchange issued (it embeds the GitHub token) is never shown either.
    expect(result.stdout).not.toContain("tid=fake")
  })

  it("Copilot models of each protocol are probed through the exchange (--probe-all-models)", async () => {
    const state = setup()
    state.writeConfig({
      agents: {
        defaults: {
          model: { primary: "github-copilot/claude-haiku-4.5" },
          models: { "github-copilot/gpt-4o": {}, "github-copilot/gpt-5": {} }
        }
      },
      models: { providers: { "github-copilot": { baseUrl: fake.url } } }
    })
    state.writeAuth({
      version: 1,
      profiles: {
        "github-copilot:github": { type: "token", provider: "github-copilot", token: "gho_allmodels" }
      }
    })
    fake.reset()
    const result = await state.run(
      ["models", "status", "--probe", "--json", "--probe-all-models", "--probe-provider", "github-copilot"],
      COPILOT_TOKEN_URL()
    )
    const json = JSON.parse(result.stdout)
    expect(json.auth.probes.results.map((r: any) => [r.model, r.status])).toEqual([
      ["github-copilot/claude-haiku-4.5", "ok"],
      ["github-copilot/gpt-4o", "ok"],
      ["github-copilot/gpt-5", "ok"]
    ])
    expect(fake.requests.map((r) => r.protocol).sort()).toEqual(
      [
        "anthropic",
        "copilot-token",
        "copilot-token",
        "copilot-token",
        "openai-completions",
        "openai-responses"
      ].sort()
    )
  })

  it("an unknown api kind stays unknown, not supported", async () => {
    const state = tempStateForTest()
    state.writeConfig({
      agents: { defaults: { model: { primary: "acme/m-1" } } },
      models: {
        providers: {
          acme: { baseUrl: fake.url, api: "bedrock-converse-stream", apiKey: "acme-KEY-123456789" }
        }
      }
    })
    const result = await state.run(["models", "status", "--probe", "--json"])
    const [probe] = JSON.parse(result.stdout).auth.probes.results
    expect(probe.status).toBe("unknown")
    expect(probe.error).toMatch(/"bedrock-converse-stream" is not supported/)
  })
})
