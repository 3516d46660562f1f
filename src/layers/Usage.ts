/**
 * Usage on an HttpClient: `GET` (or `POST` with a JSON body) with a 3.5 s timeout per request (spec §3.2), body
 * bounded; any failure, including a non-2xx status, is `undefined`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { Usage } from "../services/Usage.js"
import { parseBoundedJson, readBounded } from "./internal/boundedBody.js"
import * as NodeHttpClientLazy from "./NodeHttpClientLazy.js"

export const USAGE_TIMEOUT = Duration.millis(3500)

export const layer: Layer.Layer<Usage, never, HttpClient.HttpClient> = Layer.effect(
  Usage,
  Effect.map(HttpClient.HttpClient, (client) => {
    const ok = HttpClient.filterStatusOk(client)
    return Usage.of({
      fetch: (request) =>
        (request.method === "POST"
          ? HttpClientRequest.bodyUnsafeJson(HttpClientRequest.post(request.url), request.body ?? {})
          : HttpClientRequest.get(request.url)
        ).pipe(
          HttpClientRequest.setHeaders(request.headers),
          ok.execute,
          Effect.flatMap(readBounded),
          Effect.map((body) => Either.getOrUndefined(parseBoundedJson(body))),
          Effect.timeout(USAGE_TIMEOUT),
          Effect.catchAllCause(() => Effect.succeed(undefined)),
          Effect.withSpan("Usage.fetch", { attributes: { provider: request.provider } })
        )
    })
  })
)

/** The CLI's: on the lazily loaded node:http client, shared with the probes. */
export const layerNodeHttp: Layer.Layer<Usage> = layer.pipe(Layer.provide(NodeHttpClientLazy.layer))

/** Fixed answers per provider, for tests and hosts without network. */
export const layerTest = (answers: Readonly<Record<string, unknown>>): Layer.Layer<Usage> =>
  Layer.succeed(Usage, Usage.of({ fetch: (request) => Effect.succeed(answers[request.provider]) }))
