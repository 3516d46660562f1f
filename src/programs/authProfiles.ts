/**
 * Looking after the profiles of an agent's auth store: list them with their health and rotation, remove them
 * (store, config metadata and keychain item), and clear their cooldowns. Programs return data and print nothing;
 * a secret is never part of what they return.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import {
  cleanProfileIds,
  clearFailureFields,
  failureFieldsOf,
  removeProfilesFromConfig,
  removeStoredProfiles
} from "../domain/authEdit.js"
import { type AuthListEntry, authListEntries } from "../domain/authList.js"
import type { CredentialType, UnusableProfile } from "../domain/authProfiles.js"
import { unusableProfiles } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import { KeychainError, NotFound, UsageError } from "../domain/errors.js"
import { KEYCHAIN_SERVICE, type KeyRef, keyRefsOf } from "../domain/keyRef.js"
import { normalizeProviderId } from "../domain/modelRef.js"
import { compareText } from "../domain/order.js"
import { type AuthSnapshot, AuthStore } from "../services/AuthStore.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { Keychain } from "../services/Keychain.js"
import { Paths } from "../services/Paths.js"
import type { AgentOption } from "./agent.js"
import { keychainAccount, requireProvider } from "./auth.js"
import { agentView, statusContext } from "./status.js"

/** The agent a call acts on and its auth store. */
export interface AgentStore {
  readonly agentId: string
  readonly agentDir: string
  /** The agent's `auth-profiles.json`. */
  readonly authStorePath: string
}

export interface AuthListRequest extends AgentOption {
  /** Only this provider's credentials. */
  readonly provider?: string | undefined
}

export interface AuthList extends AgentStore {
  readonly credentials: ReadonlyArray<AuthListEntry>
}

const optionalProvider = (raw: string | undefined) =>
  raw === undefined ? Effect.succeed(undefined) : requireProvider(raw)

/**
 * Every credential the agent can use (spec §6): its stored profiles, then env and config credentials, with health,
 * expiry, where the secret is kept, rotation position and cooldown state. The same agent and store `status` reads.
 */
export const authList = Effect.fn("models.auth.list")(function* (request: AuthListRequest = {}) {
  const provider = yield* optionalProvider(request.provider)
  const context = yield* statusContext(request)
  const credentials = authListEntries({
    config: context.config,
    store: context.store,
    env: context.env,
    now: (yield* Environment).now(),
    provider
  })
  return {
    agentId: context.agentId,
    agentDir: context.agentDir,
    authStorePath: context.store.path,
    credentials
  } satisfies AuthList
})

/** Which profiles a remove or clear-cooldown call means: ids, or every profile of one provider. */
export interface ProfileSelection extends AgentOption {
  readonly profileIds?: ReadonlyArray<string> | undefined
  readonly provider?: string | undefined
}

/** The provider of a store id: its profile's, else the part before `:` (a `usageStats` entry without a profile). */
const providerOfId = (snapshot: AuthSnapshot, id: string) =>
  normalizeProviderId(snapshot.profiles[id]?.provider ?? id.split(":")[0] ?? "")

/**
 * The ids `selection` names among `known` (each with a provider), or why it names none: ids not there, a provider
 * without profiles. The error lists the ids that do exist, so a typo is one look away.
 */
const selectIds = (
  known: ReadonlyArray<string>,
  providerOf: (id: string) => string,
  selection: { readonly ids: ReadonlyArray<string>; readonly provider: string | undefined },
  where: string
): Either.Either<ReadonlyArray<string>, NotFound> => {
  const existing = `Profiles there: ${known.length === 0 ? "(none)" : [...known].sort(compareText).join(", ")}.`
  if (selection.provider !== undefined) {
    const { provider } = selection
    const ids = known.filter((id) => providerOf(id) === provider)
    return ids.length > 0
      ? Either.right(ids)
      : Either.left(
          new NotFound({ reason: `No auth profiles for provider ${provider} in ${where}. ${existing}` })
        )
  }
  const unknown = selection.ids.filter((id) => !known.includes(id))
  if (unknown.length === 0) return Either.right(selection.ids)
  const named = unknown.map((id) => `"${id}"`).join(", ")
  return Either.left(
    new NotFound({
      reason: `${unknown.length === 1 ? "Auth profile" : "Auth profiles"} ${named} not found in ${where}. ${existing}`
    })
  )
}

