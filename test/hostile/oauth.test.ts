/**
 * Hostile OAuth (issue 9 items 10 and 11): token endpoints that answer values no store should hold, pasted
 * redirects that are not this login's, a loopback callback with another state, and a sign-in that never comes.
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

const withState = (url: URL, state: string | undefined) => {
  const copy = new URL(url)
  if (state === undefined) copy.searchParams.delete("state")
  else copy.searchParams.set("state", state)
  return copy
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
      `${REFUSED} access_token cannot be used: it contains a control character`
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

  it("pasted input that is not this login's redirect gets one line and the prompt again; stray callbacks are turned away", async () => {
    const { box } = seeded()
    let redirect = new URL("http://unset.invalid")
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "openai-codex"], {
      env: codexLoginEnv(fake),
      timeoutMs: 60_000,
      steps: [
        {
          when: AUTHORIZE_URL,
          send: async (url) => {
            redirect = await authorize(url)
            // A forged or stale request to the loopback server: an error page, and the login keeps waiting.
            for (const stray of [withState(redirect, "forged"), withState(redirect, undefined)]) {
              const page = await fetch(stray)
              expect(page.status).toBe(400)
              expect(await page.text()).toContain("different login attempt")
            }
            return "http://[::1\r"
          }
        },
        { when: "That is not a complete URL", send: "https://exa mple.com/?code=a\r" },
        { when: "That is not a complete URL", send: () => `${withState(redirect, undefined)}\r` },
        { when: "has no `state`", send: () => `${withState(redirect, "another-login")}\r` },
        { when: "state mismatch", send: () => `${redirect}\r` }
      ]
    })
    expect(result.screen).not.toMatch(STACK_FRAME)
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: openai-codex:me@example.com (openai-codex/oauth)")
    // Only the real redirect's code reached the token endpoint.
    expect(fake.tokenRequests.map((form) => form.get("code"))).toEqual([redirect.searchParams.get("code")])
  })

  it("a callback that never comes (only one with the wrong state) ends at --timeout with a clear message", async () => {
    const { box, unchanged } = seeded()
    const started = Date.now()
    const result = await runPtySteps(
      box,
      ["models", "auth", "login", "--provider", "openai-codex", "--timeout", "2s"],
      {
        env: codexLoginEnv(fake),
        timeoutMs: 60_000,
        steps: [
          {
            when: AUTHORIZE_URL,
            send: async (url) => {
              const page = await fetch(withState(await authorize(url), "forged"))
              expect(page.status).toBe(400)
              return ""
            }
          }
        ]
      }
    )
    expect(result.screen).toContain(
      "Error: Login to openai-codex failed: no sign-in arrived within 2s (neither the browser redirect nor a pasted URL); run the login again, with --timeout <duration> to wait longer"
    )
    expect(result.code).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000)
    expect(fake.tokenRequests).toHaveLength(0)
    unchanged()
  })

  it("a device approval that never comes stops polling at --timeout", async () => {
    fake.pendingPolls = Number.POSITIVE_INFINITY
    await expectDeviceLoginRefused(
      ["login-github-copilot", "--timeout", "2s"],
      "the code was not approved within 2s; run the login again, with --timeout <duration> to wait longer"
    )
    // The fake asks for a poll a second: two at most fit in two seconds.
    expect(fake.devicePolls.length).toBeLessThanOrEqual(2)
  })
})

describe("auth login --timeout values", () => {
  it.each([
    ["2", "invalid duration: 2 (give a unit, e.g. 90s, 5m or 1h)"],
    ["0s", "invalid duration: 0s (must be more than zero"],
    ["3d", "invalid duration: 3d (the login timeout must be between 1s and 24h"]
  ])("--timeout %s is refused before anything is asked", async (value, message) => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "login", "--provider", "codex", "--timeout", value])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`--timeout: ${message}`)
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
    [
      "a refresh token with CR LF",
      { refresh_token: "rt\r\nX: 1" },
      "refresh_token cannot be used: it contains a control character"
    ]
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
