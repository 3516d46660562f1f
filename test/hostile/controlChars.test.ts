/**
 * Issue 9 item 2: control characters in credentials and headers. The built `bin/clawdbot` against the fake
 * provider on 127.0.0.1; stores and configs written directly, as another tool (or a damaged file) would leave them.
 * Before the fix each of these crashed with `TypeError: Invalid character in header content` and a stack trace,
 * or stored the secret.
 */
import * as fs from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, startFakeOpenRouter } from "../support/fakeOpenRouter.mjs"
import { type FakeProvider, startFakeProvider } from "../support/fakeProvider.js"
import { hasScript, runPtySteps } from "../support/ptySteps.js"
import { sandbox } from "../support/runBin.js"
import { runCli } from "../support/runCli.js"
import { tempStateForTest } from "../support/tempState.js"

let fake: FakeProvider
let openRouter: FakeOpenRouter
beforeAll(async () => {
  fake = await startFakeProvider()
  openRouter = await startFakeOpenRouter({ latencyMs: 5 })
})
afterAll(async () => {
  await fake.close()
  await openRouter.close()
})

const newState = tempStateForTest

const GOOD_OPENAI = "sk-proj-good-0123456789abcdef"
const GOOD_ANTHROPIC = "sk-ant-api03-good-0123456789abcdef"
const BAD_STORED = "sk-proj-bad\u0001stored-0123456789"
const BAD_ENV = "gsk-bad\u0001env-0123456789abcdef"
const HEADER_VALUE = "team-secret\nX-Injected: 1"
const MISTRAL_KEY = "mistral-good-0123456789abcdef"

/** No crash: exit 0, nothing on stderr that looks like a stack trace. */
const expectNoCrash = (result: { code: number | null; stderr: string }) => {
  expect(result.stderr).not.toMatch(/TypeError|Invalid character in header|\n\s+at /)
  expect(result.code).toBe(0)
}

const seedProbeState = () => {
  const state = newState()
  state.writeConfig({
    models: {
      providers: {
        anthropic: { baseUrl: fake.url },
        openai: { baseUrl: `${fake.url}/v1` },
        groq: { baseUrl: `${fake.url}/v1` },
        mistral: { baseUrl: `${fake.url}/v1`, apiKey: MISTRAL_KEY, headers: { "X-Team": HEADER_VALUE } }
      }
    }
  })
  state.writeAuth({
    version: 1,
    profiles: {
      "anthropic:good": { type: "api_key", provider: "anthropic", key: GOOD_ANTHROPIC },
      "openai:bad": { type: "api_key", provider: "openai", key: BAD_STORED },
      "openai:good": { type: "api_key", provider: "openai", key: GOOD_OPENAI }
    }
  })
  return state
}

describe("status --probe with a credential or config header HTTP cannot carry", () => {
  it("the bad targets are `format` naming the profile, variable or header; every other target is probed", async () => {
    const state = seedProbeState()
    fake.reset()
    const result = await state.run(["models", "status", "--probe", "--json"], { GROQ_API_KEY: BAD_ENV })
    expectNoCrash(result)
    const results = JSON.parse(result.stdout).auth.probes.results as ReadonlyArray<any>
    const byLabel = Object.fromEntries(results.map((r) => [`${r.provider} ${r.label}`, r]))
    expect(byLabel["anthropic anthropic:good"].status).toBe("ok")
    expect(byLabel["openai openai:good"].status).toBe("ok")
    expect(byLabel["openai openai:bad"]).toMatchObject({
      status: "format",
      error:
        "The key from auth profile openai:bad cannot be sent in an HTTP header: it contains a control character (U+0001). Store it again."
    })
    expect(byLabel["groq env"]).toMatchObject({ status: "format" })
    expect(byLabel["groq env"].error).toContain("The key from GROQ_API_KEY cannot be sent")
    expect(byLabel["mistral models.json"]).toMatchObject({
      status: "format",
      error:
        'Header "X-Team" from models.providers.mistral.headers cannot be sent: it contains a control character (U+000A).'
    })
    // Only the sendable credentials reached the server; no secret fragment in any output.
    expect(new Set(fake.requests.map((request) => request.credential))).toEqual(
      new Set([GOOD_ANTHROPIC, GOOD_OPENAI])
    )
    for (const secret of ["bad\u0001stored", "bad\u0001env", "team-secret"]) {
      expect(result.stdout + result.stderr).not.toContain(secret)
    }
  })

  it("the text form lists the same results and exits normally", async () => {
    const state = seedProbeState()
    const result = await state.run(["models", "status", "--probe"], { GROQ_API_KEY: BAD_ENV })
    expectNoCrash(result)
    expect(result.stdout).toContain("  - openai:bad (api_key) format")
    expect(result.stdout).toMatch(/ {2}- openai:good \(api_key\) ok/)
    expect(result.stdout).toMatch(/ {2}- anthropic:good \(api_key\) ok/)
    expect(result.stdout).toContain("The key from GROQ_API_KEY cannot be sent in an HTTP header")
  })
})

