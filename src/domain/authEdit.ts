/**
 * Pure edits for auth: the `auth-profiles.json` document (spec §1.4) and the config's `auth` section
 * (spec §1.2, order rule §3.13). They take raw documents and return new ones; nothing else is touched.
 */
import * as Either from "effect/Either"
import type { CredentialType } from "./authProfiles.js"
import { getIn, type JsonObject, updateIn } from "./configEdit.js"
import { secretProblem } from "./httpHeader.js"
import { normalizeProviderId } from "./modelRef.js"
import { validateProfileId } from "./profileId.js"

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** A credential as written to the store: plain JSON (secrets included, or a `keyRef` in their place). */
export type StoredCredential = JsonObject & { readonly type: CredentialType; readonly provider: string }

/** The fields of a credential that are sent in a header (`Bearer <token>`, `x-api-key`). */
const HEADER_SECRETS = { key: "key", token: "token", access: "access token" } as const

/**
 * Why a profile must not be stored, else undefined: an id outside the profile id rule (src/domain/profileId.ts)
 * or a secret no request could carry. Every profile write (paste-token, add, login, setup-token) passes here, so
 * a token endpoint's answer is held to the same rule as a pasted token.
 */
export const storedProfileProblem = (profileId: string, credential: StoredCredential): string | undefined => {
  const id = validateProfileId(profileId, normalizeProviderId(credential.provider))
  if (Either.isLeft(id)) return id.left
  for (const [field, word] of Object.entries(HEADER_SECRETS)) {
    const value = credential[field]
    const problem = typeof value === "string" ? secretProblem(value) : undefined
    if (problem !== undefined)
      return `The ${word} for ${profileId} cannot be stored: ${problem}. Nothing was written.`
  }
  return undefined
}

/** Inserts or replaces one profile in the store document. */
export const upsertStoredProfile = (doc: JsonObject, profileId: string, credential: StoredCredential) =>
  updateIn(doc, ["profiles", profileId], () => credential)

/** Sets (or, with `undefined`/empty, removes) the store's per-agent `order[provider]`; an empty `order` goes too. */
export const setStoredOrder = (
  doc: JsonObject,
  provider: string,
  ids: ReadonlyArray<string> | undefined
): JsonObject => {
  const order = isObject(doc.order) ? doc.order : {}
  const { [provider]: _previous, ...others } = order
  const next = ids === undefined || ids.length === 0 ? others : { ...order, [provider]: [...ids] }
  if (Object.keys(next).length === 0) {
    const { order: _dropped, ...rest } = doc
    return rest
  }
  return { ...doc, order: next }
}

/** Trims, drops blanks, dedupes (first wins): the `order set` argument rule (spec §3.14). */
export const cleanProfileIds = (ids: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(ids.map((id) => id.trim()).filter((id) => id !== ""))
]

export interface ProfileMeta {
  readonly provider: string
  readonly mode: CredentialType
  readonly email?: string | undefined
}

/**
 * Records a profile in the config: `auth.profiles[id] = { provider, mode, email? }` (metadata only, never a
 * secret) and the order rule of spec §3.13 — `auth.order[provider]` is touched only when it already exists,
 * and then the profile moves to the front.
 */
export const recordProfileInConfig = (doc: JsonObject, profileId: string, meta: ProfileMeta): JsonObject => {
  const entry: JsonObject = {
    provider: meta.provider,
    mode: meta.mode,
    ...(meta.email !== undefined && meta.email !== "" ? { email: meta.email } : {})
  }
  const withProfile = updateIn(doc, ["auth", "profiles", profileId], (current) =>
    isObject(current) ? { ...current, ...entry } : entry
  )
  const order = getIn(withProfile, ["auth", "order", meta.provider])
  if (!Array.isArray(order)) return withProfile
  const rest = order.filter((id) => id !== profileId)
  return updateIn(withProfile, ["auth", "order", meta.provider], () => [profileId, ...rest])
}

/** `list` without `ids`; a list left empty is removed (`undefined`). */
const withoutIds = (list: unknown, ids: ReadonlySet<string>): unknown => {
  if (!Array.isArray(list)) return list
  const kept = list.filter((id) => !(typeof id === "string" && ids.has(id.trim())))
  return kept.length === list.length ? list : kept.length === 0 ? undefined : kept
}

