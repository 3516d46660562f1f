import { existsSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import {
  ACCESS_CLAIMS,
  codexLoginEnv,
  copilotLoginEnv,
  type FakeOAuth,
  fakeJwt,
  startFakeOAuth
} from "../../../support/fakeOAuth.js"
import { hasScript, runPtySteps } from "../../../support/ptySteps.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const storeOf = (box: Sandbox) =>
  JSON.parse(readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8"))
const configOf = (box: Sandbox) => JSON.parse(readFileSync(box.configPath, "utf8"))
const AUTHORIZE_URL = /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+/

describe("models auth login: flags are checked first (spec §3.11)", () => {
  it("an unknown provider lists the valid ones", async () => {
    const result = await runBin(sandbox(), ["models", "auth", "login", "--provider", "bogus"])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'Error: Unknown provider "bogus". Use --provider <id> with one of: anthropic, openai, openai-codex, openrouter, google, github-copilot.\n'
    )
  })

  it("an unknown method lists the provider's methods; aliases and labels are accepted", async () => {
    const result = await runBin(sandbox(), [
      "models",
      "auth",
      "login",
      "--provider",
      "copilot",
      "--method",
      "oauth"
    ])
    expect(result.stderr).toBe(
      'Error: Unknown auth method "oauth" for github-copilot. Use --method <id> with one of: device.\n'
    )
  })

  it("needs a terminal", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "login", "--provider", "openai"])
    expect(result.stderr).toMatch(/^Error: models auth login requires an interactive TTY\./)
    expect(existsSync(box.stateDir)).toBe(false)
  })
})

