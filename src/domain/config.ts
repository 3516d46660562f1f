/**
 * The parts of `clawdbot.json` this tool reads (spec §1.2), as Schemas, plus pure read helpers.
 * Real configs carry many other sections: decoding ignores keys it does not know, and edits are made on the
 * raw document (src/domain/configEdit.ts), so nothing unknown is ever dropped.
 */
import * as Schema from "effect/Schema"
import { describeValue, ShowsModelRefId } from "./configIssues.js"
import {
  type AliasIndex,
  buildAliasIndex,
  type ConfiguredAlias,
  configuredAliases,
  DEFAULT_MODEL_KEY,
  modelRefWriteProblem,
  normalizeProviderId,
  resolveModelInput
} from "./modelRef.js"

const StringList = Schema.Array(Schema.String)

/** A model reference (`provider/model` or an alias): a wrong value may be shown in an issue, it is no secret. */
const ModelRefString = Schema.String.annotations({
  description: 'a "provider/model" string',
  [ShowsModelRefId]: true
})
const ModelRefList = Schema.Array(ModelRefString).annotations({
  description: 'a list of "provider/model" strings',
  [ShowsModelRefId]: true
})

/**
 * An optional key that may be absent but not `undefined` (JSON5 has no `undefined`). Unlike `Schema.optional`,
 * a wrong value then yields one issue at its own path, not also an `Expected undefined, actual {…}` issue at
 * every enclosing key — which quoted whole sections of the file, API keys included, in the error.
 */
const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** Keys that hold secrets (API keys, auth headers, env values): a wrong value is described, never quoted. */
const SecretString = Schema.String.annotations({
  description: "a string",
  message: () => "Expected a string (value not shown)"
})
const SecretMap = Schema.Record({ key: Schema.String, value: SecretString }).annotations({
  description: "an object of strings",
  message: () => "Expected an object of strings (value not shown)"
})

/** `model` may be a bare string (older configs) or `{ primary, fallbacks }`. */
export const ModelSelection = Schema.Union(
  ModelRefString,
  Schema.Struct({
    primary: optional(ModelRefString),
    fallbacks: optional(ModelRefList)
  })
).annotations({
  description: 'a "provider/model" string or { primary, fallbacks }',
  [ShowsModelRefId]: true
})
export type ModelSelection = typeof ModelSelection.Type

export const AllowlistEntry = Schema.Struct({
  alias: optional(Schema.String),
  params: optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}).annotations({ description: 'an object such as { alias: "fast" } (or {})' })

export const AgentEntry = Schema.Struct({
  id: Schema.String,
  default: optional(Schema.Boolean),
  agentDir: optional(Schema.String),
  workspace: optional(Schema.String),
  model: optional(ModelSelection),
  imageModel: optional(ModelSelection)
}).annotations({ description: 'an agent such as { id: "main", model: "provider/model" }' })

export const ProviderApi = Schema.String
export const CustomModel = Schema.Struct({
  id: Schema.String,
  name: optional(Schema.String),
  api: optional(ProviderApi),
  reasoning: optional(Schema.Boolean),
  input: optional(Schema.Array(Schema.String)),
  cost: optional(
    Schema.Struct({
      input: optional(Schema.Number),
      output: optional(Schema.Number),
      cacheRead: optional(Schema.Number),
      cacheWrite: optional(Schema.Number)
    })
  ),
  contextWindow: optional(Schema.Number),
  maxTokens: optional(Schema.Number),
  headers: optional(SecretMap)
}).annotations({ description: 'a model such as { id: "model-id" }' })
export type CustomModel = typeof CustomModel.Type

export const ProviderConfig = Schema.Struct({
  baseUrl: optional(Schema.String),
  apiKey: optional(SecretString),
  auth: optional(Schema.Literal("api-key", "aws-sdk", "oauth", "token")),
  api: optional(ProviderApi),
  headers: optional(SecretMap),
  authHeader: optional(Schema.Boolean),
  models: optional(Schema.Array(CustomModel))
}).annotations({ description: "a provider such as { baseUrl, apiKey, api, models }" })
export type ProviderConfig = typeof ProviderConfig.Type

export const AuthProfileMeta = Schema.Struct({
  provider: Schema.String,
  mode: Schema.Literal("api_key", "oauth", "token"),
  email: optional(Schema.String)
}).annotations({ description: 'a profile such as { provider: "anthropic", mode: "api_key" }' })

/** Keys of `env` that are not variables (spec §1.2, §5.2). */
const ENV_SECTION_KEYS = new Set(["shellEnv", "vars"])

/**
 * The `env` section (spec §5.2): `shellEnv`, `vars`, and any other key is a variable whose value must be a string,
 * as the reference's schema has it. The other keys are checked by a filter, not an index signature, which would
 * also apply to `shellEnv`; a wrong value is named, never quoted (it may be a key).
 */