/** The ids and provider of a selection, checked: one kind of selector, not both, not neither. */
const selectionOf = (request: ProfileSelection, command: string) =>
  Effect.gen(function* () {
    const ids = cleanProfileIds(request.profileIds ?? [])
    const provider = yield* optionalProvider(request.provider)
    if (ids.length > 0 && provider !== undefined)
      return yield* new UsageError({ reason: `Pass profile ids or --provider, not both (${command}).` })
    if (ids.length === 0 && provider === undefined)
      return yield* new UsageError({
        reason: `Missing profile ids. Name the profiles to ${command} (see \`clawdbot models auth list\`) or pass --provider <id>.`
      })
    return { ids, provider }
  })

/** The agent (`--agent`, else the default agent's store, as `status` reads it) and its store path. */
const agentStore = (request: AgentOption) =>
  Effect.gen(function* () {
    const { config } = yield* (yield* ConfigStore).read
    const { agentId, agentDir } = yield* agentView(config, request)
    const authStore = yield* AuthStore
    const paths = yield* Paths
    return { agentId, agentDir, authStorePath: authStore.pathFor(agentDir), authStore, paths }
  })

/** A keychain item a removed profile's keyRef points at, and whether it is deleted with it. */
export interface RemovedKeychainItem {
  /** `clawdbot/<account>`: service and account, never the secret. */
  readonly item: string
  readonly backend?: string
  readonly deleted: boolean
  /** Why it was kept, when it was. */
  readonly kept?: string
}

export interface RemovedProfile {
  readonly profileId: string
  readonly provider: string
  readonly type: CredentialType | "unknown"
  readonly keychain?: RemovedKeychainItem
}

export interface AuthRemoval extends AgentStore {
  readonly removed: ReadonlyArray<RemovedProfile>
  /** Whether the config's `auth.profiles` / `auth.order` named any of them (and so was written). */
  readonly configUpdated: boolean
  readonly configPath: string
}

/**
 * What removing `ids` from `snapshot` means for each keychain item: deleted, unless another profile left in the
 * store points at it, or its account was made for another agent's store (a copied store shares the main one's
 * items, spec §1.4), which may still use it.
 */
const removalPlan = (
  snapshot: AuthSnapshot,
  ids: ReadonlyArray<string>,
  agentDir: string
): ReadonlyArray<RemovedProfile & { readonly ref?: KeyRef }> => {
  const refs = new Map(keyRefsOf(snapshot.raw))
  const itemOf = (ref: KeyRef) => `${ref.service}/${ref.account}`
  const stillUsed = new Set(
    [...refs].filter(([id]) => !ids.includes(id)).map(([, ref]) => `${ref.backend}:${itemOf(ref)}`)
  )
  return ids.map((profileId) => {
    const credential = snapshot.profiles[profileId]
    const ref = refs.get(profileId)
    const kept =
      ref === undefined
        ? undefined
        : stillUsed.has(`${ref.backend}:${itemOf(ref)}`)
          ? "another profile in this store uses it"
          : ref.service !== KEYCHAIN_SERVICE || ref.account !== keychainAccount(agentDir, profileId)
            ? "it was not made for this store (another agent's store may still use it)"
            : undefined
    return {
      profileId,
      provider: providerOfId(snapshot, profileId),
      type: credential?.type ?? "unknown",
      ...(ref === undefined
        ? {}
        : {
            ref,
            keychain: {
              item: itemOf(ref),
              ...(ref.backend === undefined ? {} : { backend: ref.backend }),
              deleted: kept === undefined,
              ...(kept === undefined ? {} : { kept })
            }
          })
    }
  })
}

