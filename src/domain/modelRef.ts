/** Model references (spec §2): parsing, normalisation, the alias index and resolution. Pure. */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { excerpt } from "./terminal.js"

export const DEFAULT_PROVIDER = "anthropic"
export const DEFAULT_MODEL = "claude-opus-4-5"
export const DEFAULT_MODEL_KEY = `${DEFAULT_PROVIDER}/${DEFAULT_MODEL}`
export const DEFAULT_CONTEXT_TOKENS = 200_000

export interface ModelRef {
  readonly provider: string
  readonly model: string
}

export const modelKey = (ref: ModelRef): string => `${ref.provider}/${ref.model}`

const PROVIDER_ALIASES: Record<string, string> = {
  "z.ai": "zai",
  "z-ai": "zai",
  "opencode-zen": "opencode",
  qwen: "qwen-portal"
}

export const normalizeProviderId = (raw: string): string => {
  const id = raw.trim().toLowerCase()
  return PROVIDER_ALIASES[id] ?? id
}

const ANTHROPIC_SHORT_NAMES: Record<string, string> = {
  "opus-4.5": "claude-opus-4-5",
  "sonnet-4.5": "claude-sonnet-4-5"
}
const GOOGLE_PREVIEW_NAMES: Record<string, string> = {
  "gemini-3-pro": "gemini-3-pro-preview",
  "gemini-3-flash": "gemini-3-flash-preview"
}

export const normalizeModelId = (provider: string, model: string): string => {
  if (provider === "anthropic") return ANTHROPIC_SHORT_NAMES[model.toLowerCase()] ?? model
  if (provider === "google") return GOOGLE_PREVIEW_NAMES[model] ?? model
  return model
}

/** Parses `provider/model` (split at the first `/`) or a bare model of the default provider. */
export const parseModelRef = (raw: string, defaultProvider = DEFAULT_PROVIDER): Option.Option<ModelRef> => {
  const text = raw.trim()
  if (text === "") return Option.none()
  const slash = text.indexOf("/")
  if (slash === -1) {
    const provider = normalizeProviderId(defaultProvider)
    return Option.some({ provider, model: normalizeModelId(provider, text) })
  }
  const provider = normalizeProviderId(text.slice(0, slash))
  const model = text.slice(slash + 1).trim()
  if (provider === "" || model === "") return Option.none()
  return Option.some({ provider, model: normalizeModelId(provider, model) })
}

/**
 * Longest `provider/model` we write. The longest id in the built-in catalog has 50 characters, in OpenRouter's
 * catalog (371 models) 61; 256 leaves ample room and still keeps a pasted blob or a hostile catalog id out of the
 * config, where every `status` and `list` would print it.
 */
export const MAX_MODEL_REF_LENGTH = 256

