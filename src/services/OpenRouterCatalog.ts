import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { CatalogFetchError } from "../domain/errors.js"
import type { OpenRouterModel } from "../domain/scan/catalog.js"

/**
 * OpenRouter's public model catalog, `GET <baseUrl>/models` (spec §3.9.2). Sends `Accept: application/json` and
 * nothing else (no key). No timeout here: callers apply `Effect.timeout`, whose interruption aborts the request.
 */
export class OpenRouterCatalog extends Context.Tag("clawdbot/OpenRouterCatalog")<
  OpenRouterCatalog,
  {
    /** Every entry with a string id, in catalog order. */
    readonly fetch: (baseUrl: string) => Effect.Effect<ReadonlyArray<OpenRouterModel>, CatalogFetchError>
  }
>() {}
