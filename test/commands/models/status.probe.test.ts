/** `models status --probe` end to end: the built `bin/clawdbot` against the fake provider (spec §3.2, §4). */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import { closedPort, eventually, type FakeProvider, startFakeProvider } from "../../support/fakeProvider.js"
import { BIN } from "../../support/runCli.js"
import { makeTempState, type TempState } from "../../support/tempState.js"

let fake: FakeProvider
let refusedUrl: string
beforeAll(async () => {
  // A key that contained the word "malformed" would have its 8+ character slices redacted from the
  // "Malformed response" detail too (src/domain/redact.ts), so that one is mapped to its mode by value.
  fake = await startFakeProvider({ slowMs: 300, modes: { "AIzaSy-fake-bad-body-MMMMMMMMMM": "malformed" } })
  refusedUrl = `http://127.0.0.1:${await closedPort()}/v1`
})
afterAll(() => fake.close())

const states: Array<TempState> = []
afterEach(() => {
  for (const state of states.splice(0)) state.cleanup()
})

/** A state dir whose config sends every provider to the fake server. */
const setup = (profiles: Record<string, object>, config: Record<string, any> = {}): TempState => {
  const state = makeTempState()
  states.push(state)
  state.writeConfig({
    ...config,
    models: {
      providers: {
        anthropic: { baseUrl: fake.url },
        openai: { baseUrl: `${fake.url}/v1` },
        openrouter: { baseUrl: `${fake.url}/api/v1` },
        google: { baseUrl: `${fake.url}/v1beta` },
        ...config.models?.providers
      }
    }
  })
  state.writeAuth({ version: 1, profiles })
  return state
}

const key = (provider: string, value: string) => ({ type: "api_key", provider, key: value })

const PROFILES: Record<string, object> = {
  "anthropic:ok": key("anthropic", "sk-ant-api03-fake-ok-AAAAAAAAAA"),
  "anthropic:token": { type: "token", provider: "anthropic", token: "sk-ant-oat01-fake-ok-BBBBBBBBBB" },
  "anthropic:overloaded": key("anthropic", "sk-ant-api03-fake-529-CCCCCCCCCC"),
  "anthropic:credit": key("anthropic", "sk-ant-api03-fake-credit-DDDDDDDDDD"),
  "anthropic:invalid": key("anthropic", "sk-ant-api03-fake-400-EEEEEEEEEE"),
  "openai:bad": key("openai", "sk-proj-fake-401-FFFFFFFFFF"),
  "openai:forbidden": key("openai", "sk-proj-fake-403-GGGGGGGGGG"),
  "openai:quota": key("openai", "sk-proj-fake-quota-HHHHHHHHHH"),
  "openai:limited": key("openai", "sk-proj-fake-429-IIIIIIIIII"),
  "openai:broken": key("openai", "sk-proj-fake-500-JJJJJJJJJJ"),
  "openai:reset": key("openai", "sk-proj-fake-reset-KKKKKKKKKK"),
  "google:hang": key("google", "AIzaSy-fake-hang-LLLLLLLLLL"),
  "google:malformed": key("google", "AIzaSy-fake-bad-body-MMMMMMMMMM"),
  "google:slow": key("google", "AIzaSy-fake-slow-NNNNNNNNNN")
}
const SECRETS = [
  ...Object.values(PROFILES).map((p: any) => p.key ?? p.token),
  "sk-or-v1-fake-402-OOOOOOOOOO",
  "sk-groq-PPPPPPPPPPPPPP"
]

const byLabel = (json: any) =>
  Object.fromEntries(json.auth.probes.results.map((r: any) => [r.label, [r.status, r.error ?? ""]]))

