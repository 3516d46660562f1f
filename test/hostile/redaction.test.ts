/**
 * Issue 9 item 3: a provider that echoes a key (whole, a prefix, a middle slice, another case, straddling the
 * point where an error detail is cut) never gets any 8-character slice of it onto the terminal. The redaction
 * function itself, then `status --probe` and `scan` (the built bin/clawdbot) against a hostile server.
 */
import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import { FRAGMENT_LENGTH, knownSecrets, redact, redactLine } from "../../src/domain/redact.js"
import {
  credentialOf,
  type HostileRequest,
  type HostileServer,
  leakedSlices,
  startHostileServer
} from "../support/hostileServer.js"
import { hasScript, runPtySteps } from "../support/ptySteps.js"
import { sandbox } from "../support/runBin.js"
import { makeTempState, type TempState } from "../support/tempState.js"

/** 40 characters, mixed case, no `sk-`/`AIza` prefix (so only the known-secret rule can catch it). */
const makeKey = (mode: string) => `hk${mode}Q${randomBytes(24).toString("base64url")}`.slice(0, 40)

describe("redact (src/domain/redact.ts)", () => {
  const key = "hkUnitQ4fG7kLmN0pQrStUvWxYz1234567890AbC"

  it.each([
    ["whole", `invalid key ${key} given`],
    ["a prefix", `invalid key ${key.slice(0, 12)}... given`],
    ["a middle slice", `key …${key.slice(11, 23)}… is invalid`],
    ["a suffix", `key ending in ${key.slice(-9)}`],
    ["upper-cased", `INVALID KEY ${key.toUpperCase()}`],
    ["lower-cased", `invalid key ${key.toLowerCase()}`],
    ["twice, overlapping slices", `${key.slice(0, 20)}${key.slice(10, 30)}`],
    ["split by a newline", `${key.slice(0, 20)}\n${key.slice(20)}`]
  ])("no 8-character slice survives when the key is echoed %s", (_how, text) => {
    const out = redactLine(text, [key])
    expect(leakedSlices(out, key)).toEqual([])
    expect(out).toContain("***")
  })

  it("redacts before it cuts: a key straddling the cut leaves nothing behind", () => {
    for (let pad = 180; pad < 200; pad++) {
      const out = redact(`${".".repeat(pad)}${key} trailing`, [key], 200)
      expect(leakedSlices(out, key)).toEqual([])
      expect(out.length).toBeLessThanOrEqual(201)
    }
  })

  it("keeps text that only shares fewer than 8 characters with a secret", () => {
    expect(redact(`prefix ${key.slice(0, FRAGMENT_LENGTH - 1)} is fine`, [key])).toBe(
      `prefix ${key.slice(0, FRAGMENT_LENGTH - 1)} is fine`
    )
    expect(redact("HTTP 401 authentication_error: invalid x-api-key", [key])).toBe(
      "HTTP 401 authentication_error: invalid x-api-key"
    )
  })

  it("matches a short (6-7 character) secret whole, and ignores shorter ones", () => {
    expect(redact("pin 7h1s1s was refused", ["7H1S1S"])).toBe("pin *** was refused")
    expect(redact("code abc was refused", ["abc"])).toBe("code abc was refused")
  })

  it("keeps the pattern redactions (Bearer, key=value, sk-, AIza) for secrets it was not told about", () => {
    const out = redact(
      "Authorization: Bearer abc.def token=hunter2hunter sk-proj-ABCDEFGHIJKL AIzaSyA1234567890a"
    )
    expect(out).toBe("Authorization: Bearer *** token=*** sk-*** AIza***")
  })

  it("is linear enough for a 1 MiB body and a run's worth of secrets", () => {
    const secrets = Array.from({ length: 50 }, (_, i) => makeKey(`perf${i}`))
    const body = `${"lorem ipsum dolor ".repeat(58_000)}${secrets[7]!.toUpperCase()}`
    const started = performance.now()
    const out = redact(body, secrets, 300)
    const elapsed = performance.now() - started
    expect(out.length).toBeLessThanOrEqual(301)
    expect(redact(body.slice(-200), secrets)).not.toContain(secrets[7]!.toUpperCase().slice(0, 8))
    // ~1 MiB scanned with 50 secrets (~1,650 fragments): well under a second even on a loaded CI machine.
    expect(elapsed).toBeLessThan(2000)
  })

  it("knows every secret of a run: stored keys, tokens and OAuth tokens, env keys, config keys, auth headers", () => {
    const env: Record<string, string> = {
      OPENAI_API_KEY: "env-openai-key-123456",
      MY_KEY: "config-var-key-123456"
    }
    const secrets = knownSecrets({
      store: decodeAuthProfiles({
        version: 1,
        profiles: {
          a: { type: "api_key", provider: "openai", key: "stored-api-key-1" },
          b: { type: "token", provider: "anthropic", token: "stored-token-1" },
          c: {
            type: "oauth",
            provider: "anthropic",
            access: "oauth-access-1",
            refresh: "oauth-refresh-1",
            expires: 1
          }
        }
      }),
      config: {
        models: {
          providers: {
            acme: {
              apiKey: "MY_KEY",
              headers: { "x-custom-auth": "header-secret-1", "HTTP-Referer": "https://example.test" }
            },
            other: { apiKey: "literal-config-key-1" }
          }
        }
      },
      env: (name) => env[name]
    })
    expect([...secrets].sort()).toEqual(
      [
        "stored-api-key-1",
        "stored-token-1",
        "oauth-access-1",
        "oauth-refresh-1",
        "env-openai-key-123456",
        "config-var-key-123456",
        "literal-config-key-1",
        "header-secret-1"
      ].sort()
    )
  })
})

