/**
 * Hostile OAuth (issue 9 item 11): token endpoints that answer values no store should hold.
 * Every failure is one `Error:` line, a non-zero exit, and the store and config exactly as they were.
 * Real parts: the built CLI in a pseudo-terminal, the fake OAuth provider on 127.0.0.1, temp state dirs.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { codexLoginEnv, copilotLoginEnv, type FakeOAuth, startFakeOAuth } from "../support/fakeOAuth.js"
import { hasScript, runPtySteps } from "../support/ptySteps.js"
import { runBin, type Sandbox, sandbox } from "../support/runBin.js"

const AUTHORIZE_URL = /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+/
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m

/** A sandbox that already holds a profile and a config, and a way to check neither changed. */
const seeded = () => {
  const box = sandbox()
  mkdirSync(box.mainAgentDir, { recursive: true })
  const storePath = path.join(box.mainAgentDir, "auth-profiles.json")
  writeFileSync(
    storePath,
    `${JSON.stringify({ version: 1, profiles: { "anthropic:work": { type: "api_key", provider: "anthropic", key: "sk-ant-keep-me" } } }, null, 2)}\n`
  )
  writeFileSync(
    box.configPath,
    `${JSON.stringify({ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } } }, null, 2)}\n`
  )
  const snapshot = () => ({
    store: readFileSync(storePath, "utf8"),
    config: readFileSync(box.configPath, "utf8"),
    agentDir: readdirSync(box.mainAgentDir).sort(),
    stateDir: readdirSync(box.stateDir).sort()
  })
  const before = snapshot()
  return { box, storePath, unchanged: () => expect(snapshot()).toEqual(before) }
}

/** Plays the browser: asks the fake to authorize and returns where it redirects (the loopback callback URL). */
const authorize = async (authorizeUrl: string) => {
  const response = await fetch(authorizeUrl, { redirect: "manual" })
  return new URL(response.headers.get("location") ?? "")
}

describe.skipIf(!hasScript)("hostile OAuth in auth login", () => {
  let fake: FakeOAuth
  beforeEach(async () => {
    fake = await startFakeOAuth()
  })
  afterEach(() => fake.close())

  const loginThroughLoopback = (box: Sandbox) =>
    runPtySteps(box, ["models", "auth", "login", "--provider", "openai-codex"], {
      env: codexLoginEnv(fake),
      timeoutMs: 60_000,
      steps: [
        {
          when: AUTHORIZE_URL,
          send: async (url) => {
            await fetch(await authorize(url))
            return ""
          }
        }
      ]
    })

  const REFUSED = "token exchange refused:"
  it.each([
    [
      "expires_in 1e308",
      { expires_in: 1e308 },
      `${REFUSED} expires_in 1e+308 is out of range (1 second to 10 years)`
    ],
    ["expires_in -5", { expires_in: -5 }, `${REFUSED} expires_in -5 is out of range (1 second to 10 years)`],
    ['expires_in "soon"', { expires_in: "soon" }, `${REFUSED} expires_in is not a number of seconds`],
    [
      "an access token with CR LF",
      { access_token: "at-secret\r\nX-Injected: 1" },
      `${REFUSED} access_token contains a character a token cannot have`
    ],
    // How it is refused depends on where the body is cut (issue 9 item 5), so only the outcome is checked.
    ["a 10 MB access token", { access_token: "A".repeat(10 * 1024 * 1024) }, ""]
  ])("a code exchange answering %s is refused and nothing is written", async (_name, answer, reason) => {
    const { box, unchanged } = seeded()
    fake.tokenAnswer = answer
    const result = await loginThroughLoopback(box)
    expect(result.screen).toContain(`Error: Login to openai-codex failed: ${reason}`)
    expect(result.code).toBe(1)
    expect(result.screen).not.toMatch(STACK_FRAME)
    expect(result.screen).not.toContain("refresh-secret-1")
    unchanged()
  })

  /** A GitHub device login that must fail with `reason`, leaving the seeded store and config as they were. */
  const expectDeviceLoginRefused = async (args: ReadonlyArray<string>, reason: string) => {
    const { box, unchanged } = seeded()
    const result = await runPtySteps(box, ["models", "auth", ...args], {
      env: copilotLoginEnv(fake),
      timeoutMs: 60_000
    })
    expect(result.screen).toContain(`Error: Login to github-copilot failed: ${reason}`)
    expect(result.code).toBe(1)
    unchanged()
  }

  it("a device grant answering expires_in 1e308 is refused and nothing is written", async () => {
    fake.pendingPolls = 0
    fake.tokenAnswer = { expires_in: 1e308 }
    await expectDeviceLoginRefused(
      ["login", "--provider", "github-copilot"],
      "expires_in 1e+308 is out of range (1 second to 10 years)"
    )
  })
})

describe("hostile refresh answers (status --probe)", () => {
  let fake: FakeOAuth
  beforeEach(async () => {
    fake = await startFakeOAuth()
  })
  afterEach(() => fake.close())

  it.each([
    ["expires_in 1e308", { expires_in: 1e308 }, "expires_in 1e+308 is out of range"],
    ["expires_in -5", { expires_in: -5 }, "expires_in -5 is out of range"],
    ['expires_in "soon"', { expires_in: "soon" }, "expires_in is not a number of seconds"],
    ["a refresh token with CR LF", { refresh_token: "rt\r\nX: 1" }, "refresh_token contains a character"]
  ])("a refresh answering %s leaves the stored profile as it was", async (_name, answer, reason) => {
    const box = sandbox()
    mkdirSync(box.mainAgentDir, { recursive: true })
    const storePath = path.join(box.mainAgentDir, "auth-profiles.json")
    const store = `${JSON.stringify(
      {
        version: 1,
        profiles: {
          "openai-codex:me@example.com": {
            type: "oauth",
            provider: "openai-codex",
            access: "expired-access-token-0000",
            refresh: "rt-keep-0123456789",
            expires: Date.now() - 60_000,
            email: "me@example.com"
          }
        }
      },
      null,
      2
    )}\n`
    writeFileSync(storePath, store)
    writeFileSync(
      box.configPath,
      JSON.stringify({
        agents: { defaults: { model: { primary: "openai-codex/gpt-5.2" } } },
        models: { providers: { "openai-codex": { baseUrl: fake.url } } }
      })
    )
    fake.tokenAnswer = answer
    const result = await runBin(box, ["models", "status", "--probe", "--json"], {
      env: { CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX: `${fake.url}/oauth/token` }
    })
    expect(fake.tokenRequests.map((form) => form.get("grant_type"))).toEqual(["refresh_token"])
    const probe = JSON.parse(result.stdout).auth.probes.results[0]
    expect(probe.profileId).toBe("openai-codex:me@example.com")
    expect(probe.error).toContain(reason)
    // The profile is still there (not dropped as `expires: null`), byte for byte.
    expect(readFileSync(storePath, "utf8")).toBe(store)
    expect(result.stdout + result.stderr).not.toContain("rt-keep-0123456789")
  })
})