describe("models status --probe against a real HTTP provider", () => {
  it("produces every status, with details, and no secret anywhere in stdout, stderr or JSON", async () => {
    const state = setup(PROFILES, {
      models: {
        providers: {
          groq: { baseUrl: refusedUrl, apiKey: "sk-groq-PPPPPPPPPPPPPP" },
          acme: { baseUrl: `${fake.url}/v1`, apiKey: "acme-key-QQQQQQQQQQ" }
        }
      }
    })
    const env = { OPENROUTER_API_KEY: "sk-or-v1-fake-402-OOOOOOOOOO" }
    const result = await state.run(
      ["models", "status", "--probe", "--json", "--probe-timeout", "1500", "--probe-concurrency", "8"],
      env
    )
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    const probes = byLabel(json)
    expect(probes).toEqual({
      "anthropic:ok": ["ok", ""],
      "anthropic:token": ["ok", ""],
      "anthropic:overloaded": ["rate_limit", "HTTP 529 overloaded_error: Overloaded"],
      "anthropic:credit": ["billing", expect.stringContaining("credit balance is too low")],
      "anthropic:invalid": ["format", expect.stringMatching(/^HTTP 400 invalid_request_error: /)],
      "openai:bad": ["auth", "HTTP 401 invalid_api_key: Incorrect API key provided: ***."],
      "openai:forbidden": ["auth", expect.stringMatching(/^HTTP 403 /)],
      "openai:quota": ["billing", expect.stringMatching(/^HTTP 429 insufficient_quota: /)],
      "openai:limited": ["rate_limit", expect.stringMatching(/^HTTP 429 rate_limit_exceeded: /)],
      "openai:broken": ["unknown", "HTTP 500 server_error: Internal server error"],
      "openai:reset": ["timeout", expect.stringContaining("connection reset")],
      "google:hang": ["timeout", "No answer within 1500ms (--probe-timeout)"],
      "google:malformed": ["format", expect.stringMatching(/^Malformed response \(HTTP 200\)/)],
      "google:slow": ["ok", ""],
      // env credential (OpenRouter, openai-completions): 402
      env: ["billing", expect.stringMatching(/^HTTP 402 /)],
      // config apiKey: groq pointed at a closed port; acme is a custom provider with no model anywhere
      "models.json": expect.anything()
    })
    const results = json.auth.probes.results
    const groq = results.find((r: any) => r.provider === "groq")
    expect([groq.status, groq.error]).toEqual([
      "unknown",
      expect.stringMatching(/connection refused \(ECONNREFUSED\)$/)
    ])
    const acme = results.find((r: any) => r.provider === "acme")
    expect([acme.status, acme.error]).toEqual(["no_model", "No model available for probe"])
    expect(json.auth.probes.totalTargets).toBe(results.length - 1)
    expect(json.auth.probes.options).toEqual({
      profileIds: [],
      timeoutMs: 1500,
      concurrency: 8,
      maxTokens: 8
    })

    // The token went out as Bearer with the oauth beta; the key as x-api-key (§7).
    const tokenRequest = fake.requests.find((r) => r.credential === "sk-ant-oat01-fake-ok-BBBBBBBBBB")!
    expect(tokenRequest.headers["x-api-key"]).toBeUndefined()
    expect(tokenRequest.body).toMatchObject({ max_tokens: 8 })

    const text = await state.run(
      ["models", "status", "--probe", "--probe-timeout", "1500", "--probe-concurrency", "8"],
      env
    )
    expect(text.stdout).toContain(
      "\n- anthropic (model: anthropic/claude-opus-4-5)\n  - anthropic:credit (api_key) billing "
    )
    expect(text.stdout).toMatch(
      /\n {2}- openai:bad \(api_key\) auth \d+ms - HTTP 401 invalid_api_key: Incorrect API key provided: \*\*\*\.\n/
    )
    expect(text.stdout).toContain(
      "\nAuth probes\n- acme (model: -)\n  - models.json (api_key) no_model - - No model available for probe\n"
    )
    expect(text.stdout).toMatch(/\nProbed 16 targets in \d/)
    for (const secret of SECRETS) {
      for (const output of [result.stdout, result.stderr, text.stdout, text.stderr])
        expect(output).not.toContain(secret)
    }
  })

  it("holds the concurrency bound: the server never sees more than --probe-concurrency requests at once", async () => {
    const profiles = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`openai:k${i}`, key("openai", `sk-fake-slow-${i}0000000000`)])
    )
    const state = setup(profiles)
    fake.reset()
    const result = await state.run(["models", "status", "--probe", "--json", "--probe-concurrency", "3"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).auth.probes.results.map((r: any) => r.status)).toEqual(
      Array(10).fill("ok")
    )
    expect(fake.maxInFlight()).toBe(3)
  })

  it("a hanging provider ends at the timeout and its request is closed before the next one starts", async () => {
    const state = setup({
      "openai:a-hang": key("openai", "sk-fake-hang-0000000000"),
      "openai:b-ok": key("openai", "sk-fake-ok-0000000000")
    })
    fake.reset()
    const started = Date.now()
    const result = await state.run([
      "models",
      "status",
      "--probe",
      "--json",
      "--probe-timeout",
      "500",
      "--probe-concurrency",
      "1"
    ])
    const elapsed = Date.now() - started
    expect(byLabel(JSON.parse(result.stdout))).toEqual({
      "openai:a-hang": ["timeout", "No answer within 500ms (--probe-timeout)"],
      "openai:b-ok": ["ok", ""]
    })
    // The ok request arrived after the hung one was aborted: the server had nothing else in flight.
    const second = fake.requests.find((r) => r.credential === "sk-fake-ok-0000000000")!
    expect(second.inFlightAtArrival).toBe(0)
    expect(fake.aborted()).toBe(1)
    expect(fake.inFlight()).toBe(0)
    expect(elapsed).toBeLessThan(10_000)
  })

  it("never writes the auth store: byte-identical, same mtime, no backup, even after failures", async () => {
    const state = setup({
      "anthropic:ok": PROFILES["anthropic:ok"]!,
      "openai:bad": PROFILES["openai:bad"]!,
      "openai:limited": PROFILES["openai:limited"]!
    })
    fs.writeFileSync(state.authPath, `${fs.readFileSync(state.authPath, "utf8")}\n  `)
    const before = fs.readFileSync(state.authPath)
    const mtime = fs.statSync(state.authPath).mtimeMs
    const result = await state.run(["models", "status", "--probe"])
    expect(result.code).toBe(0)
    expect(fs.readFileSync(state.authPath).equals(before)).toBe(true)
    expect(fs.statSync(state.authPath).mtimeMs).toBe(mtime)
    expect(fs.readdirSync(state.agentDir).sort()).toEqual(["auth-profiles.json"])
  })

  it("--probe-provider, --probe-profile (repeatable, comma-separated) and --probe-model narrow the targets", async () => {
    const state = setup(PROFILES, {
      agents: { defaults: { models: { "openai/gpt-5.2": { alias: "gpt" } } } }
    })
    const provider = await state.run([
      "models",
      "status",
      "--probe",
      "--json",
      "--probe-provider",
      "Anthropic",
      "--probe-profile",
      "anthropic:ok, anthropic:token",
      "--probe-profile",
      "openai:bad"
    ])
    expect(Object.keys(byLabel(JSON.parse(provider.stdout))).sort()).toEqual([
      "anthropic:ok",
      "anthropic:token"
    ])
    const model = await state.run([
      "models",
      "status",
      "--probe",
      "--json",
      "--probe-model",
      "gpt",
      "--probe-profile",
      "openai:bad"
    ])
    const json = JSON.parse(model.stdout)
    expect(json.auth.probes.results.map((r: any) => [r.label, r.model, r.status])).toEqual([
      ["openai:bad", "openai/gpt-5.2", "auth"]
    ])
    expect(fake.requests.at(-1)!.path).toBe("/v1/responses")
  })

  it.each([
    [["--probe-timeout", "0"], "--probe-timeout must be a positive number (ms)."],
    [["--probe-timeout", "soon"], "--probe-timeout must be a positive number (ms)."],
    [["--probe-concurrency", "0"], "--probe-concurrency must be > 0."],
    [["--probe-max-tokens", "-3"], "--probe-max-tokens must be > 0."],
    [["--probe", "--plain"], "--probe cannot be used with --plain output."],
    [
      ["--probe", "--probe-provider", "antropic"],
      "Error: --probe-provider antropic: no credentials are configured"
    ],
    [
      ["--probe", "--probe-profile", "openai:nope"],
      "Error: --probe-profile openai:nope: no such auth profile"
    ]
  ])(
    "%j fails with a clear message (the flag checks even without --probe) and sends nothing",
    async (args, message) => {
      const state = setup(PROFILES)
      fake.reset()
      const result = await state.run(["models", "status", ...args])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      expect(result.stderr).toContain(message)
      expect(fake.requests.length).toBe(0)
    }
  )

  it("Ctrl-C while a probe hangs: exits 130 promptly, prints nothing, and the request is closed", async () => {
    const state = setup({ "openai:hang": key("openai", "sk-fake-hang-0000000000") })
    fake.reset()
    const child = spawn(process.execPath, [BIN, "models", "status", "--probe"], {
      env: { PATH: process.env.PATH, ...state.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => {
      output += chunk
    })
    child.stderr.on("data", (chunk) => {
      output += chunk
    })
    const arrived = await eventually(() => fake.inFlight() === 1, 10_000)
    expect(arrived).toBe(true)
    child.kill("SIGINT")
    const code = await new Promise((resolve) => child.on("close", resolve))
    expect(code).toBe(130)
    expect(output).toBe("")
    expect(await eventually(() => fake.inFlight() === 0)).toBe(true)
  })
})

