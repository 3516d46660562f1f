/**
 * One ConfigStore over any source (the file, a host's load/save pair, a SubscriptionRef, memory): parsing, the
 * load pipeline (spec §1.1: parse → `$include` → `${VAR}` → schema), validation of an edit and the lossless
 * text of its result. A layer only says where the config is stored and how an update is kept exclusive.
 */
import type { JsonObjectNode, JsonValueNode } from "@croct/json5-parser"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ClawdbotConfig } from "../../domain/config.js"
import { type JsonObject, sameDocument } from "../../domain/configEdit.js"
import { substituteEnv } from "../../domain/configEnv.js"
import {
  expandIncludes,
  hasInclude,
  type IncludedFile,
  type Origin,
  planIncludeWrite,
  type ResolvePath
} from "../../domain/configIncludes.js"
import { configIssues } from "../../domain/configIssues.js"
import { misspeltKeys, misspeltKeyWarning } from "../../domain/configKeys.js"
import { ConfigInvalid, StateFileError } from "../../domain/errors.js"
import { lineAndColumn, MAX_NESTING, nestingBeyond } from "../../domain/jsonNesting.js"
import type { ConfigSnapshot, ConfigStore } from "../../services/ConfigStore.js"
import { Reporter } from "../../services/Reporter.js"
import { type Json5, loadJson5 } from "./json5Loader.js"

/** What a source holds: JSON5 text, a document already parsed, or nothing yet (`undefined`). */
export type StoredConfig = string | JsonObject | undefined

/** A stored config, parsed but not yet substituted or validated. */
export interface ParsedConfig {
  readonly exists: boolean
  /** The syntax tree of stored text, which edits reconcile so comments and key order stay. */
  readonly tree: JsonObjectNode | undefined
  /** The document as written: `$include` directives not expanded. */
  readonly raw: JsonObject
}

/** An included file as read: its syntax tree (edits reconcile it too) and its value. */
interface IncludedDocument {
  readonly tree: JsonValueNode
  readonly raw: unknown
}

/** A config whose document carries `$include`: the files it includes, and the merged document with its origins. */
interface ExpandedConfig extends ParsedConfig {
  readonly included?: {
    readonly files: ReadonlyMap<string, IncludedDocument>
    readonly merged: JsonObject
    readonly origin: Origin
    readonly resolve: ResolvePath
  }
}

/** How a source reads the files its config includes (the file layer: paths relative to the including file). */
export interface IncludeReader {
  readonly resolve: ResolvePath
  /** The text of an included file; `undefined` when it does not exist. */
  readonly read: (file: string) => Effect.Effect<string | undefined, StateFileError>
}

/** An included file an edit changed, as text to store (its own comments and formatting kept). */
export interface IncludeWrite {
  readonly file: string
  readonly text: string
}

/** An accepted edit as it is stored: the loaded text edited in place (or fresh 2-space JSON), and its value. */
export interface ConfigWrite {
  readonly text: string
  readonly document: JsonObject
}

/**
 * One update: from the current config, a result and what to store (`undefined`: store nothing), plus the included
 * files the edit changed (only for a source that reads includes).
 */
export type UpdateStep<A, E, R> = (
  current: ParsedConfig
) => Effect.Effect<readonly [A, ConfigWrite | undefined, ReadonlyArray<IncludeWrite>?], E, R>

/** Where a config is stored; `update` runs a step with no other update of the same source in between. */
export interface ConfigSource {
  readonly path: string
  /** How `$include` is followed; without it, a config that has one is refused with a clear error. */
  readonly includes?: IncludeReader
  readonly load: Effect.Effect<ParsedConfig, ConfigInvalid | StateFileError>
  readonly update: <A, E, R>(
    step: UpdateStep<A, E, R>
  ) => Effect.Effect<A, E | ConfigInvalid | StateFileError, R>
  /**
   * What every write also changes in the document (a migration), applied only to an edit that changed it:
   * the document to store, and an effect to run once the edit has validated and its writes are planned, before
   * any file is written (e.g. recording elsewhere what the migration takes out of the config).
   */
  readonly beforeWrite?: (next: JsonObject) => MigratedWrite
}

/** A document a migration changed, and what must be saved before it is written. */
export interface MigratedWrite {
  readonly document: JsonObject
  readonly beforeSave?: Effect.Effect<void, StateFileError>
}

const decodeConfig = Schema.decodeUnknownEither(ClawdbotConfig, { errors: "all" })

/** The value at `path` of a document, `undefined` where there is none. */
const valueAt = (document: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    document
  )

/** The issues of a decoded document; a value is shown only as written in `raw`, never one a `${VAR}` put there. */
const schemaIssues = (error: ParseResult.ParseError, raw: unknown): ReadonlyArray<string> =>
  configIssues(error.issue, (path, value) => valueAt(raw, path) === value)

/**
 * The parser's message without the text it quotes (`Unexpected token 'sk-live-…'`): a config holds API keys,
 * and the line and column already say where to look.
 */
