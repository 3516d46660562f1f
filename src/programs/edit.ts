/**
 * Config edits as programs: each returns the new state and prints nothing (warnings go to the Reporter).
 *
 * Which selection a model edit writes (spec §1.3, issue 10): with `agentId` naming an agent listed in
 * `agents.list` that has its own `model` (for `setModel` and the fallbacks) or `imageModel` (for the image edits),
 * that override is edited (`agents.list[i].model`); otherwise `agents.defaults` is, as the reference does. Without
 * `agentId` the configured default agent is meant, by the same rule. An agent id the config does not know fails
 * with `NotFound` naming the ids that exist, and nothing is written. The configured models (the allowlist) and
 * aliases are shared by every agent: they stay in `agents.defaults.models`.
 *
 * Each edit says whether it wrote anything (`changed`; an edit that changes nothing writes nothing) and what it
 * replaced, so a caller can say so; the programs print nothing.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type ModelChain, modelChainOf, normalizeAgentId } from "../domain/agents.js"
import {
  aliasesOfConfig,
  aliasIndexOf,
  aliasMap,
  type ClawdbotConfig,
  configuredPrimaryKeys
} from "../domain/config.js"
import {
  allowlistEntries,
  ensureAllowlisted,
  inheritedFallbacks,
  type JsonObject,
  type SelectionField,
  sameDocument,
  selectionPathFor,
  setAlias,
  setFallbacks,
  setPrimary,
  unsetAlias
} from "../domain/configEdit.js"
import { type InvalidModelRef, NotFound, UsageError } from "../domain/errors.js"
import { configuredAliases, resolveModelInput, validateAlias } from "../domain/modelRef.js"
import { type ConfigSnapshot, ConfigStore } from "../services/ConfigStore.js"
import { Reporter } from "../services/Reporter.js"
import { type AgentOption, requireAgentId } from "./agent.js"
import { resolveModel, resolveModelForWrite, warnIfTextOnly, warnIfUnknownModel } from "./modelInput.js"

/** The config as it now reads (after a write) and the chain of `agentId` in it. */
const readAfterWrite = (agentId: string) =>
  Effect.map(
    Effect.flatMap(ConfigStore, (store) => store.read),
    ({ config }) => ({ config, chain: modelChainOf(config, agentId) })
  )

/** The chain of `agentId` as the config now reads (after a write). */
const chainAfterWrite = (agentId: string) => Effect.map(readAfterWrite(agentId), ({ chain }) => chain)

/** The decoded config (`${VAR}` substituted) as a document, for the pure edits that also read it. */
const substituted = (snapshot: ConfigSnapshot): JsonObject => snapshot.config as JsonObject

/** The model `field` of `chain` names: the default model, or the image model (`null` when there is none). */
const selectedKey = (chain: ModelChain, field: SelectionField): string | null =>
  field === "model" ? chain.primary.key : (chain.imageModel?.key ?? null)

/** What a model edit did: the agent's chain as it now reads, and whether the config was written. */
export type ModelEdit = ModelChain & { readonly changed: boolean }

/** What `setModel` / `setImageModel` did; `previous` is the model the agent used before (`null`: no image model). */
export type SelectionEdit = ModelEdit & { readonly previous: string | null }

/** `raw` (an alias or `provider/model`) as the primary of `field`; the model is added to the allowlist. */
const setSelectionPrimary = (field: SelectionField, raw: string, options?: AgentOption) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const { agentId, key, config, previous, changed } = yield* store.modify((snapshot) =>
      Effect.gen(function* () {
        const agentId = yield* requireAgentId(snapshot.config, options?.agentId)
        const { key } = yield* resolveModelForWrite(raw, snapshot.config)
        const at = selectionPathFor(snapshot.raw, field, agentId, normalizeAgentId)
        // The other primaries stay allowed if this write creates the allowlist (issue 11 item 7).
        const after = setPrimary(substituted(snapshot), field, key, at) as ClawdbotConfig
        const next = ensureAllowlisted(
          setPrimary(snapshot.raw, field, key, at),
          key,
          configuredPrimaryKeys(after)
        )
        const previous = selectedKey(modelChainOf(snapshot.config, agentId), field)
        const changed = !sameDocument(next, snapshot.raw)
        return [next, { agentId, key, config: snapshot.config, previous, changed }] as const
      })
    )
    yield* warnIfUnknownModel(key, raw, config)
    if (field === "imageModel") yield* warnIfTextOnly(key, config)
    const edit: SelectionEdit = { ...(yield* chainAfterWrite(agentId)), changed, previous }
    return edit
  })

