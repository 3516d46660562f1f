/**
 * `auth-profiles.json` (spec §1.4) and auth health (spec §6.1). Pure: decoding, health, masking, labels.
 * Secrets are held as `Redacted` so printing a profile by accident shows `<redacted>`.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { ClawdbotConfig } from "./config.js"
import type { JsonObject } from "./configEdit.js"
import { normalizeProviderId } from "./modelRef.js"

const Secret = Schema.Redacted(Schema.String)
const Meta = {
  provider: Schema.String,
  email: Schema.optional(Schema.String)
}

export const ApiKeyCredential = Schema.Struct({ type: Schema.Literal("api_key"), ...Meta, key: Secret })
export const TokenCredential = Schema.Struct({
  type: Schema.Literal("token"),
  ...Meta,
  token: Secret,
  expires: Schema.optional(Schema.Number)
})
export const OAuthCredential = Schema.Struct({
  type: Schema.Literal("oauth"),
  ...Meta,
  access: Secret,
  refresh: Schema.optional(Secret),
  expires: Schema.Number,
  accountId: Schema.optional(Schema.String),
  projectId: Schema.optional(Schema.String),
  enterpriseUrl: Schema.optional(Schema.String),
  clientId: Schema.optional(Schema.String)
})
export const AuthCredential = Schema.Union(ApiKeyCredential, TokenCredential, OAuthCredential)
export type AuthCredential = typeof AuthCredential.Type
export type CredentialType = AuthCredential["type"]

export const UsageStats = Schema.Struct({
  lastUsed: Schema.optional(Schema.Number),
  cooldownUntil: Schema.optional(Schema.Number),
  disabledUntil: Schema.optional(Schema.Number),
  disabledReason: Schema.optional(Schema.String),
  errorCount: Schema.optional(Schema.Number),
  failureCounts: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Number })),
  lastFailureAt: Schema.optional(Schema.Number)
})
export type UsageStats = typeof UsageStats.Type

/** The usable view of a store. The raw document is kept beside it so a write never drops what we skipped. */
export interface AuthProfiles {
  readonly profiles: Readonly<Record<string, AuthCredential>>
  readonly order: Readonly<Record<string, ReadonlyArray<string>>>
  readonly lastGood: Readonly<Record<string, string>>
  readonly usageStats: Readonly<Record<string, UsageStats>>
}

const decodeCredential = Schema.decodeUnknownEither(AuthCredential)
const decodeUsage = Schema.decodeUnknownEither(UsageStats)

const objectAt = (value: unknown): JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {}

/** One stored profile entry as the loader takes it: a valid credential with a non-blank provider. */
const decodeEntry = (value: unknown): Either.Either<AuthCredential, ParseResult.ParseError | "provider"> =>
  Either.filterOrLeft(
    decodeCredential(value),
    (credential) => credential.provider.trim() !== "",
    () => "provider" as const
  )

/**
 * The credential as the loader will see it after a JSON write and read (where `Infinity` and `NaN` become `null`),
 * or the fields that would make the loader drop it. Check before writing: a profile the loader skips is one that
 * silently vanishes from `status` and probes. The reason names fields, never values (they may be secrets).
 */
export const storableCredential = (value: unknown): Either.Either<AuthCredential, string> =>
  Either.mapLeft(decodeEntry(JSON.parse(JSON.stringify(value ?? null))), (error) => {
    if (error === "provider") return "its provider is blank"
    const fields = [
      ...new Set(ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => issue.path.join(".")))
    ].filter((field) => field !== "")
    return fields.length === 0 ? "it is not a credential" : `bad value for ${fields.join(", ")}`
  })

/** Lenient decode (spec §1.4): entries without a valid type/provider are skipped; order lists trimmed. */
export const decodeAuthProfiles = (raw: unknown): AuthProfiles => {
  const doc = objectAt(raw)
  const profiles: Record<string, AuthCredential> = {}
  for (const [id, value] of Object.entries(objectAt(doc.profiles))) {
    const decoded = decodeEntry(value)
    if (Either.isRight(decoded)) profiles[id] = decoded.right
  }
  const order: Record<string, ReadonlyArray<string>> = {}
  for (const [provider, list] of Object.entries(objectAt(doc.order))) {
    if (!Array.isArray(list)) continue
    const ids = list.filter((id): id is string => typeof id === "string").map((id) => id.trim())
    const kept = ids.filter((id) => id !== "")
    if (kept.length > 0) order[provider] = kept
  }
  const lastGood: Record<string, string> = {}
  for (const [provider, id] of Object.entries(objectAt(doc.lastGood))) {
    if (typeof id === "string") lastGood[provider] = id
  }
  const usageStats: Record<string, UsageStats> = {}
  for (const [id, value] of Object.entries(objectAt(doc.usageStats))) {
    const decoded = decodeUsage(value)
    if (Either.isRight(decoded)) usageStats[id] = decoded.right
  }
  return { profiles, order, lastGood, usageStats }
}

export const emptyAuthDocument = (): JsonObject => ({ version: 1, profiles: {} })