/** 401 answers that echo the request's key the way the key's name says. */
const ECHOES: Record<string, (key: string, pad: number) => { type: string; body: string }> = {
  whole: (key) => json(`invalid x-api-key ${key}`),
  prefix: (key) => json(`invalid x-api-key ${key.slice(0, 14)}…`),
  middle: (key) => json(`the key …${key.slice(9, 21)}… is not valid`),
  upper: (key) => json(`INVALID X-API-KEY ${key.toUpperCase()}`),
  // Plain text, so the detail is the body; the key starts 12 characters before the point where it was cut.
  straddle: (key, pad) => ({
    type: "text/plain",
    body: `${".".repeat(pad - 12)}${key} and more text after it`
  })
}
const json = (message: string) => ({
  type: "application/json",
  body: JSON.stringify({ type: "error", error: { type: "authentication_error", message } })
})
const modeOf = (key: string) => Object.keys(ECHOES).find((mode) => key.startsWith(`hk${mode}Q`)) ?? "whole"

const echoing = (pad: number) => (request: HostileRequest, res: import("node:http").ServerResponse) => {
  const key = credentialOf(request)
  const answer = ECHOES[modeOf(key)]!(key, pad)
  res.writeHead(401, { "content-type": answer.type }).end(answer.body)
}

let server: HostileServer
const states: Array<TempState> = []
beforeAll(async () => {
  server = await startHostileServer()
})
afterAll(async () => {
  for (const state of states) state.cleanup()
  await server.close()
})

const allLeaks = (output: string, keys: ReadonlyArray<string>) =>
  keys.flatMap((key) => leakedSlices(output, key).map((slice) => `${key}: ${slice}`))

describe("status --probe against a provider that echoes keys", () => {
  it("shows each probe as auth with a detail, and no 8-character slice of any key anywhere", async () => {
    // Probe details were cut at 200 characters of body: the straddling key starts just before that point.
    server.handle(echoing(200))
    const keys = Object.keys(ECHOES).map(makeKey)
    const state = makeTempState()
    states.push(state)
    state.writeConfig({ models: { providers: { anthropic: { baseUrl: server.url } } } })
    // Profile ids that share no 8 characters with the keys (the keys start with their mode's name).
    state.writeAuth({
      version: 1,
      profiles: Object.fromEntries(
        keys.map((key, i) => [`anthropic:p${i}`, { type: "api_key", provider: "anthropic", key }])
      )
    })
    const json = await state.run(["models", "status", "--probe", "--probe-timeout", "10000", "--json"])
    const probes = JSON.parse(json.stdout).auth.probes
    expect(probes.results.map((probe: any) => [probe.profileId, probe.status])).toEqual(
      keys.map((_key, i) => [`anthropic:p${i}`, "auth"])
    )
    for (const probe of probes.results) expect(probe.error).toMatch(/^HTTP 401/)
    // The status part above the probes shows each key masked as the reference does (8 + 8 characters, spec
    // §3.2): what is checked here is everything that came from the provider.
    expect(allLeaks(JSON.stringify(probes) + json.stderr, keys)).toEqual([])
    const text = await state.run(["models", "status", "--probe", "--probe-timeout", "10000"])
    const probeBlock = text.stdout.slice(text.stdout.indexOf("\nAuth probes"))
    expect(probeBlock).toContain("HTTP 401")
    expect(allLeaks(probeBlock + text.stderr, keys)).toEqual([])
  })
})

