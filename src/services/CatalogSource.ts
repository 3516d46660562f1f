import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { CatalogRefreshError } from "../domain/errors.js"

/**
 * Where `models refresh` fetches a catalog document: `GET <url>`, its JSON (at most 32 MiB). Sends
 * `Accept: application/json` and nothing else (no credential). No timeout here: callers apply `Effect.timeout`,
 * whose interruption aborts the request.
 */
export class CatalogSource extends Context.Tag("clawdbot/CatalogSource")<
  CatalogSource,
  {
    readonly fetch: (url: string) => Effect.Effect<unknown, CatalogRefreshError>
  }
>() {}
