/**
 * Which agent a call acts on and what that agent sees (spec §1.3): its id, its effective model selection (its own
 * `agents.list[]` override over `agents.defaults`) and its agent dir. Pure: the config and paths are passed in.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { aliasIndexOf, type ClawdbotConfig, type ModelSelection, selectionParts } from "./config.js"
import { type AliasIndex, DEFAULT_MODEL_KEY, resolveModelInput } from "./modelRef.js"
import { resolveUserPath } from "./paths.js"

const AGENT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/i

/** Agent id normalisation (spec §1.3): trim; kept if it is a plain id, else lower-cased and dashed, `main` if empty. */
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

/** The `agents.list[]` entry of an agent id (already normalised), if the config lists it. */
export const agentEntry = (config: ClawdbotConfig, agentId: string) =>
  Option.fromNullable((config.agents?.list ?? []).find((agent) => normalizeAgentId(agent.id) === agentId))

/** The id a call acts on: the requested one (normalised) or, when none or a blank one is given, the default agent. */
export const resolveAgentId = (config: ClawdbotConfig, requested?: string): string =>
  requested !== undefined && requested.trim() !== "" ? normalizeAgentId(requested) : defaultAgentId(config)

/** Every agent id a caller may name: `main` (always there) and each listed agent, in config order, once each. */
export const knownAgentIds = (config: ClawdbotConfig): ReadonlyArray<string> => [
  ...new Set(["main", ...(config.agents?.list ?? []).map((agent) => normalizeAgentId(agent.id))])
]

/**
 * The agent id to act on, or (Left) why the requested one cannot be used: the message names the ids that exist.
 * A blank or missing request means the default agent.
 */
export const lookupAgentId = (config: ClawdbotConfig, requested?: string): Either.Either<string, string> => {
  const agentId = resolveAgentId(config, requested)
  const known = knownAgentIds(config)
  return known.includes(agentId)
    ? Either.right(agentId)
    : Either.left(
        `Unknown agent "${agentId}". Known agents: ${known.join(", ")} (agents.list in the config).`
      )
}

/** The model an agent uses: `{ model, imageModel }` with its own override over `agents.defaults`. */
export interface AgentSelection {
  readonly model: ModelSelection | undefined
  readonly imageModel: ModelSelection | undefined
}

/**
 * One selection over another, as the reference merges an agent's `model` over the defaults: the agent's primary
 * wins when set; its `fallbacks` win when the key is present at all (an empty list turns the defaults' off).
 */
const overlay = (
  base: ModelSelection | undefined,
  own: ModelSelection | undefined
): ModelSelection | undefined => {
  if (own === undefined) return base
  const ownPrimary = typeof own === "string" ? own.trim() : own.primary?.trim()
  const ownFallbacks = typeof own === "string" ? undefined : own.fallbacks
  const basePrimary = typeof base === "string" ? base : base?.primary
  const baseFallbacks = typeof base === "string" ? undefined : base?.fallbacks
  const primary = ownPrimary || basePrimary
  const fallbacks = ownFallbacks ?? baseFallbacks
  return {
    ...(primary === undefined ? {} : { primary }),
    ...(fallbacks === undefined ? {} : { fallbacks })
  }
}

/** The effective `{ model, imageModel }` of an agent (spec §1.3): its `agents.list[]` override over the defaults. */
export const agentSelection = (config: ClawdbotConfig, agentId: string): AgentSelection => {
  const defaults = config.agents?.defaults
  const own = Option.getOrUndefined(agentEntry(config, agentId))
  return {
    model: overlay(defaults?.model, own?.model),
    imageModel: overlay(defaults?.imageModel, own?.imageModel)
  }
}

/**
 * The config as an agent sees it: `agents.defaults.model`/`imageModel` replaced by the agent's effective selection,
 * so every read that looks at the defaults (status view, list tags, probe plan) answers for that agent.
 */
export const configForAgent = (config: ClawdbotConfig, agentId: string): ClawdbotConfig => {
  const own = Option.getOrUndefined(agentEntry(config, agentId))
  if (own === undefined || (own.model === undefined && own.imageModel === undefined)) return config
  const { model, imageModel } = agentSelection(config, agentId)
  const defaults = { ...config.agents?.defaults }
  delete defaults.model
  delete defaults.imageModel
  return {
    ...config,
    agents: {
      ...config.agents,
      defaults: {
        ...defaults,
        ...(model === undefined ? {} : { model }),
        ...(imageModel === undefined ? {} : { imageModel })
      }
    }
  }
}