describe.skipIf(!hasScript)("models auth login in a pseudo-terminal", () => {
  let fake: FakeOAuth
  beforeEach(async () => {
    fake = await startFakeOAuth()
  })
  afterEach(() => fake.close())

  const codexEnv = () => codexLoginEnv(fake)

  it("API key: hidden prompt, api_key profile, --set-default applies the provider's model", async () => {
    const box = sandbox()
    const result = await runPtySteps(
      box,
      ["models", "auth", "login", "--provider", "anthropic", "--set-default"],
      {
        steps: [{ when: "Enter Anthropic API key", send: "sk-ant-api03-secret-key\r" }]
      }
    )
    expect(result.code).toBe(0)
    expect(result.screen).not.toContain("sk-ant-api03-secret-key")
    expect(result.screen).toContain(
      "Auth profile: anthropic:default (anthropic/api_key)\nDefault model set to anthropic/claude-opus-4-5"
    )
    expect(storeOf(box).profiles["anthropic:default"]).toEqual({
      type: "api_key",
      provider: "anthropic",
      key: "sk-ant-api03-secret-key"
    })
    const config = configOf(box)
    expect(config.agents.defaults.model.primary).toBe("anthropic/claude-opus-4-5")
    expect(Object.keys(config.agents.defaults.models)).toContain("anthropic/claude-opus-4-5")
    expect(config.auth.profiles["anthropic:default"]).toEqual({ provider: "anthropic", mode: "api_key" })
    expect(readFileSync(box.configPath, "utf8")).not.toContain("secret-key")
  })

  it("picks the provider from a menu when --provider is omitted; Ctrl-C there writes nothing", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "login"], {
      steps: [{ when: "Select a provider", send: "\x03" }]
    })
    expect(result.code).toBe(130)
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("OpenAI Codex OAuth: PKCE through the loopback redirect on 127.0.0.1", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "openai-codex"], {
      env: codexEnv(),
      steps: [
        {
          when: AUTHORIZE_URL,
          // Play the browser: the provider redirects to the CLI's loopback server.
          send: async (url) => {
            const redirect = await fetch(url, { redirect: "manual" })
            const location = redirect.headers.get("location") ?? ""
            expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?code=/)
            const landing = await fetch(location)
            expect(landing.status).toBe(200)
            expect(await landing.text()).toContain("Signed in")
            return ""
          }
        }
      ]
    })
    expect(result.screen).toContain("Auth profile: openai-codex:me@example.com (openai-codex/oauth)")
    expect(result.code).toBe(0)
    const authorize = fake.authorizeRequests[0]
    expect(authorize?.get("client_id")).toBe("app_EMoamEEZ73f0CkXaXp7hrann")
    expect(authorize?.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fake.tokenRequests[0]?.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const profile = storeOf(box).profiles["openai-codex:me@example.com"]
    expect(profile).toMatchObject({
      type: "oauth",
      provider: "openai-codex",
      access: fakeJwt(ACCESS_CLAIMS),
      refresh: "refresh-secret-1",
      email: "me@example.com",
      accountId: "acct-42"
    })
    expect(profile.expires).toBeGreaterThan(Date.now() + 50 * 60_000)
    expect(configOf(box).auth.profiles["openai-codex:me@example.com"]).toEqual({
      provider: "openai-codex",
      mode: "oauth",
      email: "me@example.com"
    })
    expect(result.screen).not.toContain("refresh-secret-1")
  })

  it("OpenAI Codex OAuth: a pasted redirect URL works when the browser cannot reach this machine", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "codex"], {
      env: codexEnv(),
      steps: [
        {
          when: AUTHORIZE_URL,
          send: async (url) => {
            const redirect = await fetch(url, { redirect: "manual" })
            // The user copies the address bar of the failed redirect page on another machine.
            const location = new URL(redirect.headers.get("location") ?? "")
            location.host = "localhost:9"
            return `${location.toString()}\r`
          }
        }
      ]
    })
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: openai-codex:me@example.com (openai-codex/oauth)")
    expect(fake.tokenRequests).toHaveLength(1)
  })

  it("OpenAI Codex OAuth: a refused exchange is an error and nothing is stored", async () => {
    const box = sandbox()
    fake.refuseExchange = true
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "openai-codex"], {
      env: codexEnv(),
      steps: [
        {
          when: AUTHORIZE_URL,
          send: async (url) => {
            const redirect = await fetch(url, { redirect: "manual" })
            await fetch(redirect.headers.get("location") ?? "")
            return ""
          }
        }
      ]
    })
    expect(result.code).toBe(1)
    expect(result.screen).toContain(
      "Error: Login to openai-codex failed: token exchange refused: invalid_grant: PKCE verification failed"
    )
    expect(existsSync(box.mainAgentDir)).toBe(false)
  })

  it("GitHub Copilot device code: shows the code, polls at the server's interval, stores a token", async () => {
    const box = sandbox()
    fake.pendingPolls = 1
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "github-copilot"], {
      env: copilotLoginEnv(fake)
    })
    expect(result.screen).toContain(`Open ${fake.url}/login/device and enter the code: WXYZ-1234`)
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: github-copilot:github (github-copilot/token)")
    expect(fake.devicePolls).toHaveLength(2)
    const [first = 0, second = 0] = fake.devicePolls
    expect(second - first).toBeGreaterThanOrEqual(900)
    expect(storeOf(box).profiles["github-copilot:github"]).toEqual({
      type: "token",
      provider: "github-copilot",
      token: "gho_device_secret_token"
    })
    expect(result.screen).not.toContain("gho_device_secret_token")
  })
})

describe.skipIf(!hasScript)("models auth login-github-copilot", () => {
  let fake: FakeOAuth
  beforeEach(async () => {
    fake = await startFakeOAuth()
  })
  afterEach(() => fake.close())
  const env = () => copilotLoginEnv(fake)

  it("stores the device-flow token under --profile-id; an existing profile is replaced only after a yes", async () => {
    const box = sandbox()
    fake.pendingPolls = 0
    const first = await runPtySteps(
      box,
      ["models", "auth", "login-github-copilot", "--profile-id", "github-copilot:work"],
      {
        env: env()
      }
    )
    expect(first.code).toBe(0)
    expect(first.screen).toContain("Auth profile: github-copilot:work (github-copilot/token)")
    expect(storeOf(box).profiles["github-copilot:work"].token).toBe("gho_device_secret_token")

    const declined = await runPtySteps(
      box,
      ["models", "auth", "login-github-copilot", "--profile-id", "github-copilot:work"],
      {
        env: env(),
        steps: [{ when: "Auth profile github-copilot:work exists. Replace it?", send: "n" }]
      }
    )
    expect(declined.code).toBe(0)
    expect(fake.devicePolls).toHaveLength(1)
  })
})