const unquoted = (detail: string): string =>
  detail
    .replace(/^Unexpected token ''$/, "the file ends early (a closing bracket or a value is missing)")
    .replace(/^Expected .*, but got EOF$/s, "the file ends early (a closing bracket or a value is missing)")
    .replace(/^Unexpected token '["']'$/, "a string is not closed on its line")
    .replace(/^Unexpected token '.{2,}'$/s, "Unexpected text")
    .replace(
      /^Invalid string at \d+:\d+: (.*)$/s,
      (_, inner: string) =>
        `Invalid string (${inner.replace(/, (\.\.\.)?".*$/s, "").replace(/ (in JSON )?at position \d+.*$/s, "")})`
    )

/**
 * The syntax tree of JSON5 text, or why it is not one: the line and column, and the parser's reason without the
 * text it quotes. (The parser is loaded on the first parse, not with the library: bench/README.md.)
 */
const parseTree = <T>(
  text: string,
  parse: (json5: Json5, text: string) => T
): Effect.Effect<Either.Either<T, string>> => {
  const tooDeep = nestingBeyond(text)
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep)
    return Effect.succeed(
      Either.left(
        `JSON5 parse failed at line ${line}, column ${column}: nested more than ${MAX_NESTING} levels deep`
      )
    )
  }
  return Effect.map(loadJson5, (json5) => {
    try {
      return Either.right(parse(json5, text))
    } catch (error) {
      const { JsonParseError } = json5
      const where =
        error instanceof JsonParseError
          ? ` at line ${error.location.start.line}, column ${error.location.start.column}`
          : ""
      // Other errors are our own words (parseJson5Object: the top level is not an object).
      const reason =
        error instanceof Error ? unquoted(error.message.replace(/ at \d+:\d+\.?$/, "")) : String(error)
      return Either.left(`JSON5 parse failed${where}: ${reason}`)
    }
  })
}

const parseText = (path: string, text: string): Effect.Effect<ParsedConfig, ConfigInvalid> => {
  if (text.trim() === "") return Either.right({ exists: true, tree: undefined, raw: {} })
  return Effect.flatMap(
    parseTree(text, (json5, source) => json5.parseJson5Object(source)),
    Either.match({
      onLeft: (issue) => Either.left(new ConfigInvalid({ path, issues: [issue] })),
      onRight: (tree) => Either.right({ exists: true, tree, raw: tree.toJSON() as JsonObject })
    })
  )
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
    const fresh = `${JSON.stringify(next, null, 2)}\n`
    if (tree === undefined || isBlank(tree)) return fresh
    // A file of only comments (parsed as the comments and `{}`): the comments stay on top of fresh JSON.
    const commentsOnly = tree.properties.length === 0 ? /^([\s\S]*?)\s*\{\}\s*$/.exec(tree.toString()) : null
    if (commentsOnly !== null) return `${commentsOnly[1]}\n${fresh}`
    const text = reconcile(tree.clone(), next).toString()
    return text.endsWith("\n") ? text : `${text}\n`
  })

const renderIncluded = (tree: JsonValueNode, next: unknown): Effect.Effect<string> =>
  Effect.map(loadJson5, ({ reconcile }) => {
    const text = reconcile(tree.clone(), next).toString()
    return text.endsWith("\n") ? text : `${text}\n`
  })

/** An included file read and parsed, or why not (naming its path); its tree is kept for edits. */
const readIncluded = (
  reader: IncludeReader,
  file: string
): Effect.Effect<readonly [IncludedFile, IncludedDocument | undefined]> =>
  Effect.gen(function* () {
    const failed = (reason: string) => [{ _tag: "Failed", reason } as const, undefined] as const
    const text = yield* Effect.either(reader.read(file))
    if (Either.isLeft(text)) return failed(`cannot read ${file}: ${text.left.reason}`)
    if (text.right === undefined) return failed(`${file} does not exist`)
    if (text.right.trim() === "") return failed(`${file} is empty`)
    const tree = yield* parseTree(text.right, (json5, source) => json5.parseJson5Value(source))
    if (Either.isLeft(tree)) return failed(`${file}: ${tree.left}`)
    const raw = tree.right.toJSON()
    return [
      { _tag: "Loaded", value: raw },
      { tree: tree.right, raw }
    ] as const
  })

/**
 * `parsed` with its `$include` directives followed (spec §1.1: before `${VAR}` substitution). Every included file
 * is read once per load; any problem (a missing or unreadable file, a parse error, a cycle, too deep) is one
 * ConfigInvalid line naming the files.
 */
