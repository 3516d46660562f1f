/**
 * Merging the built-in catalog with `models.providers` from the config and discovered local models (spec §1.5:
 * "a provider with `models` [is] a replacement of the built-in one, without models a `baseUrl`/`headers`
 * override"). Pure.
 */
import { type BuiltinProvider, builtinProviders } from "./builtinCatalog.js"
import { byProviderThenId, type CatalogModel, type ProviderEndpoint } from "./catalog.js"
import type { ClawdbotConfig, CustomModel, ProviderConfig } from "./config.js"
import { DEFAULT_CONTEXT_TOKENS, normalizeProviderId } from "./modelRef.js"

export const DEFAULT_API = "openai-completions"

type Providers = Readonly<Record<string, ProviderConfig>>
type Headers = Readonly<Record<string, string>>

/** `models.providers` keyed by normalised provider id (`Z.AI` -> `zai`); a later key wins on a clash. */
export const configuredProviders = (
  providers: Providers | undefined
): ReadonlyMap<string, ProviderConfig> => {
  const map = new Map<string, ProviderConfig>()
  for (const [key, value] of Object.entries(providers ?? {})) map.set(normalizeProviderId(key), value)
  return map
}

const mergeHeaders = (base: Headers | undefined, over: Headers | undefined): Headers | undefined => {
  const merged = { ...base, ...over }
  return Object.keys(merged).length > 0 ? merged : undefined
}

const withHeaders = (model: Omit<CatalogModel, "headers">, headers: Headers | undefined): CatalogModel =>
  headers === undefined ? model : { ...model, headers }

/**
 * A custom model of a replacing provider, with defaults: name = id; api = model's, else provider's, else the
 * built-in provider's, else `openai-completions`; baseUrl = provider's, else the built-in provider's; text input,
 * 200000-token context. Max tokens, prices and reasoning only as the config states them (unknown is not 0 or
 * false), tool support unknown (the config has no key for it). Headers: provider's, then the model's.
 */
export const customModel = (
  provider: string,
  config: ProviderConfig,
  model: CustomModel,
  builtin: BuiltinProvider | undefined
): CatalogModel =>
  withHeaders(
    {
      provider,
      id: model.id,
      name: model.name ?? model.id,
      api: model.api ?? config.api ?? builtin?.api ?? DEFAULT_API,
      baseUrl: config.baseUrl ?? builtin?.baseUrl ?? "",
      ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
      input: model.input ?? ["text"],
      contextWindow: model.contextWindow ?? DEFAULT_CONTEXT_TOKENS,
      ...(model.maxTokens === undefined ? {} : { maxTokens: model.maxTokens }),
      cost: { ...model.cost }
    },
    mergeHeaders(config.headers, model.headers)
  )

/**
 * All models: built-in ones, with each configured provider applied — WITH a non-empty `models` list it replaces
 * the built-in provider's models; without (or with an empty list) its `baseUrl`/`headers` override those of the
 * built-in provider's models (headers merged, config on top) — then the discovered models not already present
 * (same provider and id). Sorted by provider, then id.
 */
export const mergeCatalog = (
  builtin: ReadonlyArray<CatalogModel>,
  providers: Providers | undefined,
  discovered: ReadonlyArray<CatalogModel> = [],
  endpoints: ReadonlyMap<string, BuiltinProvider> = builtinProviders()
): ReadonlyArray<CatalogModel> => {
  const configured = configuredProviders(providers)
  const result: Array<CatalogModel> = []
  for (const model of builtin) {
    const config = configured.get(model.provider)
    if (config === undefined) {
      result.push(model)
    } else if ((config.models ?? []).length === 0) {
      const { headers: _, ...rest } = model
      result.push(
        withHeaders(
          { ...rest, baseUrl: config.baseUrl ?? model.baseUrl },
          mergeHeaders(model.headers, config.headers)
        )
      )
    }
  }
  for (const [provider, config] of configured) {
    for (const model of config.models ?? []) {
      result.push(customModel(provider, config, model, endpoints.get(provider)))
    }
  }
  const keys = new Set(result.map((model) => `${model.provider}/${model.id}`))
  for (const model of discovered) {
    const key = `${model.provider}/${model.id}`
    if (keys.has(key)) continue
    keys.add(key)
    result.push(model)
  }
  return result.sort(byProviderThenId)
}

/**
 * Where requests for `provider` go, config overrides applied: api = config's, else its first custom model's, else
 * the built-in one's, else `openai-completions` (an unknown provider with a config `baseUrl`); baseUrl = config's,
 * else built-in; headers = built-in merged with config's. Undefined when there is no base URL to use.
 */
export const endpointFor = (
  config: ClawdbotConfig,
  provider: string,
  endpoints: ReadonlyMap<string, BuiltinProvider> = builtinProviders()
): ProviderEndpoint | undefined => {
  const id = normalizeProviderId(provider)
  const override = configuredProviders(config.models?.providers).get(id)
  const builtin = endpoints.get(id)
  const baseUrl = override?.baseUrl ?? builtin?.baseUrl
  if (baseUrl === undefined) return undefined
  return {
    provider: id,
    api: override?.api ?? override?.models?.[0]?.api ?? builtin?.api ?? DEFAULT_API,
    baseUrl,
    headers: mergeHeaders(builtin?.headers, override?.headers) ?? {}
  }
}

/** Catalog facts of a refreshed model (src/domain/catalogRefresh.ts): everything but where requests go. */
export type RefreshedModel = Omit<CatalogModel, "api" | "baseUrl" | "headers" | "source">

/**
 * The bundled catalog with a refreshed one over it: a refreshed model the bundled catalog has replaces its facts
 * (name, limits, inputs, prices) and keeps its api, base URL and headers; a new one goes to its provider's
 * endpoint (none known: dropped). Bundled models the refreshed catalog lacks are kept. Sorted by provider, then
 * id. Config providers and discovered models are applied on top by `mergeCatalog`.
 */
export const withRefreshed = (
  bundled: ReadonlyArray<CatalogModel>,
  refreshed: ReadonlyArray<RefreshedModel>,
  endpoints: ReadonlyMap<string, BuiltinProvider> = builtinProviders()
): ReadonlyArray<CatalogModel> => {
  const byKey = new Map(bundled.map((model) => [`${model.provider}/${model.id}`, model]))
  for (const facts of refreshed) {
    const key = `${facts.provider}/${facts.id}`
    const where = byKey.get(key) ?? endpoints.get(facts.provider)
    if (where === undefined) continue
    byKey.set(
      key,
      withHeaders({ ...facts, api: where.api, baseUrl: where.baseUrl, source: "refreshed" }, where.headers)
    )
  }
  return [...byKey.values()].sort(byProviderThenId)
}
