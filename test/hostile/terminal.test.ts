/**
 * Issue 9 item 4: nothing from the network (or a file) reaches the terminal raw, and no model ref, provider id or
 * profile id with control characters or whitespace is written. The built `bin/clawdbot` against a hostile HTTP
 * server and a hostile OpenRouter catalog on 127.0.0.1.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, loadFixture, startFakeOpenRouter } from "../support/fakeOpenRouter.mjs"
import { type HostileServer, startHostileServer } from "../support/hostileServer.js"
import { runInPty } from "../support/pty.js"
import { hasScript } from "../support/ptySteps.js"
import { runCli } from "../support/runCli.js"
import { tempStateForTest } from "../support/tempState.js"

/** What a remote party would like to see on our terminal: title change, screen clear, NUL, bidi override. */
const PAYLOAD = "\u001b]0;pwned\u0007\u001b[2J\u0000\u009b31m evil\u202etxt.exe\u2066"
/** Characters that must never appear raw in our output (the line breaks of our own layout excepted). */
const RAW_CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

const expectNothingRaw = (text: string) => {
  const hit = RAW_CONTROL.exec(text)
  expect(hit === null ? null : `U+${hit[0].charCodeAt(0).toString(16)} at ${hit.index}`).toBeNull()
}

/** Every provider request and the OAuth token endpoint answer with an error whose text is PAYLOAD. */
let hostile: HostileServer
let hostileUrl: string
let openRouter: FakeOpenRouter
const CLEAN_FREE = "google/gemma-4-26b-a4b-it:free"
const HOSTILE_IDS = [
  "google/gemma\u001b]0;pwned\u0007:free",
  "google/gemma \u202eeerf:free",
  "google/gemma\nInjected:free",
  `google/${"a".repeat(300)}:free`
]

beforeAll(async () => {
  hostile = await startHostileServer((request, res) => {
    const body = request.path.includes("oauth/token")
      ? { error: "invalid_grant", error_description: PAYLOAD }
      : { error: { message: PAYLOAD, type: `invalid_request_error${PAYLOAD}` } }
    res.writeHead(400, { "content-type": "application/json" })
    res.end(JSON.stringify(body))
  })
  hostileUrl = hostile.url

  const template = loadFixture().data.find((entry) => entry.id === CLEAN_FREE)!
  const catalog = [
    {
      ...template,
      name: `Gemma ${PAYLOAD}`,
      architecture: { ...template.architecture, modality: `text\u0007${PAYLOAD}` }
    },
    ...HOSTILE_IDS.map((id) => ({ ...template, id, name: `Hostile ${PAYLOAD}` }))
  ]
  openRouter = await startFakeOpenRouter({ catalog: { data: catalog }, latencyMs: 5 })
})
afterAll(async () => {
  await hostile.close()
  await openRouter.close()
})

const newState = tempStateForTest

const HOSTILE_PROFILE = "openai:\u001b]0;pwned\u0007\u202e"

/** An OpenAI key and an expired Anthropic OAuth login, both answered by the hostile server; a hostile profile id. */
const seedProbeState = () => {
  const state = newState()
  state.writeConfig({
    models: { providers: { openai: { baseUrl: `${hostileUrl}/v1` }, anthropic: { baseUrl: hostileUrl } } }
  })
  state.writeAuth({
    version: 1,
    profiles: {
      [HOSTILE_PROFILE]: { type: "api_key", provider: "openai", key: "sk-proj-0123456789abcdef" },
      "anthropic:claude-cli": {
        type: "oauth",
        provider: "anthropic",
        access: "oauth-access-0123456789",
        refresh: "oauth-refresh-0123456789",
        expires: Date.now() - 60_000
      }
    }
  })
  return state
}
const TOKEN_URL = () => ({ CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: `${hostileUrl}/v1/oauth/token` })

