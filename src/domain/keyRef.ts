/**
 * Keychain references in `auth-profiles.json` (opt-in: `CLAWDBOT_AUTH_STORE=keychain` or `{ "authStore": "keychain" }`
 * in `<state dir>/clawdbot-models.json`; src/domain/settings.ts).
 *
 * A profile stored that way keeps its metadata in the file and its secret fields in the OS keychain:
 *
 *     "anthropic:manual": { "type": "token", "provider": "anthropic", "expires": 1769000000000,
 *       "keyRef": { "keychain": "clawdbot/anthropic:manual@3f9c2a1b", "backend": "secret-service" } }
 *
 * The keychain item (service `clawdbot`, account after the first `/`) holds a JSON object with the secret
 * fields (`{"token":"..."}`, `{"key":"..."}`, `{"access":"...","refresh":"..."}`). Reading the store fills
 * them back in; an item that cannot be read leaves them empty, so the profile shows as missing its secret.
 * A secret field present in the file itself wins over the keychain (it was written later).
 * Pure.
 */
import type { StoredCredential } from "./authEdit.js"
import type { JsonObject } from "./configEdit.js"

export const KEYCHAIN_SERVICE = "clawdbot"
export const SECRET_FIELDS = ["key", "token", "access", "refresh"] as const
export type Backend = "macos" | "secret-service" | "file"

export interface KeyRef {
  readonly service: string
  readonly account: string
  readonly backend?: Backend | undefined
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const BACKENDS: ReadonlyArray<string> = ["macos", "secret-service", "file"]

/** `{ keychain: "<service>/<account>", backend? }` -> parts, or undefined when absent/malformed. */
export const parseKeyRef = (value: unknown): KeyRef | undefined => {
  if (!isObject(value) || typeof value.keychain !== "string") return undefined
  const slash = value.keychain.indexOf("/")
  if (slash <= 0 || slash === value.keychain.length - 1) return undefined
  const backend =
    typeof value.backend === "string" && BACKENDS.includes(value.backend) ? value.backend : undefined
  return {
    service: value.keychain.slice(0, slash),
    account: value.keychain.slice(slash + 1),
    backend: backend as Backend | undefined
  }
}

export const formatKeyRef = (ref: KeyRef): JsonObject => ({
  keychain: `${ref.service}/${ref.account}`,
  ...(ref.backend === undefined ? {} : { backend: ref.backend })
})

/** Splits a credential into what stays in the file and the secret fields for the keychain. */
export const splitSecrets = (
  credential: StoredCredential
): { readonly metadata: JsonObject; readonly secrets: Readonly<Record<string, string>> } => {
  const metadata: Record<string, unknown> = {}
  const secrets: Record<string, string> = {}
  for (const [field, value] of Object.entries(credential)) {
    if ((SECRET_FIELDS as ReadonlyArray<string>).includes(field) && typeof value === "string")
      secrets[field] = value
    else if (field !== "keyRef") metadata[field] = value
  }
  return { metadata, secrets }
}

/** Profiles of a raw store document that carry a keyRef. */
export const keyRefsOf = (doc: JsonObject): ReadonlyArray<readonly [profileId: string, ref: KeyRef]> => {
  const profiles = isObject(doc.profiles) ? doc.profiles : {}
  return Object.entries(profiles).flatMap(([id, profile]) => {
    const ref = isObject(profile) ? parseKeyRef(profile.keyRef) : undefined
    return ref === undefined ? [] : [[id, ref] as const]
  })
}

/** The secret JSON stored in a keychain item; anything else resolves to no fields. */
export const parseSecretBlob = (text: string): Readonly<Record<string, string>> => {
  try {
    const value = JSON.parse(text) as unknown
    if (!isObject(value)) return {}
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string] =>
          (SECRET_FIELDS as ReadonlyArray<string>).includes(entry[0]) && typeof entry[1] === "string"
      )
    )
  } catch {
    return {}
  }
}

/**
 * The document with each keyRef profile's secret fields filled in from `resolved` (profile id -> fields).
 * A profile without resolved fields gets empty ones for its type, so it decodes and shows as unusable.
 */
export const withResolvedSecrets = (
  doc: JsonObject,
  resolved: ReadonlyMap<string, Readonly<Record<string, string>>>
): JsonObject => {
  const profiles = isObject(doc.profiles) ? doc.profiles : {}
  const next: Record<string, unknown> = { ...profiles }
  for (const [id, profile] of Object.entries(profiles)) {
    if (!isObject(profile) || parseKeyRef(profile.keyRef) === undefined) continue
    const fields = resolved.get(id) ?? {}
    const required = profile.type === "api_key" ? "key" : profile.type === "token" ? "token" : "access"
    // A secret written into the file after the ref (e.g. by an OAuth refresh) is newer than the keychain's.
    next[id] = { [required]: "", ...fields, ...profile }
  }
  return { ...doc, profiles: next }
}

/**
 * Profiles of a document being written that carry a keyRef *and* plain secret fields (e.g. an OAuth refresh
 * that updated `access` in place): those fields belong in the keychain item, not in the file.
 */
export const secretsToMove = (
  doc: JsonObject
): ReadonlyArray<readonly [profileId: string, ref: KeyRef, secrets: Readonly<Record<string, string>>]> => {
  const profiles = isObject(doc.profiles) ? doc.profiles : {}
  return Object.entries(profiles).flatMap(([id, profile]) => {
    if (!isObject(profile)) return []
    const ref = parseKeyRef(profile.keyRef)
    if (ref === undefined) return []
    const secrets = Object.fromEntries(
      SECRET_FIELDS.flatMap((field) => (typeof profile[field] === "string" ? [[field, profile[field]]] : []))
    ) as Record<string, string>
    return Object.keys(secrets).length === 0 ? [] : [[id, ref, secrets] as const]
  })
}

/** The document without the secret fields of `ids` (their keyRef stays). */
export const stripSecrets = (doc: JsonObject, ids: ReadonlyArray<string>): JsonObject => {
  const profiles = isObject(doc.profiles) ? doc.profiles : {}
  const next: Record<string, unknown> = { ...profiles }
  for (const id of ids) {
    const profile = profiles[id]
    if (!isObject(profile)) continue
    next[id] = Object.fromEntries(
      Object.entries(profile).filter(([field]) => !(SECRET_FIELDS as ReadonlyArray<string>).includes(field))
    )
  }
  return { ...doc, profiles: next }
}
