/** `status --probe` with expired OAuth profiles: refresh under a per-profile lock, written back (spec §6.1, issue 3 scope 6). */
import * as fs from "node:fs"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeProvider, startFakeProvider } from "../../support/fakeProvider.js"
import { makeTempState, type TempState } from "../../support/tempState.js"

let fake: FakeProvider
beforeAll(async () => {
  // Slow token endpoint, so two processes started together overlap on the refresh.
  fake = await startFakeProvider({ refreshDelayMs: 400 })
})
afterAll(() => fake.close())

const states: Array<TempState> = []
afterEach(() => {
  for (const state of states.splice(0)) state.cleanup()
})

const EXPIRED_ACCESS = "sk-ant-oat01-expired-access-token-0000"
const setup = (refresh: string) => {
  const state = makeTempState()
  states.push(state)
  state.writeConfig({ models: { providers: { anthropic: { baseUrl: fake.url } } } })
  state.writeAuth({
    version: 1,
    profiles: {
      "anthropic:me@x.test": {
        type: "oauth",
        provider: "anthropic",
        access: EXPIRED_ACCESS,
        refresh,
        expires: Date.now() - 60_000,
        email: "me@x.test"
      }
    }
  })
  const env = { CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: `${fake.url}/v1/oauth/token` }
  return { state, run: (args: ReadonlyArray<string>) => state.run(args, env) }
}

const probeOf = (stdout: string) => JSON.parse(stdout).auth.probes.results[0]

describe("status --probe refreshes expired OAuth profiles", () => {
  it("refreshes once, probes with the new token and saves it atomically (0600)", async () => {
    const { state, run } = setup("rt-single-0123456789")
    const result = await run(["models", "status", "--probe", "--json"])
    expect(result.code).toBe(0)
    expect(probeOf(result.stdout)).toMatchObject({ label: "anthropic:me@x.test (me@x.test)", status: "ok" })
    // The status part reports the store after the refresh, not the expired token it started from.
    const reported = JSON.parse(result.stdout).auth.oauth.profiles[0]
    expect(reported.profileId).toBe("anthropic:me@x.test")
    expect(reported.status).not.toBe("expired")
    expect(reported.remainingMs).toBeGreaterThan(7 * 3_600_000)
    expect(fake.refreshCalls.get("rt-single-0123456789")).toBe(1)
    const saved = JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles["anthropic:me@x.test"]
    expect(saved).toMatchObject({ type: "oauth", email: "me@x.test", refresh: "rt-next-1-single-0123456789" })
    expect(saved.access).toMatch(/^sk-ant-oat01-fake-refreshed-/)
    expect(saved.expires).toBeGreaterThan(Date.now() + 7 * 3_600_000)
    expect(fs.statSync(state.authPath).mode & 0o777).toBe(0o600)
    const used = fake.requests.filter((r) => r.protocol === "anthropic").at(-1)!
    expect(used.credential).toBe(saved.access)
    for (const secret of [EXPIRED_ACCESS, saved.access, saved.refresh, "rt-single-0123456789"]) {
      expect(result.stdout + result.stderr).not.toContain(secret)
    }
  })

  it("two processes at once spend the refresh token once; both probe ok with the same new token", async () => {
    const { state, run } = setup("rt-twice-0123456789")
    const [a, b] = await Promise.all([
      run(["models", "status", "--probe", "--json"]),
      run(["models", "status", "--probe", "--json"])
    ])
    expect([probeOf(a.stdout).status, probeOf(b.stdout).status]).toEqual(["ok", "ok"])
    expect(fake.refreshCalls.get("rt-twice-0123456789")).toBe(1)
    const saved = JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles["anthropic:me@x.test"]
    const tokens = fake.requests
      .filter((r) => r.protocol === "anthropic")
      .slice(-2)
      .map((r) => r.credential)
    expect(tokens).toEqual([saved.access, saved.access])
  })

  it("a refused refresh is `auth` with the endpoint's reason, and the store is left as it was", async () => {
    const { state, run } = setup("revoked-0123456789")
    const before = fs.readFileSync(state.authPath)
    fake.reset()
    const result = await run(["models", "status", "--probe", "--json"])
    expect(probeOf(result.stdout)).toMatchObject({
      status: "auth",
      error:
        "OAuth token refresh failed: token endpoint answered HTTP 400 invalid_grant: Refresh token is invalid or already used"
    })
    expect(fs.readFileSync(state.authPath).equals(before)).toBe(true)
    expect(fake.requests.filter((r) => r.protocol === "anthropic")).toEqual([])
  })
})
