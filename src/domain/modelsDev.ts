/**
 * The models.dev catalog (`https://models.dev/api.json`, the source pi-ai's own model list is generated from):
 * its shape as a Schema, its provider ids mapped to ours, and one mapping of its model entries, shared by the
 * bundled-catalog generator (scripts/refresh-catalog.mjs, for venice) and `models refresh`. Pure.
 */
import * as Schema from "effect/Schema"
import type { CatalogModel } from "./catalog.js"

/** A price or a token count: JSON can spell 1e999 (Infinity), which is no answer. */
export const Amount = Schema.Number.pipe(Schema.finite(), Schema.nonNegative())
const optionalAmount = Schema.optional(Amount)

/**
 * One model of api.json. Only what we use is checked; other keys (`family`, `knowledge`, `release_date`,
 * `open_weights`, `cost.context_over_200k`, ...) are left alone, so models.dev can add keys without breaking this.
 */
export const ModelsDevModel = Schema.Struct({
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  reasoning: Schema.optional(Schema.Boolean),
  tool_call: Schema.optional(Schema.Boolean),
  status: Schema.optional(Schema.String),
  modalities: Schema.optional(
    Schema.Struct({
      input: Schema.optional(Schema.Array(Schema.String)),
      output: Schema.optional(Schema.Array(Schema.String))
    })
  ),
  cost: Schema.optional(
    Schema.Struct({
      input: optionalAmount,
      output: optionalAmount,
      cache_read: optionalAmount,
      cache_write: optionalAmount
    })
  ),
  limit: Schema.Struct({ context: Amount, output: Amount })
})
export type ModelsDevModel = typeof ModelsDevModel.Type

export const ModelsDevProvider = Schema.Struct({
  id: Schema.optional(Schema.String),
  name: Schema.optional(Schema.String),
  models: Schema.Record({ key: Schema.String, value: ModelsDevModel })
})

/** The whole document: provider id -> provider. */
export const ModelsDevCatalog = Schema.Record({ key: Schema.String, value: ModelsDevProvider })
export type ModelsDevCatalog = typeof ModelsDevCatalog.Type

/**
 * models.dev provider ids that name a provider of ours differently (pi-ai's names, which the bundled catalog and
 * the reference use). Every other id is the same on both sides (`anthropic`, `openai`, `zai`, `moonshotai`,
 * `minimax-cn`, `github-copilot`, ...); an id with no provider of ours is skipped by `models refresh`.
 */
export const MODELS_DEV_PROVIDER_IDS: Readonly<Record<string, string>> = {
  "kimi-for-coding": "kimi-coding",
  "fireworks-ai": "fireworks",
  vercel: "vercel-ai-gateway"
}

/** Our provider id for a models.dev provider id. */
export const providerIdOf = (modelsDevId: string): string =>
  MODELS_DEV_PROVIDER_IDS[modelsDevId] ?? modelsDevId

interface Endpoint {
  readonly api: string
  readonly baseUrl: string
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * One models.dev model as a catalog model of `provider`, sent to `endpoint`: name defaults to the id; only text
 * and image inputs are kept (what our probes and the reference know); a price models.dev does not give is 0.
 */
export const fromModelsDev = (
  provider: string,
  endpoint: Endpoint,
  model: Omit<ModelsDevModel, "id"> & { readonly id: string }
): CatalogModel => {
  const entry: CatalogModel = {
    provider,
    id: model.id,
    name: model.name ?? model.id,
    api: endpoint.api,
    baseUrl: endpoint.baseUrl,
    ...(typeof model.reasoning === "boolean" ? { reasoning: model.reasoning } : {}),
    ...(typeof model.tool_call === "boolean" ? { tools: model.tool_call } : {}),
    input: (model.modalities?.input ?? ["text"]).filter((kind) => kind === "text" || kind === "image"),
    contextWindow: model.limit.context,
    ...(model.limit.output > 0 ? { maxTokens: model.limit.output } : {}),
    // A price models.dev does not give is unknown, not free (CatalogModel.cost).
    cost: {
      ...(model.cost?.input !== undefined ? { input: model.cost.input } : {}),
      ...(model.cost?.output !== undefined ? { output: model.cost.output } : {}),
      ...(model.cost?.cache_read !== undefined ? { cacheRead: model.cost.cache_read } : {}),
      ...(model.cost?.cache_write !== undefined ? { cacheWrite: model.cost.cache_write } : {})
    }
  }
  return endpoint.headers === undefined ? entry : { ...entry, headers: endpoint.headers }
}