describe("status --probe against a provider and a token endpoint that answer with escape sequences", () => {
  it("text: provider errors, token-endpoint errors and profile ids are shown escaped, never raw", async () => {
    const state = seedProbeState()
    const result = await state.run(["models", "status", "--probe"], TOKEN_URL())
    expect(result.code).toBe(0)
    expectNothingRaw(result.stdout)
    expectNothingRaw(result.stderr)
    expect(result.stdout).toContain("\\x1b]0;pwned\\x07\\x1b[2J\\x00\\x9b31m evil\\u202etxt.exe\\u2066")
    expect(result.stdout).toContain("  - openai:\\x1b]0;pwned\\x07\\u202e (api_key) format")
    expect(result.stdout).toMatch(
      /anthropic:claude-cli \(oauth\) auth .*OAuth token refresh failed: .*\\x1b\]0;pwned/
    )
  })

  it("--json: the document escapes every control and bidi character and parses back to the same text", async () => {
    const state = seedProbeState()
    const result = await state.run(["models", "status", "--probe", "--json"], TOKEN_URL())
    expect(result.code).toBe(0)
    expectNothingRaw(result.stdout)
    const results = JSON.parse(result.stdout).auth.probes.results as ReadonlyArray<any>
    const openai = results.find((r) => r.provider === "openai")
    expect(openai.label).toBe(HOSTILE_PROFILE)
    expect(openai.error).toContain(PAYLOAD)
  })
})

describe.skipIf(!hasScript)("on a terminal", () => {
  it("the progress line names a hostile profile escaped; no OSC or bidi reaches the terminal", async () => {
    const state = seedProbeState()
    const session = runInPty(["models", "status", "--probe"], { ...state.env, ...TOKEN_URL() })
    expect(await session.exit).toBe(0)
    const screen = session.screen()
    expect(screen).toContain("Probed 2 targets")
    // pty.ts removes CSI sequences (ours: colours, line erase) from `screen`; an OSC or a bidi control would stay.
    expect(screen).not.toMatch(/\u001b\]|\u0007|\u202e|\u2066/)
    expect(screen).toContain("\\x1b]0;pwned\\x07")
  })
})

describe("scan with a hostile OpenRouter catalog", () => {
  const setup = () => {
    const state = newState()
    state.writeConfig({ models: { providers: { openrouter: { baseUrl: openRouter.baseUrl } } } })
    return state
  }

  it("--no-probe lists names and modalities escaped, and leaves out ids that could never be written", async () => {
    const state = setup()
    const result = await state.run(["models", "scan", "--no-probe"])
    expect(result.code).toBe(0)
    expectNothingRaw(result.stdout)
    expectNothingRaw(result.stderr)
    expect(result.stdout).toContain(`openrouter/${CLEAN_FREE}`)
    expect(result.stdout).toContain("modality:text\\x07\\x1b]0;pwned")
    expect(result.stdout.match(/^openrouter\//gm)).toHaveLength(1)
    expect(result.stderr).toContain(
      "Skipped 4 OpenRouter models whose id cannot be written to the config (whitespace, control characters or over 256 characters)."
    )
  })

  it("--no-probe --json: escaped, and parses back to the catalog's own name", async () => {
    const state = setup()
    const result = await state.run(["models", "scan", "--no-probe", "--json"])
    expect(result.code).toBe(0)
    expectNothingRaw(result.stdout)
    const [gemma] = JSON.parse(result.stdout)
    expect(gemma.name).toBe(`Gemma ${PAYLOAD}`)
  })

  it("--yes writes only the clean model; no hostile id reaches the config", async () => {
    const state = setup()
    const result = await state.run(["models", "scan", "--yes"], { OPENROUTER_API_KEY: openRouter.apiKey })
    expect(result.code).toBe(0)
    expectNothingRaw(result.stdout)
    expectNothingRaw(result.stderr)
    const text = state.readConfigText()
    expectNothingRaw(text.replace(/\n/g, ""))
    expect(text).not.toMatch(/pwned|Injected|\\u202e|aaaaaaaaaa/)
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual([`openrouter/${CLEAN_FREE}`])
  })
})

describe("the .env notice", () => {
  it("names a state dir whose path holds escape sequences escaped", async () => {
    const home = fs.mkdtempSync(`${os.tmpdir()}/clawdbot-notice-`)
    const stateDir = `${home}/state${PAYLOAD.replaceAll("\u0000", "")}`
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 })
    fs.writeFileSync(`${stateDir}/.env`, "CLAWDBOT_USAGE_URL_ANTHROPIC=http://127.0.0.1:1/usage\n")
    try {
      const result = await runCli(["models", "status", "--plain"], {
        env: { HOME: home, CLAWDBOT_STATE_DIR: stateDir }
      })
      expect(result.stderr).toContain("Notice: ignored CLAWDBOT_USAGE_URL_ANTHROPIC from ")
      expect(result.stderr).toContain("state\\x1b]0;pwned")
      expectNothingRaw(result.stderr)
    } finally {
      fs.rmSync(home, { recursive: true, force: true })
    }
  })
})

