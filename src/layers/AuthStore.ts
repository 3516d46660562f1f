/** AuthStore on real files: `<agentDir>/auth-profiles.json`, 0600 in a 0700 dir, locked, atomic writes. */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { decodeAuthProfiles, emptyAuthDocument } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import { StateFileError } from "../domain/errors.js"
import { lineAndColumn, MAX_NESTING, nestingBeyond, parseJsonObject } from "../domain/jsonNesting.js"
import {
  keyRefsOf,
  parseSecretBlob,
  secretsToMove,
  stripSecrets,
  withResolvedSecrets
} from "../domain/keyRef.js"
import { type LegacyProfiles, legacyAuthProfiles, legacyOAuthProfiles } from "../domain/legacyAuth.js"
import { legacyOAuthDir } from "../domain/paths.js"
import { type AuthSnapshot, AuthStore } from "../services/AuthStore.js"
import { Environment } from "../services/Environment.js"
import { Keychain } from "../services/Keychain.js"
import { Paths } from "../services/Paths.js"
import { Reporter } from "../services/Reporter.js"
import { loadJson5 } from "./internal/json5Loader.js"
import {
  ensurePrivateDir,
  fileError,
  readForUpdate,
  readIfExists,
  readRegularFileIfExists,
  withFileLock,
  writeAtomic
} from "./internal/stateFile.js"

export const AUTH_PROFILES_FILE = "auth-profiles.json"

const pathFor = (agentDir: string) => path.join(agentDir, AUTH_PROFILES_FILE)