/** Sets the default model (spec §3.4): `ref` is `provider/model` or an alias; fallbacks are kept. */
export const setModel = (
  ref: string,
  options?: AgentOption
): Effect.Effect<SelectionEdit, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore> =>
  setSelectionPrimary("model", ref, options).pipe(Effect.withSpan("models.set"))

/** Sets the image model (spec §3.5); image fallbacks are kept. */
export const setImageModel = (
  ref: string,
  options?: AgentOption
): Effect.Effect<SelectionEdit, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore> =>
  setSelectionPrimary("imageModel", ref, options).pipe(Effect.withSpan("models.setImage"))

type ConfigStoreError = Effect.Effect.Error<ConfigStore["Type"]["read"]>

/** Does `entry` (as written) name `key`, aliases resolved? Unparseable entries compare as written. */
const namesKey = (config: ClawdbotConfig, entry: string, key: string, raw: string) =>
  Either.match(resolveModelInput(entry, aliasIndexOf(config)), {
    onLeft: () => entry === raw,
    onRight: (resolved) => resolved.key === key
  })

/** A fallback list as written (what an edit keeps) and as it reads with `${VAR}` substituted (what it compares). */
interface FallbackList {
  readonly written: ReadonlyArray<string>
  readonly shown: ReadonlyArray<string>
}

/**
 * One locked edit of a fallback list: `change` gets the list the agent uses now and returns the next list as written
 * (the same array when nothing changes) plus a key to allowlist (if any). Entries it keeps keep their `${VAR}` text.
 * Returns the config as written, the agent's chain in it and whether the config was written.
 */
const editFallbacks = <E>(
  field: SelectionField,
  options: AgentOption | undefined,
  change: (
    snapshot: ConfigSnapshot,
    current: FallbackList
  ) => Effect.Effect<readonly [ReadonlyArray<string>, string | undefined], E>
) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const { agentId, changed } = yield* store.modify((snapshot) =>
      Effect.gen(function* () {
        const agentId = yield* requireAgentId(snapshot.config, options?.agentId)
        const at = selectionPathFor(snapshot.raw, field, agentId, normalizeAgentId)
        const written = inheritedFallbacks(snapshot.raw, field, at)
        const shown = inheritedFallbacks(substituted(snapshot), field, at)
        // Substitution keeps the document's shape; should the two ever differ, compare as written.
        const current = { written, shown: shown.length === written.length ? shown : written }
        const [fallbacks, allowKey] = yield* change(snapshot, current)
        const unchanged = fallbacks === written
        const edited: JsonObject = unchanged ? snapshot.raw : setFallbacks(snapshot.raw, field, fallbacks, at)
        // The primaries stay allowed if this write creates the allowlist (issue 11 item 7).
        const next = allowKey
          ? ensureAllowlisted(edited, allowKey, configuredPrimaryKeys(snapshot.config))
          : edited
        return [next, { agentId, changed: !sameDocument(next, snapshot.raw) }] as const
      })
    )
    return { ...(yield* readAfterWrite(agentId)), changed }
  })