// Whitespace (a typo or a line break in the middle), controls, and invisible format/bidi characters.
const NOT_IN_MODEL_REF =
  /[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u

const shownRef = (key: string) => excerpt(key, 60)

/**
 * Why a model key must not be written to the config, else undefined: it holds whitespace, a control or an
 * invisible character, or it is longer than `MAX_MODEL_REF_LENGTH`. The message names the value (escaped,
 * cut) and what is accepted. Applied to every model a command or a scan is about to write.
 */
export const modelRefWriteProblem = (key: string): string | undefined => {
  if (key.length > MAX_MODEL_REF_LENGTH)
    return `Invalid model reference "${shownRef(key)}" (${key.length} characters): at most ${MAX_MODEL_REF_LENGTH} are accepted.`
  const bad = NOT_IN_MODEL_REF.exec(key)?.[0]
  if (bad === undefined) return undefined
  const code = `U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
  const what = `${/\s/u.test(bad) ? "whitespace" : "a control or invisible character"} (${code})`
  return `Invalid model reference "${shownRef(key)}": it contains ${what}. Use provider/model with no spaces (e.g. anthropic/claude-opus-4-5) or an alias.`
}

export interface AliasIndex {
  /** lower-cased alias -> canonical ref */
  readonly byAlias: ReadonlyMap<string, { readonly alias: string; readonly ref: ModelRef }>
  /** canonical key -> aliases, in config order */
  readonly byKey: ReadonlyMap<string, ReadonlyArray<string>>
  /**
   * Built-in aliases (spec §2.5) for targets that are not configured at all, whose name no entry uses.
   * Resolution falls back to them, so `models set opus` on a fresh config means Claude Opus, not `anthropic/opus`
   * (the reference writes the latter). A configured target gets its built-in through `configuredAliases`.
   */
  readonly builtins: ReadonlyMap<string, ModelRef>
}

/** An alias of a configured model: written in its entry, or the built-in one the reference attaches (spec §2.5). */
export interface ConfiguredAlias {
  readonly alias: string
  /** The allowlist key as written. */
  readonly key: string
  readonly builtin: boolean
}

type AllowlistEntries = Readonly<Record<string, { readonly alias?: unknown } | undefined>>

const writtenAlias = (entry: { readonly alias?: unknown } | undefined) =>
  typeof entry?.alias === "string" ? entry.alias.trim() : ""

/**
 * The aliases of the configured models, in config order, as the reference sees them: each entry's own non-blank
 * `alias`, and the built-in alias of an entry whose key is a built-in target and that has no `alias` key at all,
 * unless an entry already uses that name (any case; the user's alias wins). The reference attaches these on every
 * load; we never write them, and an explicit `alias: ""` (what `aliases remove` writes for a built-in) means no
 * alias for both tools.
 */
export const configuredAliases = (models: AllowlistEntries): ReadonlyArray<ConfiguredAlias> => {
  const entries = Object.entries(models)
  const taken = new Set(entries.map(([, entry]) => writtenAlias(entry).toLowerCase()))
  return entries.flatMap(([key, entry]): ReadonlyArray<ConfiguredAlias> => {
    if (entry?.alias !== undefined) {
      const alias = writtenAlias(entry)
      return alias === "" ? [] : [{ alias, key, builtin: false }]
    }
    const builtin = builtinAliasFor(key)
    return builtin === undefined || taken.has(builtin) ? [] : [{ alias: builtin, key, builtin: true }]
  })
}

/** Builds the alias index from `agents.defaults.models` entries (spec §2.3), built-in aliases included (§2.5). */
export const buildAliasIndex = (models: AllowlistEntries): AliasIndex => {
  const byAlias = new Map<string, { alias: string; ref: ModelRef }>()
  for (const { alias, key: rawKey } of configuredAliases(models)) {
    const ref = parseModelRef(rawKey)
    if (Option.isNone(ref)) continue
    // Later duplicates win; re-inserting keeps config order of the winners.
    byAlias.delete(alias.toLowerCase())
    byAlias.set(alias.toLowerCase(), { alias, ref: ref.value })
  }
  // Built from the winners only, so an alias shadowed by a later entry is not listed under its old key.
  const byKey = new Map<string, Array<string>>()
  for (const { alias, ref } of byAlias.values()) {
    const key = modelKey(ref)
    byKey.set(key, [...(byKey.get(key) ?? []), alias])
  }
  const configuredKeys = new Set(
    Object.keys(models).flatMap((rawKey) => Option.toArray(Option.map(parseModelRef(rawKey), modelKey)))
  )
  const builtins = new Map<string, ModelRef>()
  for (const [alias, key] of BUILTIN_ALIASES) {
    if (configuredKeys.has(key) || byAlias.has(alias)) continue
    Option.map(parseModelRef(key), (ref) => builtins.set(alias, ref))
  }
  return { byAlias, byKey, builtins }
}

export interface Resolved {
  readonly ref: ModelRef
  readonly key: string
  readonly alias?: string
}

/** Resolves user input: alias first (only without `/`), else parse (spec §2.4). */
export const resolveModelInput = (raw: string, index: AliasIndex): Either.Either<Resolved, string> => {
  const text = raw.trim()
  if (text === "") return Either.left(raw)
  if (!text.includes("/")) {
    const hit = index.byAlias.get(text.toLowerCase())
    if (hit) return Either.right({ ref: hit.ref, key: modelKey(hit.ref), alias: hit.alias })
    const builtin = index.builtins.get(text.toLowerCase())
    if (builtin) return Either.right({ ref: builtin, key: modelKey(builtin), alias: text.toLowerCase() })
  }
  return Option.match(parseModelRef(text), {
    onNone: () => Either.left(raw),
    onSome: (ref) => Either.right({ ref, key: modelKey(ref) })
  })
}

/** Provider of user input, aliases resolved; the reference skips aliases here (§8.7), so `gpt` counted as anthropic. */
export const providerOfInput = (raw: string, index: AliasIndex): Option.Option<string> =>
  Either.match(resolveModelInput(raw, index), {
    onLeft: () => Option.none(),
    onRight: (resolved) => Option.some(resolved.ref.provider)
  })

const ALIAS_PATTERN = /^[A-Za-z0-9_.:-]+$/

/** Validates an alias name (spec §2.5); returns the trimmed alias or the spec's error message, naming the alias. */
export const validateAlias = (raw: string): Either.Either<string, string> => {
  const alias = raw.trim()
  if (alias === "") return Either.left("Alias cannot be empty.")
  if (!ALIAS_PATTERN.test(alias)) {
    return Either.left(`Alias "${alias}" must use letters, numbers, dots, underscores, colons, or dashes.`)
  }
  return Either.right(alias)
}

/**
 * Built-in aliases (spec §2.5). The reference attaches them on every load and write to allowlist entries without an
 * `alias` key, so deleting the key never removes one (§8.6); we read them the same way (`configuredAliases`) but
 * never write them.
 */
export const BUILTIN_ALIASES: ReadonlyArray<readonly [alias: string, key: string]> = [
  ["opus", "anthropic/claude-opus-4-5"],
  ["sonnet", "anthropic/claude-sonnet-4-5"],
  ["gpt", "openai/gpt-5.2"],
  ["gpt-mini", "openai/gpt-5-mini"],
  ["gemini", "google/gemini-3-pro-preview"],
  ["gemini-flash", "google/gemini-3-flash-preview"]
]

export const builtinAliasFor = (key: string): string | undefined =>
  BUILTIN_ALIASES.find(([, k]) => k === key)?.[0]