describe("scan against an OpenRouter that echoes the key", () => {
  it("lists the probe errors with no 8-character slice of the key", async () => {
    const keys = { straddle: makeKey("straddle"), upper: makeKey("upper") }
    server.handle((request, res) => {
      if (request.method === "GET" && request.path.startsWith("/api/v1/models")) {
        const model = (id: string) => ({
          id,
          name: id,
          created: Math.floor(Date.now() / 1000),
          context_length: 32000,
          architecture: { modality: "text->text", input_modalities: ["text"] },
          pricing: { prompt: "0", completion: "0" },
          supported_parameters: ["tools", "tool_choice"]
        })
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ data: [model("hostile/a:free"), model("hostile/b:free")] }))
        return
      }
      const key = credentialOf(request)
      // The model decides the echo: one straddles the old 300-character cut, one shouts the key.
      const mode = JSON.parse(request.body).model === "hostile/a:free" ? "straddle" : "upper"
      const answer = ECHOES[mode]!(key, 300)
      res.writeHead(401, { "content-type": answer.type }).end(answer.body)
    })
    const state = makeTempState()
    states.push(state)
    state.writeConfig({ models: { providers: { openrouter: { baseUrl: `${server.url}/api/v1` } } } })
    for (const key of Object.values(keys)) {
      const result = await state.run(["models", "scan", "--yes", "--timeout", "10000"], {
        OPENROUTER_API_KEY: key
      })
      expect(result.stdout + result.stderr).toContain("HTTP 401")
      expect(allLeaks(result.stdout + result.stderr, [key])).toEqual([])
    }
  })
})

describe("OAuth errors that echo tokens", () => {
  it("a refresh refused with the refresh token (upper-cased) and a prefix of the access token in its description", async () => {
    const refresh = makeKey("refresh")
    const access = makeKey("access")
    server.handle((request, res) => {
      if (!request.path.includes("/oauth/token")) return res.writeHead(500).end()
      const sent =
        new URLSearchParams(request.body).get("refresh_token") ?? JSON.parse(request.body).refresh_token
      res.writeHead(400, { "content-type": "application/json" }).end(
        JSON.stringify({
          error: "invalid_grant",
          error_description: `refresh token ${String(sent).toUpperCase()} does not belong to ${access.slice(0, 16)}`
        })
      )
    })
    const state = makeTempState()
    states.push(state)
    state.writeConfig({ models: { providers: { anthropic: { baseUrl: server.url } } } })
    state.writeAuth({
      version: 1,
      profiles: {
        "anthropic:me": {
          type: "oauth",
          provider: "anthropic",
          access,
          refresh,
          expires: Date.now() - 60_000
        }
      }
    })
    const result = await state.run(["models", "status", "--probe", "--json", "--probe-timeout", "10000"], {
      CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: `${server.url}/v1/oauth/token`
    })
    const probes = JSON.parse(result.stdout).auth.probes
    expect(probes.results[0]).toMatchObject({ profileId: "anthropic:me", status: "auth" })
    expect(probes.results[0].error).toContain("invalid_grant")
    expect(allLeaks(JSON.stringify(probes) + result.stderr, [refresh, access])).toEqual([])
  })

  it.skipIf(!hasScript)("a device-flow login refused with the device code echoed upper-cased", async () => {
    const deviceCode = makeKey("device")
    server.handle((request, res) => {
      const answer = request.path.endsWith("/device/code")
        ? {
            device_code: deviceCode,
            user_code: "WXYZ-1234",
            verification_uri: `${server.url}/login/device`,
            interval: 1,
            expires_in: 60
          }
        : {
            error: "bad_verification_code",
            error_description: `The device code ${deviceCode.toUpperCase()} is not valid.`
          }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
    })
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "login-github-copilot"], {
      env: {
        CLAWDBOT_GITHUB_COPILOT_DEVICE_CODE_URL: `${server.url}/login/device/code`,
        CLAWDBOT_GITHUB_COPILOT_TOKEN_URL: `${server.url}/login/oauth/access_token`
      }
    })
    expect(result.code).not.toBe(0)
    expect(result.screen).toContain("bad_verification_code")
    expect(allLeaks(result.screen, [deviceCode])).toEqual([])
  })
})