const EnvSection = Schema.Struct(
  {
    shellEnv: optional(
      Schema.Struct({ enabled: optional(Schema.Boolean), timeoutMs: optional(Schema.Number) })
    ),
    vars: optional(SecretMap)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).pipe(
  Schema.filter((section) =>
    Object.entries(section).flatMap(([key, value]) =>
      ENV_SECTION_KEYS.has(key) || typeof value === "string"
        ? []
        : [{ path: [key], message: `expected a string, got ${describeValue(value)}` }]
    )
  )
)

export const ClawdbotConfig = Schema.Struct({
  agents: optional(
    Schema.Struct({
      defaults: optional(
        Schema.Struct({
          model: optional(ModelSelection),
          imageModel: optional(ModelSelection),
          models: optional(Schema.Record({ key: Schema.String, value: AllowlistEntry })),
          workspace: optional(Schema.String),
          /** Local CLI backends (`claude-cli`, ...): only their ids matter here. */
          cliBackends: optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
        })
      ),
      list: optional(Schema.Array(AgentEntry))
    })
  ),
  models: optional(
    Schema.Struct({
      mode: optional(Schema.Literal("merge", "replace")),
      providers: optional(Schema.Record({ key: Schema.String, value: ProviderConfig }))
    })
  ),
  auth: optional(
    Schema.Struct({
      profiles: optional(Schema.Record({ key: Schema.String, value: AuthProfileMeta })),
      order: optional(
        Schema.Record({
          key: Schema.String,
          value: StringList.annotations({ description: "a list of profile ids" })
        })
      ),
      /**
       * The keychain opt-in of older versions (domain/keyRef.ts). The reference rejects the key, so it is read
       * until the next config write moves it to this tool's settings (domain/settings.ts).
       */
      store: optional(Schema.Literal("file", "keychain"))
    })
  ),
  env: optional(EnvSection)
})
export type ClawdbotConfig = typeof ClawdbotConfig.Type

/** `{ primary, fallbacks }` view of a model selection. */
export const selectionParts = (
  selection: ModelSelection | undefined
): { readonly primary: string | undefined; readonly fallbacks: ReadonlyArray<string> } => {
  if (selection === undefined) return { primary: undefined, fallbacks: [] }
  if (typeof selection === "string") return { primary: selection.trim() || undefined, fallbacks: [] }
  return { primary: selection.primary?.trim() || undefined, fallbacks: selection.fallbacks ?? [] }
}

/** `apiKey` from the config: a literal, or the name of an env var holding it (spec §1.5). `!command` is not run. */
export const configApiKey = (
  provider: string,
  config: ClawdbotConfig,
  env: (name: string) => string | undefined
): string | undefined => {
  const entry = Object.entries(config.models?.providers ?? {}).find(
    ([p]) => normalizeProviderId(p) === provider
  )?.[1]
  const raw = entry?.apiKey?.trim()
  if (!raw || raw.startsWith("!")) return undefined
  if (/^[A-Z_][A-Z0-9_]*$/.test(raw)) return env(raw)?.trim() || undefined
  return raw
}

export const allowlist = (config: ClawdbotConfig) => config.agents?.defaults?.models ?? {}

export const aliasIndexOf = (config: ClawdbotConfig): AliasIndex => buildAliasIndex(allowlist(config))

/** The configured models' aliases, built-in ones included (spec §2.5), in config order. */
export const aliasesOfConfig = (config: ClawdbotConfig): ReadonlyArray<ConfiguredAlias> =>
  configuredAliases(allowlist(config))

/** `{ alias: key as written }`, built-in aliases included; a later duplicate of the same spelling wins. */
export const aliasMap = (config: ClawdbotConfig): Readonly<Record<string, string>> =>
  Object.fromEntries(aliasesOfConfig(config).map(({ alias, key }) => [alias, key]))

/**
 * The configured primaries as canonical keys (aliases and `${VAR}` resolved): the default and image model of the
 * defaults and of every listed agent. One that is not a model reference, or not one we would write, is left out.
 */
export const configuredPrimaryKeys = (config: ClawdbotConfig): ReadonlyArray<string> => {
  const index = aliasIndexOf(config)
  const selections = [
    config.agents?.defaults?.model,
    config.agents?.defaults?.imageModel,
    ...(config.agents?.list ?? []).flatMap((agent) => [agent.model, agent.imageModel])
  ]
  const keys = selections.flatMap((selection) => {
    const { primary } = selectionParts(selection)
    if (primary === undefined) return []
    const resolved = resolveModelInput(primary, index)
    return resolved._tag === "Right" && modelRefWriteProblem(resolved.right.key) === undefined
      ? [resolved.right.key]
      : []
  })
  return [...new Set(keys)]
}

/** Configured default model key, resolved through aliases; `anthropic/claude-opus-4-5` if unset (§2.4). */
export const resolvedDefaultKey = (config: ClawdbotConfig, index = aliasIndexOf(config)): string => {
  const { primary } = selectionParts(config.agents?.defaults?.model)
  if (primary === undefined) return DEFAULT_MODEL_KEY
  const resolved = resolveModelInput(primary, index)
  return resolved._tag === "Right" ? resolved.right.key : DEFAULT_MODEL_KEY
}

/**
 * The value the config's `env` section gives a variable (spec §5.2): a non-blank string directly under `env` (not
 * `shellEnv`/`vars`), else a non-empty `env.vars` entry, as the reference copies them in. Only for variables the
 * environment leaves unset or blank; the caller decides that, and which variables the config may set at all.
 */
export const configEnvValue = (config: ClawdbotConfig, name: string): string | undefined => {
  const section = config.env
  if (section === undefined) return undefined
  const direct = ENV_SECTION_KEYS.has(name) ? undefined : section[name]
  if (typeof direct === "string" && direct.trim() !== "") return direct
  const fromVars = section.vars?.[name]
  return fromVars === undefined || fromVars === "" ? undefined : fromVars
}
