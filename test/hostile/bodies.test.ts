/**
 * Issue 9 item 5: no response body is read past its limit (1 MiB; the OpenRouter catalog 32 MiB), and past the
 * limit the answer is classified from what was read. The built bin/clawdbot against a hostile server streaming
 * bodies of hundreds of MB (written lazily: the test never holds them), a gzip bomb, a slow drip and redirects;
 * plus a library host whose HttpClient decompresses (fetch), where the limit must count decompressed bytes.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as ProviderClientLive from "../../src/layers/ProviderClient.js"
import { ProviderClient } from "../../src/services/ProviderClient.js"
import {
  drip,
  gzipBomb,
  type HostileServer,
  redirect,
  startHostileServer,
  streamBody
} from "../support/hostileServer.js"
import { makeTempState, type TempState } from "../support/tempState.js"

const MiB = 1024 * 1024
const KEY = "sk-ant-api03-hostile-bodies-0123456789abcdef"
/** What a client may have pulled through the socket after it stopped reading at 1 MiB: kernel buffers included. */
const READ_BOUND = 48 * MiB

let server: HostileServer
let other: HostileServer
const states: Array<TempState> = []
beforeAll(async () => {
  server = await startHostileServer()
  other = await startHostileServer((_request, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end("{}")
  })
})
afterAll(async () => {
  for (const state of states) state.cleanup()
  await Promise.all([server.close(), other.close()])
})

/** A state whose anthropic provider is the hostile server, with one stored key. */
const anthropicState = (profiles?: Record<string, object>): TempState => {
  const state = makeTempState()
  states.push(state)
  state.writeConfig({ models: { providers: { anthropic: { baseUrl: server.url } } } })
  state.writeAuth({
    version: 1,
    profiles: profiles ?? { "anthropic:key": { type: "api_key", provider: "anthropic", key: KEY } }
  })
  return state
}

const probeJson = async (state: TempState, timeoutMs = 20_000, env: Record<string, string> = {}) => {
  const result = await state.run(
    ["models", "status", "--probe", "--json", "--probe-timeout", String(timeoutMs)],
    env
  )
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
  return JSON.parse(result.stdout).auth.probes.results as ReadonlyArray<any>
}

/** Runs the CLI with a preload that reports the process's peak RSS (KiB) on stderr as it exits. */
const withPeakRss = (state: TempState) => {
  const preload = path.join(state.root, "peak-rss.cjs")
  fs.writeFileSync(
    preload,
    'process.on("exit", () => require("node:fs").writeSync(2, "\\npeak-rss-kib=" + process.resourceUsage().maxRSS + "\\n"))\n'
  )
  return async (args: ReadonlyArray<string>) => {
    const result = await state.run(args, { NODE_OPTIONS: `--require=${preload}` })
    const match = /peak-rss-kib=(\d+)/.exec(result.stderr)
    return { ...result, peakMiB: match ? Number(match[1]) / 1024 : Number.NaN }
  }
}

/** 200, JSON content type, `head` then 600 MB of spaces (still one JSON value's whitespace, never its end). */
const huge200Json = (res: import("node:http").ServerResponse, head: string) =>
  streamBody(res, {
    status: 200,
    headers: { "content-type": "application/json" },
    head,
    totalBytes: 600 * MiB,
    fill: " "
  })

