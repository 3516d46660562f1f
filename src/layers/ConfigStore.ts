/**
 * ConfigStore layers: on the real file (JSON5, lossless edits, locked, atomic writes), on a host's own source (a
 * load/save pair or a SubscriptionRef), and in memory. All share one implementation (internal/configDocument.ts):
 * the same parsing, `${VAR}` substitution from the Environment service, validation and errors.
 */

import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as SubscriptionRef from "effect/SubscriptionRef"
import type { JsonObject } from "../domain/configEdit.js"
import { StateFileError } from "../domain/errors.js"
import { legacyAuthStore, parseAuthStoreChoice, withoutLegacyAuthStore } from "../domain/settings.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { Paths } from "../services/Paths.js"
import {
  type ConfigSource,
  type ConfigWrite,
  type IncludeReader,
  type IncludeWrite,
  makeConfigStore,
  parseStored,
  type UpdateStep
} from "./internal/configDocument.js"
import {
  directoryExists,
  ensurePrivateDir,
  readForUpdate,
  readIfExists,
  readRegularFileIfExists,
  withFileLock,
  writeAtomic
} from "./internal/stateFile.js"
import { recordAuthStore } from "./Settings.js"

export type { ConfigWrite } from "./internal/configDocument.js"

/** A config document as a value: what `clawdbot.json` holds, parsed, with `${VAR}` references as written. */
export type ConfigDocument = JsonObject

/** The largest included file read, as the reference caps it. */
const MAX_INCLUDE_BYTES = 2 * 1024 * 1024

/** `$include` paths are relative to the file holding the directive; an absolute path is taken as it is. */
const includeFiles: IncludeReader = {
  resolve: (from, written) => path.resolve(path.dirname(from), written),
  read: (file) => readRegularFileIfExists(file, MAX_INCLUDE_BYTES)
}

/**
 * Runs `write` holding the lock of every included file it changes (the main file's is held already), so a target
 * that is not a regular file, or a lock another writer holds, fails the command before any file is replaced.
 * Locks are taken in path order, so two writers sharing included files never wait on each other in a circle.
 */
const withIncludeLocks = <A, E, R>(includes: ReadonlyArray<IncludeWrite>, write: Effect.Effect<A, E, R>) =>
  includes
    .map(({ file }) => file)
    .sort()
    .reduceRight<Effect.Effect<A, E | StateFileError, R>>((inner, file) => withFileLock(file, inner), write)

/** The config file (`CLAWDBOT_CONFIG_PATH`, else `<state dir>/clawdbot.json`). */
export const layer = Layer.effect(
  ConfigStore,
  Effect.gen(function* () {
    const paths = yield* Paths
    const env = yield* Environment
    const file = paths.configPath
    const parse = (text: string | undefined) => parseStored(file, text)
    const load = Effect.flatMap(readIfExists(file), parse)

    const update: ConfigSource["update"] = (step) =>
      Effect.gen(function* () {
        const dir = path.dirname(file)
        if (!(yield* directoryExists(dir))) {
          // No state dir yet, so nothing to lock and nobody to race: try the edit on the empty state first, so
          // a command that fails (bad ref, unknown alias) leaves no trace on disk — not even the directory.
          yield* Effect.flatMap(load, step)
        }
        yield* ensurePrivateDir(dir, false)
        return yield* withFileLock(
          file,
          Effect.gen(function* () {
            // Under the lock, before a write: a file that could not be fully read is never taken as empty.
            const current = yield* readForUpdate(file, parse)
            const [result, write, includes = []] = yield* step(current)
            yield* withIncludeLocks(
              includes,
              Effect.gen(function* () {
                for (const included of includes)
                  yield* writeAtomic(included.file, included.text, { backup: true })
                if (write !== undefined) yield* writeAtomic(file, write.text, { backup: current.exists })
              })
            )
            return result
          })
        )
      })

    // The old keychain opt-in (`auth.store`) leaves the config with its next write, wherever it is (an included
    // file too): it is recorded in this tool's settings first, so a failure at either step never loses it.
    const beforeWrite: ConfigSource["beforeWrite"] = (next) => {
      const choice = parseAuthStoreChoice(legacyAuthStore(next), "auth.store")
      return {
        document: withoutLegacyAuthStore(next),
        ...(Either.isRight(choice) && choice.right !== undefined
          ? { beforeSave: recordAuthStore(paths.stateDir, choice.right) }
          : {})
      }
    }
    return makeConfigStore({ path: file, includes: includeFiles, load, update, beforeWrite }, env.get)
  })
)

/** The name a host's config goes by in errors when its backend gives none. */
export const HOST_CONFIG = "<host config>"

/**
 * A host's own config storage. Reads and edits behave as on the file: `${VAR}` substituted from the Environment
 * service, the same validation and errors (`ConfigInvalid` naming the key), and a failed edit saves nothing.
 */
