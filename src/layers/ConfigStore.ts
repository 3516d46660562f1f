/** ConfigStore on real files: JSON5 with a lossless editor (@croct/json5-parser), locked, atomic writes. */

import * as path from "node:path"
import type { JsonObjectNode } from "@croct/json5-parser"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClawdbotConfig } from "../domain/config.js"
import type { JsonObject } from "../domain/configEdit.js"
import { substituteEnv } from "../domain/configEnv.js"
import { ConfigInvalid } from "../domain/errors.js"
import { lineAndColumn, MAX_NESTING, nestingBeyond } from "../domain/jsonNesting.js"
import { type ConfigSnapshot, ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { Paths } from "../services/Paths.js"
import { loadJson5 } from "./internal/json5Loader.js"
import {
  directoryExists,
  ensurePrivateDir,
  readForUpdate,
  readIfExists,
  withFileLock,
  writeAtomic
} from "./internal/stateFile.js"

const decodeConfig = Schema.decodeUnknownEither(ClawdbotConfig, { errors: "all" })

const schemaIssues = (error: ParseResult.ParseError): ReadonlyArray<string> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) => `${issue.path.length === 0 ? "<root>" : issue.path.join(".")}: ${issue.message}`
  )

interface Parsed {
  readonly document: JsonObjectNode | undefined
  readonly raw: JsonObject
}

/**
 * The parser's message without the text it quotes (`Unexpected token 'sk-live-…'`): a config holds API keys,
 * and the line and column already say where to look.
 */
const unquoted = (detail: string): string =>
  detail
    .replace(/^Unexpected token '.{2,}'$/s, "Unexpected text")
    .replace(
      /^Invalid string at \d+:\d+: (.*)$/s,
      (_, inner: string) =>
        `Invalid string (${inner.replace(/, (\.\.\.)?".*$/s, "").replace(/ (in JSON )?at position \d+.*$/s, "")})`
    )

/** Parses the text; the error names line and column, as an editor would show them. */
const parseText = (file: string, text: string | undefined): Effect.Effect<Parsed, ConfigInvalid> => {
  if (text === undefined || text.trim() === "") return Effect.succeed({ document: undefined, raw: {} })
  const tooDeep = nestingBeyond(text)
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep)
    return Either.left(
      new ConfigInvalid({
        path: file,
        issues: [
          `JSON5 parse failed at line ${line}, column ${column}: nested more than ${MAX_NESTING} levels deep`
        ]
      })
    )
  }
  return Effect.flatMap(loadJson5, ({ JsonParseError, parseJson5Object }) => {
    try {
      const document = parseJson5Object(text)
      return Either.right({ document, raw: document.toJSON() as JsonObject })
    } catch (error) {
      const where =
        error instanceof JsonParseError
          ? ` at line ${error.location.start.line}, column ${error.location.start.column}`
          : ""
      const detail =
        error instanceof Error ? unquoted(error.message.replace(/ at \d+:\d+\.?$/, "")) : String(error)
      const reason =
        error instanceof JsonParseError || !(error instanceof Error)
          ? detail
          : `${detail} (the top level must be an object)`
      return Either.left(new ConfigInvalid({ path: file, issues: [`JSON5 parse failed${where}: ${reason}`] }))
    }
  })
}

/** Text for the next document: the original CST reconciled with the new value, or fresh 2-space JSON. */
const render = (document: JsonObjectNode | undefined, next: JsonObject): Effect.Effect<string> =>
  Effect.map(loadJson5, ({ isBlank, reconcile }) => {
    if (document === undefined || isBlank(document)) return `${JSON.stringify(next, null, 2)}\n`
    const text = reconcile(document.clone(), next).toString()
    return text.endsWith("\n") ? text : `${text}\n`
  })

