/**
 * CatalogSource over `@effect/platform`'s HttpClient: the body is read up to CATALOG_BODY_LIMIT and parsed as
 * JSON. Errors name the URL without user, password or query, and never quote the body.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { displayUrl } from "../domain/catalogSource.js"
import { CatalogRefreshError } from "../domain/errors.js"
import { CatalogSource } from "../services/CatalogSource.js"
import { CATALOG_BODY_LIMIT, parseBoundedJson, readBounded } from "./internal/boundedBody.js"
import * as NodeHttpClientLazy from "./NodeHttpClientLazy.js"
import { transportError } from "./ProviderClient.js"

/** models.dev answers directly; a mirror behind a redirect or two still works. */
const MAX_REDIRECTS = 3

export const make = (client: HttpClient.HttpClient) => {
  const following = HttpClient.followRedirects(client, MAX_REDIRECTS)
  return CatalogSource.of({
    fetch: (url) => {
      const failure = (reason: string) => new CatalogRefreshError({ url: displayUrl(url), reason })
      return following.get(url, { acceptJson: true }).pipe(
        Effect.mapError((error) => failure(transportError(url, error).message)),
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? readBounded(response, CATALOG_BODY_LIMIT).pipe(
                Effect.mapError(() => failure("the answer could not be read to the end")),
                Effect.flatMap((body) =>
                  Either.mapLeft(parseBoundedJson(body, CATALOG_BODY_LIMIT), (reason) => failure(reason))
                )
              )
            : Effect.fail(failure(`HTTP ${response.status}`))
        ),
        Effect.withSpan("CatalogSource.fetch")
      )
    }
  })
}

export const layer: Layer.Layer<CatalogSource, never, HttpClient.HttpClient> = Layer.effect(
  CatalogSource,
  Effect.map(HttpClient.HttpClient, make)
)

/** The CLI's: over the lazily loaded node:http client shared with ProviderClient. */
export const layerNodeHttp: Layer.Layer<CatalogSource> = layer.pipe(Layer.provide(NodeHttpClientLazy.layer))
