/**
 * Credentials from the stores that came before `auth-profiles.json` (spec §1.4), as profiles to import when an
 * agent has no store yet: the agent's own `auth.json` (flat `provider -> credential`) and the shared legacy OAuth
 * file `oauth.json` (`provider -> { access, refresh, expires, ... }`). Both become `<provider>:default`. Pure: the
 * layer reads the files and writes the result.
 */
import * as Either from "effect/Either"
import { storableCredential } from "./authProfiles.js"
import type { JsonObject } from "./configEdit.js"
import { validateProviderId } from "./profileId.js"

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const CREDENTIAL_TYPES: ReadonlyArray<unknown> = ["api_key", "token", "oauth"]

/** The fields each credential type carries over (the reference's import keeps these and drops the rest). */
const FIELDS: Readonly<Record<string, ReadonlyArray<string>>> = {
  api_key: ["key", "email"],
  token: ["token", "expires", "email"],
  oauth: ["access", "refresh", "expires", "email", "accountId", "projectId", "enterpriseUrl", "clientId"]
}

const pick = (value: JsonObject, fields: ReadonlyArray<string>): JsonObject =>
  Object.fromEntries(fields.flatMap((field) => (value[field] === undefined ? [] : [[field, value[field]]])))

/** What one legacy file gives: profiles by id, and the keys of entries that could not become one (never values). */
export interface LegacyProfiles {
  readonly profiles: Readonly<Record<string, JsonObject>>
  readonly skipped: ReadonlyArray<string>
}

/**
 * `<provider>:default` for a legacy key, when the key is a provider id we would store (a hostile file's key could
 * hold anything: it becomes a JSON key and a label on every `status`).
 */
const defaultProfileId = (key: string): string | undefined =>
  Either.isRight(validateProviderId(key)) ? `${key}:default` : undefined

/** `profile` if the store's loader would take it back as written, else undefined. */
const storable = (profile: JsonObject): JsonObject | undefined =>
  Either.isRight(storableCredential(profile)) ? profile : undefined

/**
 * A legacy `auth.json` (spec §1.4): every entry that is an object with a credential `type` becomes
 * `<key>:default`, its provider the entry's own `provider` string, else the key. A document with a `profiles` key
 * is not one (it is a store under the old name), nor is anything but an object: `undefined`. Entries that would
 * not load back are listed in `skipped`; entries that are not credentials at all are left out silently, as the
 * reference does (the file is also the agent runtime's cache, which may hold other things).
 */
export const legacyAuthProfiles = (raw: unknown): LegacyProfiles | undefined => {
  if (!isObject(raw) || "profiles" in raw) return undefined
  const profiles: Record<string, JsonObject> = {}
  const skipped: Array<string> = []
  for (const [key, value] of Object.entries(raw)) {
    if (!isObject(value) || !CREDENTIAL_TYPES.includes(value.type)) continue
    const type = value.type as string
    const provider = typeof value.provider === "string" && value.provider.trim() !== "" ? value.provider : key
    const id = defaultProfileId(key)
    const profile =
      id === undefined ? undefined : storable({ type, provider, ...pick(value, FIELDS[type] ?? []) })
    if (id === undefined || profile === undefined) skipped.push(key)
    else profiles[id] = profile
  }
  return { profiles, skipped }
}

/**
 * The legacy `oauth.json` (spec §1.1, §1.4): each `provider -> credentials` object becomes an oauth profile
 * `<provider>:default`, only where `existing` has no profile of that id. Not an object: nothing.
 */
export const legacyOAuthProfiles = (
  raw: unknown,
  existing: Readonly<Record<string, unknown>>
): LegacyProfiles => {
  const profiles: Record<string, JsonObject> = {}
  const skipped: Array<string> = []
  if (!isObject(raw)) return { profiles, skipped }
  for (const [provider, value] of Object.entries(raw)) {
    if (!isObject(value)) continue
    const id = defaultProfileId(provider)
    if (id !== undefined && existing[id] !== undefined) continue
    const profile =
      id === undefined ? undefined : storable({ type: "oauth", provider, ...pick(value, FIELDS.oauth ?? []) })
    if (id === undefined || profile === undefined) skipped.push(provider)
    else profiles[id] = profile
  }
  return { profiles, skipped }
}
