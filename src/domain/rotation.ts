/**
 * Rotation order (spec §6.3): which stored profiles of a provider a run tries, in which order, and why each other
 * one is left out. Pure: store, config and the time in; ids and reasons out.
 */
import {
  type AuthCredential,
  type AuthProfiles,
  type CredentialType,
  explicitOrder,
  hasUsableSecret,
  matchesConfigMeta
} from "./authProfiles.js"
import type { ClawdbotConfig } from "./config.js"
import { normalizeProviderId } from "./modelRef.js"
import { compareText } from "./order.js"

export interface Rotation {
  /** Profile ids in the order a run tries them; those in cooldown or disabled come last, soonest first. */
  readonly order: ReadonlyArray<string>
  /** Stored profiles of the provider a run never tries, with the reason. */
  readonly skipped: ReadonlyMap<string, string>
}

const TYPE_RANK: Readonly<Record<CredentialType, number>> = { oauth: 0, token: 1, api_key: 2 }

/** When a profile in cooldown or disabled can be used again (epoch ms); 0 when it can be used now. */
const availableAt = (store: AuthProfiles, id: string, now: number): number => {
  const stats = store.usageStats[id]
  const until = Math.max(stats?.cooldownUntil ?? 0, stats?.disabledUntil ?? 0)
  return until > now ? until : 0
}

/** Why a profile with a secret a run cannot use is left out. */
const unusableSecret = (credential: AuthCredential, now: number) =>
  credential.type === "token" &&
  typeof credential.expires === "number" &&
  credential.expires > 0 &&
  credential.expires <= now
    ? "token expired"
    : "secret missing"

export const rotationOrder = (
  provider: string,
  store: AuthProfiles,
  config: ClawdbotConfig,
  now: number
): Rotation => {
  const stored = Object.entries(store.profiles)
    .filter(([, credential]) => normalizeProviderId(credential.provider) === provider)
    .map(([id]) => id)
    .sort(compareText)
  const configMeta = config.auth?.profiles ?? {}
  const explicit = explicitOrder(provider, store, config)
  const configured = Object.entries(configMeta)
    .filter(([, meta]) => normalizeProviderId(meta.provider) === provider)
    .map(([id]) => id)
  const base = explicit ?? (configured.length > 0 ? configured : stored)
  const skipped = new Map<string, string>()
  for (const id of stored) {
    if (!base.includes(id))
      skipped.set(id, explicit !== undefined ? "not in auth.order" : "not in the config's auth.profiles")
  }
  const kept: Array<string> = []
  for (const id of new Set(base)) {
    const credential = store.profiles[id]
    if (credential === undefined || normalizeProviderId(credential.provider) !== provider) continue
    const meta = configMeta[id]
    if (!matchesConfigMeta(meta, credential))
      skipped.set(id, `the config's auth.profiles says ${meta?.provider}/${meta?.mode}`)
    else if (!hasUsableSecret(credential, now)) skipped.set(id, unusableSecret(credential, now))
    else kept.push(id)
  }
  const ready = kept.filter((id) => availableAt(store, id, now) === 0)
  const waiting = kept
    .filter((id) => availableAt(store, id, now) > 0)
    .sort((a, b) => availableAt(store, a, now) - availableAt(store, b, now))
  if (explicit === undefined) {
    // Round-robin (step 4): by type, then least recently used first.
    const rank = (id: string) => TYPE_RANK[store.profiles[id]!.type]
    const lastUsed = (id: string) => store.usageStats[id]?.lastUsed ?? 0
    ready.sort((a, b) => rank(a) - rank(b) || lastUsed(a) - lastUsed(b))
  }
  return { order: [...ready, ...waiting], skipped }
}
