import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { builtinModels } from "../../src/domain/builtinCatalog.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import type { ClawdbotConfig, ProviderConfig } from "../../src/domain/config.js"
import * as CatalogLive from "../../src/layers/Catalog.js"
import { Catalog } from "../../src/services/Catalog.js"

interface TagsServer {
  readonly url: string
  readonly hits: () => number
}

/** A real HTTP server on 127.0.0.1:<random>, counting `/api/tags` requests; closed with the scope. */
const tagsServer = (handler: (res: http.ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{ server: http.Server; api: TagsServer }>((resume) => {
      let hits = 0
      const server = http.createServer((req, res) => {
        if (req.url !== "/api/tags") {
          res.writeHead(404).end()
          return
        }
        hits++
        handler(res)
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, api: { url: `http://127.0.0.1:${port}`, hits: () => hits } }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ api }) => api))

const json = (body: unknown) => (res: http.ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body))
}

const TAGS = {
  models: [
    { name: "llama3.2:latest", model: "llama3.2:latest", size: 2019393189, details: { family: "llama" } },
    { name: "qwen3:8b", details: { parameter_size: "8.2B" } }
  ]
}

const withOllama = (ollama: ProviderConfig): ClawdbotConfig => ({ models: { providers: { ollama } } })
const ollamaModels = (models: ReadonlyArray<CatalogModel>) =>
  models.filter((model) => model.provider === "ollama")

/** A fresh live layer per test, so its discovery cache starts empty. */
const live = CatalogLive.layer.pipe(Layer.provide(FetchHttpClient.layer))
const models = (config: ClawdbotConfig) => Effect.flatMap(Catalog, (catalog) => catalog.models(config))

