/** AuthStore on real files: `<agentDir>/auth-profiles.json`, 0600 in a 0700 dir, locked, atomic writes. */
import * as path from "node:path"
import { JsonParseError, JsonParser } from "@croct/json5-parser"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { decodeAuthProfiles, emptyAuthDocument } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import { StateFileError } from "../domain/errors.js"
import { type AuthSnapshot, AuthStore } from "../services/AuthStore.js"
import { ensurePrivateDir, readIfExists, withFileLock, writeAtomic } from "./internal/stateFile.js"

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
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return damaged(jsonProblem(text, error))
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return damaged("the top level must be an object")
  return Effect.succeed({ path: file, exists: true, raw: raw as JsonObject, ...decodeAuthProfiles(raw) })
}

/**
 * `not valid JSON at line L, column C: <reason>`. V8 quotes the text around the error (`Unexpected token
 * 's', ..."key":sk-live-0"...`), which here is a secret: only the reason's words are kept.
 */
const jsonProblem = (text: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const reason = message
    .replace(/, (\.\.\.)?".*$/s, "")
    .replace(/^Unexpected token '.'$/, "Unexpected character")
    .replace(/ (in JSON )?at position \d+.*$/s, "")
  const position = /at position (\d+)/.exec(message)?.[1]
  const offset = position === undefined ? locate(text) : Number(position)
  if (offset === undefined) return `not valid JSON: ${reason}`
  const before = text.slice(0, offset)
  const line = before.split("\n").length
  const column = offset - before.lastIndexOf("\n")
  return `not valid JSON at line ${line}, column ${column}: ${reason}`
}

/** Where the JSON5 parser (a superset) stops, for V8 messages that carry no position. */
const locate = (text: string): number | undefined => {
  try {
    JsonParser.parse(text)
    return undefined
  } catch (error) {
    return error instanceof JsonParseError ? error.location.start.index : undefined
  }
}

const read = (agentDir: string) => {
  const file = pathFor(agentDir)
  return readIfExists(file).pipe(
    Effect.flatMap((text) => parse(file, text)),
    Effect.withSpan("AuthStore.read")
  )
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
        const snapshot = yield* read(agentDir)
        const [next, result] = yield* edit(snapshot)
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
  const readMemory = (agentDir: string) =>
    Effect.sync((): AuthSnapshot => {
      const raw = files.get(agentDir)
      return {
        path: pathFor(agentDir),
        exists: raw !== undefined,
        raw: raw ?? emptyAuthDocument(),
        ...decodeAuthProfiles(raw ?? {})
      }
    })
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
