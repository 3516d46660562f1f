/**
 * Reads a `clawdbot.json` the way the reference CLI does, to check that what this tool writes keeps the reference
 * working (issue 11, "round-trip tests"). Deliberately independent of src/: the `json5` package the reference
 * parses with, its `$include` rules (relative paths, nested, siblings deep-merged over the included value, arrays
 * concatenated, objects merged, later primitives win), and a STRICT schema of the sections the models commands
 * touch: an unknown key there (`auth.store`, a key named `undefined`) is an error, as the reference's schema makes
 * it ("Config invalid"). Sections this tool never writes are accepted as they are.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import JSON5 from "json5"

const strict = { onExcessProperty: "error" } as const

const ModelSelection = Schema.Struct({
  primary: Schema.optional(Schema.String),
  fallbacks: Schema.optional(Schema.Array(Schema.String))
})

const AllowlistEntry = Schema.Struct({
  alias: Schema.optional(Schema.String),
  params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

const Defaults = Schema.Struct(
  {
    model: Schema.optional(ModelSelection),
    imageModel: Schema.optional(ModelSelection),
    models: Schema.optional(Schema.Record({ key: Schema.String, value: AllowlistEntry }))
  },
  // Every other `agents.defaults` key (workspace, cliBackends, sandbox, …) belongs to parts of the reference this
  // tool never writes.
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

const AgentEntry = Schema.Struct(
  {
    id: Schema.String,
    model: Schema.optional(Schema.Union(Schema.String, ModelSelection)),
    imageModel: Schema.optional(Schema.Union(Schema.String, ModelSelection))
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

const Auth = Schema.Struct({
  profiles: Schema.optional(
    Schema.Record({
      key: Schema.String,
      value: Schema.Struct({
        provider: Schema.String,
        mode: Schema.Literal("api_key", "oauth", "token"),
        email: Schema.optional(Schema.String)
      })
    })
  ),
  order: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })),
  cooldowns: Schema.optional(
    Schema.Struct({
      billingBackoffHours: Schema.optional(Schema.Number),
      billingBackoffHoursByProvider: Schema.optional(
        Schema.Record({ key: Schema.String, value: Schema.Number })
      ),
      billingMaxHours: Schema.optional(Schema.Number),
      failureWindowHours: Schema.optional(Schema.Number)
    })
  )
})

const Provider = Schema.Struct({
  baseUrl: Schema.String,
  apiKey: Schema.optional(Schema.String),
  auth: Schema.optional(Schema.Literal("api-key", "aws-sdk", "oauth", "token")),
  api: Schema.optional(Schema.String),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  authHeader: Schema.optional(Schema.Boolean),
  models: Schema.optional(
    Schema.Array(
      Schema.Struct({ id: Schema.String }, Schema.Record({ key: Schema.String, value: Schema.Unknown }))
    )
  )
})

const Env = Schema.Struct(
  {
    shellEnv: Schema.optional(
      Schema.Struct({ enabled: Schema.optional(Schema.Boolean), timeoutMs: Schema.optional(Schema.Number) })
    ),
    vars: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
  },
  // Other keys are variables (`env: { GROQ_API_KEY: "…" }`). An index signature also covers the named keys, so it
  // admits objects; their own fields above check them.
  Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Object) })
)

/** Top-level sections of the reference config (clawdbot 2026.1.x); everything else is rejected. */
const OTHER_SECTIONS = [
  "$schema",
  "wizard",
  "diagnostics",
  "logging",
  "update",
  "browser",
  "ui",
  "nodeHost",
  "tools",
  "bindings",
  "broadcast",
  "audio",
  "media",
  "messages",
  "commands",
  "approvals",
  "session",
  "cron",
  "hooks",
  "web",
  "channels",
  "discovery",
  "canvasHost",
  "talk",
  "gateway",
  "skills",
  "plugins"
] as const

export const ReferenceConfig = Schema.Struct({
  meta: Schema.optional(
    Schema.Struct({
      lastTouchedVersion: Schema.optional(Schema.String),
      lastTouchedAt: Schema.optional(Schema.String)
    })
  ),
  env: Schema.optional(Env),
  auth: Schema.optional(Auth),
  models: Schema.optional(
    Schema.Struct({
      mode: Schema.optional(Schema.Literal("merge", "replace")),
      providers: Schema.optional(Schema.Record({ key: Schema.String, value: Provider }))
    })
  ),
  agents: Schema.optional(
    Schema.Struct({
      defaults: Schema.optional(Defaults),
      list: Schema.optional(Schema.Array(AgentEntry))
    })
  ),
  ...Object.fromEntries(OTHER_SECTIONS.map((key) => [key, Schema.optional(Schema.Unknown)]))
})

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** The reference's include merge: arrays concatenate, objects merge recursively, the later primitive wins. */
export const referenceDeepMerge = (target: unknown, source: unknown): unknown => {
  if (Array.isArray(target) && Array.isArray(source)) return [...target, ...source]
  if (isPlainObject(target) && isPlainObject(source)) {
    const merged: Record<string, unknown> = { ...target }
    for (const [key, value] of Object.entries(source)) {
      merged[key] = key in merged ? referenceDeepMerge(merged[key], value) : value
    }
    return merged
  }
  return source
}

const expandIncludes = (value: unknown, file: string, chain: ReadonlyArray<string>): unknown => {
  if (Array.isArray(value)) return value.map((item) => expandIncludes(item, file, chain))
  if (!isPlainObject(value)) return value
  const expanded: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key !== "$include") expanded[key] = expandIncludes(item, file, chain)
  }
  if (!("$include" in value)) return expanded
  const targets = value.$include
  const list = typeof targets === "string" ? [targets] : targets
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
    throw new Error(`${file}: invalid $include value`)
  }
  const included = (list as ReadonlyArray<string>).reduce<unknown>((merged, target) => {
    const resolved = path.resolve(path.dirname(file), target)
    if (chain.includes(resolved)) throw new Error(`Circular include: ${[...chain, resolved].join(" -> ")}`)
    const parsed = JSON5.parse(fs.readFileSync(resolved, "utf8"))
    return referenceDeepMerge(merged, expandIncludes(parsed, resolved, [...chain, resolved]))
  }, {})
  if (Object.keys(expanded).length === 0) return included
  if (!isPlainObject(included)) throw new Error(`${file}: sibling keys need an object include`)
  return referenceDeepMerge(included, expanded)
}

/** The config at `file` as the reference loads it: parsed, includes expanded. Throws like the reference would. */
export const loadAsReference = (file: string): unknown => {
  const parsed = JSON5.parse(fs.readFileSync(file, "utf8"))
  return expandIncludes(parsed, path.resolve(file), [path.resolve(file)])
}

/**
 * `Right(config)` when the reference would accept the file, else `Left(issues)`, one `path: message` per issue
 * (a file it cannot parse or include is one issue).
 */
export const decodeAsReference = (file: string): Either.Either<unknown, ReadonlyArray<string>> => {
  let loaded: unknown
  try {
    loaded = loadAsReference(file)
  } catch (error) {
    return Either.left([error instanceof Error ? error.message : String(error)])
  }
  return Either.mapLeft(
    Schema.decodeUnknownEither(ReferenceConfig, { errors: "all", ...strict })(loaded),
    (error) =>
      ParseResult.ArrayFormatter.formatErrorSync(error).map(
        (issue) => `${issue.path.length === 0 ? "<root>" : issue.path.join(".")}: ${issue.message}`
      )
  )
}
