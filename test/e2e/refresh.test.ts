/**
 * `models refresh` end to end (issue 12 item 5): `bin/clawdbot` against a models.dev-shaped server on 127.0.0.1
 * (valid, invalid JSON, 500, hang, huge, wrong shape, control characters), the stored file, and the commands that
 * read it (list, status, set) without touching the network. Run `npm run build` first (vitest's global setup does).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type Handler, type HostileServer, startHostileServer, streamBody } from "../support/hostileServer.js"
import { runBin, type Sandbox, sandbox } from "../support/runBin.js"
import { runCli } from "../support/runCli.js"

const LOOPBACK_ONLY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "support",
  "loopbackOnly.cjs"
)

/** A small api.json: a new and an updated Anthropic model, one models.dev id we name differently, one we lack. */
const CATALOG = {
  anthropic: {
    id: "anthropic",
    name: "Anthropic",
    npm: "@ai-sdk/anthropic",
    env: ["ANTHROPIC_API_KEY"],
    models: {
      "claude-opus-9": {
        id: "claude-opus-9",
        name: "Claude Opus 9",
        attachment: true,
        reasoning: true,
        tool_call: true,
        modalities: { input: ["text", "image", "pdf"], output: ["text"] },
        cost: { input: 4, output: 20, cache_read: 0.4, cache_write: 5 },
        limit: { context: 500000, output: 64000 }
      },
      "claude-sonnet-4-5": {
        id: "claude-sonnet-4-5",
        name: "Claude Sonnet 4.5 (refreshed)",
        tool_call: true,
        modalities: { input: ["text", "image"], output: ["text"] },
        limit: { context: 1000000, output: 64000 }
      },
      "embed-only": {
        id: "embed-only",
        name: "No tools",
        tool_call: false,
        limit: { context: 8000, output: 0 }
      }
    }
  },
  "fireworks-ai": {
    id: "fireworks-ai",
    name: "Fireworks",
    models: {
      "accounts/fireworks/models/brand-new": {
        id: "accounts/fireworks/models/brand-new",
        name: "Brand New",
        tool_call: true,
        limit: { context: 131072, output: 16384 }
      }
    }
  },
  "not-ours": {
    id: "not-ours",
    name: "Unknown",
    models: { m: { id: "m", name: "m", tool_call: true, limit: { context: 1, output: 1 } } }
  }
}

const CONTROL_CHARACTERS = {
  anthropic: {
    id: "anthropic",
    models: {
      "claude-evil": {
        name: "Evil\u001b[2J\u001b]0;pwned\u0007\u202eName\nSecond line",
        tool_call: true,
        limit: { context: 1000, output: 100 }
      },
      "bad\u001b[31mid": { name: "Bad id", tool_call: true, limit: { context: 1000, output: 100 } }
    }
  }
}

const json =
  (body: unknown): Handler =>
  (_request, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body))
  }

const ROUTES: Record<string, Handler> = {
  "/api.json": json(CATALOG),
  "/control.json": json(CONTROL_CHARACTERS),
  "/empty.json": json({}),
  "/unknown-only.json": json({ "not-ours": CATALOG["not-ours"] }),
  "/invalid.json": (_request, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end('{"anthropic": {"models": ')
  },
  "/shape.json": json({
    anthropic: { models: { "claude-x": { tool_call: true, limit: { context: "lots" } } } }
  }),
  "/500.json": (_request, res) => {
    res
      .writeHead(500, { "content-type": "text/plain" })
      .end("\u001b[31mInternal error\u001b[0m token=sk-serverSECRET")
  },
  "/hang.json": () => undefined,
  "/huge.json": (_request, res) =>
    streamBody(res, {
      status: 200,
      headers: { "content-type": "application/json" },
      head: '{"a":"',
      totalBytes: 40 * 1024 * 1024
    })
}

let server: HostileServer
let seenBefore = 0
beforeAll(async () => {
  server = await startHostileServer((request, res) => {
    const route = ROUTES[new URL(request.path, "http://x").pathname]
    if (route === undefined) res.writeHead(404).end()
    else return route(request, res)
  })
})
beforeEach(() => {
  seenBefore = server.requests.length
})
afterAll(() => server.close())