const addTo = (field: SelectionField, ref: string, options?: AgentOption) =>
  Effect.gen(function* () {
    const { chain, config, changed } = yield* editFallbacks(field, options, (snapshot, current) =>
      Effect.map(resolveModelForWrite(ref, snapshot.config), ({ key }) =>
        // Already present (alias-aware, `${VAR}` substituted): the config stays as it is, allowlist included (§3.7).
        current.shown.some((entry) => namesKey(snapshot.config, entry, key, ref))
          ? ([current.written, undefined] as const)
          : ([[...current.written, key], key] as const)
      )
    )
    const { key } = yield* resolveModel(ref, config)
    yield* warnIfUnknownModel(key, ref, config)
    if (field === "imageModel") yield* warnIfTextOnly(key, config)
    // Tried only after the same model failed: it cannot take over, so the list does not do what was asked.
    if (key === selectedKey(chain, field)) {
      const what = field === "model" ? "default model" : "image model"
      yield* (yield* Reporter).warn(
        `Warning: ${key} is the ${what}; as a fallback it is only tried after itself has failed.`
      )
    }
    const edit: ModelEdit = { ...chain, changed }
    return edit
  })

const removeFrom = (field: SelectionField, ref: string, options: AgentOption | undefined, notFound: string) =>
  Effect.map(
    editFallbacks(field, options, (snapshot, current) =>
      Effect.flatMap(resolveModel(ref, snapshot.config), ({ key }) => {
        const kept = current.written.filter(
          (_, index) => !namesKey(snapshot.config, current.shown[index] ?? "", key, ref)
        )
        return kept.length === current.written.length
          ? Effect.fail(new NotFound({ reason: `${notFound}: ${key}` }))
          : Effect.succeed([kept, undefined] as const)
      })
    ),
    ({ chain, changed }): ModelEdit => ({ ...chain, changed })
  )

const clearIn = (field: SelectionField, options?: AgentOption) =>
  Effect.map(
    // An empty list stays as it is: clearing nothing writes nothing (no file on a fresh state).
    editFallbacks(field, options, (_, current) =>
      Effect.succeed([current.written.length === 0 ? current.written : [], undefined] as const)
    ),
    ({ chain, changed }): ModelEdit => ({ ...chain, changed })
  )

type FallbackEdit = Effect.Effect<ModelEdit, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore>

/** Appends a fallback model (spec §3.7) and allowlists it; no change when it is already listed (aliases resolved). */
export const addFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  addTo("model", ref, options).pipe(Effect.withSpan("models.fallbacks.add"))

/** Removes every fallback entry that resolves to `ref`'s model; `NotFound` when there is none. */
export const removeFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  removeFrom("model", ref, options, "Fallback not found").pipe(Effect.withSpan("models.fallbacks.remove"))

/** Empties the fallback list. */
export const clearFallbacks = (
  options?: AgentOption
): Effect.Effect<ModelEdit, NotFound | ConfigStoreError, ConfigStore> =>
  clearIn("model", options).pipe(Effect.withSpan("models.fallbacks.clear"))

/** Appends an image fallback model (spec §3.8) and allowlists it; no change when it is already listed. */
export const addImageFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  addTo("imageModel", ref, options).pipe(Effect.withSpan("models.image-fallbacks.add"))

/** Removes every image fallback entry that resolves to `ref`'s model; `NotFound` when there is none. */
export const removeImageFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  removeFrom("imageModel", ref, options, "Image fallback not found").pipe(
    Effect.withSpan("models.image-fallbacks.remove")
  )

/** Empties the image fallback list. */
export const clearImageFallbacks = (
  options?: AgentOption
): Effect.Effect<ModelEdit, NotFound | ConfigStoreError, ConfigStore> =>
  clearIn("imageModel", options).pipe(Effect.withSpan("models.image-fallbacks.clear"))

const validAlias = (raw: string) =>
  Either.match(validateAlias(raw), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: Effect.succeed
  })

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** The aliases as the config now reads (after a write), built-in ones included. */
const aliasesAfterWrite = Effect.map(
  Effect.flatMap(ConfigStore, (store) => store.read),
  ({ config }) => aliasMap(config)
)

