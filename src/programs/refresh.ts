/**
 * The refresh program (issue 12 item 5): fetch a models.dev-shaped catalog, keep what this tool can use, store
 * it with its fetch time. Everything is checked before anything is written: on any failure the stored catalog
 * stays as it was.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { builtinModels } from "../domain/builtinCatalog.js"
import { addedCount, importModelsDev, type StoredCatalog } from "../domain/catalogRefresh.js"
import { catalogUrl, displayUrl } from "../domain/catalogSource.js"
import { CatalogRefreshError, UsageError } from "../domain/errors.js"
import { ModelsDevCatalog } from "../domain/modelsDev.js"
import { excerpt } from "../domain/terminal.js"
import { CatalogSource } from "../services/CatalogSource.js"
import { Environment } from "../services/Environment.js"
import { RefreshedCatalog } from "../services/RefreshedCatalog.js"
import { Settings } from "../services/Settings.js"

export const REFRESH_DEFAULTS = { timeout: Duration.seconds(30) } as const

export interface RefreshOptions {
  /**
   * The catalog URL (wins over CLAWDBOT_CATALOG_URL, which wins over `catalogUrl` in the settings file; default
   * https://models.dev/api.json).
   */
  readonly url?: string
  /** The whole fetch, connect to last byte (default 30 s). */
  readonly timeout?: Duration.DurationInput
}

export interface CatalogRefresh {
  /** The URL, without user, password or query. */
  readonly source: string
  readonly fetchedAt: string
  /** Providers of ours that got models. */
  readonly providers: number
  readonly models: number
  /** Models the bundled catalog does not have. */
  readonly added: number
  /** Providers of the source this tool has no endpoint for (left out). */
  readonly skippedProviders: number
  readonly path: string
}

const decodeDocument = Schema.decodeUnknownEither(ModelsDevCatalog)

/** The first thing wrong with a document, as `at <path>: <what>` (short, and safe to print). */
const shapeProblem = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  if (issue === undefined) return "it is not a models.dev catalog"
  const where = issue.path.map((key) => excerpt(String(key), 60)).join(" › ")
  return `it is not a models.dev catalog (${where === "" ? "" : `at ${where}: `}${excerpt(issue.message, 120)})`
}

/** Fetches, checks and stores the catalog; returns what was stored. */
export const refreshCatalog = Effect.fn("refreshCatalog")(function* (options: RefreshOptions = {}) {
  const environment = yield* Environment
  const setting = yield* (yield* Settings).catalogUrl ?? Effect.succeed(undefined)
  const url = yield* Either.match(catalogUrl(options.url, environment.get, setting), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: (url) => Effect.succeed(url)
  })
  const source = displayUrl(url)
  const timeout = Duration.decode(options.timeout ?? REFRESH_DEFAULTS.timeout)
  const failure = (reason: string) => new CatalogRefreshError({ url: source, reason })

  const body = yield* (yield* CatalogSource).fetch(url).pipe(
    Effect.timeoutFail({
      duration: timeout,
      onTimeout: () => failure(`no complete answer within ${Duration.format(timeout)}`)
    })
  )
  const document = yield* Either.mapLeft(decodeDocument(body), (error) => failure(shapeProblem(error)))
  const sourceProviders = Object.keys(document).length
  if (sourceProviders === 0) return yield* failure("it lists no providers")
  const bundled = builtinModels()
  const imported = importModelsDev(document, new Set(bundled.map((model) => model.provider)))
  if (imported.models.length === 0)
    return yield* failure(
      `none of its ${sourceProviders} providers has a tool-capable model of a provider this tool knows (anthropic, openai, google, ...)`
    )

  const stored: StoredCatalog = {
    version: 1,
    fetchedAt: new Date(environment.now()).toISOString(),
    source,
    providers: imported.providers,
    models: imported.models
  }
  const store = yield* RefreshedCatalog
  yield* store.write(stored)
  return {
    source,
    fetchedAt: stored.fetchedAt,
    providers: imported.providers.length,
    models: imported.models.length,
    added: addedCount(imported.models, bundled),
    skippedProviders: imported.skippedProviders.length,
    path: store.path
  } satisfies CatalogRefresh
})