const expandParsed = (
  path: string,
  parsed: ParsedConfig,
  reader: IncludeReader | undefined
): Effect.Effect<ExpandedConfig, ConfigInvalid> => {
  if (!hasInclude(parsed.raw)) return Effect.succeed(parsed)
  if (reader === undefined) {
    return Effect.fail(
      new ConfigInvalid({
        path,
        issues: [
          "$include: this config source does not follow includes (only the config file layer reads included files); expand them before handing the config over"
        ]
      })
    )
  }
  return Effect.gen(function* () {
    const read = new Map<string, IncludedFile>()
    const files = new Map<string, IncludedDocument>()
    for (;;) {
      const expansion = expandIncludes(parsed.raw, path, read, reader.resolve)
      if (expansion._tag === "Invalid") return yield* new ConfigInvalid({ path, issues: [expansion.issue] })
      if (expansion._tag === "Expanded") {
        const { value: merged, origin } = expansion
        return { ...parsed, included: { files, merged, origin, resolve: reader.resolve } }
      }
      const [file, document] = yield* readIncluded(reader, expansion.file)
      read.set(expansion.file, file)
      if (document !== undefined) files.set(expansion.file, document)
    }
  })
}

/**
 * The ConfigStore service over `source`, with `${VAR}` taken from `env` (the Environment service's `get`).
 * A step that fails, or whose result does not validate, stores nothing.
 */
export const makeConfigStore = (
  source: ConfigSource,
  env: (name: string) => string | undefined
): ConfigStore["Type"] => {
  const { path } = source

  const decode = (raw: JsonObject): Either.Either<ConfigSnapshot["config"], ReadonlyArray<string>> => {
    const substituted = substituteEnv(raw, env)
    if (substituted.issues.length > 0) return Either.left(substituted.issues)
    return Either.mapLeft(decodeConfig(substituted.value), (error) => schemaIssues(error, raw))
  }

  const expand = (parsed: ParsedConfig) => expandParsed(path, parsed, source.includes)

  // `raw` is the merged document when the config includes files: edits see every key, and `write` puts each
  // change back into the file it came from.
  const snapshotOf = (parsed: ExpandedConfig): Either.Either<ConfigSnapshot, ConfigInvalid> => {
    const raw = parsed.included?.merged ?? parsed.raw
    return Either.map(
      Either.mapLeft(decode(raw), (issues) => new ConfigInvalid({ path, issues })),
      (config) => ({ path, exists: parsed.exists, raw, config })
    )
  }

  /** What to store for the edited document `next`: the main file's text and the included files' that changed. */
  const write = (parsed: ExpandedConfig, next: JsonObject) =>
    Effect.gen(function* () {
      const included = parsed.included
      if (included === undefined) {
        return [{ text: yield* render(parsed.tree, next), document: next }, []] as const
      }
      const documents = new Map<string, unknown>([[path, parsed.raw]])
      for (const [file, document] of included.files) documents.set(file, document.raw)
      const plan = planIncludeWrite(
        { rootFile: path, documents, resolve: included.resolve },
        { value: included.merged, origin: included.origin },
        next
      )
      if (plan._tag === "Refused") {
        return yield* new StateFileError({
          path,
          operation: "write",
          reason: `${plan.reason}; nothing was written`
        })
      }
      const includeWrites: Array<IncludeWrite> = []
      for (const [file, document] of plan.documents) {
        const tree = included.files.get(file)?.tree
        if (tree !== undefined) includeWrites.push({ file, text: yield* renderIncluded(tree, document) })
      }
      const main = plan.documents.get(path) as JsonObject | undefined
      const mainWrite =
        main === undefined ? undefined : { text: yield* render(parsed.tree, main), document: main }
      return [mainWrite, includeWrites] as const
    })

  // Each near-miss key is named once per store (once per run for the CLI), however often the config is read.
  const warned = new Set<string>()
  const warnMisspelt = (snapshot: ConfigSnapshot) =>
    Effect.flatMap(Reporter, (reporter) =>
      Effect.forEach(
        misspeltKeys(snapshot.raw).filter((key) => !warned.has(key.path)),
        (key) => {
          warned.add(key.path)
          return reporter.warn(misspeltKeyWarning(key, path))
        },
        { discard: true }
      )
    )

  const read = Effect.flatMap(source.load, expand).pipe(
    Effect.flatMap(snapshotOf),
    Effect.tap(warnMisspelt),
    Effect.withSpan("ConfigStore.read")
  )

  const modify = <A, E, R>(
    edit: (snapshot: ConfigSnapshot) => Effect.Effect<readonly [JsonObject, A], E, R>
  ) =>
    source
      .update((current) =>
        Effect.gen(function* () {
          const parsed = yield* expand(current)
          const snapshot = yield* snapshotOf(parsed)
          yield* warnMisspelt(snapshot)
          const [edited, result] = yield* edit(snapshot)
          if (sameDocument(edited, snapshot.raw)) return [result, undefined] as const
          const migrated = source.beforeWrite?.(edited)
          const next = migrated?.document ?? edited
          yield* Either.mapLeft(
            decode(next),
            (issues) =>
              new ConfigInvalid({ path, issues: issues.map((i) => `Config validation failed: ${i}`) })
          )
          const [mainWrite, includeWrites] = yield* write(parsed, next)
          if (migrated?.beforeSave !== undefined) yield* migrated.beforeSave
          return [result, mainWrite, includeWrites] as const
        })
      )
      .pipe(Effect.withSpan("ConfigStore.modify"))

  return { path, read, modify }
}
