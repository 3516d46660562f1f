/**
 * The layers behind `models refresh` (issue 12 item 5): CatalogSource over a real HTTP client against a
 * models.dev-shaped server on 127.0.0.1, the file store of the refreshed catalog in a temp state dir, and the live
 * Catalog reading it (merged over the bundled catalog, config providers on top).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { StoredCatalog } from "../../src/domain/catalogRefresh.js"
import * as CatalogLive from "../../src/layers/Catalog.js"
import * as CatalogSourceLive from "../../src/layers/CatalogSource.js"
import * as EnvironmentLive from "../../src/layers/Environment.js"
import * as RefreshedCatalogLive from "../../src/layers/RefreshedCatalog.js"
import { refreshCatalog } from "../../src/programs/refresh.js"
import { Catalog } from "../../src/services/Catalog.js"
import { CatalogSource } from "../../src/services/CatalogSource.js"
import { Paths } from "../../src/services/Paths.js"
import { RefreshedCatalog } from "../../src/services/RefreshedCatalog.js"
import { type HostileServer, startHostileServer, streamBody } from "../support/hostileServer.js"

const DOCUMENT = {
  anthropic: {
    id: "anthropic",
    models: {
      "claude-opus-9": {
        id: "claude-opus-9",
        name: "Claude Opus 9",
        tool_call: true,
        reasoning: true,
        modalities: { input: ["text", "image"], output: ["text"] },
        cost: { input: 4, output: 20 },
        limit: { context: 500000, output: 64000 }
      }
    }
  }
}

let server: HostileServer
beforeAll(async () => {
  server = await startHostileServer((request, res) => {
    switch (request.path) {
      case "/ok":
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(DOCUMENT))
      case "/text":
        return res.writeHead(200, { "content-type": "text/html" }).end("<html>")
      case "/huge":
        return streamBody(res, { status: 200, head: "[", totalBytes: 200 * 1024 * 1024 })
      case "/hang":
        return undefined
      default:
        return res.writeHead(503).end("down")
    }
  })
})
afterAll(() => server.close())

const Source = CatalogSourceLive.layer.pipe(Layer.provide(FetchHttpClient.layer))
const fetchFrom = (route: string) =>
  Effect.flatMap(CatalogSource, (source) => source.fetch(`${server.url}${route}`)).pipe(
    Effect.provide(Source)
  )

const tempStateDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-refresh-"))

const pathsAt = (stateDir: string) =>
  Layer.succeed(Paths, {
    home: stateDir,
    stateDir,
    configPath: path.join(stateDir, "clawdbot.json"),
    mainAgentDir: path.join(stateDir, "agents", "main", "agent"),
    agentDirOf: (id: string) => path.join(stateDir, "agents", id, "agent"),
    shorten: (target: string) => target
  })

const STORED: StoredCatalog = {
  version: 1,
  fetchedAt: "2026-01-01T00:00:00.000Z",
  source: "http://127.0.0.1/api.json",
  providers: ["anthropic"],
  models: [
    {
      provider: "anthropic",
      id: "claude-sonnet-4-5",
      name: "Sonnet, refreshed",
      reasoning: true,
      input: ["text"],
      contextWindow: 1_000_000,
      maxTokens: 64000,
      cost: { input: 3, output: 15, cacheRead: 0, cacheWrite: 0 }
    },
    {
      provider: "anthropic",
      id: "claude-opus-9",
      name: "Claude Opus 9",
      reasoning: true,
      input: ["text", "image"],
      contextWindow: 500000,
      maxTokens: 64000,
      cost: { input: 4, output: 20, cacheRead: 0, cacheWrite: 0 }
    }
  ]
}

describe("CatalogSource (live)", () => {
  it.live(
    "answers the JSON of a 2xx; a non-2xx, a body that is not JSON and one over 32 MiB are typed errors",
    () =>
      Effect.gen(function* () {
        expect(yield* fetchFrom("/ok")).toEqual(DOCUMENT)
        const messages = yield* Effect.forEach(["/down", "/text", "/huge"], (route) =>
          Effect.map(Effect.flip(fetchFrom(route)), (error) => error.message)
        )
        expect(messages).toEqual([
          `Could not refresh the model catalog from ${server.url}/down: HTTP 503. The stored catalog was not changed.`,
          `Could not refresh the model catalog from ${server.url}/text: the answer is not JSON. The stored catalog was not changed.`,
          `Could not refresh the model catalog from ${server.url}/huge: the answer is larger than 32 MiB. The stored catalog was not changed.`
        ])
        // The huge body was not read to its end: reading stopped at the limit and the request was aborted.
        expect(server.bytesWritten()).toBeLessThan(100 * 1024 * 1024)
      })
  )
})

describe("refreshCatalog on the live layers", () => {
  const layers = (stateDir: string, env: Record<string, string>) =>
    Layer.mergeAll(
      Source,
      RefreshedCatalogLive.layer.pipe(Layer.provide(pathsAt(stateDir))),
      EnvironmentLive.layerTest(env, { now: () => Date.parse("2026-03-01T12:00:00Z") })
    )

  it.live(
    "stores what it fetched at <stateDir>/catalog/models.json; a hang ends at the timeout, nothing written",
    () =>
      Effect.gen(function* () {
        const stateDir = tempStateDir()
        const file = path.join(stateDir, "catalog", "models.json")
        const result = yield* refreshCatalog().pipe(
          Effect.provide(layers(stateDir, { CLAWDBOT_CATALOG_URL: `${server.url}/ok` }))
        )
        expect(result).toEqual({
          source: `${server.url}/ok`,
          fetchedAt: "2026-03-01T12:00:00.000Z",
          providers: 1,
          models: 1,
          added: 1,
          skippedProviders: 0,
          path: file
        })
        const written = fs.readFileSync(file, "utf8")
        expect(JSON.parse(written).models[0]).toEqual({
          provider: "anthropic",
          id: "claude-opus-9",
          name: "Claude Opus 9",
          reasoning: true,
          tools: true,
          input: ["text", "image"],
          contextWindow: 500000,
          maxTokens: 64000,
          // models.dev gave no cache prices: unknown, not 0
          cost: { input: 4, output: 20 }
        })

        const started = Date.now()
        const error = yield* Effect.flip(
          refreshCatalog({ timeout: "300 millis" }).pipe(
            Effect.provide(layers(stateDir, { CLAWDBOT_CATALOG_URL: `${server.url}/hang` }))
          )
        )
        expect(error.message).toBe(
          `Could not refresh the model catalog from ${server.url}/hang: no complete answer within 300ms. The stored catalog was not changed.`
        )
        expect(Date.now() - started).toBeLessThan(10_000)
        expect(fs.readFileSync(file, "utf8")).toBe(written)
        fs.rmSync(stateDir, { recursive: true, force: true })
      })
  )
})

describe("Catalog.layerRefreshed", () => {
  const catalogWith = (stored: StoredCatalog | undefined) =>
    CatalogLive.layerRefreshed.pipe(
      Layer.provide(Layer.merge(FetchHttpClient.layer, RefreshedCatalogLive.layerMemory(stored)))
    )

  it.effect("merges the refreshed catalog over the bundled one; config providers still win", () =>
    Effect.gen(function* () {
      const catalog = yield* Catalog
      const models = yield* catalog.models({})
      const byKey = new Map(models.map((model) => [`${model.provider}/${model.id}`, model]))
      // Updated facts, the bundled endpoint.
      expect(byKey.get("anthropic/claude-sonnet-4-5")).toMatchObject({
        name: "Sonnet, refreshed",
        contextWindow: 1_000_000,
        api: "anthropic-messages",
        baseUrl: "https://api.anthropic.com"
      })
      expect(byKey.get("anthropic/claude-opus-9")).toMatchObject({
        api: "anthropic-messages",
        baseUrl: "https://api.anthropic.com"
      })
      expect(byKey.has("anthropic/claude-3-5-haiku-latest")).toBe(true)

      const replaced = yield* catalog.models({
        models: {
          providers: { anthropic: { baseUrl: "https://proxy.example/v1", models: [{ id: "mine" }] } }
        }
      })
      expect(replaced.filter((model) => model.provider === "anthropic").map((model) => model.id)).toEqual([
        "mine"
      ])
    }).pipe(Effect.provide(catalogWith(STORED)))
  )

  it.effect("reads the store on the first `models` call only, and not for an endpoint", () =>
    Effect.gen(function* () {
      let reads = 0
      const counting = Layer.effect(
        RefreshedCatalog,
        Effect.map(RefreshedCatalog, (store) => ({
          ...store,
          read: Effect.tap(store.read, () => void reads++)
        }))
      ).pipe(Layer.provide(RefreshedCatalogLive.layerMemory(STORED)))
      const layer = CatalogLive.layerRefreshed.pipe(
        Layer.provide(Layer.merge(FetchHttpClient.layer, counting))
      )
      yield* Effect.gen(function* () {
        const catalog = yield* Catalog
        yield* catalog.endpoint({}, "anthropic")
        expect(reads).toBe(0)
        yield* catalog.models({})
        expect(reads).toBe(1)
      }).pipe(Effect.provide(layer))
    })
  )

  it.effect("a damaged file on disk: the bundled catalog, and one warning", () =>
    Effect.gen(function* () {
      const stateDir = tempStateDir()
      fs.mkdirSync(path.join(stateDir, "catalog"))
      fs.writeFileSync(path.join(stateDir, "catalog", "models.json"), '{"version":2}')
      const store = RefreshedCatalogLive.layer.pipe(Layer.provide(pathsAt(stateDir)))
      const layer = CatalogLive.layerRefreshed.pipe(Layer.provide(Layer.merge(FetchHttpClient.layer, store)))
      const errors: Array<string> = []
      const original = console.error
      console.error = (line: string) => void errors.push(line)
      try {
        const models = yield* Effect.flatMap(Catalog, (catalog) =>
          Effect.zipRight(catalog.models({}), catalog.models({}))
        ).pipe(Effect.provide(layer))
        expect(models.some((model) => model.id === "claude-opus-9")).toBe(false)
        expect(models.length).toBeGreaterThan(100)
      } finally {
        console.error = original
        fs.rmSync(stateDir, { recursive: true, force: true })
      }
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain("cannot be used (it is not a catalog `models refresh` wrote)")
    })
  )
})