describe("warnings that quote the user's config", () => {
  it("an Ollama base URL with escape sequences is shown escaped in the could-not-list warning", async () => {
    const state = newState()
    state.writeConfig({ models: { providers: { ollama: { baseUrl: `http://127.0.0.1:1/${PAYLOAD}` } } } })
    const result = await state.run(["models", "list", "--all", "--provider", "ollama"])
    expect(result.stderr).toContain(
      "Warning: could not list Ollama models from http://127.0.0.1:1/\\x1b]0;pwned"
    )
    expectNothingRaw(result.stderr)
  })
})

describe("a model ref with whitespace, controls or absurd length is refused before anything is written", () => {
  const VALUES = [
    ["a space", "openai/gpt 5", 'Invalid model reference "openai/gpt 5": it contains whitespace (U+0020).'],
    [
      "a line feed",
      "openai/gpt\n5",
      'Invalid model reference "openai/gpt\\x0a5": it contains whitespace (U+000A).'
    ],
    [
      "an escape sequence",
      "openai/\u001b]0;pwned\u0007gpt",
      'Invalid model reference "openai/\\x1b]0;pwned\\x07gpt": it contains a control or invisible character (U+001B).'
    ],
    ["5000 characters", `openai/${"g".repeat(5000)}`, "(5007 characters): at most 256 are accepted."]
  ] as const
  const COMMANDS = [
    ["set"],
    ["set-image"],
    ["fallbacks", "add"],
    ["image-fallbacks", "add"],
    ["aliases", "add", "mine"]
  ] as const

  for (const command of COMMANDS) {
    it.each(VALUES)(`models ${command.join(" ")}: %s`, async (_what, value, message) => {
      const state = newState()
      state.writeConfig('{\n  // mine\n  agents: { defaults: { model: "anthropic/claude-opus-4-5" } }\n}\n')
      const before = state.readConfigText()
      const result = await state.run(["models", ...command, value])
      expect(result.code).toBe(1)
      expect(result.stderr.split("\n").filter((line) => line !== "")).toHaveLength(1)
      expect(result.stderr).toContain(message)
      expectNothingRaw(result.stderr)
      expect(state.readConfigText()).toBe(before)
    })
  }
})

describe("provider and profile ids with whitespace or controls are refused", () => {
  it.each([
    [["--provider", "Open AI"], 'Error: Invalid --provider "Open AI": use lower-case letters'],
    [["--provider", "open\u001b[2Jai"], 'Error: Invalid --provider "open\\x1b[2Jai"'],
    [
      ["--provider", "openai", "--profile-id", "openai:my key"],
      'Error: Invalid --profile-id "openai:my key"'
    ],
    [
      ["--provider", "openai", "--profile-id", "openai:\u202eevil"],
      'Error: Invalid --profile-id "openai:\\u202eevil"'
    ]
  ])("paste-token %j", async (flags, message) => {
    const state = newState()
    const result = await runCli(["models", "auth", "paste-token", ...flags], {
      env: state.env,
      input: "sk-proj-0123456789abcdef\n"
    })
    expect(result.code).toBe(1)
    expect(result.stderr.startsWith(message)).toBe(true)
    expectNothingRaw(result.stderr)
    expect(fs.existsSync(state.stateDir)).toBe(false)
  })
})