describe("Catalog (live layer)", () => {
  it.scopedLive("discovers the models of a configured Ollama server", () =>
    Effect.gen(function* () {
      const server = yield* tagsServer(json(TAGS))
      const result = yield* models(withOllama({ baseUrl: `${server.url}/v1/` })).pipe(Effect.provide(live))
      expect(ollamaModels(result)).toEqual([
        {
          provider: "ollama",
          id: "llama3.2:latest",
          name: "llama3.2:latest",
          api: "openai-completions",
          baseUrl: `${server.url}/v1`,
          input: ["text"],
          contextWindow: CatalogLive.OLLAMA_DEFAULT_CONTEXT_WINDOW,
          cost: {}
        },
        expect.objectContaining({ provider: "ollama", id: "qwen3:8b", baseUrl: `${server.url}/v1` })
      ])
      expect(result.length).toBe(builtinModels().length + 2)
      expect(server.hits()).toBe(1)
    })
  )

  it.scopedLive("does not duplicate configured Ollama models", () =>
    Effect.gen(function* () {
      const server = yield* tagsServer(json(TAGS))
      const config = withOllama({
        baseUrl: server.url,
        models: [{ id: "llama3.2:latest", contextWindow: 32_000 }]
      })
      const result = ollamaModels(yield* models(config).pipe(Effect.provide(live)))
      expect(result.map((model) => model.id)).toEqual(["llama3.2:latest", "qwen3:8b"])
      expect(result[0]?.contextWindow).toBe(32_000)
      expect(result[0]?.baseUrl).toBe(server.url)
    })
  )

  it.scopedLive("asks Ollama only when an ollama provider is configured", () =>
    Effect.gen(function* () {
      const server = yield* tagsServer(json(TAGS))
      const config: ClawdbotConfig = { models: { providers: { lmstudio: { baseUrl: server.url } } } }
      const result = yield* models(config).pipe(Effect.provide(live))
      expect(ollamaModels(result)).toEqual([])
      expect(result).toEqual(builtinModels())
      expect(server.hits()).toBe(0)
    })
  )

  it.scopedLive("returns the catalog after the discovery timeout when Ollama hangs", () =>
    Effect.gen(function* () {
      const server = yield* tagsServer(() => {
        // never answer
      })
      const started = Date.now()
      const result = yield* models(withOllama({ baseUrl: server.url })).pipe(Effect.provide(live))
      const elapsed = Date.now() - started
      // It waited for the timeout, and then did not wait on: the slack is for a loaded 2-core CI machine.
      const timeoutMs = Duration.toMillis(CatalogLive.OLLAMA_DISCOVERY_TIMEOUT)
      expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50)
      expect(elapsed).toBeLessThan(timeoutMs + 8_000)
      expect(server.hits()).toBe(1)
      expect(ollamaModels(result)).toEqual([])
      expect(result.length).toBe(builtinModels().length)
    })
  )

  it.scopedLive("discovers nothing on a 500 or a malformed body", () =>
    Effect.gen(function* () {
      const failing = yield* tagsServer((res) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify(TAGS))
      })
      const malformed = yield* tagsServer(json({ models: [{ id: 1 }] }))
      const notJson = yield* tagsServer((res) => res.writeHead(200).end("<html>"))
      for (const server of [failing, malformed, notJson]) {
        const result = yield* models(withOllama({ baseUrl: server.url })).pipe(Effect.provide(live))
        expect(ollamaModels(result)).toEqual([])
        expect(result.length).toBe(builtinModels().length)
        expect(server.hits()).toBe(1)
      }
    })
  )

  it.scopedLive("discovers nothing when Ollama is not running or the base URL is bad", () =>
    Effect.gen(function* () {
      // a port that was free a moment ago: connection refused
      const closed = yield* Effect.async<string>((resume) => {
        const probe = http.createServer()
        probe.listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as AddressInfo
          probe.close(() => resume(Effect.succeed(`http://127.0.0.1:${port}`)))
        })
      })
      for (const baseUrl of [closed, "not a url"]) {
        const result = yield* models(withOllama({ baseUrl })).pipe(Effect.provide(live))
        expect(ollamaModels(result)).toEqual([])
        expect(result.length).toBe(builtinModels().length)
      }
    })
  )

  it.scopedLive("asks Ollama once per process, however often models() is called", () =>
    Effect.gen(function* () {
      const server = yield* tagsServer(json(TAGS))
      const config = withOllama({ baseUrl: server.url })
      const [first, second] = yield* Effect.flatMap(Catalog, (catalog) =>
        Effect.all([catalog.models(config), catalog.models(config)])
      ).pipe(Effect.provide(live))
      const [third] = yield* Effect.flatMap(Catalog, (catalog) =>
        Effect.all([catalog.models(config), catalog.models(config)], { concurrency: "unbounded" })
      ).pipe(Effect.provide(live))
      expect(ollamaModels(first!)).toHaveLength(2)
      expect(second).toEqual(first)
      expect(third).toEqual(first)
      expect(server.hits()).toBe(2) // once for each of the two layer instances
    })
  )

  it.effect("gives endpoints with config overrides", () =>
    Effect.gen(function* () {
      const catalog = yield* Catalog
      expect(yield* catalog.endpoint({}, "openrouter")).toEqual({
        provider: "openrouter",
        api: "openai-completions",
        baseUrl: "https://openrouter.ai/api/v1",
        headers: {}
      })
      const config: ClawdbotConfig = {
        models: { providers: { openrouter: { baseUrl: "https://proxy.example/v1" } } }
      }
      expect((yield* catalog.endpoint(config, "openrouter"))?.baseUrl).toBe("https://proxy.example/v1")
      expect(yield* catalog.endpoint({}, "nowhere")).toBeUndefined()
    }).pipe(Effect.provide(live))
  )
})

describe("Catalog.layerTest", () => {
  const fixture: ReadonlyArray<CatalogModel> = [
    {
      provider: "zeta",
      id: "z1",
      name: "Z1",
      api: "anthropic-messages",
      baseUrl: "https://zeta.example",
      reasoning: false,
      input: ["text"],
      contextWindow: 1000,
      maxTokens: 100,
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
    },
    {
      provider: "alpha",
      id: "a1",
      name: "A1",
      api: "openai-completions",
      baseUrl: "https://alpha.example/v1",
      reasoning: false,
      input: ["text"],
      contextWindow: 1000,
      maxTokens: 100,
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
    }
  ]

  it.effect("serves the given models, sorted, with config applied and endpoints from them", () =>
    Effect.gen(function* () {
      const catalog = yield* Catalog
      expect((yield* catalog.models({})).map((model) => model.provider)).toEqual(["alpha", "zeta"])
      const proxied = yield* catalog.models({
        models: { providers: { zeta: { baseUrl: "https://proxy.example" } } }
      })
      expect(proxied[1]?.baseUrl).toBe("https://proxy.example")
      expect((yield* catalog.endpoint({}, "zeta"))?.api).toBe("anthropic-messages")
      expect((yield* catalog.endpoint({}, "anthropic"))?.baseUrl).toBe("https://api.anthropic.com")
    }).pipe(Effect.provide(CatalogLive.layerTest(fixture)))
  )
})