/** `doc[key]` with every list filtered by `withoutIds`; an object left empty is removed. */
const pruneLists = (doc: JsonObject, path: ReadonlyArray<string>, ids: ReadonlySet<string>): JsonObject =>
  updateIn(doc, path, (current) => {
    if (!isObject(current)) return current
    const next = Object.fromEntries(
      Object.entries(current).flatMap(([key, list]) => {
        const kept = withoutIds(list, ids)
        return kept === undefined ? [] : [[key, kept]]
      })
    )
    return Object.keys(next).length === 0 ? undefined : next
  })

/** `doc[key]` without the entries named `ids` (left as it was when it is not an object). */
const withoutEntries = (doc: JsonObject, path: ReadonlyArray<string>, ids: ReadonlySet<string>) =>
  updateIn(doc, path, (current) =>
    isObject(current) ? Object.fromEntries(Object.entries(current).filter(([id]) => !ids.has(id))) : current
  )

/**
 * The store document without the profiles `ids`: their entries, their `usageStats`, their place in every
 * `order` list (a list left empty goes, as does an empty `order`) and every `lastGood` that names them.
 */
export const removeStoredProfiles = (doc: JsonObject, profileIds: ReadonlyArray<string>): JsonObject => {
  const ids = new Set(profileIds)
  const trimmed = withoutEntries(withoutEntries(doc, ["profiles"], ids), ["usageStats"], ids)
  const lastGood = updateIn(trimmed, ["lastGood"], (current) =>
    isObject(current)
      ? Object.fromEntries(
          Object.entries(current).filter(([, id]) => !(typeof id === "string" && ids.has(id)))
        )
      : current
  )
  return pruneLists(lastGood, ["order"], ids)
}

/**
 * The config document without the profiles `ids`: their `auth.profiles` metadata and their place in every
 * `auth.order` list (a list left empty goes, as does an empty `auth.order`). Nothing else changes.
 */
export const removeProfilesFromConfig = (doc: JsonObject, profileIds: ReadonlyArray<string>): JsonObject => {
  const ids = new Set(profileIds)
  const profiles = getIn(doc, ["auth", "profiles"])
  const withoutMeta =
    isObject(profiles) && profileIds.some((id) => id in profiles)
      ? withoutEntries(doc, ["auth", "profiles"], ids)
      : doc
  const order = getIn(withoutMeta, ["auth", "order"])
  const touchesOrder =
    isObject(order) &&
    Object.values(order).some((list) => Array.isArray(list) && withoutIds(list, ids) !== list)
  return touchesOrder ? pruneLists(withoutMeta, ["auth", "order"], ids) : withoutMeta
}

/** The `usageStats` fields of the failure bookkeeping (spec §6.2); `lastUsed` is not one of them. */
export const FAILURE_FIELDS = [
  "cooldownUntil",
  "disabledUntil",
  "disabledReason",
  "errorCount",
  "failureCounts",
  "lastFailureAt"
] as const

/** The failure fields a profile's raw `usageStats` entry holds (any value), in `FAILURE_FIELDS` order. */
export const failureFieldsOf = (doc: JsonObject, profileId: string): ReadonlyArray<string> => {
  const stats = getIn(doc, ["usageStats", profileId])
  return isObject(stats) ? FAILURE_FIELDS.filter((field) => field in stats) : []
}

/** The store document with the failure fields of `ids` removed; an entry left empty goes, as does `usageStats`. */
export const clearFailureFields = (doc: JsonObject, profileIds: ReadonlyArray<string>): JsonObject =>
  profileIds.reduce(
    (current, id) =>
      updateIn(current, ["usageStats", id], (stats) => {
        if (!isObject(stats)) return stats
        const kept = Object.fromEntries(
          Object.entries(stats).filter(
            ([field]) => !(FAILURE_FIELDS as ReadonlyArray<string>).includes(field)
          )
        )
        return Object.keys(kept).length === 0 ? undefined : kept
      }),
    doc
  )
