/** Catalog entries: what we know about a model (built-in data, custom providers, discovered local models). */

import { compareText } from "./order.js"

export interface CatalogModel {
  readonly provider: string
  readonly id: string
  readonly name: string
  /** Wire protocol, e.g. `anthropic-messages`, `openai-completions` (spec §7). */
  readonly api: string
  readonly baseUrl: string
  /** Whether it can think before answering; absent when its source does not say. */
  readonly reasoning?: boolean
  /** Whether it accepts tool definitions (function calling); absent when its source does not say. */
  readonly tools?: boolean
  /** `text`, `image`, ... */
  readonly input: ReadonlyArray<string>
  readonly contextWindow: number
  /** Most output tokens per answer; absent when its source does not say. */
  readonly maxTokens?: number
  /**
   * USD per million tokens. A price the source does not give is absent, never 0: 0 means free, and a model
   * listed as free when its price is unknown would sort first by price.
   */
  readonly cost: {
    readonly input?: number
    readonly output?: number
    readonly cacheRead?: number
    readonly cacheWrite?: number
  }
  readonly headers?: Readonly<Record<string, string>>
  /**
   * `refreshed`: its facts come from the catalog `models refresh` stored, not the bundled one. Custom, implicit
   * and discovered models are told apart by their provider's configuration (src/domain/explain.ts).
   */
  readonly source?: "refreshed"
}

export interface ProviderEndpoint {
  readonly provider: string
  readonly api: string
  readonly baseUrl: string
  readonly headers: Readonly<Record<string, string>>
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"])

/** A base URL on this machine (spec §3.3), `::1` included (the reference never matched it, §8.13). */
export const isLocalBaseUrl = (baseUrl: string): boolean => {
  try {
    const host = new URL(baseUrl).hostname.toLowerCase()
    return LOCAL_HOSTS.has(host) || host.endsWith(".local")
  } catch {
    return false
  }
}

/** Sort by provider, then id (spec §3.3 `--all`). */
export const byProviderThenId = (a: CatalogModel, b: CatalogModel): number =>
  a.provider === b.provider ? compareText(a.id, b.id) : compareText(a.provider, b.provider)

/**
 * A warning when `key`, about to be an image model or image fallback, is a catalog model that takes no image
 * input: every image would fail over to the next one. A model the catalog does not know gets none (the unknown
 * model warning covers it).
 */
export const textOnlyWarning = (
  key: string,
  catalog: ReadonlyArray<Pick<CatalogModel, "provider" | "id" | "input">>
): string | undefined => {
  const slash = key.indexOf("/")
  const model = catalog.find(
    (entry) => entry.provider === key.slice(0, slash) && entry.id === key.slice(slash + 1)
  )
  return model === undefined || model.input.includes("image")
    ? undefined
    : `Warning: ${key} takes no image input (the model catalog lists ${model.input.join(", ") || "no input"}); images sent to it will fail.`
}

/**
 * A warning when `key` names no known model: a typo (`gtp-5` is `anthropic/gtp-5`) would otherwise be written
 * silently. Providers configured in `models.providers` accept any id (their catalogs are not ours to know).
 */
export const unknownModelWarning = (
  key: string,
  raw: string,
  catalog: ReadonlyArray<Pick<CatalogModel, "provider" | "id">>,
  configuredProviders: ReadonlyArray<string>,
  command: (args: string) => string = (args) => `clawdbot ${args}`
): string | undefined => {
  const slash = key.indexOf("/")
  const provider = key.slice(0, slash)
  const id = key.slice(slash + 1)
  if (configuredProviders.includes(provider)) return undefined
  if (catalog.some((model) => model.provider === provider && model.id === id)) return undefined
  const known = catalog.some((model) => model.provider === provider)
  const bare = raw.trim().includes("/") ? "" : ` (a name without "provider/" means ${provider}/)`
  return known
    ? `Warning: ${key} is not in the model catalog${bare}; check the spelling with \`${command(`models list --all --provider ${provider}`)}\`.`
    : `Warning: provider ${provider} is not known${bare}; configure it under models.providers.${provider}, or check the spelling.`
}
