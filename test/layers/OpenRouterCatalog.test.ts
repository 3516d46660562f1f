import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as OpenRouterCatalogLive from "../../src/layers/OpenRouterCatalog.js"
import { OpenRouterCatalog } from "../../src/services/OpenRouterCatalog.js"
import { loadFixture } from "../support/fakeOpenRouter.mjs"

const Live = OpenRouterCatalogLive.layer.pipe(Layer.provide(FetchHttpClient.layer))

/** Serves a fixed body per path: `/ok/models` the fixture, `/text/models` not JSON, `/shape/models` the wrong shape. */
let server: http.Server
let base: string
beforeAll(async () => {
  const fixture = JSON.stringify(loadFixture())
  server = http.createServer((req, res) => {
    if (req.url === "/ok/models") res.writeHead(200, { "content-type": "application/json" }).end(fixture)
    else if (req.url === "/text/models") res.writeHead(200, { "content-type": "text/html" }).end("<html>")
    else if (req.url === "/shape/models") res.writeHead(200).end(JSON.stringify({ models: [] }))
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const fetchFrom = (path: string) =>
  Effect.flatMap(OpenRouterCatalog, (catalog) => catalog.fetch(`${base}${path}`)).pipe(Effect.provide(Live))

describe("OpenRouterCatalog (live, spec §3.9.2)", () => {
  it.live("decodes the real catalog, with or without a trailing slash on the base URL", () =>
    Effect.gen(function* () {
      expect(yield* fetchFrom("/ok")).toHaveLength(371)
      expect(yield* fetchFrom("/ok/")).toHaveLength(371)
    })
  )

  it.live("a non-2xx status, a non-JSON body and a body of the wrong shape are typed errors", () =>
    Effect.gen(function* () {
      const messages = yield* Effect.forEach(["/missing", "/text", "/shape"], (path) =>
        Effect.flip(fetchFrom(path)).pipe(Effect.map((error) => error.message))
      )
      expect(messages).toEqual([
        "OpenRouter /models failed: HTTP 404",
        "OpenRouter /models failed: the answer is not JSON",
        "OpenRouter /models failed: the answer is not a model catalog ({ data: [...] } expected)"
      ])
    })
  )
})