export const secretOf = (credential: AuthCredential): string =>
  Redacted.value(
    credential.type === "api_key"
      ? credential.key
      : credential.type === "token"
        ? credential.token
        : credential.access
  )

/** Mask for display (spec §3.2): `missing`, short values as-is... except we never show a short secret whole. */
export const maskSecret = (value: string | undefined): string => {
  const text = value?.trim() ?? ""
  if (text === "") return "missing"
  // The reference prints keys of <= 16 chars unmasked (§8.8); we show at most a quarter of any secret.
  if (text.length <= 16) return `${text.slice(0, Math.min(4, Math.floor(text.length / 4)))}...`
  return `${text.slice(0, 8)}...${text.slice(-8)}`
}

export type HealthStatus = "ok" | "expiring" | "expired" | "missing" | "static"

export const WARN_AFTER_MS = 24 * 60 * 60 * 1000

/** Health of one profile (spec §6.1). */
export const profileHealth = (
  credential: AuthCredential,
  now: number,
  warnAfterMs = WARN_AFTER_MS
): { readonly status: HealthStatus; readonly expiresAt?: number; readonly remainingMs?: number } => {
  if (credential.type === "api_key") return { status: "static" }
  const expires = credential.expires
  if (
    credential.type === "token" &&
    !(typeof expires === "number" && expires > 0 && Number.isFinite(expires))
  ) {
    return { status: "static" }
  }
  if (!(typeof expires === "number" && expires > 0 && Number.isFinite(expires))) return { status: "missing" }
  const remainingMs = expires - now
  const status: HealthStatus = remainingMs <= 0 ? "expired" : remainingMs <= warnAfterMs ? "expiring" : "ok"
  return { status, expiresAt: expires, remainingMs }
}

/** Remaining time (spec §6.1): `unknown`, `0m`, `Nm`, `Nh` (< 48 h), else `Nd`. */
export const formatRemaining = (ms: number | undefined): string => {
  if (ms === undefined || !Number.isFinite(ms)) return "unknown"
  if (ms <= 0) return "0m"
  const minutes = Math.max(1, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes}m`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours}h`
  return `${Math.round(hours / 24)}d`
}

export interface UnusableProfile {
  readonly profileId: string
  readonly provider: string
  readonly kind: "disabled" | "cooldown"
  readonly reason?: string
  readonly until: number
  readonly remainingMs: number
}

/** Profiles in cooldown or disabled right now (spec §3.2, §6.2), soonest first. */
export const unusableProfiles = (store: AuthProfiles, now: number): ReadonlyArray<UnusableProfile> =>
  Object.entries(store.usageStats)
    .flatMap(([profileId, stats]): ReadonlyArray<UnusableProfile> => {
      const disabledUntil = stats.disabledUntil ?? 0
      const cooldownUntil = stats.cooldownUntil ?? 0
      const until = Math.max(disabledUntil, cooldownUntil)
      if (!(until > now)) return []
      const disabled = disabledUntil > now
      const provider = normalizeProviderId(
        store.profiles[profileId]?.provider ?? profileId.split(":")[0] ?? ""
      )
      return [
        {
          profileId,
          provider,
          kind: disabled ? "disabled" : "cooldown",
          ...(disabled && stats.disabledReason ? { reason: stats.disabledReason } : {}),
          until,
          remainingMs: until - now
        }
      ]
    })
    .sort((a, b) => a.remainingMs - b.remainingMs)

/** Whether the profile has a secret that could be used now (spec §6.3 step 2). */
export const hasUsableSecret = (credential: AuthCredential, now: number): boolean => {
  switch (credential.type) {
    case "api_key":
      return Redacted.value(credential.key).trim() !== ""
    case "token":
      return (
        Redacted.value(credential.token).trim() !== "" &&
        !(typeof credential.expires === "number" && credential.expires > 0 && credential.expires <= now)
      )
    case "oauth":
      return (
        Redacted.value(credential.access).trim() !== "" ||
        (credential.refresh !== undefined && Redacted.value(credential.refresh).trim() !== "")
      )
  }
}

/** Config `auth.profiles[id]`, if present, must name the same provider and a compatible mode (spec §6.3 step 2). */
export const matchesConfigMeta = (
  meta: { readonly provider: string; readonly mode: string } | undefined,
  credential: AuthCredential
): boolean =>
  meta === undefined ||
  (normalizeProviderId(meta.provider) === normalizeProviderId(credential.provider) &&
    (meta.mode === credential.type || (meta.mode === "oauth" && credential.type === "token")))

/** Explicit rotation order (spec §6.3 step 1, first two sources): store `order[p]`, else config `auth.order[p]`. */
export const explicitOrder = (
  provider: string,
  store: AuthProfiles,
  config: ClawdbotConfig
): ReadonlyArray<string> | undefined => {
  const fromStore = Object.entries(store.order).find(([p]) => normalizeProviderId(p) === provider)?.[1]
  if (fromStore && fromStore.length > 0) return fromStore
  const fromConfig = Object.entries(config.auth?.order ?? {}).find(
    ([p]) => normalizeProviderId(p) === provider
  )?.[1]
  return fromConfig && fromConfig.length > 0 ? fromConfig : undefined
}
