/** Usage snapshots in `models status` text output, against the fake provider's usage endpoint (spec §3.2). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeProvider, startFakeProvider } from "../../support/fakeProvider.js"
import { makeTempState, type TempState } from "../../support/tempState.js"

let fake: FakeProvider
beforeAll(async () => {
  fake = await startFakeProvider()
})
afterAll(() => fake.close())
const states: Array<TempState> = []
afterEach(() => {
  for (const state of states.splice(0)) state.cleanup()
})

const setup = (token: string) => {
  const state = makeTempState()
  states.push(state)
  state.writeAuth({
    version: 1,
    profiles: {
      "anthropic:claude-cli": {
        type: "oauth",
        provider: "anthropic",
        access: token,
        refresh: "rt-u",
        expires: Date.now() + 7 * 3_600_000
      }
    }
  })
  return (args: ReadonlyArray<string>) =>
    state.run(args, { CLAWDBOT_USAGE_URL_ANTHROPIC: `${fake.url}/api/oauth/usage` })
}

describe("models status usage line", () => {
  it("shows the Anthropic OAuth usage windows in the OAuth/token block", async () => {
    const run = setup("sk-ant-oat01-usage-ok-0123456789")
    const result = await run(["models", "status"])
    expect(result.stdout).toMatch(
      /\nOAuth\/token status\n- anthropic usage: 5h 62% left ⏱(2h 5\d?m|3h) · Week 80% left ⏱4d 2h\n/
    )
    expect(result.stdout).not.toContain("sk-ant-oat01-usage-ok-0123456789")
  })

  it("a failing or hanging usage endpoint prints nothing and does not fail status", async () => {
    for (const token of ["sk-ant-oat01-fake-401-0123456789", "sk-ant-oat01-fake-hang-0123456789"]) {
      const run = setup(token)
      const result = await run(["models", "status"])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(
        "\nOAuth/token status\n- anthropic\n  - anthropic:claude-cli expiring expires in 7h"
      )
      expect(result.stderr).toBe("")
    }
  })

  it("--json and --plain do not ask for usage", async () => {
    const run = setup("sk-ant-oat01-usage-json-0123456789")
    fake.reset()
    await run(["models", "status", "--json"])
    await run(["models", "status", "--plain"])
    expect(fake.requests).toEqual([])
  })

  it("shows GitHub Copilot premium usage for a Copilot token profile", async () => {
    const state = makeTempState()
    states.push(state)
    state.writeAuth({
      version: 1,
      profiles: {
        "github-copilot:github": {
          type: "token",
          provider: "github-copilot",
          token: "gho_fake_ok_0123456789"
        }
      }
    })
    const result = await state.run(["models", "status"], {
      CLAWDBOT_USAGE_URL_GITHUB_COPILOT: `${fake.url}/copilot_internal/user`
    })
    expect(result.stdout).toMatch(/\n- github-copilot usage: Premium 73% left ⏱[A-Z][a-z]{2} \d{1,2}\n/)
    expect(result.stdout).not.toContain("gho_fake_ok_0123456789")
  })

  describe("the subscription providers of spec §3.2", () => {
    const HOUR = 3_600_000
    const oauth = (provider: string, access: string, extra: object = {}) => ({
      type: "oauth",
      provider,
      access,
      refresh: `rt-${access}`,
      expires: Date.now() + 30 * HOUR,
      ...extra
    })
    const endpoints = (url: string) => ({
      CLAWDBOT_USAGE_URL_OPENAI_CODEX: `${url}/backend-api/wham/usage`,
      CLAWDBOT_USAGE_URL_GOOGLE_GEMINI_CLI: `${url}/v1internal:retrieveUserQuota`,
      CLAWDBOT_USAGE_URL_GOOGLE_ANTIGRAVITY: url,
      CLAWDBOT_USAGE_URL_MINIMAX: `${url}/v1/api/openplatform/coding_plan/remains`,
      CLAWDBOT_USAGE_URL_ZAI: `${url}/api/monitor/usage/quota/limit`
    })
    const subscriptions = (marker: string) => {
      const state = makeTempState()
      states.push(state)
      state.writeAuth({
        version: 1,
        profiles: {
          "openai-codex:default": oauth("openai-codex", `codex-${marker}-0123456789`, {
            accountId: "acct-1"
          }),
          "google-gemini-cli:me": oauth("google-gemini-cli", `ya29.gemini-${marker}-0123456789`),
          "google-antigravity:me": oauth("google-antigravity", `ya29.agy-${marker}-0123456789`),
          "minimax:plan": { type: "token", provider: "minimax", token: `mm-${marker}-0123456789` },
          "zai:plan": { type: "token", provider: "zai", token: `zai-profile-${marker}-0123456789` }
        }
      })
      return state
    }

    it("shows each one's windows, zai asked with its env key before the profile", async () => {
      const state = subscriptions("ok")
      fake.reset()
      const result = await state.run(["models", "status"], {
        ...endpoints(fake.url),
        ZAI_API_KEY: "zai-env-key-0123456789"
      })
      expect(result.code).toBe(0)
      const out = result.stdout
      expect(out).toMatch(/\n- openai-codex usage: 5h 65% left ⏱(1h 59m|2h|2h 1m) · Day 90% left ⏱1d 6h\n/)
      expect(out).toMatch(
        /\n- google-gemini-cli usage: Pro 60% left ⏱(19h 59m|20h|20h 1m) · Flash 90% left ⏱/
      )
      expect(out).toMatch(
        /\n- google-antigravity usage: Credits 30% left · gemini-3-pro-high 40% left ⏱(2h 59m|3h|3h 1m)\n/
      )
      expect(out).toMatch(/\n- minimax usage: 5h 60% left ⏱(3h 59m|4h|4h 1m)\n/)
      expect(out).toMatch(/\n- zai usage: Tokens \(5h\) 88% left ⏱(1h 59m|2h) · Monthly 75% left\n/)
      const zai = fake.requests.find((r) => r.path === "/api/monitor/usage/quota/limit")
      expect(zai?.credential).toBe("zai-env-key-0123456789")
      const codex = fake.requests.find((r) => r.path === "/backend-api/wham/usage")
      expect(codex?.headers).toMatchObject({ "chatgpt-account-id": "acct-1", "user-agent": "CodexBar" })
      const minimax = fake.requests.find((r) => r.path.endsWith("/coding_plan/remains"))
      expect(minimax?.headers["mm-api-source"]).toBe("Clawdbot")
      expect(fake.requests.find((r) => r.path.endsWith(":retrieveUserQuota"))?.body).toEqual({})
      for (const secret of ["codex-ok-", "ya29.", "mm-ok-", "zai-env-key", "zai-profile-ok"]) {
        expect(out).not.toContain(secret)
      }
    })

    it("refused, hanging or slow usage requests print nothing, and status still succeeds", async () => {
      for (const marker of ["fake-401", "fake-hang"]) {
        const state = subscriptions(marker)
        const result = await state.run(["models", "status"], endpoints(fake.url))
        expect(result.code).toBe(0)
        expect(result.stdout).toContain("\nOAuth/token status\n")
        expect(result.stdout).not.toContain(" usage: ")
        expect(result.stderr).toBe("")
      }
    })

    it("a provider's requests together stop at 4.5 s: Antigravity's two 3-second answers print nothing", async () => {
      const slow = await startFakeProvider({ slowMs: 3000 })
      try {
        const state = subscriptions("fake-slow")
        const result = await state.run(["models", "status"], endpoints(slow.url))
        expect(result.code).toBe(0)
        // Each request alone is under the 3.5 s request timeout, so one-request providers still answer.
        expect(result.stdout).toMatch(/\n- minimax usage: 5h 60% left/)
        expect(result.stdout).not.toContain("google-antigravity usage")
        expect(slow.requests.some((r) => r.path.endsWith(":loadCodeAssist"))).toBe(true)
      } finally {
        await slow.close()
      }
    })
  })
})
