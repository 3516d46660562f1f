/**
 * The parts of `clawdbot.json` this tool reads (spec §1.2), as Schemas, plus pure read helpers.
 * Real configs carry many other sections: decoding ignores keys it does not know, and edits are made on the
 * raw document (src/domain/configEdit.ts), so nothing unknown is ever dropped.
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  type AliasIndex,
  buildAliasIndex,
  DEFAULT_MODEL_KEY,
  normalizeProviderId,
  resolveModelInput
} from "./modelRef.js"

const StringList = Schema.Array(Schema.String)

/** `model` may be a bare string (older configs) or `{ primary, fallbacks }`. */
export const ModelSelection = Schema.Union(
  Schema.String,
  Schema.Struct({
    primary: Schema.optional(Schema.String),
    fallbacks: Schema.optional(StringList)
  })
)
export type ModelSelection = typeof ModelSelection.Type

export const AllowlistEntry = Schema.Struct({
  alias: Schema.optional(Schema.String),
  params: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})

export const AgentEntry = Schema.Struct({
  id: Schema.String,
  default: Schema.optional(Schema.Boolean),
  agentDir: Schema.optional(Schema.String),
  workspace: Schema.optional(Schema.String),
  model: Schema.optional(ModelSelection)
})

export const ProviderApi = Schema.String
export const CustomModel = Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.String),
  api: Schema.optional(ProviderApi),
  reasoning: Schema.optional(Schema.Boolean),
  input: Schema.optional(Schema.Array(Schema.String)),
  cost: Schema.optional(
    Schema.Struct({
      input: Schema.optional(Schema.Number),
      output: Schema.optional(Schema.Number),
      cacheRead: Schema.optional(Schema.Number),
      cacheWrite: Schema.optional(Schema.Number)
    })
  ),
  contextWindow: Schema.optional(Schema.Number),
  maxTokens: Schema.optional(Schema.Number),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})
export type CustomModel = typeof CustomModel.Type

export const ProviderConfig = Schema.Struct({
  baseUrl: Schema.optional(Schema.String),
  apiKey: Schema.optional(Schema.String),
  auth: Schema.optional(Schema.Literal("api-key", "aws-sdk", "oauth", "token")),
  api: Schema.optional(ProviderApi),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  authHeader: Schema.optional(Schema.Boolean),
  models: Schema.optional(Schema.Array(CustomModel))
})
export type ProviderConfig = typeof ProviderConfig.Type

export const AuthProfileMeta = Schema.Struct({
  provider: Schema.String,
  mode: Schema.Literal("api_key", "oauth", "token"),
  email: Schema.optional(Schema.String)
})

export const ClawdbotConfig = Schema.Struct({
  agents: Schema.optional(
    Schema.Struct({
      defaults: Schema.optional(
        Schema.Struct({
          model: Schema.optional(ModelSelection),
          imageModel: Schema.optional(ModelSelection),
          models: Schema.optional(Schema.Record({ key: Schema.String, value: AllowlistEntry })),
          workspace: Schema.optional(Schema.String),
          /** Local CLI backends (`claude-cli`, ...): only their ids matter here. */
          cliBackends: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
        })
      ),
      list: Schema.optional(Schema.Array(AgentEntry))
    })
  ),
  models: Schema.optional(
    Schema.Struct({
      mode: Schema.optional(Schema.Literal("merge", "replace")),
      providers: Schema.optional(Schema.Record({ key: Schema.String, value: ProviderConfig }))
    })
  ),
  auth: Schema.optional(
    Schema.Struct({
      profiles: Schema.optional(Schema.Record({ key: Schema.String, value: AuthProfileMeta })),
      order: Schema.optional(Schema.Record({ key: Schema.String, value: StringList })),
      /** Opt-in secure storage: new secrets go to the OS keychain, profiles keep a `keyRef` (domain/keyRef.ts). */
      store: Schema.optional(Schema.Literal("file", "keychain"))
    })
  ),
  env: Schema.optional(
    Schema.Struct({
      shellEnv: Schema.optional(
        Schema.Struct({ enabled: Schema.optional(Schema.Boolean), timeoutMs: Schema.optional(Schema.Number) })
      ),
      vars: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
    })
  )
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

/** Configured default model key, resolved through aliases; `anthropic/claude-opus-4-5` if unset (§2.4). */
export const resolvedDefaultKey = (config: ClawdbotConfig, index = aliasIndexOf(config)): string => {
  const { primary } = selectionParts(config.agents?.defaults?.model)
  if (primary === undefined) return DEFAULT_MODEL_KEY
  const resolved = resolveModelInput(primary, index)
  return resolved._tag === "Right" ? resolved.right.key : DEFAULT_MODEL_KEY
}

const AGENT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i

/** Agent id normalisation (spec §1.3). */
export const normalizeAgentId = (raw: string): string => {
  const trimmed = raw.trim()
  if (AGENT_ID_PATTERN.test(trimmed)) return trimmed
  const cleaned = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
  return cleaned === "" ? "main" : cleaned
}

/** Default agent: first `default: true`, else first entry, else `main` (spec §1.3). */
export const defaultAgentId = (config: ClawdbotConfig): string => {
  const list = config.agents?.list ?? []
  const chosen = list.find((agent) => agent.default === true) ?? list[0]
  return chosen ? normalizeAgentId(chosen.id) : "main"
}

export const agentEntry = (config: ClawdbotConfig, agentId: string) =>
  Option.fromNullable((config.agents?.list ?? []).find((agent) => normalizeAgentId(agent.id) === agentId))
