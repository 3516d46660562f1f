/**
 * Live Catalog: the bundled catalog merged with `models.providers` from the config and, when an `ollama` provider
 * is configured, the models the local Ollama server reports.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type BuiltinProvider, builtinProviders } from "../domain/builtinCatalog.js"
import { byProviderThenId, type CatalogModel } from "../domain/catalog.js"
import { endpointFor, mergeCatalog } from "../domain/catalogMerge.js"
import { Catalog } from "../services/Catalog.js"
import { RefreshedCatalog } from "../services/RefreshedCatalog.js"

export const OLLAMA_DEFAULT_BASE_URL = "http://127.0.0.1:11434"
/** `/api/tags` must answer within this, or the run goes on without local models. */
export const OLLAMA_DISCOVERY_TIMEOUT = Duration.millis(1500)
/**
 * `/api/tags` does not report a model's context length (only `/api/show` does, one request per model). 128k is
 * what current local families (Llama 3.x, Qwen 2.5/3, Gemma 3, Mistral Small 3) support, and what the reference
 * assumes for discovered Ollama models; the real limit is Ollama's `num_ctx` setting anyway.
 */
export const OLLAMA_DEFAULT_CONTEXT_WINDOW = 128_000

/** Ollama's native API root for a configured base URL: trailing `/` and an OpenAI-style `/v1` removed. */
export const ollamaApiBase = (baseUrl: string | undefined): string => {
  const trimmed = (baseUrl ?? "").trim().replace(/\/+$/, "")
  if (trimmed === "") return OLLAMA_DEFAULT_BASE_URL
  return trimmed.replace(/\/v1$/, "")
}

/**
 * The live Catalog, on the bundled catalog. Its Ollama discovery (and the HTTP client code it needs) is imported
 * when the layer is built, not with the library.
 */
export const layer: Layer.Layer<Catalog, never, HttpClient.HttpClient> = Layer.effect(
  Catalog,
  Effect.flatMap(
    Effect.promise(() => import("./internal/catalogLive.js")),
    (live) => live.make()
  )
)

/** The live Catalog with the catalog `models refresh` stored merged over the bundled one (what the CLI uses). */
export const layerRefreshed: Layer.Layer<Catalog, never, HttpClient.HttpClient | RefreshedCatalog> =
  Layer.effect(
    Catalog,
    Effect.flatMap(
      Effect.zip(
        RefreshedCatalog,
        Effect.promise(() => import("./internal/catalogLive.js"))
      ),
      ([refreshed, live]) => live.make(refreshed)
    )
  )

/**
 * In-memory Catalog for tests: `models` stands in for the built-in catalog (config `models.providers` are still
 * applied, nothing is discovered); endpoints come from the first model of each provider, then the built-in table.
 */
export const layerTest = (models: ReadonlyArray<CatalogModel>): Layer.Layer<Catalog> => {
  const sorted = [...models].sort(byProviderThenId)
  const endpoints = new Map<string, BuiltinProvider>()
  for (const model of sorted) {
    if (!endpoints.has(model.provider)) {
      const { api, baseUrl, headers } = model
      endpoints.set(model.provider, headers === undefined ? { api, baseUrl } : { api, baseUrl, headers })
    }
  }
  for (const [provider, endpoint] of builtinProviders()) {
    if (!endpoints.has(provider)) endpoints.set(provider, endpoint)
  }
  return Layer.succeed(
    Catalog,
    Catalog.of({
      models: (config) => Effect.sync(() => mergeCatalog(sorted, config.models?.providers, [], endpoints)),
      endpoint: (config, provider) => Effect.sync(() => endpointFor(config, provider, endpoints))
    })
  )
}
