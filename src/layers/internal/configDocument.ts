/**
 * One ConfigStore over any source (the file, a host's load/save pair, a SubscriptionRef, memory): parsing, the
 * load pipeline (spec §1.1: parse → `$include` → `${VAR}` → schema), validation of an edit and the lossless
 * text of its result. A layer only says where the config is stored and how an update is kept exclusive.
 */
import type { JsonObjectNode } from "@croct/json5-parser"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClawdbotConfig } from "../../domain/config.js"
import type { JsonObject } from "../../domain/configEdit.js"
import { substituteEnv } from "../../domain/configEnv.js"
import { ConfigInvalid, type StateFileError } from "../../domain/errors.js"
import { lineAndColumn, MAX_NESTING, nestingBeyond } from "../../domain/jsonNesting.js"
import type { ConfigSnapshot, ConfigStore } from "../../services/ConfigStore.js"
import { loadJson5 } from "./json5Loader.js"

/** What a source holds: JSON5 text, a document already parsed, or nothing yet (`undefined`). */
export type StoredConfig = string | JsonObject | undefined

/** A stored config, parsed but not yet substituted or validated. */
export interface ParsedConfig {
  readonly exists: boolean
  /** The syntax tree of stored text, which edits reconcile so comments and key order stay. */
  readonly tree: JsonObjectNode | undefined
  readonly raw: JsonObject
}

/** An accepted edit as it is stored: the loaded text edited in place (or fresh 2-space JSON), and its value. */
export interface ConfigWrite {
  readonly text: string
  readonly document: JsonObject
}

/** One update: from the current config, a result and what to store (`undefined`: store nothing). */
export type UpdateStep<A, E, R> = (
  current: ParsedConfig
) => Effect.Effect<readonly [A, ConfigWrite | undefined], E, R>

/** Where a config is stored; `update` runs a step with no other update of the same source in between. */
export interface ConfigSource {
  readonly path: string
  readonly load: Effect.Effect<ParsedConfig, ConfigInvalid | StateFileError>
  readonly update: <A, E, R>(
    step: UpdateStep<A, E, R>
  ) => Effect.Effect<A, E | ConfigInvalid | StateFileError, R>
  /** What every write also changes in the document (a migration), applied only to an edit that changed it. */
  readonly beforeWrite?: (next: JsonObject) => JsonObject
}

const decodeConfig = Schema.decodeUnknownEither(ClawdbotConfig, { errors: "all" })

const schemaIssues = (error: ParseResult.ParseError): ReadonlyArray<string> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) => `${issue.path.length === 0 ? "<root>" : issue.path.join(".")}: ${issue.message}`
  )

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

/** Parses JSON5 text (the parser is loaded on the first parse, not with the library: bench/README.md). */
const parseText = (path: string, text: string): Effect.Effect<ParsedConfig, ConfigInvalid> => {
  if (text.trim() === "") return Either.right({ exists: true, tree: undefined, raw: {} })
  const tooDeep = nestingBeyond(text)
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep)
    return Either.left(
      new ConfigInvalid({
        path,
        issues: [
          `JSON5 parse failed at line ${line}, column ${column}: nested more than ${MAX_NESTING} levels deep`
        ]
      })
    )
  }
  return Effect.flatMap(loadJson5, ({ JsonParseError, parseJson5Object }) => {
    try {
      const tree = parseJson5Object(text)
      return Either.right({ exists: true, tree, raw: tree.toJSON() as JsonObject })
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
      return Either.left(new ConfigInvalid({ path, issues: [`JSON5 parse failed${where}: ${reason}`] }))
    }
  })
}

/** Parses what a source holds; a parse error names line and column, as an editor would show them. */
export const parseStored = (path: string, stored: unknown): Effect.Effect<ParsedConfig, ConfigInvalid> => {
  if (stored === undefined) return Either.right({ exists: false, tree: undefined, raw: {} })
  if (typeof stored === "string") return parseText(path, stored)
  // A host's document is typed as an object, but nothing at run time stops an array or null.
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
    const got = stored === null ? "null" : Array.isArray(stored) ? "an array" : `a ${typeof stored}`
    return Either.left(
      new ConfigInvalid({ path, issues: [`<root>: the top level must be an object, got ${got}`] })
    )
  }
  return Either.right({ exists: true, tree: undefined, raw: stored as JsonObject })
}

/** Text for the next document: the original tree reconciled with the new value, or fresh 2-space JSON. */
const render = (tree: JsonObjectNode | undefined, next: JsonObject): Effect.Effect<string> =>
  Effect.map(loadJson5, ({ isBlank, reconcile }) => {
    if (tree === undefined || isBlank(tree)) return `${JSON.stringify(next, null, 2)}\n`
    const text = reconcile(tree.clone(), next).toString()
    return text.endsWith("\n") ? text : `${text}\n`
  })

/** Edits keep key order, so equal documents serialise equally; a false "different" only costs a write. */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/**
 * The ConfigStore service over `source`, with `${VAR}` taken from `env` (the Environment service's `get`).
 * A step that fails, or whose result does not validate, stores nothing.
 */
export const makeConfigStore = (
  source: ConfigSource,
  env: (name: string) => string | undefined
): ConfigStore["Type"] => {
  const { path } = source

  // `$include` (spec §1.1) is not expanded yet. It belongs here, before substitution, resolved through the
  // source the document came from (the file layer: paths relative to the config file; a backend: a loader it
  // supplies); `raw` stays the document as written, so an edit never inlines an included file.
  const decode = (raw: JsonObject): Either.Either<ConfigSnapshot["config"], ReadonlyArray<string>> => {
    const substituted = substituteEnv(raw, env)
    if (substituted.issues.length > 0) return Either.left(substituted.issues)
    return Either.mapLeft(decodeConfig(substituted.value), schemaIssues)
  }

  const snapshotOf = (parsed: ParsedConfig): Either.Either<ConfigSnapshot, ConfigInvalid> =>
    Either.map(
      Either.mapLeft(decode(parsed.raw), (issues) => new ConfigInvalid({ path, issues })),
      (config) => ({ path, exists: parsed.exists, raw: parsed.raw, config })
    )

  const read = Effect.flatMap(source.load, snapshotOf).pipe(Effect.withSpan("ConfigStore.read"))

  const modify = <A, E, R>(
    edit: (snapshot: ConfigSnapshot) => Effect.Effect<readonly [JsonObject, A], E, R>
  ) =>
    source
      .update((parsed) =>
        Effect.gen(function* () {
          const snapshot = yield* snapshotOf(parsed)
          const [edited, result] = yield* edit(snapshot)
          if (sameJson(edited, snapshot.raw)) return [result, undefined] as const
          const next = source.beforeWrite?.(edited) ?? edited
          yield* Either.mapLeft(
            decode(next),
            (issues) =>
              new ConfigInvalid({ path, issues: issues.map((i) => `Config validation failed: ${i}`) })
          )
          return [result, { text: yield* render(parsed.tree, next), document: next }] as const
        })
      )
      .pipe(Effect.withSpan("ConfigStore.modify"))

  return { path, read, modify }
}