/** The ids stored in the raw document, decodable or not: a profile the loader skips can still be removed. */
const storedIds = (raw: JsonObject) =>
  typeof raw.profiles === "object" && raw.profiles !== null && !Array.isArray(raw.profiles)
    ? Object.keys(raw.profiles)
    : []

/**
 * The profiles a removal would take out, checked (unknown ids or a provider without profiles fail, naming the ids
 * there are). Writes nothing: the CLI shows this in its confirmation before calling `removeAuthProfiles`.
 */
export const authRemovalPlan = Effect.fn("models.auth.remove.plan")(function* (request: ProfileSelection) {
  const selection = yield* selectionOf(request, "remove")
  const target = yield* agentStore(request)
  const snapshot = yield* target.authStore.read(target.agentDir)
  const ids = yield* selectIds(
    storedIds(snapshot.raw),
    (id) => providerOfId(snapshot, id),
    selection,
    target.paths.shorten(target.agentDir)
  )
  return {
    agentId: target.agentId,
    agentDir: target.agentDir,
    authStorePath: target.authStorePath,
    profiles: removalPlan(snapshot, ids, target.agentDir).map(({ ref: _ref, ...profile }) => profile)
  }
})

/**
 * Removes profiles (ids, or all of `provider`) from the agent's store — the entries, their `usageStats`, their
 * place in `order` and `lastGood` — then their `auth.profiles` metadata and `auth.order` places from the config,
 * and the keychain item of each profile stored by reference. All under the store lock; the config is read (and
 * must be valid) first, the keychain items go before the store is written, and a failure in any of them writes
 * nothing more. Unknown ids fail, naming those that exist, before anything changes.
 */
export const removeAuthProfiles = Effect.fn("models.auth.remove")(function* (request: ProfileSelection) {
  const selection = yield* selectionOf(request, "remove")
  const target = yield* agentStore(request)
  const where = target.paths.shorten(target.agentDir)
  const keychain = yield* Effect.serviceOption(Keychain)
  const removed = yield* target.authStore.modify(target.agentDir, (snapshot) =>
    Effect.gen(function* () {
      const ids = yield* selectIds(
        storedIds(snapshot.raw),
        (id) => providerOfId(snapshot, id),
        selection,
        where
      )
      const plan = removalPlan(snapshot, ids, target.agentDir)
      for (const { ref, keychain: item } of plan) {
        if (ref === undefined || !item?.deleted) continue
        if (Option.isNone(keychain))
          return yield* new KeychainError({
            backend: ref.backend ?? "unknown",
            operation: "delete",
            reason: `no keychain is available to delete ${item.item}; nothing was removed`
          })
        yield* keychain.value.remove({ service: ref.service, account: ref.account }, ref.backend)
      }
      const profiles = plan.map(({ ref: _ref, ...profile }) => profile)
      return [removeStoredProfiles(snapshot.raw, ids), profiles] as const
    })
  )
  const configStore = yield* ConfigStore
  const ids = removed.map((profile) => profile.profileId)
  const configUpdated = yield* configStore.modify((snapshot) => {
    const next = removeProfilesFromConfig(snapshot.raw, ids)
    return Effect.succeed([next, next !== snapshot.raw] as const)
  })
  return {
    agentId: target.agentId,
    agentDir: target.agentDir,
    authStorePath: target.authStorePath,
    removed,
    configUpdated,
    configPath: configStore.path
  } satisfies AuthRemoval
})

export interface ClearCooldownRequest extends ProfileSelection {
  /** Every profile with a cooldown, disable or error count. */
  readonly all?: boolean | undefined
}

export interface ClearedProfile {
  readonly profileId: string
  readonly provider: string
  /** The `usageStats` fields removed (spec §6.2), e.g. `cooldownUntil`, `errorCount`. */
  readonly fields: ReadonlyArray<string>
  /** The cooldown or disable that was in force, if one was. */
  readonly was?: UnusableProfile
  readonly errorCount?: number
}

export interface CooldownClearing extends AgentStore {
  /** Profiles whose failure bookkeeping was removed; empty when there was nothing to clear (nothing written). */
  readonly cleared: ReadonlyArray<ClearedProfile>
  /** The profiles the selection named (with `all`, those that had something to clear). */
  readonly selected: ReadonlyArray<string>
}

