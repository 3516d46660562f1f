import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { StoredCatalog } from "../domain/catalogRefresh.js"
import type { StateFileError } from "../domain/errors.js"

/** The catalog `models refresh` stored (issue 12 item 5), read by the commands that use the catalog. */
export class RefreshedCatalog extends Context.Tag("clawdbot/RefreshedCatalog")<
  RefreshedCatalog,
  {
    /** Where it is kept (`<stateDir>/catalog/models.json` for the file store). */
    readonly path: string
    /**
     * The stored catalog, read on first use and kept; undefined when there is none, or when it is damaged (the
     * bundled catalog is then used, after one warning). Never fails.
     */
    readonly read: Effect.Effect<StoredCatalog | undefined>
    /** Replaces the stored catalog (atomically, under its lock); on failure the old one is left as it was. */
    readonly write: (catalog: StoredCatalog) => Effect.Effect<void, StateFileError>
  }
>() {}