export const layer = Layer.effect(
  ConfigStore,
  Effect.gen(function* () {
    const paths = yield* Paths
    const env = yield* Environment
    const file = paths.configPath

    const decode = (raw: JsonObject): Either.Either<ConfigSnapshot["config"], ReadonlyArray<string>> => {
      const substituted = substituteEnv(raw, env.get)
      if (substituted.issues.length > 0) return Either.left(substituted.issues)
      return Either.mapLeft(decodeConfig(substituted.value), schemaIssues)
    }

    const parseWithText = (text: string | undefined) =>
      Effect.map(parseText(file, text), (parsed) => ({ text, parsed }))

    const toSnapshot = ({ text, parsed }: { readonly text: string | undefined; readonly parsed: Parsed }) =>
      Either.map(
        Either.mapLeft(decode(parsed.raw), (issues) => new ConfigInvalid({ path: file, issues })),
        (config) => ({
          snapshot: { path: file, exists: text !== undefined, raw: parsed.raw, config },
          document: parsed.document
        })
      )

    const load = readIfExists(file).pipe(Effect.flatMap(parseWithText), Effect.flatMap(toSnapshot))
    /** Under the lock, before a write: a file that could not be fully read is never taken as empty. */
    const loadForUpdate = Effect.flatMap(readForUpdate(file, parseWithText), toSnapshot)

    const read = Effect.map(load, ({ snapshot }) => snapshot).pipe(Effect.withSpan("ConfigStore.read"))

    const modify = <A, E, R>(
      edit: (snapshot: ConfigSnapshot) => Effect.Effect<readonly [JsonObject, A], E, R>
    ) =>
      Effect.gen(function* () {
        const dir = path.dirname(file)
        if (!(yield* directoryExists(dir))) {
          // No state dir yet, so nothing to lock and nobody to race: try the edit on the empty state first, so
          // a command that fails (bad ref, unknown alias) leaves no trace on disk — not even the directory.
          const { snapshot } = yield* load
          yield* edit(snapshot)
        }
        yield* ensurePrivateDir(dir, false)
        return yield* withFileLock(
          file,
          Effect.gen(function* () {
            const { snapshot, document } = yield* loadForUpdate
            const [next, result] = yield* edit(snapshot)
            if (sameJson(next, snapshot.raw)) return result
            yield* Either.mapLeft(
              decode(next),
              (issues) =>
                new ConfigInvalid({ path: file, issues: issues.map((i) => `Config validation failed: ${i}`) })
            )
            yield* writeAtomic(file, yield* render(document, next), { backup: snapshot.exists })
            return result
          })
        )
      }).pipe(Effect.withSpan("ConfigStore.modify"))

    return { path: file, read, modify }
  })
)

/** Edits keep key order, so equal documents serialise equally; a false "different" only costs a write. */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * An in-memory ConfigStore for embedding and tests: same decoding and edit rules, no disk.
 * `initial` is the raw document; `current()` returns what edits made of it.
 */
export const layerMemory = (initial: JsonObject, file = "/memory/clawdbot.json") => {
  let raw = initial
  const store = Layer.effect(
    ConfigStore,
    Effect.gen(function* () {
      const env = yield* Environment
      const decode = (doc: JsonObject) => {
        const substituted = substituteEnv(doc, env.get)
        if (substituted.issues.length > 0) return Either.left(substituted.issues)
        return Either.mapLeft(decodeConfig(substituted.value), schemaIssues)
      }
      const read = Effect.suspend(() =>
        Either.match(decode(raw), {
          onLeft: (issues) => Effect.fail(new ConfigInvalid({ path: file, issues })),
          onRight: (config) => Effect.succeed({ path: file, exists: true, raw, config })
        })
      )
      const modify = <A, E, R>(
        edit: (snapshot: ConfigSnapshot) => Effect.Effect<readonly [JsonObject, A], E, R>
      ) =>
        Effect.gen(function* () {
          const [next, result] = yield* edit(yield* read)
          yield* Either.mapLeft(decode(next), (issues) => new ConfigInvalid({ path: file, issues }))
          raw = next
          return result
        })
      return { path: file, read, modify }
    })
  )
  return { layer: store, current: () => raw }
}