describe("huge bodies", () => {
  it("a 401 with a 600 MB body is still `auth`, and the CLI stops reading after 1 MiB", async () => {
    server.handle((_request, res) =>
      streamBody(res, {
        status: 401,
        head: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}} ',
        totalBytes: 600 * MiB
      })
    )
    const before = server.bytesWritten()
    const [result] = await probeJson(anthropicState())
    expect(result).toMatchObject({ profileId: "anthropic:key", status: "auth" })
    expect(result.error).toMatch(/^HTTP 401: /)
    expect(result.error.length).toBeLessThanOrEqual(241)
    expect(server.bytesWritten() - before).toBeLessThan(READ_BOUND)
  })

  it("a 200 whose body never ends is `format`, saying the answer was larger than 1 MiB", async () => {
    server.handle((_request, res) => huge200Json(res, '{"id":"msg_1","type":"message","content":['))
    const [result] = await probeJson(anthropicState())
    expect(result).toMatchObject({ profileId: "anthropic:key", status: "format" })
    expect(result.error).toMatch(/^Malformed response \(HTTP 200\): the answer is larger than 1 MiB/)
  })

  it("a 96 MB error body costs the CLI no more memory than a small one (peak RSS measured)", async () => {
    const state = anthropicState()
    const run = withPeakRss(state)
    const args = ["models", "status", "--probe", "--json", "--probe-timeout", "30000"]
    server.handle((_request, res) => res.writeHead(401, { "content-type": "text/plain" }).end("no"))
    const small = await run(args)
    server.handle((_request, res) => streamBody(res, { status: 401, totalBytes: 96 * MiB }))
    const huge = await run(args)
    console.log(
      `peak RSS: small 401 body ${small.peakMiB.toFixed(1)} MiB, 96 MB 401 body ${huge.peakMiB.toFixed(1)} MiB`
    )
    expect(JSON.parse(huge.stdout).auth.probes.results[0].status).toBe("auth")
    expect(huge.peakMiB).toBeLessThan(small.peakMiB + 32)
  })

  it("a 600 MB OpenRouter catalog is refused with one line naming the limit (scan --no-probe)", async () => {
    server.handle((_request, res) => huge200Json(res, '{"data":['))
    const state = makeTempState()
    states.push(state)
    state.writeConfig({ models: { providers: { openrouter: { baseUrl: `${server.url}/api/v1` } } } })
    const before = server.bytesWritten()
    const result = await state.run(["models", "scan", "--no-probe", "--timeout", "60000"])
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("larger than 32 MiB")
    expect(server.bytesWritten() - before).toBeLessThan(32 * MiB + READ_BOUND)
  })

  it("an OAuth token endpoint answering 600 MB fails that refresh (auth) with a reason, nothing stored", async () => {
    server.handle((request, res) =>
      request.path.includes("/oauth/token") ? huge200Json(res, '{"access_token":"') : res.writeHead(500).end()
    )
    const profile = {
      type: "oauth",
      provider: "anthropic",
      access: "sk-ant-oat01-expired-access-0000000000",
      refresh: "rt-hostile-refresh-0000000000",
      expires: Date.now() - 60_000
    }
    const state = anthropicState({ "anthropic:me": profile })
    const [result] = await probeJson(state, 30_000, {
      CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: `${server.url}/v1/oauth/token`
    })
    expect(result).toMatchObject({ profileId: "anthropic:me", status: "auth" })
    expect(result.error).toContain("larger than 1 MiB")
    expect(JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles["anthropic:me"]).toEqual(profile)
  })

  it("a usage endpoint answering 600 MB prints no usage line and status still exits 0", async () => {
    server.handle((_request, res) => huge200Json(res, '{"five_hour":'))
    const state = anthropicState({
      "anthropic:claude-cli": { type: "token", provider: "anthropic", token: "sk-ant-oat01-usage-0000000000" }
    })
    const before = server.bytesWritten()
    const result = await state.run(["models", "status"], {
      CLAWDBOT_USAGE_URL_ANTHROPIC: `${server.url}/api/oauth/usage`
    })
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(result.stdout).not.toContain("usage:")
    expect(server.bytesWritten() - before).toBeLessThan(READ_BOUND)
  })

  it("an Ollama /api/tags answering 600 MB gives one warning naming the limit", async () => {
    server.handle((_request, res) => huge200Json(res, '{"models":['))
    const state = makeTempState()
    states.push(state)
    state.writeConfig({ models: { providers: { ollama: { baseUrl: server.url } } } })
    const result = await state.run(["models", "list", "--all", "--provider", "ollama"])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      `Warning: could not list Ollama models from ${server.url}/api/tags (the answer is larger than 1 MiB); check that Ollama runs there, or set models.providers.ollama.baseUrl.\n`
    )
  })
})

describe("gzip bombs", () => {
  it("the CLI (node:http, no decompression) reads at most 1 MiB of an endless gzip stream: still `auth`", async () => {
    server.handle((_request, res) => gzipBomb(res, 401))
    const [result] = await probeJson(anthropicState())
    expect(result).toMatchObject({ profileId: "anthropic:key", status: "auth" })
  })

  it.live("a decompressing client (fetch) stops after 1 MiB of decompressed body", () =>
    Effect.gen(function* () {
      // One 16 MiB member per second: a client that reads the whole body never finishes.
      server.handle((_request, res) => gzipBomb(res, 401, 1000))
      const client = yield* ProviderClient
      const outcome = yield* client
        .chat(
          {
            provider: "anthropic",
            model: "claude-x",
            endpoint: { api: "anthropic-messages", baseUrl: server.url, headers: {} },
            credential: { kind: "api_key", secret: Redacted.make(KEY) }
          },
          { maxTokens: 8 }
        )
        .pipe(Effect.timeout(Duration.seconds(20)))
      expect(outcome._tag).toBe("HttpError")
      if (outcome._tag === "HttpError") {
        expect(outcome.status).toBe(401)
        expect(outcome.body.length).toBe(MiB)
      }
    }).pipe(Effect.provide(ProviderClientLive.layer.pipe(Layer.provide(FetchHttpClient.layer))))
  )
})

describe("slow answers and redirects", () => {
  it("a body that drips one byte at a time ends at --probe-timeout as `timeout`, its socket closed", async () => {
    let closed = false
    server.handle((_request, res) => {
      res.on("close", () => {
        closed = true
      })
      drip(res, 401, 100)
    })
    const started = Date.now()
    const [result] = await probeJson(anthropicState(), 1500)
    expect(result).toMatchObject({ status: "timeout" })
    expect(Date.now() - started).toBeLessThan(15_000)
    await expect.poll(() => closed, { timeout: 10_000 }).toBe(true)
  })

  it.each([301, 302, 307, 308])(
    "a %i to another origin is not followed: the key never reaches it",
    async (status) => {
      server.handle((request, res) => redirect(res, status, `${other.url}${request.path}`))
      const seen = other.requests.length
      const [result] = await probeJson(anthropicState())
      expect(result.status).not.toBe("ok")
      expect(result.error).toContain(`HTTP ${status}`)
      expect(other.requests.length).toBe(seen)
    }
  )
})
