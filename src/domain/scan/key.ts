/**
 * The OpenRouter key a scan probes with (spec §3.9.1): auth profiles in rotation order, then
 * `OPENROUTER_API_KEY`, then `models.providers.openrouter.apiKey`. Pure.
 */
import * as Redacted from "effect/Redacted"
import {
  type AuthCredential,
  type AuthProfiles,
  explicitOrder,
  hasUsableSecret,
  oauthAccessExpired,
  secretOf
} from "../authProfiles.js"
import { type ClawdbotConfig, configApiKey } from "../config.js"
import { envCredential } from "../envCredentials.js"
import { normalizeProviderId } from "../modelRef.js"

export const OPENROUTER = "openrouter"

export interface ScanKey {
  readonly secret: Redacted.Redacted<string>
  /** Where it came from, for messages: `profile openrouter:default`, `env: OPENROUTER_API_KEY`, `config`. */
  readonly source: string
}

const providerOf = (credential: AuthCredential) => normalizeProviderId(credential.provider)

/** Profile ids for OpenRouter: the explicit order (store, then config), then every other stored one. */
const profileOrder = (store: AuthProfiles, config: ClawdbotConfig): ReadonlyArray<string> => {
  const stored = Object.keys(store.profiles)
    .filter((id) => providerOf(store.profiles[id]!) === OPENROUTER)
    .sort()
  return [...new Set([...(explicitOrder(OPENROUTER, store, config) ?? []), ...stored])]
}

const inCooldown = (store: AuthProfiles, id: string, now: number) => {
  const stats = store.usageStats[id]
  return stats !== undefined && Math.max(stats.cooldownUntil ?? 0, stats.disabledUntil ?? 0) > now
}

/** An expired OAuth access token cannot be used without a refresh, which a scan does not do. */
const usableNow = (credential: AuthCredential, now: number) =>
  hasUsableSecret(credential, now) &&
  !(credential.type === "oauth" && oauthAccessExpired(credential, now)) &&
  secretOf(credential).trim() !== ""

export const resolveScanKey = (input: {
  readonly store: AuthProfiles
  readonly config: ClawdbotConfig
  readonly env: (name: string) => string | undefined
  readonly now: number
}): ScanKey | undefined => {
  const { store, config, env, now } = input
  const candidates = profileOrder(store, config).flatMap((id) => {
    const credential = store.profiles[id]
    return credential !== undefined && providerOf(credential) === OPENROUTER && usableNow(credential, now)
      ? [{ id, credential }]
      : []
  })
  // Rotation (spec §6.3): profiles in cooldown go last.
  const chosen = candidates.find(({ id }) => !inCooldown(store, id, now)) ?? candidates[0]
  if (chosen !== undefined) {
    return { secret: Redacted.make(secretOf(chosen.credential).trim()), source: `profile ${chosen.id}` }
  }
  const fromEnv = envCredential(OPENROUTER, env)
  if (fromEnv !== undefined) return { secret: Redacted.make(fromEnv.value), source: fromEnv.source }
  // A `!command` key would need a shell: a scan does not run one.
  const configured = configApiKey(OPENROUTER, config, env)
  if (configured !== undefined) return { secret: Redacted.make(configured), source: "config" }
  return undefined
}
