/**
 * An HttpClient on @effect/platform-node's node:http client with a keep-alive agent, loaded on the first request.
 * Lazily, because importing NodeHttpClient (node:https, tls, streams) would add to every command's start-up,
 * sending anything or not. Its undici variant is stubbed out of the bundle (scripts/build.mjs). Tracing spans
 * are off for these requests (they would carry provider URLs and cost time per request). The agent is closed
 * with the layer.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"

export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const getClient = yield* Effect.cached(
      Effect.promise(() => import("@effect/platform-node/NodeHttpClient")).pipe(
        Effect.flatMap((NodeHttpClient) =>
          Effect.provideServiceEffect(
            NodeHttpClient.make,
            NodeHttpClient.HttpAgent,
            Scope.extend(NodeHttpClient.makeAgent({ keepAlive: true }), scope)
          )
        ),
        Effect.map(HttpClient.withTracerDisabledWhen(() => true))
      )
    )
    const client: HttpClient.HttpClient = HttpClient.makeWith(
      (request: Effect.Effect<HttpClientRequest.HttpClientRequest>) =>
        Effect.flatMap(request, (req) => Effect.flatMap(getClient, (loaded) => loaded.execute(req))),
      Effect.succeed
    )
    return client
  })
)
