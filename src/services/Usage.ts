import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { UsageRequest } from "../domain/usage.js"

/**
 * Fetches a usage snapshot (spec §3.2 "Usage headers"). Never fails: a failed, slow or unreadable answer is
 * `undefined` (failures are silent by spec). The per-request timeout is applied by the live layer.
 */
export class Usage extends Context.Tag("clawdbot/Usage")<
  Usage,
  { readonly fetch: (request: UsageRequest) => Effect.Effect<unknown | undefined> }
>() {}
