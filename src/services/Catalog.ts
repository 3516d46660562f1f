import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { CatalogModel, ProviderEndpoint } from "../domain/catalog.js"
import type { ClawdbotConfig } from "../domain/config.js"

/**
 * Every model we know of: the bundled catalog, `models.providers` from the config (a provider with models
 * replaces the built-in one; without models it overrides `baseUrl`/headers), and Ollama's local models.
 */
export class Catalog extends Context.Tag("clawdbot/Catalog")<
  Catalog,
  {
    /** All models, sorted by provider then id. Never fails: a failed discovery contributes nothing. */
    readonly models: (config: ClawdbotConfig) => Effect.Effect<ReadonlyArray<CatalogModel>>
    /** Where to send requests for a provider (config overrides applied), if the provider is known. */
    readonly endpoint: (
      config: ClawdbotConfig,
      provider: string
    ) => Effect.Effect<ProviderEndpoint | undefined>
  }
>() {}