/** What `agentDirOf` needs of the Paths service. */
export interface AgentPaths {
  readonly home: string
  /** `<state>/agents/<id>/agent` */
  readonly agentDirOf: (agentId: string) => string
}

/** Per-agent dir (spec §1.3): `agents.list[].agentDir` (with `~`), else `<state>/agents/<id>/agent`. */
export const agentDirOf = (config: ClawdbotConfig, agentId: string, paths: AgentPaths): string =>
  Option.match(
    Option.flatMap(agentEntry(config, agentId), (entry) =>
      Option.fromNullable(entry.agentDir?.trim() || undefined)
    ),
    {
      onNone: () => paths.agentDirOf(agentId),
      onSome: (dir) => resolveUserPath(dir, paths.home)
    }
  )

/**
 * Warnings about which agent a per-agent command acts on: several `default: true` entries (spec §1.3: the first
 * wins, warn), or an `--agent` that `agents.list` does not name (its store is then a fresh, empty one).
 */
export const agentChoiceWarnings = (config: ClawdbotConfig, requested?: string): ReadonlyArray<string> => {
  const list = config.agents?.list ?? []
  const defaults = list.filter((agent) => agent.default === true).map((agent) => normalizeAgentId(agent.id))
  const warnings: Array<string> = []
  if (requested === undefined && defaults.length > 1) {
    warnings.push(
      `Warning: several agents in agents.list have default: true (${defaults.join(", ")}); using the first, ${defaults[0]}.`
    )
  }
  if (requested !== undefined && !knownAgentIds(config).includes(requested)) {
    warnings.push(
      `Warning: agent "${requested}" is not in agents.list (known: ${knownAgentIds(config).join(", ")}); using its default dir.`
    )
  }
  return warnings
}

/** A model reference from the config, resolved through the aliases (spec §2.4). */
export interface ResolvedModelRef {
  /** As written in the config (an alias or `provider/model`). */
  readonly input: string
  /** Canonical `provider/model`. */
  readonly key: string
  readonly provider: string
  readonly model: string
  /** The alias `input` named, if it was one. */
  readonly alias?: string
}

/** The models an agent uses, in order, each resolved: what a bot runtime needs to pick a model. */
export interface ModelChain {
  readonly agentId: string
  /** The configured primary, else the built-in default (`anthropic/claude-opus-4-5`). */
  readonly primary: ResolvedModelRef
  readonly fallbacks: ReadonlyArray<ResolvedModelRef>
  readonly imageModel: ResolvedModelRef | null
  readonly imageFallbacks: ReadonlyArray<ResolvedModelRef>
}

const resolveRef = (input: string, index: AliasIndex): ResolvedModelRef | undefined =>
  Either.match(resolveModelInput(input, index), {
    onLeft: () => undefined,
    onRight: (resolved) => ({
      input: input.trim(),
      key: resolved.key,
      provider: resolved.ref.provider,
      model: resolved.ref.model,
      ...(resolved.alias === undefined ? {} : { alias: resolved.alias })
    })
  })

const resolveAll = (inputs: ReadonlyArray<string>, index: AliasIndex) =>
  inputs.flatMap((input) => {
    const resolved = resolveRef(input, index)
    return resolved ? [resolved] : []
  })

/**
 * An agent's model chain (its override over the defaults), each entry resolved through the aliases. An entry that
 * is not a model reference is left out, as a run would skip it; an unset or unreadable primary is the default.
 */
export const modelChainOf = (config: ClawdbotConfig, agentId: string): ModelChain => {
  const index = aliasIndexOf(config)
  const { model, imageModel } = agentSelection(config, agentId)
  const main = selectionParts(model)
  const image = selectionParts(imageModel)
  const imagePrimary = image.primary === undefined ? undefined : resolveRef(image.primary, index)
  return {
    agentId,
    primary:
      (main.primary === undefined ? undefined : resolveRef(main.primary, index)) ??
      (resolveRef(DEFAULT_MODEL_KEY, index) as ResolvedModelRef),
    fallbacks: resolveAll(main.fallbacks, index),
    imageModel: imagePrimary ?? null,
    imageFallbacks: resolveAll(image.fallbacks, index)
  }
}
