/**
 * The live Catalog's Ollama discovery, imported by `Catalog.layer` when it is built: it needs
 * @effect/platform/HttpClient and effect/Stream (~70 ms to import), which a host importing the library should
 * not pay for before it builds the layer (bench/README.md, "Library import").
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { builtinModels } from "../../domain/builtinCatalog.js"
import type { CatalogModel } from "../../domain/catalog.js"
import { configuredProviders, endpointFor, mergeCatalog, withRefreshed } from "../../domain/catalogMerge.js"
import type { StoredCatalog } from "../../domain/catalogRefresh.js"
import type { ClawdbotConfig } from "../../domain/config.js"
import { sanitizeText } from "../../domain/terminal.js"
import { Catalog } from "../../services/Catalog.js"
import type { RefreshedCatalog } from "../../services/RefreshedCatalog.js"
import { OLLAMA_DEFAULT_CONTEXT_WINDOW, OLLAMA_DISCOVERY_TIMEOUT, ollamaApiBase } from "../Catalog.js"
import { parseBoundedJson, readBounded } from "./boundedBody.js"

const OllamaTags = Schema.Struct({
  models: Schema.Array(Schema.Struct({ name: Schema.String, details: Schema.optional(Schema.Unknown) }))
})
const decodeOllamaTags = Schema.decodeUnknown(OllamaTags)

/** `/api/tags` answered with a body that is not JSON, or one larger than the read limit. */
class OllamaAnswerUnreadable extends Data.TaggedError("OllamaAnswerUnreadable")<{
  readonly reason: string
}> {}

const discoveredModel = (base: string, name: string): CatalogModel => ({
  provider: "ollama",
  id: name,
  name,
  api: "openai-completions",
  baseUrl: `${base}/v1`,
  input: ["text"],
  contextWindow: OLLAMA_DEFAULT_CONTEXT_WINDOW,
  // `/api/tags` says nothing of prices, output limits or capabilities.
  cost: {}
})

/** Why discovery failed, in a user's words (no response bodies: they are the server's, not ours to echo). */
const discoveryProblem = (cause: Cause.Cause<unknown>): string => {
  const failure = Cause.failureOption(cause)
  if (Option.isNone(failure)) return "unexpected error"
  const error = failure.value as {
    readonly _tag?: string
    readonly response?: { readonly status?: number }
    readonly reason?: string
  }
  switch (error._tag) {
    case "TimeoutException":
      return `no answer within ${Duration.toMillis(OLLAMA_DISCOVERY_TIMEOUT)} ms`
    case "ResponseError":
      return error.response?.status !== undefined ? `HTTP ${error.response.status}` : "unexpected response"
    case "ParseError":
      return "not an Ollama /api/tags answer"
    case "OllamaAnswerUnreadable":
      return error.reason ?? "unreadable answer"
    default:
      return "not reachable"
  }
}

/**
 * `GET <base>/api/tags`; any failure (bad URL, refused, timeout, non-2xx, bad body, defect) -> no models, and one
 * warning on stderr saying so (a configured Ollama that is down otherwise just looks like it has no models).
 */
const discoverOllama = (
  client: HttpClient.HttpClient,
  base: string
): Effect.Effect<ReadonlyArray<CatalogModel>> =>
  HttpClient.filterStatusOk(client)
    .get(`${base}/api/tags`, { acceptJson: true })
    .pipe(
      Effect.flatMap(readBounded),
      Effect.flatMap((body) =>
        Effect.flatMap(
          Either.mapLeft(parseBoundedJson(body), (reason) => new OllamaAnswerUnreadable({ reason })),
          decodeOllamaTags
        )
      ),
      Effect.map((tags) => tags.models.map((model) => discoveredModel(base, model.name))),
      Effect.timeout(OLLAMA_DISCOVERY_TIMEOUT),
      Effect.catchAllCause((cause) =>
        Effect.as(
          Console.error(
            sanitizeText(
              `Warning: could not list Ollama models from ${base}/api/tags (${discoveryProblem(cause)}); check that Ollama runs there, or set models.providers.ollama.baseUrl.`
            )
          ),
          [] as ReadonlyArray<CatalogModel>
        )
      ),
      Effect.withSpan("Catalog.discoverOllama", { attributes: { base } })
    )

/**
 * The live Catalog service, on the HttpClient in context (for Ollama discovery); with `refreshed`, the catalog
 * `models refresh` stored is merged over the bundled one (read on the first `models` call, never fetched here).
 */
export const make = (refreshed?: RefreshedCatalog["Type"]) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    // Memoised per API base for the life of the process, so `status` + `list` in one run ask Ollama once.
    const discover = yield* Effect.cachedFunction((base: string) => discoverOllama(client, base))
    const base =
      refreshed === undefined ? Effect.sync(builtinModels) : Effect.map(refreshed.read, bundledWith)

    const models = (config: ClawdbotConfig) =>
      Effect.gen(function* () {
        const ollama = configuredProviders(config.models?.providers).get("ollama")
        const discovered = ollama === undefined ? [] : yield* discover(ollamaApiBase(ollama.baseUrl))
        return mergeCatalog(yield* base, config.models?.providers, discovered)
      })

    return Catalog.of({
      models,
      endpoint: (config, provider) => Effect.sync(() => endpointFor(config, provider))
    })
  })

let overlaid: { readonly from: StoredCatalog; readonly models: ReadonlyArray<CatalogModel> } | undefined

/** The bundled catalog with `stored` over it (computed once per stored catalog). */
const bundledWith = (stored: StoredCatalog | undefined): ReadonlyArray<CatalogModel> => {
  if (stored === undefined) return builtinModels()
  if (overlaid?.from !== stored)
    overlaid = { from: stored, models: withRefreshed(builtinModels(), stored.models) }
  return overlaid.models
}
