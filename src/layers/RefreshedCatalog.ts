/**
 * The stored refreshed catalog: `<stateDir>/catalog/models.json` (0600 in a 0700 dir), written atomically under
 * its lock, read once per process and only by the commands that use the catalog.
 */
import * as path from "node:path"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import {
  decodeStoredCatalog,
  STORED_CATALOG_PATH,
  type StoredCatalog,
  storedCatalogText
} from "../domain/catalogRefresh.js"
import { sanitizeText } from "../domain/terminal.js"
import { Paths } from "../services/Paths.js"
import { RefreshedCatalog } from "../services/RefreshedCatalog.js"
import { ensurePrivateDir, readIfExists, withFileLock, writeAtomic } from "./internal/stateFile.js"

const damaged = (shown: string, reason: string) =>
  Console.error(
    sanitizeText(
      `Warning: the refreshed catalog ${shown} cannot be used (${reason}); using the bundled catalog. Run \`clawdbot models refresh\` to fetch it again.`
    )
  )

/** The stored catalog, or undefined (none; or damaged, after one warning on stderr). */
const readStored = (file: string, shown: string): Effect.Effect<StoredCatalog | undefined> =>
  readIfExists(file).pipe(
    Effect.flatMap((text) => {
      if (text === undefined) return Effect.succeed(undefined)
      return Either.match(decodeStoredCatalog(text), {
        onLeft: () => Effect.as(damaged(shown, "it is not a catalog `models refresh` wrote"), undefined),
        onRight: (catalog) => Effect.succeed<StoredCatalog | undefined>(catalog)
      })
    }),
    Effect.catchAll((error) => Effect.as(damaged(shown, error.reason), undefined))
  )

export const make = (file: string, shown: string) =>
  Effect.gen(function* () {
    // A catalog written by this process wins over what was read before it.
    let written: StoredCatalog | undefined
    const cachedRead = yield* Effect.cached(readStored(file, shown))
    return RefreshedCatalog.of({
      path: file,
      read: Effect.suspend(() => (written === undefined ? cachedRead : Effect.succeed(written))),
      write: (catalog) =>
        ensurePrivateDir(path.dirname(file), true).pipe(
          Effect.zipRight(
            withFileLock(file, writeAtomic(file, storedCatalogText(catalog), { backup: false }))
          ),
          Effect.tap(() =>
            Effect.sync(() => {
              written = catalog
            })
          ),
          Effect.withSpan("RefreshedCatalog.write")
        )
    })
  })

/** The file store under the state dir. */
export const layer: Layer.Layer<RefreshedCatalog, never, Paths> = Layer.effect(
  RefreshedCatalog,
  Effect.flatMap(Paths, (paths) => {
    const file = path.join(paths.stateDir, ...STORED_CATALOG_PATH)
    return make(file, paths.shorten(file))
  })
)

/** In memory, for embedding and tests: starts with `initial` (none by default). */
export const layerMemory = (initial?: StoredCatalog): Layer.Layer<RefreshedCatalog> =>
  Layer.sync(RefreshedCatalog, () => {
    let current = initial
    return RefreshedCatalog.of({
      path: "(memory)",
      read: Effect.sync(() => current),
      write: (catalog) =>
        Effect.sync(() => {
          current = catalog
        })
    })
  })
