/**
 * `models refresh` (issue 12 item 5): which URL it reads, what of a models.dev document it keeps, the stored
 * catalog file and how old it is. Pure.
 *
 * The refreshed catalog only ever brings model facts (names, limits, modalities, prices): where requests go (api,
 * base URL, headers) stays the bundled catalog's, so a catalog source cannot redirect a credential.
 */
import * as Schema from "effect/Schema"
import type { CatalogModel } from "./catalog.js"
import { Amount, fromModelsDev, type ModelsDevCatalog, providerIdOf } from "./modelsDev.js"
import { compareText } from "./order.js"
import { excerpt, sanitizeText } from "./terminal.js"

/** Where the refreshed catalog is kept, under the state dir. */
export const STORED_CATALOG_PATH = ["catalog", "models.json"] as const

/** Past this age `list` and `status` say the catalog should be refreshed. */
export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000

/** A refreshed model: catalog facts only (its endpoint comes from the bundled catalog when it is read). */
export const StoredModel = Schema.Struct({
  provider: Schema.String,
  id: Schema.String,
  name: Schema.String,
  // Absent when models.dev does not say (list shows unknown, never 0 or false: see CatalogModel).
  reasoning: Schema.optionalWith(Schema.Boolean, { exact: true }),
  tools: Schema.optionalWith(Schema.Boolean, { exact: true }),
  input: Schema.Array(Schema.String),
  contextWindow: Amount,
  maxTokens: Schema.optionalWith(Amount, { exact: true }),
  cost: Schema.Struct({
    input: Schema.optionalWith(Amount, { exact: true }),
    output: Schema.optionalWith(Amount, { exact: true }),
    cacheRead: Schema.optionalWith(Amount, { exact: true }),
    cacheWrite: Schema.optionalWith(Amount, { exact: true })
  })
})
export type StoredModel = typeof StoredModel.Type

/** `<stateDir>/catalog/models.json`. */
export const StoredCatalog = Schema.Struct({
  version: Schema.Literal(1),
  /** ISO time of the fetch. */
  fetchedAt: Schema.String,
  /** The URL it came from, as `displayUrl` shows it. */
  source: Schema.String,
  providers: Schema.Array(Schema.String),
  models: Schema.Array(StoredModel)
})
export type StoredCatalog = typeof StoredCatalog.Type

export const decodeStoredCatalog = Schema.decodeUnknownEither(Schema.parseJson(StoredCatalog))

export const storedCatalogText = (catalog: StoredCatalog): string => `${JSON.stringify(catalog)}\n`

/** An id we would write into a config: non-empty, one short line, nothing a terminal would act on. */
const usableId = (id: string): boolean =>
  id.length > 0 && id.length <= 200 && !/[\s]/.test(id) && sanitizeText(id) === id

export interface ImportedCatalog {
  readonly models: ReadonlyArray<StoredModel>
  /** Our provider ids that got models, sorted. */
  readonly providers: ReadonlyArray<string>
  /** models.dev providers with no provider of ours (we would not know where to send their requests). */
  readonly skippedProviders: ReadonlyArray<string>
}

const NO_ENDPOINT = { api: "", baseUrl: "" }

/**
 * The models of a models.dev document that this tool can use: those of providers the bundled catalog has
 * (`known`, our ids; see `MODELS_DEV_PROVIDER_IDS`) that support tool calling (an agent needs it; pi-ai keeps
 * only those too) and are not deprecated. An id with whitespace or control characters is dropped; names are
 * made safe to print. The first entry of a provider/id wins.
 */
export const importModelsDev = (document: ModelsDevCatalog, known: ReadonlySet<string>): ImportedCatalog => {
  const models = new Map<string, StoredModel>()
  const skippedProviders: Array<string> = []
  for (const [sourceId, provider] of Object.entries(document)) {
    const providerId = providerIdOf(sourceId)
    if (!known.has(providerId)) {
      skippedProviders.push(sourceId)
      continue
    }
    for (const [id, model] of Object.entries(provider.models)) {
      if (model.tool_call !== true || model.status === "deprecated" || !usableId(id)) continue
      const key = `${providerId}/${id}`
      if (models.has(key)) continue
      const {
        api: _api,
        baseUrl: _baseUrl,
        headers: _headers,
        ...facts
      } = fromModelsDev(providerId, NO_ENDPOINT, {
        ...model,
        id
      })
      models.set(key, { ...facts, name: excerpt(facts.name, 200) })
    }
  }
  const sorted = [...models.values()].sort((a, b) =>
    a.provider === b.provider ? compareText(a.id, b.id) : compareText(a.provider, b.provider)
  )
  return {
    models: sorted,
    providers: [...new Set(sorted.map((model) => model.provider))].sort(),
    skippedProviders
  }
}

/** How many of `refreshed` the bundled catalog does not have. */
export const addedCount = (
  refreshed: ReadonlyArray<Pick<StoredModel, "provider" | "id">>,
  bundled: ReadonlyArray<Pick<CatalogModel, "provider" | "id">>
): number => {
  const keys = new Set(bundled.map((model) => `${model.provider}/${model.id}`))
  return refreshed.filter((model) => !keys.has(`${model.provider}/${model.id}`)).length
}

/** Whole days from `fetchedAt` to `now`; undefined for a time that does not parse. */
export const ageInDays = (fetchedAt: string, now: number): number | undefined => {
  const time = Date.parse(fetchedAt)
  return Number.isNaN(time) ? undefined : Math.floor((now - time) / (24 * 60 * 60 * 1000))
}

/** One line for `list` and `status` when the refreshed catalog is older than a week. */
export const staleCatalogNotice = (
  fetchedAt: string,
  now: number,
  command: (args: string) => string
): string | undefined => {
  const time = Date.parse(fetchedAt)
  if (Number.isNaN(time) || now - time <= STALE_AFTER_MS) return undefined
  return `Catalog refreshed ${ageInDays(fetchedAt, now)} days ago; run \`${command("models refresh")}\``
}
