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
})