/** Paths this test's runs asked the server for. */
const requested = () => server.requests.slice(seenBefore).map((request) => request.path)

const storedPath = (box: Sandbox) => path.join(box.stateDir, "catalog", "models.json")

const refresh = (box: Sandbox, route: string, extra: ReadonlyArray<string> = []) =>
  runBin(box, ["models", "refresh", ...extra], { env: { CLAWDBOT_CATALOG_URL: `${server.url}${route}` } })

const listAll = async (box: Sandbox, provider: string) => {
  const result = await runBin(box, ["models", "list", "--all", "--json", "--provider", provider])
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout).models as ReadonlyArray<{
    key: string
    name: string
    contextWindow: number
  }>
}

describe("models refresh (issue 12 item 5)", () => {
  it("stores the tool-capable models of known providers (0600 in a 0700 dir) and says what it did", async () => {
    const box = sandbox()
    const result = await refresh(box, "/api.json", ["--json"])
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toEqual({
      source: `${server.url}/api.json`,
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      providers: 2,
      models: 3,
      added: 2,
      skippedProviders: 1,
      path: storedPath(box)
    })
    expect(requested()).toEqual(["/api.json"])
    expect(fs.statSync(storedPath(box)).mode & 0o777).toBe(0o600)
    expect(fs.statSync(path.dirname(storedPath(box))).mode & 0o777).toBe(0o700)
    const stored = JSON.parse(fs.readFileSync(storedPath(box), "utf8"))
    expect(stored.fetchedAt).toBe(report.fetchedAt)
    expect(stored.source).toBe(`${server.url}/api.json`)
    expect(
      stored.models.map((model: { provider: string; id: string }) => `${model.provider}/${model.id}`)
    ).toEqual([
      "anthropic/claude-opus-9",
      "anthropic/claude-sonnet-4-5",
      "fireworks/accounts/fireworks/models/brand-new"
    ])

    const text = await refresh(box, "/api.json")
    expect(text.code).toBe(0)
    expect(text.stdout).toBe(
      [
        `Refreshed the model catalog from ${server.url}/api.json: 3 models of 2 providers, 2 not in the bundled catalog.`,
        "Left out 1 provider this tool has no endpoint for (configure one under models.providers to use it).",
        "Saved ~/.clawdbot/catalog/models.json",
        ""
      ].join("\n")
    )
  })

  it("list uses it over the bundled catalog without any request; set no longer warns about a new model", async () => {
    const box = sandbox()
    const before = await runBin(box, ["models", "set", "anthropic/claude-opus-9"])
    expect(before.stderr).toContain("anthropic/claude-opus-9 is not in the model catalog")
    expect((await listAll(box, "anthropic")).map((model) => model.key)).not.toContain(
      "anthropic/claude-opus-9"
    )

    expect((await refresh(box, "/api.json")).code).toBe(0)
    seenBefore = server.requests.length
    const anthropic = await listAll(box, "anthropic")
    const byKey = new Map(anthropic.map((model) => [model.key, model]))
    expect(byKey.get("anthropic/claude-opus-9")).toMatchObject({
      name: "Claude Opus 9",
      contextWindow: 500000
    })
    expect(byKey.get("anthropic/claude-sonnet-4-5")).toMatchObject({
      name: "Claude Sonnet 4.5 (refreshed)",
      contextWindow: 1000000
    })
    // Bundled models the refreshed catalog lacks are kept.
    expect(byKey.has("anthropic/claude-3-5-haiku-latest")).toBe(true)
    expect((await listAll(box, "fireworks")).map((model) => model.key)).toContain(
      "fireworks/accounts/fireworks/models/brand-new"
    )
    const after = await runBin(box, ["models", "set", "anthropic/claude-opus-9"])
    expect(after.code).toBe(0)
    expect(after.stderr).toBe("")
    const status = await runBin(box, ["models", "status"])
    expect(status.code).toBe(0)
    // list, set and status read the stored catalog; none of them fetched it again.
    expect(requested()).toEqual([])
  })

  it("list and status (text) say when the refreshed catalog is over a week old, not before", async () => {
    const box = sandbox()
    expect((await refresh(box, "/api.json")).code).toBe(0)
    const fresh = await runBin(box, ["models", "list"])
    expect(fresh.stdout).not.toContain("Catalog refreshed")
    const stored = JSON.parse(fs.readFileSync(storedPath(box), "utf8"))
    stored.fetchedAt = new Date(Date.now() - 12 * 24 * 3_600_000 - 60_000).toISOString()
    fs.writeFileSync(storedPath(box), JSON.stringify(stored))
    for (const args of [
      ["models", "list"],
      ["models", "status"]
    ]) {
      const result = await runBin(box, args)
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/(^|\n)Catalog refreshed 12 days ago; run `clawdbot models refresh`\n$/)
    }
    const asJson = await runBin(box, ["models", "list", "--json"])
    expect(asJson.stdout).not.toContain("Catalog refreshed")
  })

  it.each([
    ["/invalid.json", [], "the answer is not JSON"],
    ["/500.json", [], "HTTP 500"],
    ["/hang.json", ["--timeout", "1500"], "no complete answer within 1s 500ms"],
    ["/huge.json", [], "the answer is larger than 32 MiB"],
    [
      "/shape.json",
      [],
      'it is not a models.dev catalog (at anthropic › models › claude-x › limit › context: Expected number, actual "lots")'
    ],
    ["/empty.json", [], "it lists no providers"],
    [
      "/unknown-only.json",
      [],
      "none of its 1 providers has a tool-capable model of a provider this tool knows"
    ],
    ["/missing.json", [], "HTTP 404"]
  ] as const)(
    "%s: one clear error naming the URL, exit 1, the stored catalog untouched",
    async (route, extra, reason) => {
      const box = sandbox()
      expect((await refresh(box, "/api.json")).code).toBe(0)
      const before = fs.readFileSync(storedPath(box))
      const started = Date.now()
      const result = await runBin(box, ["models", "refresh", ...extra], {
        env: { CLAWDBOT_CATALOG_URL: `http://user:pw-SECRET@127.0.0.1:${server.port}${route}?token=q-SECRET` }
      })
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      const lines = result.stderr.trimEnd().split("\n")
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(
        `Error: Could not refresh the model catalog from ${server.url}${route}?…: ${reason}`
      )
      expect(lines[0]).toContain("The stored catalog was not changed.")
      expect(result.stderr).not.toMatch(/SECRET|\u001b/)
      expect(fs.readFileSync(storedPath(box))).toEqual(before)
      expect(fs.readdirSync(path.dirname(storedPath(box)))).toEqual(["models.json"])
      if (route === "/hang.json") expect(Date.now() - started).toBeLessThan(15_000)
    }
  )

  it("a first refresh that fails writes nothing at all", async () => {
    const box = sandbox()
    const result = await refresh(box, "/500.json")
    expect(result.code).toBe(1)
    expect(fs.existsSync(path.join(box.stateDir, "catalog"))).toBe(false)
  })

  it("control characters in names are shown escaped; an id carrying them is left out", async () => {
    const box = sandbox()
    const result = await refresh(box, "/control.json")
    expect(result.code).toBe(0)
    const list = await runBin(box, ["models", "list", "--all", "--provider", "anthropic"])
    expect(list.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/)
    const models = await listAll(box, "anthropic")
    const evil = models.find((model) => model.key === "anthropic/claude-evil")
    expect(evil?.name).toBe("Evil\\x1b[2J\\x1b]0;pwned\\x07\\u202eName\\x0aSecond line")
    expect(models.some((model) => model.key.includes("bad"))).toBe(false)
  })

  it("a damaged stored catalog: list warns once and uses the bundled catalog", async () => {
    const box = sandbox()
    fs.mkdirSync(path.dirname(storedPath(box)), { recursive: true })
    fs.writeFileSync(storedPath(box), '{"version":1,"models":[')
    const result = await runBin(box, ["models", "list", "--all", "--json", "--provider", "anthropic"])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      "Warning: the refreshed catalog ~/.clawdbot/catalog/models.json cannot be used (it is not a catalog `models refresh` wrote); using the bundled catalog. Run `clawdbot models refresh` to fetch it again.\n"
    )
    expect(JSON.parse(result.stdout).models.length).toBeGreaterThan(10)
  })

  it("reads catalogUrl from this tool's settings file when neither --url nor CLAWDBOT_CATALOG_URL is set", async () => {
    const box = sandbox()
    fs.mkdirSync(box.stateDir, { recursive: true, mode: 0o700 })
    const settings = path.join(box.stateDir, "clawdbot-models.json")
    fs.writeFileSync(settings, JSON.stringify({ catalogUrl: `${server.url}/api.json` }), { mode: 0o600 })
    // runCli points CLAWDBOT_CATALOG_URL at a closed port unless the env given says otherwise: unset it here
    const unset = { env: { ...box.env(), CLAWDBOT_CATALOG_URL: undefined } }
    const result = await runCli(["models", "refresh", "--json"], unset)
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(requested()).toEqual(["/api.json"])
    expect(JSON.parse(result.stdout).source).toBe(`${server.url}/api.json`)
    // a damaged setting is an error naming the file, and nothing is fetched
    fs.writeFileSync(settings, JSON.stringify({ catalogUrl: 42 }), { mode: 0o600 })
    const damaged = await runCli(["models", "refresh"], unset)
    expect(damaged.code).toBe(1)
    expect(damaged.stderr).toContain("clawdbot-models.json")
    expect(damaged.stderr).toContain("catalogUrl")
    expect(requested()).toEqual(["/api.json"])
  })

  it("a hostile ./.env setting CLAWDBOT_CATALOG_URL is ignored: its server gets nothing", async () => {
    const box = sandbox()
    const repo = fs.mkdtempSync(path.join(box.home, "repo-"))
    fs.writeFileSync(path.join(repo, ".env"), `CLAWDBOT_CATALOG_URL=${server.url}/api.json\n`)
    fs.mkdirSync(box.stateDir, { recursive: true })
    fs.writeFileSync(path.join(box.stateDir, ".env"), `CLAWDBOT_CATALOG_URL=${server.url}/api.json\n`)
    const blockedLog = path.join(box.home, "blocked.log")
    const result = await runCli(["models", "refresh"], {
      cwd: repo,
      env: {
        ...box.env(),
        CLAWDBOT_CATALOG_URL: undefined,
        NODE_OPTIONS: `--require ${LOOPBACK_ONLY}`,
        CLAWDBOT_TEST_BLOCKED_LOG: blockedLog
      }
    })
    expect(requested()).toEqual([])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("Notice: ignored CLAWDBOT_CATALOG_URL from ./.env")
    expect(result.stderr).toContain("Notice: ignored CLAWDBOT_CATALOG_URL from ~/.clawdbot/.env")
    expect(result.stderr).toContain("Could not refresh the model catalog from https://models.dev/api.json")
    // It went for the default source (blocked by the test), not the .env's.
    expect(fs.readFileSync(blockedLog, "utf8")).toContain("models.dev:443")
    expect(fs.existsSync(storedPath(box))).toBe(false)
  })

  it("models --help lists refresh; refresh --help names its flags and what they take", async () => {
    const box = sandbox()
    const models = await runBin(box, ["models", "--help"])
    expect(models.stdout).toContain("refresh")
    const help = await runBin(box, ["models", "refresh", "--help"])
    expect(help.code).toBe(0)
    for (const word of [
      "--json",
      "--url <url>",
      "CLAWDBOT_CATALOG_URL",
      "https://models.dev/api.json",
      "--timeout <ms>",
      "default 30000"
    ])
      expect(help.stdout).toContain(word)
  })

  it("--timeout that is not a positive number is an error naming the flag; nothing is fetched", async () => {
    const box = sandbox()
    const result = await refresh(box, "/api.json", ["--timeout", "soon"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("--timeout must be a positive number (ms).")
    expect(requested()).toEqual([])
  })

  it("--url that is not http(s) is a usage error naming the flag", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "refresh", "--url", "file:///etc/passwd"])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("Error: --url must be an http:// or https:// URL, not file:\n")
  })
})