/** The ids of a clear-cooldown call: `all` alone, or ids, or a provider. */
const cooldownSelection = (request: ClearCooldownRequest) =>
  request.all === true
    ? (request.profileIds ?? []).some((id) => id.trim() !== "") || request.provider !== undefined
      ? Effect.fail(
          new UsageError({ reason: "Pass profile ids, --provider or --all, not several (clear-cooldown)." })
        )
      : Effect.succeed(undefined)
    : selectionOf(request, "clear-cooldown").pipe(
        Effect.catchTag("UsageError", (error) =>
          error.reason.startsWith("Missing")
            ? Effect.fail(
                new UsageError({
                  reason:
                    "Say which cooldowns to clear: profile ids, --provider <id> (all of one provider) or --all."
                })
              )
            : Effect.fail(error)
        )
      )

/** What clearing `ids` would remove, per profile; profiles with nothing to clear are left out. */
const clearingPlan = (snapshot: AuthSnapshot, ids: ReadonlyArray<string>, now: number) => {
  const active = new Map(unusableProfiles(snapshot, now).map((entry) => [entry.profileId, entry]))
  return ids.flatMap((profileId): ReadonlyArray<ClearedProfile> => {
    const fields = failureFieldsOf(snapshot.raw, profileId)
    if (fields.length === 0) return []
    const was = active.get(profileId)
    const errorCount = snapshot.usageStats[profileId]?.errorCount
    return [
      {
        profileId,
        provider: providerOfId(snapshot, profileId),
        fields,
        ...(was === undefined ? {} : { was }),
        ...(errorCount === undefined ? {} : { errorCount })
      }
    ]
  })
}

/**
 * Clears the failure bookkeeping of profiles (spec §6.2: `cooldownUntil`, `disabledUntil`, `disabledReason`,
 * `errorCount`, `failureCounts`, `lastFailureAt`; `lastUsed` stays) so a run tries them again at once. Under the
 * store lock; when there is nothing to clear, nothing is written. Ids may name a `usageStats` entry whose profile
 * is gone.
 */
export const clearCooldowns = Effect.fn("models.auth.clearCooldown")(function* (
  request: ClearCooldownRequest
) {
  const selection = yield* cooldownSelection(request)
  const target = yield* agentStore(request)
  const now = (yield* Environment).now()
  const where = target.paths.shorten(target.agentDir)
  const choose = (snapshot: AuthSnapshot) => {
    const known = [...new Set([...storedIds(snapshot.raw), ...Object.keys(rawUsage(snapshot.raw))])]
    return selection === undefined
      ? Either.right(known.filter((id) => failureFieldsOf(snapshot.raw, id).length > 0).sort(compareText))
      : selectIds(known, (id) => providerOfId(snapshot, id), selection, where)
  }
  const result = (
    selected: ReadonlyArray<string>,
    cleared: ReadonlyArray<ClearedProfile>
  ): CooldownClearing => ({
    agentId: target.agentId,
    agentDir: target.agentDir,
    authStorePath: target.authStorePath,
    selected,
    cleared
  })
  // Read first: with nothing to clear, no lock is taken and no file is created.
  const before = yield* target.authStore.read(target.agentDir)
  const selectedBefore = yield* choose(before)
  if (clearingPlan(before, selectedBefore, now).length === 0) return result(selectedBefore, [])
  return yield* target.authStore.modify(target.agentDir, (snapshot) =>
    Effect.gen(function* () {
      const selected = yield* choose(snapshot)
      const cleared = clearingPlan(snapshot, selected, now)
      const ids = cleared.map((profile) => profile.profileId)
      return [clearFailureFields(snapshot.raw, ids), result(selected, cleared)] as const
    })
  )
})

const rawUsage = (raw: JsonObject): JsonObject =>
  typeof raw.usageStats === "object" && raw.usageStats !== null && !Array.isArray(raw.usageStats)
    ? (raw.usageStats as JsonObject)
    : {}
