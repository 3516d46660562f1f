/**
 * Which OpenRouter key `models scan` sends, end to end (spec §3.9.1, §6.3): the profile first in rotation order,
 * where the store's `order` wins over the config's `auth.order`, which wins over profile ids. The fake OpenRouter
 * on 127.0.0.1 accepts only its own key, and logs the Authorization header of every request.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, startFakeOpenRouter } from "../../support/fakeOpenRouter.mjs"
import { makeTempState, type TempState } from "../../support/tempState.js"

const WRONG_KEY = "sk-or-v1-not-the-right-key-0123456789"

let fake: FakeOpenRouter
let state: TempState

beforeAll(async () => {
  fake = await startFakeOpenRouter({ latencyMs: 1 })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  state = makeTempState()
})
afterEach(() => state.cleanup())

const profiles = () => ({
  "openrouter:a": { type: "api_key", provider: "openrouter", key: WRONG_KEY },
  "openrouter:b": { type: "api_key", provider: "openrouter", key: fake.apiKey }
})
const config = (order?: ReadonlyArray<string>) => ({
  models: { providers: { openrouter: { baseUrl: fake.baseUrl } } },
  ...(order ? { auth: { order: { openrouter: order } } } : {})
})
/** The bearer of every probe request the scan sent. */
const keysSent = () =>
  new Set(
    fake.requests
      .filter((request) => request.kind !== "models")
      .map((request) => /^Bearer (.+)$/.exec(String(request.headers.authorization))?.[1])
  )

describe("models scan: the key comes first in rotation order", () => {
  it("config auth.order puts openrouter:b first when the store has no order", async () => {
    state.writeConfig(config(["openrouter:b"]))
    state.writeAuth({ version: 1, profiles: profiles() })
    const result = await state.run(["models", "scan", "--json", "--max-candidates", "1"])
    expect(result.code).toBe(0)
    expect(keysSent()).toEqual(new Set([fake.apiKey]))
  })

  it("the store's order wins over config auth.order", async () => {
    state.writeConfig(config(["openrouter:b"]))
    state.writeAuth({ version: 1, profiles: profiles(), order: { openrouter: ["openrouter:a"] } })
    const result = await state.run(["models", "scan", "--json", "--max-candidates", "1"])
    expect(keysSent()).toEqual(new Set([WRONG_KEY]))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("openrouter:a")
    expect(result.stderr).not.toContain(WRONG_KEY.slice(8, 24))
  })
})