describe("scan with an OpenRouter key HTTP cannot carry", () => {
  it("is one clear error before any request; the config is untouched", async () => {
    const state = newState()
    state.writeConfig({ models: { providers: { openrouter: { baseUrl: openRouter.baseUrl } } } })
    const before = state.readConfigText()
    openRouter.reset()
    const result = await state.run(["models", "scan", "--yes"], {
      OPENROUTER_API_KEY: "sk-or-v1-bad\u0001key-0123456789"
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "Error: The OpenRouter key from env: OPENROUTER_API_KEY cannot be sent in an HTTP header: it contains a control character (U+0001).\n"
    )
    expect(openRouter.requests).toHaveLength(0)
    expect(state.readConfigText()).toBe(before)
  })
})

describe("paste-token refuses a secret HTTP cannot carry; nothing is written", () => {
  const existing = {
    version: 1,
    profiles: { "openai:keep": { type: "api_key", provider: "openai", key: GOOD_OPENAI } }
  }

  it.each([
    ["SOH", "sk-ant-oat01-abc\u0001def", "U+0001"],
    ["ESC", "sk-ant-oat01-abc\u001b[2Jdef", "U+001B"],
    ["DEL", "sk-ant-oat01-abc\u007fdef", "U+007F"],
    ["NEL (C1)", "sk-ant-oat01-abc\u0085def", "U+0085"]
  ])("%s", async (_name, token, code) => {
    const state = newState()
    state.writeAuth(existing)
    state.writeConfig({})
    const storeBefore = fs.readFileSync(state.authPath)
    const configBefore = state.readConfigText()
    const piped = await runCli(["models", "auth", "paste-token", "--provider", "anthropic"], {
      env: state.env,
      input: `${token}\n`
    })
    expect(piped.code).toBe(1)
    expect(piped.stderr).toBe(
      `Error: This token on stdin cannot be used: it contains a control character (${code}). Nothing was written.\n`
    )
    expect(fs.readFileSync(state.authPath)).toEqual(storeBefore)
    expect(state.readConfigText()).toBe(configBefore)
  })
})

describe.skipIf(!hasScript)("auth login and auth add refuse such a secret at the prompt", () => {
  it("login: the API key prompt says why and asks again; Ctrl-C then writes nothing", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "login", "--provider", "anthropic"], {
      steps: [
        { when: "Enter Anthropic API key", send: "sk-ant-api03-abc\u0001def\r" },
        { when: "cannot be used", send: "\u0003" }
      ]
    })
    expect(result.screen).toContain("This key cannot be used: it contains a control character (U+0001).")
    expect(result.code).toBe(130)
    expect(fs.existsSync(box.mainAgentDir)).toBe(false)
  })

  it("add: the token prompt says why and asks again; Ctrl-C then writes nothing", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "add"], {
      steps: [
        { when: "Token provider", send: "\u001b[B\r" },
        { when: "Provider id", send: "acme\r" },
        { when: "Profile id", send: "\r" },
        { when: "Does this token expire?", send: "\r" },
        { when: "Paste token", send: "tok-abc\u0001def\r" },
        { when: "cannot be used", send: "\u0003" }
      ]
    })
    expect(result.screen).toContain("This token cannot be used: it contains a control character (U+0001).")
    expect(result.code).toBe(130)
    expect(fs.existsSync(box.mainAgentDir)).toBe(false)
  })
})
