/**
 * Config edits as programs: each returns the new state and prints nothing (warnings go to the Reporter).
 *
 * Which selection a model edit writes (spec §1.3, issue 10): with `agentId` naming an agent listed in
 * `agents.list` that has its own `model` (for `setModel` and the fallbacks) or `imageModel` (for the image edits),
 * that override is edited (`agents.list[i].model`); otherwise `agents.defaults` is, as the reference does. Without
 * `agentId` the configured default agent is meant, by the same rule. An agent id the config does not know fails
 * with `NotFound` naming the ids that exist, and nothing is written. The configured models (the allowlist) and
 * aliases are shared by every agent: they stay in `agents.defaults.models`.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type ModelChain, modelChainOf, normalizeAgentId } from "../domain/agents.js"
import { aliasIndexOf, type ClawdbotConfig } from "../domain/config.js"
import {
  allowlistEntries,
  ensureAllowlisted,
  inheritedFallbacks,
  type JsonObject,
  type SelectionField,
  selectionPathFor,
  setAlias,
  setFallbacks,
  setPrimary,
  unsetAlias
} from "../domain/configEdit.js"
import { type InvalidModelRef, NotFound, UsageError } from "../domain/errors.js"
import { resolveModelInput, validateAlias } from "../domain/modelRef.js"
import { type ConfigSnapshot, ConfigStore } from "../services/ConfigStore.js"
import { type AgentOption, requireAgentId } from "./agent.js"
import { resolveModel, resolveModelForWrite, warnIfUnknownModel } from "./modelInput.js"

/** The config as it now reads (after a write) and the chain of `agentId` in it. */
const readAfterWrite = (agentId: string) =>
  Effect.map(
    Effect.flatMap(ConfigStore, (store) => store.read),
    ({ config }) => ({ config, chain: modelChainOf(config, agentId) })
  )

/** The chain of `agentId` as the config now reads (after a write). */
const chainAfterWrite = (agentId: string) => Effect.map(readAfterWrite(agentId), ({ chain }) => chain)

/** `raw` (an alias or `provider/model`) as the primary of `field`; the model is added to the allowlist. */
const setSelectionPrimary = (field: SelectionField, raw: string, options?: AgentOption) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const { agentId, key, config } = yield* store.modify((snapshot) =>
      Effect.gen(function* () {
        const agentId = yield* requireAgentId(snapshot.config, options?.agentId)
        const { key } = yield* resolveModelForWrite(raw, snapshot.config)
        const at = selectionPathFor(snapshot.raw, field, agentId, normalizeAgentId)
        const next = ensureAllowlisted(setPrimary(snapshot.raw, field, key, at), key)
        return [next, { agentId, key, config: snapshot.config }] as const
      })
    )
    yield* warnIfUnknownModel(key, raw, config)
    return yield* chainAfterWrite(agentId)
  })

/** Sets the default model (spec §3.4): `ref` is `provider/model` or an alias; fallbacks are kept. */
export const setModel = (
  ref: string,
  options?: AgentOption
): Effect.Effect<ModelChain, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore> =>
  setSelectionPrimary("model", ref, options).pipe(Effect.withSpan("models.set"))

/** Sets the image model (spec §3.5); image fallbacks are kept. */
export const setImageModel = (
  ref: string,
  options?: AgentOption
): Effect.Effect<ModelChain, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore> =>
  setSelectionPrimary("imageModel", ref, options).pipe(Effect.withSpan("models.setImage"))

type ConfigStoreError = Effect.Effect.Error<ConfigStore["Type"]["read"]>

/** Does `entry` (as written) name `key`, aliases resolved? Unparseable entries compare as written. */
const namesKey = (config: ClawdbotConfig, entry: string, key: string, raw: string) =>
  Either.match(resolveModelInput(entry, aliasIndexOf(config)), {
    onLeft: () => entry === raw,
    onRight: (resolved) => resolved.key === key
  })

/**
 * One locked edit of a fallback list: `change` gets the list the agent uses now and returns the next list plus a
 * key to allowlist (if any). Returns the config as written and the agent's chain in it.
 */
const editFallbacks = <E>(
  field: SelectionField,
  options: AgentOption | undefined,
  change: (
    snapshot: ConfigSnapshot,
    current: ReadonlyArray<string>
  ) => Effect.Effect<readonly [ReadonlyArray<string>, string | undefined], E>
) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const agentId = yield* store.modify((snapshot) =>
      Effect.gen(function* () {
        const agentId = yield* requireAgentId(snapshot.config, options?.agentId)
        const at = selectionPathFor(snapshot.raw, field, agentId, normalizeAgentId)
        const current = inheritedFallbacks(snapshot.raw, field, at)
        const [fallbacks, allowKey] = yield* change(snapshot, current)
        const unchanged = fallbacks === current
        const edited: JsonObject = unchanged ? snapshot.raw : setFallbacks(snapshot.raw, field, fallbacks, at)
        return [allowKey ? ensureAllowlisted(edited, allowKey) : edited, agentId] as const
      })
    )
    return yield* readAfterWrite(agentId)
  })

