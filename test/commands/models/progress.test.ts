/**
 * Progress lines on a terminal (issue 13 item 5): `status --probe` rewrites one `Probing … [n/N]` line in place and
 * erases it at the end, also with NO_COLOR (cursor and erase sequences are not styling) and after Ctrl-C.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeProvider, startFakeProvider } from "../../support/fakeProvider.js"
import { KEYS, runInPty } from "../../support/pty.js"
import { hasScript } from "../../support/ptySteps.js"
import { tempStateForTest } from "../../support/tempState.js"

let fake: FakeProvider
beforeAll(async () => {
  fake = await startFakeProvider({ slowMs: 400 })
})
afterAll(() => fake.close())

const stateWithProfiles = (keys: Record<string, string>) => {
  const state = tempStateForTest()
  state.writeConfig({ models: { providers: { openai: { baseUrl: `${fake.url}/v1` } } } })
  state.writeAuth({
    version: 1,
    profiles: Object.fromEntries(
      Object.entries(keys).map(([id, key]) => [id, { type: "api_key", provider: "openai", key }])
    )
  })
  return state
}

describe.skipIf(!hasScript)("progress lines on a terminal", () => {
  for (const env of [{}, { NO_COLOR: "1" }]) {
    it(`status --probe leaves no progress line on screen${"NO_COLOR" in env ? " with NO_COLOR" : ""}`, async () => {
      const state = stateWithProfiles({
        "openai:a": "sk-proj-fake-slow-AAAAAAAAAA",
        "openai:b": "sk-proj-fake-slow-BBBBBBBBBB"
      })
      const session = runInPty(["models", "status", "--probe", "--probe-concurrency", "1"], {
        ...state.env,
        ...env
      })
      expect(await session.exit).toBe(0)
      // the progress line was shown…
      expect(session.screen()).toContain("Probing openai (openai:b) [2/2]")
      // …and nothing of it stays, while the report does
      const visible = session.visible()
      expect(visible.filter((line) => line.includes("Probing"))).toEqual([])
      expect(visible.some((line) => line.includes("openai:a") && line.includes("ok"))).toBe(true)
    })
  }

  it("Ctrl-C during a probe erases the progress line too", async () => {
    const state = stateWithProfiles({ "openai:hang": "sk-proj-fake-hang-CCCCCCCCCC" })
    const session = runInPty(["models", "status", "--probe", "--probe-timeout", "60000"], {
      ...state.env,
      NO_COLOR: "1"
    })
    await session.waitFor("Probing openai (openai:hang) [1/1]")
    await session.press(KEYS.ctrlC)
    expect(await session.exit).not.toBe(0)
    expect(session.visible().filter((line) => line.includes("Probing"))).toEqual([])
  })
})
