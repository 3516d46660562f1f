/**
 * The OpenRouter key a scan probes with (spec §3.9.1): auth profiles in rotation order, then
 * `OPENROUTER_API_KEY`, then `models.providers.openrouter.apiKey`. Pure.
 */
import * as Redacted from "effect/Redacted"
import {
  type AuthCredential,
  type AuthProfiles,
  hasUsableSecret,
  oauthAccessExpired,
  secretOf
} from "../authProfiles.js"
import { type ClawdbotConfig, configApiKey } from "../config.js"
import { envCredential } from "../envCredentials.js"
import { rotationOrder } from "../rotation.js"

export const OPENROUTER = "openrouter"

export interface ScanKey {
  readonly secret: Redacted.Redacted<string>
  /** Where it came from, for messages: `profile openrouter:default`, `env: OPENROUTER_API_KEY`, `config`. */
  readonly source: string
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
  // Rotation (spec §6.3, the order a run uses): profiles in cooldown or disabled come last.
  const chosen = rotationOrder(OPENROUTER, store, config, now)
    .order.map((id) => ({ id, credential: store.profiles[id]! }))
    .find(({ credential }) => usableNow(credential, now))
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
