/**
 * OpenRouterCatalog over `@effect/platform`'s HttpClient; the body (at most CATALOG_BODY_LIMIT) is decoded with
 * the catalog Schema.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { CatalogFetchError } from "../domain/errors.js"
import { OpenRouterCatalogBody, type OpenRouterModel, parseCatalog } from "../domain/scan/catalog.js"
import { joinUrl } from "../domain/wire/types.js"
import { OpenRouterCatalog } from "../services/OpenRouterCatalog.js"
import { CATALOG_BODY_LIMIT, parseBoundedJson, readBounded } from "./internal/boundedBody.js"
import * as NodeHttpClientLazy from "./NodeHttpClientLazy.js"
import { transportError } from "./ProviderClient.js"

const SOURCE = "OpenRouter /models"
const decodeCatalog = Schema.decodeUnknown(OpenRouterCatalogBody)
const NOT_A_CATALOG = "the answer is not a model catalog ({ data: [...] } expected)"

export const make = (client: HttpClient.HttpClient) =>
  OpenRouterCatalog.of({
    fetch: (baseUrl) => {
      const url = joinUrl(baseUrl, "/models")
      return client.get(url, { acceptJson: true }).pipe(
        Effect.mapError(
          (error) => new CatalogFetchError({ source: SOURCE, reason: transportError(url, error).message })
        ),
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? readBounded(response, CATALOG_BODY_LIMIT).pipe(
                Effect.mapError(
                  () => new CatalogFetchError({ source: SOURCE, reason: "the answer could not be read" })
                ),
                Effect.flatMap((body) =>
                  Effect.flatMap(
                    Either.mapLeft(
                      parseBoundedJson(body, CATALOG_BODY_LIMIT),
                      (reason) => new CatalogFetchError({ source: SOURCE, reason })
                    ),
                    (value) =>
                      Effect.mapError(
                        decodeCatalog(value),
                        () => new CatalogFetchError({ source: SOURCE, reason: NOT_A_CATALOG })
                      )
                  )
                )
              )
            : Effect.fail(new CatalogFetchError({ source: SOURCE, reason: `HTTP ${response.status}` }))
        ),
        Effect.map(parseCatalog),
        Effect.withSpan("OpenRouterCatalog.fetch", { attributes: { url } })
      )
    }
  })

export const layer: Layer.Layer<OpenRouterCatalog, never, HttpClient.HttpClient> = Layer.effect(
  OpenRouterCatalog,
  Effect.map(HttpClient.HttpClient, make)
)

/** The CLI's: over the lazily loaded node:http client shared with ProviderClient (one keep-alive pool). */
export const layerNodeHttp: Layer.Layer<OpenRouterCatalog> = layer.pipe(
  Layer.provide(NodeHttpClientLazy.layer)
)

/** A fixed catalog, for tests that need no HTTP. */
export const layerTest = (models: ReadonlyArray<OpenRouterModel>): Layer.Layer<OpenRouterCatalog> =>
  Layer.succeed(OpenRouterCatalog, OpenRouterCatalog.of({ fetch: () => Effect.succeed(models) }))
