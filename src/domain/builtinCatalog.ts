/**
 * The built-in model catalog: `src/data/catalog.json`, generated from `@mariozechner/pi-ai` (the reference's
 * version and a current one) and, for the implicit providers, the reference's own model lists and models.dev, by
 * `scripts/refresh-catalog.mjs` (`npm run catalog:refresh`). The file drops defaults to stay small; this module
 * restores them. Pure. Nothing here reads the data at import time: in the CLI bundle the JSON is a separate file
 * read on first access (scripts/build.mjs), so commands that never need the catalog never load it.
 */
import data from "../data/catalog.json" with { type: "json" }
import type { CatalogModel } from "./catalog.js"
import type { CustomModel, ProviderConfig } from "./config.js"

interface Endpoint {
  readonly api: string
  readonly baseUrl: string
  readonly headers?: Readonly<Record<string, string>>
}

interface CompactModel {
  readonly id: string
  readonly name?: string
  readonly api?: string
  readonly baseUrl?: string
  readonly reasoning?: boolean
  readonly input?: ReadonlyArray<string>
  readonly contextWindow: number
  readonly maxTokens: number
  readonly cost?: {
    readonly input?: number
    readonly output?: number
    readonly cacheRead?: number
    readonly cacheWrite?: number
  }
  readonly headers?: Readonly<Record<string, string>>
}

/** Shape of `src/data/catalog.json` (see scripts/refresh-catalog.mjs). Assigning the import checks it. */
interface CatalogFile {
  readonly source: string
  readonly generatedAt: string
  readonly providers: Readonly<Record<string, Endpoint>>
  readonly models: ReadonlyArray<CompactModel & { readonly provider: string }>
  /** Implicit providers (spec §1.5), each with its own endpoint and models; see `implicitProviderConfigs`. */
  readonly implicit: Readonly<Record<string, Endpoint & { readonly models: ReadonlyArray<CompactModel> }>>
}

const file: CatalogFile = data

/** Packages and versions the catalog was generated from, e.g. `@mariozechner/pi-ai@0.73.1 + …`. */
export const CATALOG_SOURCE: string = file.source
export const CATALOG_GENERATED_AT: string = file.generatedAt

/**
 * Built-in provider endpoints from the spec (§7 "Other built-in bases", the §7 table, §1.5 implicit providers),
 * for providers the generated data may lack (pi-ai names Moonshot `moonshotai` and Kimi `kimi-coding`; `moonshot`,
 * `kimi-code` and `qwen-portal` get models only as implicit providers).
 *
 * Where a provider is in both, the data wins: for every provider below that pi-ai 0.73.1 carries, its endpoint is
 * identical to the spec's (test/domain/builtinCatalog.test.ts checks this, so a refresh that drifts fails) —
 * except `mistral`, where the spec wins (`SPEC_WINS`): pi-ai 0.73 moved Mistral to its own SDK protocol
 * `mistral-conversations` at `https://api.mistral.ai`; the reference (pi-ai 0.49.3) and §7 use the
 * OpenAI-compatible `openai-completions` at `https://api.mistral.ai/v1` (a trivially different base), which is
 * the protocol our probes speak. The spec endpoint is then applied to the provider's models too.
 *
 * `ollama` is not in the spec: it is the local default used when `models.providers.ollama` has no `baseUrl`.
 */
export const SPEC_ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  anthropic: { api: "anthropic-messages", baseUrl: "https://api.anthropic.com" },
  openai: { api: "openai-responses", baseUrl: "https://api.openai.com/v1" },
  "openai-codex": { api: "openai-codex-responses", baseUrl: "https://chatgpt.com/backend-api" },
  google: { api: "google-generative-ai", baseUrl: "https://generativelanguage.googleapis.com/v1beta" },
  "google-gemini-cli": { api: "google-gemini-cli", baseUrl: "https://cloudcode-pa.googleapis.com" },
  "google-antigravity": {
    api: "google-gemini-cli",
    baseUrl: "https://daily-cloudcode-pa.sandbox.googleapis.com"
  },
  openrouter: { api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1" },
  groq: { api: "openai-completions", baseUrl: "https://api.groq.com/openai/v1" },
  cerebras: { api: "openai-completions", baseUrl: "https://api.cerebras.ai/v1" },
  xai: { api: "openai-completions", baseUrl: "https://api.x.ai/v1" },
  mistral: { api: "openai-completions", baseUrl: "https://api.mistral.ai/v1" },
  zai: { api: "openai-completions", baseUrl: "https://api.z.ai/api/coding/paas/v4" },
  minimax: { api: "anthropic-messages", baseUrl: "https://api.minimax.io/anthropic" },
  moonshot: { api: "openai-completions", baseUrl: "https://api.moonshot.ai/v1" },
  "kimi-code": { api: "openai-completions", baseUrl: "https://api.kimi.com/coding/v1" },
  "qwen-portal": { api: "openai-completions", baseUrl: "https://portal.qwen.ai/v1" },
  ollama: { api: "openai-completions", baseUrl: "http://127.0.0.1:11434/v1" }
}

