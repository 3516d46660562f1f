/** AuthStore on real files: `<agentDir>/auth-profiles.json`, 0600 in a 0700 dir, locked, atomic writes. */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { decodeAuthProfiles, emptyAuthDocument } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import { StateFileError } from "../domain/errors.js"
import { lineAndColumn, MAX_NESTING, nestingBeyond } from "../domain/jsonNesting.js"
import {
  keyRefsOf,
  parseSecretBlob,
  secretsToMove,
  stripSecrets,
  withResolvedSecrets
} from "../domain/keyRef.js"
import { type AuthSnapshot, AuthStore } from "../services/AuthStore.js"
import { Keychain } from "../services/Keychain.js"
import { loadJson5 } from "./internal/json5Loader.js"
import {
  ensurePrivateDir,
  readForUpdate,
  readIfExists,
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

const read = (agentDir: string) => {
  const file = pathFor(agentDir)
  return readIfExists(file).pipe(
    Effect.flatMap((text) => parse(file, text)),
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
) => {
  const file = pathFor(agentDir)
  return Effect.gen(function* () {
    yield* ensurePrivateDir(agentDir, true)
    return yield* withFileLock(
      file,
      Effect.gen(function* () {
        const snapshot = yield* readForWrite(agentDir)
        const [edited, result] = yield* edit(snapshot)
        const next = yield* keepSecretsInKeychain(file, edited)
        if (JSON.stringify(next) === JSON.stringify(snapshot.raw) && snapshot.exists) return result
        yield* writeAtomic(file, `${JSON.stringify({ ...next, version: 1 }, null, 2)}\n`, {
          backup: snapshot.exists
        })
        return result
      })
    )
  }).pipe(Effect.withSpan("AuthStore.modify"))
}

export const layer = Layer.succeed(AuthStore, { pathFor, read, modify })

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