const parse = (file: string, text: string | undefined): Effect.Effect<AuthSnapshot, StateFileError> => {
  if (text === undefined || text.trim() === "") {
    const raw = emptyAuthDocument()
    return Effect.succeed({ path: file, exists: text !== undefined, raw, ...decodeAuthProfiles(raw) })
  }
  // Never treat a damaged store as empty: the next write would destroy every credential in it.
  const damaged = (problem: string) =>
    Effect.fail(
      new StateFileError({
        path: file,
        operation: "parse",
        reason: `${problem}. Fix or move the file; a backup may be at ${file}.bak`
      })
    )
  const tooDeep = nestingBeyond(text)
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep)
    return damaged(`nested more than ${MAX_NESTING} levels deep at line ${line}, column ${column}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return Effect.flatMap(jsonProblem(text, error), damaged)
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return damaged("the top level must be an object")
  return Effect.succeed({ path: file, exists: true, raw: raw as JsonObject, ...decodeAuthProfiles(raw) })
}

/**
 * `not valid JSON at line L, column C: <reason>`. V8 quotes the text around the error (`Unexpected token
 * 's', ..."key":sk-live-0"...`), which here is a secret: only the reason's words are kept.
 */
const jsonProblem = (text: string, error: unknown): Effect.Effect<string> => {
  const message = error instanceof Error ? error.message : String(error)
  const reason = message
    .replace(/, (\.\.\.)?".*$/s, "")
    .replace(/^Unexpected token '.'$/, "Unexpected character")
    .replace(/ (in JSON )?at position \d+.*$/s, "")
  const position = /at position (\d+)/.exec(message)?.[1]
  const offset = position === undefined ? locate(text) : Effect.succeed(Number(position))
  return Effect.map(offset, (at) => {
    if (at === undefined) return `not valid JSON: ${reason}`
    const { line, column } = lineAndColumn(text, at)
    return `not valid JSON at line ${line}, column ${column}: ${reason}`
  })
}

/** Where the JSON5 parser (a superset) stops, for V8 messages that carry no position. */
const locate = (text: string): Effect.Effect<number | undefined> =>
  Effect.map(loadJson5, ({ JsonParseError, JsonParser }) => {
    try {
      JsonParser.parse(text)
      return undefined
    } catch (error) {
      return error instanceof JsonParseError ? error.location.start.index : undefined
    }
  })

/**
 * Profiles stored with a keychain reference (src/domain/keyRef.ts) get their secrets from the Keychain
 * service when one is provided; `raw` keeps the references, so a write never copies a secret into the file.
 */
const resolveKeyRefs = (snapshot: AuthSnapshot): Effect.Effect<AuthSnapshot> => {
  const refs = keyRefsOf(snapshot.raw)
  if (refs.length === 0) return Effect.succeed(snapshot)
  return Effect.gen(function* () {
    const keychain = yield* Effect.serviceOption(Keychain)
    const resolved = new Map<string, Readonly<Record<string, string>>>()
    if (Option.isSome(keychain)) {
      yield* Effect.forEach(
        refs,
        ([id, ref]) =>
          keychain.value
            .get({ service: ref.service, account: ref.account }, ref.backend)
            .pipe(Effect.map(Option.map((text) => resolved.set(id, parseSecretBlob(text)))), Effect.ignore),
        { concurrency: 4, discard: true }
      )
    }
    return { ...snapshot, ...decodeAuthProfiles(withResolvedSecrets(snapshot.raw, resolved)) }
  })
}

/**
 * A profile stored by reference never gets its secrets back into the file: when an edit puts secret fields
 * next to a keyRef (an OAuth refresh, say), they are merged into the keychain item and dropped from the file.
 * Without a Keychain in context, or if the keychain refuses, the write fails rather than store them in clear.
 */
const keepSecretsInKeychain = (file: string, next: JsonObject): Effect.Effect<JsonObject, StateFileError> => {
  const moves = secretsToMove(next)
  if (moves.length === 0) return Effect.succeed(next)
  return Effect.gen(function* () {
    const keychain = yield* Effect.serviceOption(Keychain)
    if (Option.isNone(keychain))
      return yield* new StateFileError({
        path: file,
        operation: "write",
        reason: "a profile stored in the keychain got new secrets, but no keychain is available to hold them"
      })
    yield* Effect.forEach(
      moves,
      ([, ref, secrets]) =>
        Effect.gen(function* () {
          const item = { service: ref.service, account: ref.account }
          const current = yield* keychain.value.get(item, ref.backend)
          const merged = {
            ...Option.match(current, { onNone: () => ({}), onSome: parseSecretBlob }),
            ...secrets
          }
          yield* keychain.value.set(item, JSON.stringify(merged), ref.backend)
        }),
      { discard: true }
    ).pipe(
      Effect.mapError(
        (error) => new StateFileError({ path: file, operation: "write", reason: `keychain: ${error.reason}` })
      )
    )
    return stripSecrets(
      next,
      moves.map(([id]) => id)
    )
  })
}

/** `<agentDir>/auth.json`: the store's name before `auth-profiles.json` (spec §1.3, §1.4). */
export const LEGACY_AUTH_FILE = "auth.json"
export const LEGACY_OAUTH_FILE = "oauth.json"
/** A legacy file holds a handful of credentials; a larger one is not read. */
const LEGACY_MAX_BYTES = 1024 * 1024

type LegacyFile =
  | { readonly _tag: "absent" }
  | { readonly _tag: "unreadable"; readonly reason: string }
  | { readonly _tag: "read"; readonly value: unknown }

/**
 * A legacy file, read defensively through the reader included config files use (opened without blocking, so a
 * FIFO in its place cannot hang a `status`; only a regular UTF-8 file of at most 1 MiB), then checked to hold a
 * JSON object. The reason never quotes the file (it holds secrets).
 */
const readLegacyFile = (file: string): Effect.Effect<LegacyFile> =>
  readRegularFileIfExists(file, LEGACY_MAX_BYTES).pipe(
    Effect.map((text): LegacyFile => {
      if (text === undefined) return { _tag: "absent" }
      const value = parseJsonObject(text)
      return Either.isLeft(value)
        ? { _tag: "unreadable", reason: `it is ${value.left}` }
        : { _tag: "read", value: value.right }
    }),
    Effect.catchAll((error) => Effect.succeed<LegacyFile>({ _tag: "unreadable", reason: error.reason }))
  )

/** What a missing store imports from the legacy files: the store to write, and what to say. */
interface LegacyImport {
  /** The new store document; undefined when there is nothing to import. */
  readonly doc: JsonObject | undefined
  /** `auth.json`, to remove once the new store is written: only when every credential in it was imported. */
  readonly removeAfterWrite: string | undefined
  readonly warnings: ReadonlyArray<string>
}

const entries = (count: number) => (count === 1 ? "1 entry" : `${count} entries`)

/** The entries of a legacy file that could not be imported, named by key (never by value), if any. */
const skippedWarning = (file: string, found: LegacyProfiles | undefined, after: string) =>
  found === undefined || found.skipped.length === 0
    ? []
    : [
        `Warning: ${entries(found.skipped.length)} of the legacy auth store ${file} could not be imported (${found.skipped.join(", ")}): not a credential this tool can load.${after}`
      ]

const snapshotOf = (file: string, raw: JsonObject, exists: boolean): AuthSnapshot => ({
  path: file,
  exists,
  raw,
  ...decodeAuthProfiles(raw)
})

const makeAuthStore = (locations: { readonly mainAgentDir: string; readonly oauthDir: string }) => {
  const legacyFiles = (agentDir: string) => ({
    legacy: path.join(agentDir, LEGACY_AUTH_FILE),
    oauth: path.join(locations.oauthDir, LEGACY_OAUTH_FILE)
  })

  /** Whether the main store has profiles, for another agent (it would take those, not its legacy files). */
  const mainHasProfiles = (agentDir: string) =>
    path.resolve(agentDir) === path.resolve(locations.mainAgentDir)
      ? Effect.succeed(false)
      : readIfExists(pathFor(locations.mainAgentDir)).pipe(
          Effect.flatMap((text) => parse(pathFor(locations.mainAgentDir), text)),
          Effect.map((main) => Object.keys(main.profiles).length > 0),
          Effect.orElseSucceed(() => false)
        )

  /**
   * The import a missing store gets (spec §1.4): `auth.json` as `<provider>:default`, then `oauth.json` entries
   * where no such profile is. A legacy file that cannot be read stops the whole import (nothing is written, so
   * the import happens once it is fixed); entries that cannot be imported keep `auth.json` in place.
   */
  const planImport = (agentDir: string): Effect.Effect<LegacyImport> =>
    Effect.gen(function* () {
      const files = legacyFiles(agentDir)
      const nothing: LegacyImport = { doc: undefined, removeAfterWrite: undefined, warnings: [] }
      if (yield* mainHasProfiles(agentDir)) return nothing
      const [legacy, oauth] = yield* Effect.all([readLegacyFile(files.legacy), readLegacyFile(files.oauth)])
      const refused = [
        [files.legacy, legacy],
        [files.oauth, oauth]
      ] as const
      const unreadable = refused.flatMap(([file, read]) =>
        read._tag === "unreadable"
          ? [
              `Warning: the legacy auth store ${file} was not imported: ${read.reason}. It was left as it is; fix or move it.`
            ]
          : []
      )
      if (unreadable.length > 0) return { ...nothing, warnings: unreadable }
      const fromLegacy = legacy._tag === "read" ? legacyAuthProfiles(legacy.value) : undefined
      const fromOAuth =
        oauth._tag === "read" ? legacyOAuthProfiles(oauth.value, fromLegacy?.profiles ?? {}) : undefined
      const warnings = [
        ...skippedWarning(files.legacy, fromLegacy, ` ${files.legacy} was kept.`),
        ...skippedWarning(files.oauth, fromOAuth, "")
      ]
      const profiles = { ...fromLegacy?.profiles, ...fromOAuth?.profiles }
      if (Object.keys(profiles).length === 0) return { ...nothing, warnings }
      const importedAll =
        fromLegacy !== undefined &&
        Object.keys(fromLegacy.profiles).length > 0 &&
        fromLegacy.skipped.length === 0
      return {
        doc: { version: 1, profiles },
        removeAfterWrite: importedAll ? files.legacy : undefined,
        warnings
      }
    })

  /** A missing store with the legacy import applied (not written yet); the warnings are reported. */
  const withLegacy = (agentDir: string, missing: AuthSnapshot) =>
    Effect.gen(function* () {
      const plan = yield* planImport(agentDir)
      const reporter = yield* Reporter
      yield* Effect.forEach(plan.warnings, reporter.warn, { discard: true })
      const snapshot = plan.doc === undefined ? missing : snapshotOf(missing.path, plan.doc, false)
      return { snapshot, plan }
    })

  /** Removes `auth.json` once the new store holds its credentials (a crash before leaves both: nothing lost). */
  const removeImported = (plan: LegacyImport | undefined) => {
    const file = plan?.removeAfterWrite
    if (file === undefined) return Effect.void
    return Effect.tryPromise(() => fs.rm(file, { force: true })).pipe(
      Effect.catchAll((error) =>
        Effect.flatMap(Reporter, (reporter) =>
          reporter.warn(
            `Warning: imported the legacy auth store ${file}, but could not remove it: ${fileError(file, "remove")(error.error).reason}`
          )
        )
      )
    )
  }

  const save = (file: string, next: JsonObject, backup: boolean) =>
    writeAtomic(file, `${JSON.stringify({ ...next, version: 1 }, null, 2)}\n`, { backup })

  /** `body` on the store as it is now, under its cross-process lock (the agent dir created 0700 first). */
  const locked = <A, E, R>(agentDir: string, body: (current: AuthSnapshot) => Effect.Effect<A, E, R>) =>
    Effect.zipRight(
      ensurePrivateDir(agentDir, true),
      withFileLock(pathFor(agentDir), Effect.flatMap(readForWrite(agentDir), body))
    )

  /**
   * A missing store with legacy files beside it: the import, under the store's lock and written atomically (a
   * read-only command imports too, as the reference does). A store that appeared meanwhile is taken as it is.
   */
  const importLegacy = (agentDir: string) =>
    locked(agentDir, (current) =>
      Effect.gen(function* () {
        if (current.exists) return current
        const { snapshot, plan } = yield* withLegacy(agentDir, current)
        if (plan.doc === undefined) return current
        yield* save(current.path, plan.doc, false)
        yield* removeImported(plan)
        return snapshot
      })
    ).pipe(Effect.withSpan("AuthStore.importLegacy"))

  const anyLegacyFile = (agentDir: string) => {
    const files = legacyFiles(agentDir)
    return Effect.promise(() =>
      Promise.all(
        [files.legacy, files.oauth].map((file) =>
          fs.lstat(file).then(
            () => true,
            () => false
          )
        )
      ).then((found) => found.includes(true))
    )
  }

  /** A missing store reads as empty, or as what the legacy files give once imported. */
  const readMissing = (agentDir: string, missing: AuthSnapshot) =>
    Effect.gen(function* () {
      if (!(yield* anyLegacyFile(agentDir))) return missing
      return yield* importLegacy(agentDir).pipe(
        Effect.catchAll((error) =>
          Effect.gen(function* () {
            // The legacy files stay as they are; this run shows what they hold, the next one tries again.
            yield* (yield* Reporter).warn(`Warning: the legacy auth store was not imported: ${error.message}`)
            const plan = yield* planImport(agentDir)
            return plan.doc === undefined ? missing : snapshotOf(missing.path, plan.doc, false)
          })
        )
      )
    })

  const read = (agentDir: string) => {
    const file = pathFor(agentDir)
    return readIfExists(file).pipe(
      Effect.flatMap((text) => parse(file, text)),
      Effect.flatMap((snapshot) =>
        snapshot.exists ? Effect.succeed(snapshot) : readMissing(agentDir, snapshot)
      ),
      Effect.flatMap(resolveKeyRefs),
      Effect.withSpan("AuthStore.read")
    )
  }

  /** Under the lock, before a write: a store that could not be fully read is never taken as empty. */
  const readForWrite = (agentDir: string) => {
    const file = pathFor(agentDir)
    return readForUpdate(file, (text) => parse(file, text)).pipe(Effect.flatMap(resolveKeyRefs))
  }

  const modify = <A, E, R>(
    agentDir: string,
    edit: (snapshot: AuthSnapshot) => Effect.Effect<readonly [JsonObject, A], E, R>
  ) =>
    locked(agentDir, (current) =>
      Effect.gen(function* () {
        // The first write of a missing store starts from what the legacy files hold.
        const { snapshot, plan } = current.exists
          ? { snapshot: current, plan: undefined }
          : yield* withLegacy(agentDir, current)
        const [edited, result] = yield* edit(snapshot)
        const next = yield* keepSecretsInKeychain(current.path, edited)
        if (JSON.stringify(next) === JSON.stringify(snapshot.raw) && snapshot.exists) return result
        yield* save(current.path, next, snapshot.exists)
        yield* removeImported(plan)
        return result
      })
    ).pipe(Effect.withSpan("AuthStore.modify"))

  return { pathFor, read, modify }
}

/**
 * The live store. A missing `auth-profiles.json` imports the legacy stores (spec §1.4): `<agentDir>/auth.json` and
 * `oauth.json` in `CLAWDBOT_OAUTH_DIR`, else `<state dir>/credentials`.
 */
export const layer = Layer.effect(
  AuthStore,
  Effect.gen(function* () {
    const paths = yield* Paths
    const env = yield* Environment
    return makeAuthStore({
      mainAgentDir: paths.mainAgentDir,
      oauthDir: legacyOAuthDir(env.get, paths.home, paths.stateDir)
    })
  })
)

/** An in-memory AuthStore keyed by agent dir, for embedding and tests. */
export const layerMemory = (initial: Readonly<Record<string, JsonObject>> = {}) => {
  const files = new Map<string, JsonObject>(Object.entries(initial))
  // Profiles stored by reference resolve through the host's Keychain, as the file store's do.
  const readMemory = (agentDir: string) =>
    Effect.sync((): AuthSnapshot => {
      const raw = files.get(agentDir)
      return {
        path: pathFor(agentDir),
        exists: raw !== undefined,
        raw: raw ?? emptyAuthDocument(),
        ...decodeAuthProfiles(raw ?? {})
      }
    }).pipe(Effect.flatMap(resolveKeyRefs))
  const store = Layer.succeed(AuthStore, {
    pathFor,
    read: readMemory,
    modify: (agentDir, edit) =>
      Effect.gen(function* () {
        const [next, result] = yield* edit(yield* readMemory(agentDir))
        files.set(agentDir, next)
        return result
      })
  })
  return { layer: store, current: (agentDir: string) => files.get(agentDir) }
}