/** Providers whose spec endpoint replaces the data's (see `SPEC_ENDPOINTS`). */
export const SPEC_WINS: ReadonlySet<string> = new Set(["mistral"])

const dataEndpoint = (provider: string): Endpoint | undefined =>
  SPEC_WINS.has(provider) ? SPEC_ENDPOINTS[provider] : file.providers[provider]

const TEXT_ONLY: ReadonlyArray<string> = ["text"]

/**
 * pi-ai writes 0 for a price models.dev does not give, so an all-zero price (no `cost` here) is unknown, not
 * free; within a given price, a dropped field is a real 0 (e.g. no cache pricing). A negative price is
 * OpenRouter's "varies by route" (`openrouter/auto`: -1 USD per token): unknown too.
 */
const statedCost = (cost: CompactModel["cost"]): CatalogModel["cost"] =>
  cost === undefined || Object.values(cost).some((usd) => usd < 0)
    ? {}
    : {
        input: cost.input ?? 0,
        output: cost.output ?? 0,
        cacheRead: cost.cacheRead ?? 0,
        cacheWrite: cost.cacheWrite ?? 0
      }

/** The fields every entry shares, defaults restored (api, base URL and headers depend on the endpoint). */
const restored = (entry: CompactModel) => ({
  id: entry.id,
  name: entry.name ?? entry.id,
  reasoning: entry.reasoning ?? false,
  // pi-ai carries only models that support tool calling (its README), so every built-in model does; the
  // reference's implicit providers are agent models too.
  tools: true,
  input: entry.input ?? TEXT_ONLY,
  contextWindow: entry.contextWindow,
  maxTokens: entry.maxTokens,
  cost: statedCost(entry.cost)
})

const nonEmpty = (headers: Readonly<Record<string, string>> | undefined) =>
  headers !== undefined && Object.keys(headers).length > 0 ? headers : undefined

const toModel = (entry: CatalogFile["models"][number]): CatalogModel => {
  const endpoint = file.providers[entry.provider]!
  const specWins = SPEC_WINS.has(entry.provider)
  const api = entry.api === undefined || specWins ? dataEndpoint(entry.provider)!.api : entry.api
  const baseUrl =
    entry.baseUrl === undefined || specWins ? dataEndpoint(entry.provider)!.baseUrl : entry.baseUrl
  const headers = nonEmpty(entry.headers ?? endpoint.headers)
  const { id, name, ...rest } = restored(entry)
  const model: CatalogModel = { provider: entry.provider, id, name, api, baseUrl, ...rest }
  return headers === undefined ? model : { ...model, headers }
}

let modelsCache: ReadonlyArray<CatalogModel> | undefined

/** All built-in models, sorted by provider then id (the generator sorts them); built on first use. */
export const builtinModels = (): ReadonlyArray<CatalogModel> => {
  if (modelsCache === undefined) modelsCache = file.models.map(toModel)
  return modelsCache
}

export interface BuiltinProvider {
  readonly api: string
  readonly baseUrl: string
  readonly headers?: Readonly<Record<string, string>>
}

let providersCache: ReadonlyMap<string, BuiltinProvider> | undefined

/**
 * Per provider, where its requests go: the data's provider endpoint (that of its first model), else the spec's
 * (`SPEC_ENDPOINTS`). Data providers come first, in catalog order.
 */
export const builtinProviders = (): ReadonlyMap<string, BuiltinProvider> => {
  if (providersCache === undefined) {
    const map = new Map<string, BuiltinProvider>()
    for (const provider of Object.keys(file.providers)) map.set(provider, dataEndpoint(provider)!)
    for (const [provider, endpoint] of Object.entries(SPEC_ENDPOINTS)) {
      if (!map.has(provider)) map.set(provider, endpoint)
    }
    providersCache = map
  }
  return providersCache
}

let implicitCache: ReadonlyMap<string, ProviderConfig> | undefined

/**
 * The implicit providers' definitions (spec §1.5) as `models.providers` entries, each with its endpoint and every
 * model's fields spelled out. Which of them apply depends on credentials (src/domain/implicitProviders.ts).
 */
export const implicitProviderConfigs = (): ReadonlyMap<string, ProviderConfig> => {
  if (implicitCache === undefined) {
    const map = new Map<string, ProviderConfig>()
    for (const [provider, { models, ...endpoint }] of Object.entries(file.implicit)) {
      const customModels = models.map((entry): CustomModel => {
        const headers = nonEmpty(entry.headers ?? endpoint.headers)
        const model = { ...restored(entry), api: entry.api ?? endpoint.api }
        return headers === undefined ? model : { ...model, headers }
      })
      map.set(provider, { api: endpoint.api, baseUrl: endpoint.baseUrl, models: customModels })
    }
    implicitCache = map
  }
  return implicitCache
}