/** What `addAlias` did, and every alias after it. */
export interface AliasAddition {
  readonly alias: string
  /** The model it points to. */
  readonly key: string
  /** Aliases of that model the new one took the place of (a model has one alias): `fast` for `fast2`. */
  readonly replaced: ReadonlyArray<string>
  /** Whether the config was written (false: the alias already pointed there). */
  readonly changed: boolean
  readonly aliases: Readonly<Record<string, string>>
}

const aliasesOf = (aliases: Readonly<Record<string, string>>, key: string) =>
  Object.keys(aliases).filter((alias) => aliases[alias] === key)

/**
 * Points `alias` at `ref`'s model (spec §3.6), adding the model to the allowlist. An alias already on another
 * model (in any case, a built-in one included) is a `UsageError`.
 */
export const addAlias = (
  alias: string,
  ref: string
): Effect.Effect<AliasAddition, UsageError | InvalidModelRef | ConfigStoreError, ConfigStore> =>
  Effect.gen(function* () {
    const name = yield* validAlias(alias)
    const { key, before, changed } = yield* (yield* ConfigStore).modify((snapshot) =>
      Effect.gen(function* () {
        const { key } = yield* resolveModelForWrite(ref, snapshot.config)
        // Case-insensitive: lookup is case-insensitive, so `Opus` and `opus` cannot point at different models (§8.6).
        const owner = aliasesOfConfig(snapshot.config).find(
          (other) => other.key !== key && sameName(other.alias, name)
        )
        if (owner) return yield* new UsageError({ reason: `Alias ${name} already points to ${owner.key}.` })
        // The primaries stay allowed if this write creates the allowlist (issue 11 item 7).
        const allowed = ensureAllowlisted(snapshot.raw, key, configuredPrimaryKeys(snapshot.config))
        const next = setAlias(allowed, key, name)
        const before = aliasesOf(aliasMap(snapshot.config), key)
        return [next, { key, before, changed: !sameDocument(next, snapshot.raw) }] as const
      })
    )
    const aliases = yield* aliasesAfterWrite
    const kept = aliasesOf(aliases, key)
    const replaced = before.filter((old) => !kept.includes(old))
    const addition: AliasAddition = { alias: name, key, replaced, changed, aliases }
    return addition
  }).pipe(Effect.withSpan("models.aliases.add"))

/** What `removeAlias` removed, and the aliases left. */
export interface AliasRemoval {
  /** The alias as it was configured (its own case). */
  readonly alias: string
  /** The model it pointed to, as the allowlist key is written. */
  readonly key: string
  readonly aliases: Readonly<Record<string, string>>
}

const allowlistOf = (doc: JsonObject) => Object.fromEntries(allowlistEntries(doc))

/**
 * Removes `alias` (any case); the model stays configured. `NotFound` if absent. A built-in alias (spec §2.5) is
 * removed for both tools: the entry gets `alias: ""`, which the reference does not re-attach to, as does any entry a
 * built-in would otherwise attach to once the alias is gone (the same name, or this model's own built-in).
 */
export const removeAlias = (
  alias: string
): Effect.Effect<AliasRemoval, UsageError | NotFound | ConfigStoreError, ConfigStore> =>
  Effect.gen(function* () {
    const name = yield* validAlias(alias)
    const removed = yield* (yield* ConfigStore).modify((snapshot) =>
      Effect.gen(function* () {
        const owner = aliasesOfConfig(snapshot.config).find((entry) => sameName(entry.alias, name))
        if (!owner) return yield* new NotFound({ reason: `Alias not found: ${name}` })
        const unset = (doc: JsonObject) => (owner.builtin ? doc : unsetAlias(doc, owner.key))
        const reattached = configuredAliases(allowlistOf(unset(substituted(snapshot)))).filter(
          (entry) => entry.builtin && (entry.key === owner.key || sameName(entry.alias, name))
        )
        const next = reattached.reduce((doc, entry) => setAlias(doc, entry.key, ""), unset(snapshot.raw))
        return [next, { alias: owner.alias, key: owner.key }] as const
      })
    )
    return { ...removed, aliases: yield* aliasesAfterWrite }
  }).pipe(Effect.withSpan("models.aliases.remove"))