export interface ConfigBackend<E = never, R = never> {
  /** Names the config in errors (`ConfigInvalid.path`, `StateFileError.path`); default `<host config>`. */
  readonly path?: string
  /** The stored config: JSON5 text, a document already parsed, or `undefined` when there is none yet. */
  readonly load: Effect.Effect<string | ConfigDocument | undefined, E, R>
  /**
   * Stores an edit: `text` is the loaded text edited in place (comments, key order and `${VAR}` references
   * kept; fresh 2-space JSON when `load` gave a document) and `document` the same config as a value. Called
   * only when an edit changed something and validated.
   */
  readonly save: (next: ConfigWrite) => Effect.Effect<void, E, R>
}

const reasonOf = (error: unknown): string => {
  if (error instanceof Error) return error.message
  const message =
    typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === "string" ? message : String(error)
}

/** A backend's own failure, as the StateFileError every ConfigStore fails with (one already is kept). */
const backendError =
  (path: string, operation: "read" | "write") =>
  (error: unknown): StateFileError =>
    error instanceof StateFileError ? error : new StateFileError({ path, operation, reason: reasonOf(error) })

/**
 * A ConfigStore on a host's load/save pair. Edits through this layer run one at a time (load, edit, save); a
 * host that also writes elsewhere should serialise those writes itself, or use `layerSubscriptionRef`. A failure
 * of `load` or `save` is a `StateFileError` carrying its message; `R` is taken when the layer is built.
 */
export const layerBackend = <E = never, R = never>(
  backend: ConfigBackend<E, R>
): Layer.Layer<ConfigStore, never, Environment | R> =>
  Layer.effect(
    ConfigStore,
    Effect.gen(function* () {
      const env = yield* Environment
      const context = yield* Effect.context<R>()
      const exclusive = yield* Effect.makeSemaphore(1)
      const file = backend.path ?? HOST_CONFIG
      const load = backend.load.pipe(
        Effect.mapError(backendError(file, "read")),
        Effect.provide(context),
        Effect.flatMap((stored) => parseStored(file, stored))
      )
      const update: ConfigSource["update"] = (step) =>
        exclusive.withPermits(1)(
          Effect.gen(function* () {
            const [result, write] = yield* Effect.flatMap(load, step)
            if (write !== undefined) {
              yield* backend
                .save(write)
                .pipe(Effect.mapError(backendError(file, "write")), Effect.provide(context))
            }
            return result
          })
        )
      return makeConfigStore({ path: file, load, update }, env.get)
    })
  )

/** An edit that changed nothing: leaves the ref without setting it, so subscribers see no change. */
class Unchanged<A> {
  constructor(readonly result: A) {}
}

/**
 * A ConfigStore on a `SubscriptionRef` the host owns and can watch (`ref.changes`). The ref holds the config
 * as a document, or as JSON5 text (then edits keep its comments and key order). Each edit is one atomic
 * `modifyEffect` of the ref, so it never interleaves with the host's own updates; an edit that fails or changes
 * nothing leaves the ref as it was and publishes nothing.
 */
export const layerSubscriptionRef = <A extends string | ConfigDocument>(
  ref: SubscriptionRef.SubscriptionRef<A>,
  options: { readonly path?: string } = {}
): Layer.Layer<ConfigStore, never, Environment> =>
  Layer.effect(
    ConfigStore,
    Effect.map(Environment, (env) => {
      const file = options.path ?? HOST_CONFIG
      const load = Effect.flatMap(ref.get, (stored) => parseStored(file, stored))
      const update = <B, E, R>(step: UpdateStep<B, E, R>) =>
        ref
          .modifyEffect((stored) =>
            Effect.flatMap(parseStored(file, stored), step).pipe(
              Effect.flatMap(([result, write]) =>
                write === undefined
                  ? Effect.fail(new Unchanged(result))
                  : Effect.succeed([
                      result,
                      (typeof stored === "string" ? write.text : write.document) as A
                    ] as const)
              )
            )
          )
          .pipe(
            Effect.catchIf(
              (error): error is Unchanged<B> => error instanceof Unchanged,
              (unchanged) => Effect.succeed(unchanged.result)
            )
          )
      return makeConfigStore({ path: file, load, update }, env.get)
    })
  )

/**
 * An in-memory ConfigStore for embedding and tests: same decoding and edit rules, no disk.
 * `initial` is the raw document; `current()` returns what edits made of it.
 */
export const layerMemory = (initial: ConfigDocument, file = "/memory/clawdbot.json") => {
  let raw = initial
  const store = layerBackend({
    path: file,
    load: Effect.sync(() => raw),
    save: ({ document }) =>
      Effect.sync(() => {
        raw = document
      })
  })
  return { layer: store, current: () => raw }
}