const addTo = (field: SelectionField, ref: string, options?: AgentOption) =>
  Effect.gen(function* () {
    const { chain, config } = yield* editFallbacks(field, options, (snapshot, current) =>
      Effect.map(resolveModelForWrite(ref, snapshot.config), ({ key }) =>
        // Already present (alias-aware): the config stays as it is, allowlist included (spec §3.7).
        current.some((entry) => namesKey(snapshot.config, entry, key, ref))
          ? ([current, undefined] as const)
          : ([[...current, key], key] as const)
      )
    )
    const { key } = yield* resolveModel(ref, config)
    yield* warnIfUnknownModel(key, ref, config)
    return chain
  })

const removeFrom = (field: SelectionField, ref: string, options: AgentOption | undefined, notFound: string) =>
  Effect.map(
    editFallbacks(field, options, (snapshot, current) =>
      Effect.flatMap(resolveModel(ref, snapshot.config), ({ key }) => {
        const kept = current.filter((entry) => !namesKey(snapshot.config, entry, key, ref))
        return kept.length === current.length
          ? Effect.fail(new NotFound({ reason: `${notFound}: ${key}` }))
          : Effect.succeed([kept, undefined] as const)
      })
    ),
    ({ chain }) => chain
  )

const clearIn = (field: SelectionField, options?: AgentOption) =>
  Effect.map(
    editFallbacks(field, options, () => Effect.succeed([[], undefined] as const)),
    ({ chain }) => chain
  )

type FallbackEdit = Effect.Effect<ModelChain, InvalidModelRef | NotFound | ConfigStoreError, ConfigStore>

/** Appends a fallback model (spec §3.7) and allowlists it; no change when it is already listed (aliases resolved). */
export const addFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  addTo("model", ref, options).pipe(Effect.withSpan("models.fallbacks.add"))

/** Removes every fallback entry that resolves to `ref`'s model; `NotFound` when there is none. */
export const removeFallback = (ref: string, options?: AgentOption): FallbackEdit =>
  removeFrom("model", ref, options, "Fallback not found").pipe(Effect.withSpan("models.fallbacks.remove"))

/** Empties the fallback list. */
export const clearFallbacks = (
  options?: AgentOption
): Effect.Effect<ModelChain, NotFound | ConfigStoreError, ConfigStore> =>
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
): Effect.Effect<ModelChain, NotFound | ConfigStoreError, ConfigStore> =>
  clearIn("imageModel", options).pipe(Effect.withSpan("models.image-fallbacks.clear"))

/** Aliases of the configured models, alias -> `provider/model`, as written in the config. */
export const aliasesOf = (doc: JsonObject): Readonly<Record<string, string>> =>
  Object.fromEntries(
    allowlistEntries(doc).flatMap(([key, entry]) =>
      typeof entry.alias === "string" && entry.alias.trim() !== "" ? [[entry.alias.trim(), key]] : []
    )
  )

const validAlias = (raw: string) =>
  Either.match(validateAlias(raw), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: Effect.succeed
  })

const sameAlias = (entry: JsonObject, alias: string) =>
  typeof entry.alias === "string" && entry.alias.trim().toLowerCase() === alias.toLowerCase()

/**
 * Points `alias` at `ref`'s model (spec §3.6), adding the model to the allowlist; returns every alias. An alias
 * already on another model (in any case) is a `UsageError`.
 */
export const addAlias = (
  alias: string,
  ref: string
): Effect.Effect<
  Readonly<Record<string, string>>,
  UsageError | InvalidModelRef | ConfigStoreError,
  ConfigStore
> =>
  Effect.gen(function* () {
    const name = yield* validAlias(alias)
    return yield* (yield* ConfigStore).modify((snapshot) =>
      Effect.gen(function* () {
        const { key } = yield* resolveModelForWrite(ref, snapshot.config)
        // Case-insensitive: lookup is case-insensitive, so `Opus` and `opus` cannot point at different models (§8.6).
        const owner = allowlistEntries(snapshot.raw).find(
          ([otherKey, entry]) => otherKey !== key && sameAlias(entry, name)
        )
        if (owner) return yield* new UsageError({ reason: `Alias ${name} already points to ${owner[0]}.` })
        const next = setAlias(snapshot.raw, key, name)
        return [next, aliasesOf(next)] as const
      })
    )
  }).pipe(Effect.withSpan("models.aliases.add"))

/** Removes `alias` (any case); the model stays configured. Returns the aliases left; `NotFound` if absent. */
export const removeAlias = (
  alias: string
): Effect.Effect<Readonly<Record<string, string>>, UsageError | NotFound | ConfigStoreError, ConfigStore> =>
  Effect.gen(function* () {
    const name = yield* validAlias(alias)
    return yield* (yield* ConfigStore).modify((snapshot) =>
      Effect.gen(function* () {
        const owner = allowlistEntries(snapshot.raw).find(([, entry]) => sameAlias(entry, name))
        if (!owner) return yield* new NotFound({ reason: `Alias not found: ${name}` })
        const next = unsetAlias(snapshot.raw, owner[0])
        return [next, aliasesOf(next)] as const
      })
    )
  }).pipe(Effect.withSpan("models.aliases.remove"))