describe("models status --probe --check: exit codes for cron and CI (issue 12)", () => {
  /** OpenAI is the model in use; anthropic is configured too but not in use. */
  const run = async (openaiKey: string, anthropicKey = "sk-ant-api03-fake-ok-AAAAAAAAAA") => {
    const state = setup(
      { "openai:main": key("openai", openaiKey), "anthropic:spare": key("anthropic", anthropicKey) },
      { agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } }
    )
    return state.run(["models", "status", "--probe", "--check", "--probe-timeout", "1500"])
  }

  it("exits 0 when the probes of the providers in use pass, whatever other providers answer", async () => {
    const result = await run("sk-proj-fake-ok-0123456789", "sk-ant-api03-fake-401-AAAAAAAAAA")
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(result.stdout).toContain("anthropic:spare")
  })

  it("exits 1 when a provider in use fails its probe with auth or billing, 2 when it is rate limited", async () => {
    expect((await run("sk-proj-fake-401-0123456789")).code).toBe(1)
    expect((await run("sk-proj-fake-quota-0123456789")).code).toBe(1)
    expect((await run("sk-proj-fake-429-0123456789")).code).toBe(2)
  })

  it("without --check a failing probe still exits 0 (the report is the answer)", async () => {
    const state = setup(
      { "openai:main": key("openai", "sk-proj-fake-401-0123456789") },
      { agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } }
    )
    const result = await state.run(["models", "status", "--probe", "--json"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).auth.probes.results[0].status).toBe("auth")
  })
})
