/**
 * `models auth list`: every credential an agent can use, one row each, with its health (spec §6.1), where its
 * secret lives, its place in the rotation (§6.3) and whether it is cooling down or disabled (§6.2). Masks only,
 * as `status` shows them. Pure.
 */
import * as Redacted from "effect/Redacted"
import {
  type AuthCredential,
  type AuthProfiles,
  type HealthStatus,
  maskSecret,
  profileHealth,
  secretOf,
  type UnusableProfile,
  unusableProfiles
} from "./authProfiles.js"
import { type ClawdbotConfig, configApiKey } from "./config.js"
import type { JsonObject } from "./configEdit.js"
import { ENV_SURFACED_PROVIDERS, envCredential } from "./envCredentials.js"
import { keyRefsOf } from "./keyRef.js"
import { normalizeProviderId } from "./modelRef.js"
import { compareText } from "./order.js"
import { rotationOrder } from "./rotation.js"
import { credentialMask, envCredentialMask } from "./status.js"

export interface AuthListEntry {
  readonly provider: string
  /** A stored profile, an environment variable, or `models.providers.<p>.apiKey` in the config. */
  readonly source: "profile" | "env" | "config"
  /** `profile`: the profile id; `env`: the variable; `config`: the config key. */
  readonly id: string
  readonly type: "api_key" | "token" | "oauth" | "aws-sdk" | "adc"
  readonly email?: string
  /** As status shows it: `sk-ant-a...89abcdef`, `token:...`, `OAuth`; never the secret. */
  readonly mask: string
  /** Spec §6.1; `missing` also when the secret is not there (e.g. a keychain item that could not be read). */
  readonly health: HealthStatus
  readonly expiresAt?: number
  readonly remainingMs?: number
  /** Where the secret is kept. */
  readonly secretIn: "file" | "keychain" | "env" | "config"
  /** For `secretIn: keychain`: the item (`clawdbot/<account>`) and its backend, as the profile's keyRef names them. */
  readonly keychain?: { readonly item: string; readonly backend?: string }
  /**
   * 1-based place in the order a run tries credentials (profiles in rotation order, then the env variable, then
   * the config key); null when a run never tries it, with the reason in `skipped`.
   */
  readonly position: number | null
  readonly skipped?: string
  /** The credential a run would use first. */
  readonly next: boolean
  /** Set while the profile is in cooldown or disabled (spec §6.2). */
  readonly unusable?: UnusableProfile
}

export interface AuthListInputs {
  readonly config: ClawdbotConfig
  readonly store: AuthProfiles & { readonly raw: JsonObject }
  readonly env: (name: string) => string | undefined
  readonly now: number
  /** Only this (normalised) provider. */
  readonly provider?: string | undefined
}

/** A secret that is not there at all (an expired one is there). */
const secretAbsent = (credential: AuthCredential) =>
  secretOf(credential).trim() === "" &&
  !(
    credential.type === "oauth" &&
    credential.refresh !== undefined &&
    Redacted.value(credential.refresh).trim() !== ""
  )

const profileRows = (inputs: AuthListInputs, provider: string): ReadonlyArray<AuthListEntry> => {
  const { store, config, now } = inputs
  const rotation = rotationOrder(provider, store, config, now)
  const refs = new Map(keyRefsOf(store.raw))
  const unusable = new Map(unusableProfiles(store, now).map((entry) => [entry.profileId, entry]))
  const ids = Object.keys(store.profiles)
    .filter((id) => normalizeProviderId(store.profiles[id]!.provider) === provider)
    .sort(
      (a, b) =>
        (rotation.order.indexOf(a) + 1 || Infinity) - (rotation.order.indexOf(b) + 1 || Infinity) ||
        compareText(a, b)
    )
  return ids.map((id): AuthListEntry => {
    const credential = store.profiles[id]!
    const health = profileHealth(credential, now)
    const ref = refs.get(id)
    const email = config.auth?.profiles?.[id]?.email ?? credential.email
    const index = rotation.order.indexOf(id)
    const skipped = rotation.skipped.get(id)
    const state = unusable.get(id)
    return {
      provider,
      source: "profile",
      id,
      type: credential.type,
      ...(email ? { email } : {}),
      mask: credentialMask(credential),
      health: secretAbsent(credential) ? "missing" : health.status,
      ...(health.expiresAt === undefined ? {} : { expiresAt: health.expiresAt }),
      ...(health.remainingMs === undefined ? {} : { remainingMs: health.remainingMs }),
      secretIn: ref === undefined ? "file" : "keychain",
      ...(ref === undefined
        ? {}
        : {
            keychain: {
              item: `${ref.service}/${ref.account}`,
              ...(ref.backend === undefined ? {} : { backend: ref.backend })
            }
          }),
      position: index < 0 ? null : index + 1,
      ...(skipped === undefined ? {} : { skipped }),
      next: false,
      ...(state === undefined ? {} : { unusable: state })
    }
  })
}

/** The env and config credentials of a provider, in the order a run falls back to them after the profiles. */
const fallbackRows = (inputs: AuthListInputs, provider: string): ReadonlyArray<AuthListEntry> => {
  const rows: Array<AuthListEntry> = []
  const env = envCredential(provider, inputs.env)
  if (env !== undefined) {
    rows.push({
      provider,
      source: "env",
      id: env.varName,
      type: env.mode,
      mask: envCredentialMask(env),
      health: "static",
      secretIn: "env",
      position: 0,
      next: false
    })
  }
  const entry = Object.entries(inputs.config.models?.providers ?? {}).find(
    ([id]) => normalizeProviderId(id) === provider
  )
  const raw = entry?.[1].apiKey?.trim()
  if (entry !== undefined && raw) {
    const value = configApiKey(provider, inputs.config, inputs.env)
    // `!command` keys come from running a shell command: there is nothing to mask, and nothing to show.
    const command = raw.startsWith("!")
    rows.push({
      provider,
      source: "config",
      id: `models.providers.${entry[0]}.apiKey`,
      type: "api_key",
      mask: command ? "(shell command)" : maskSecret(value),
      health: value === undefined && !command ? "missing" : "static",
      secretIn: "config",
      position: 0,
      next: false
    })
  }
  return rows
}

/**
 * Every credential of the agent (optionally of one provider): stored profiles, then env and config credentials,
 * sorted by provider, then in the order a run tries them. `next` marks the first one a run would use: the first
 * profile in rotation order that is not cooling down, else the env credential, else the config key.
 */
export const authListEntries = (inputs: AuthListInputs): ReadonlyArray<AuthListEntry> => {
  const providers = new Set([
    ...Object.values(inputs.store.profiles).map((credential) => normalizeProviderId(credential.provider)),
    ...ENV_SURFACED_PROVIDERS.filter((provider) => envCredential(provider, inputs.env) !== undefined),
    ...Object.keys(inputs.config.models?.providers ?? {}).map(normalizeProviderId)
  ])
  const wanted = [...providers]
    .filter((provider) => inputs.provider === undefined || provider === inputs.provider)
    .sort(compareText)
  return wanted.flatMap((provider) => {
    const profiles = profileRows(inputs, provider)
    const tried = profiles.filter((row) => row.position !== null).length
    const fallbacks = fallbackRows(inputs, provider).map((row, i) => ({ ...row, position: tried + i + 1 }))
    const rows = [...profiles, ...fallbacks]
    const next =
      rows.find((row) => row.source === "profile" && row.position !== null && row.unusable === undefined) ??
      rows.find((row) => row.source !== "profile" && row.health !== "missing")
    return rows.map((row) => (row === next ? { ...row, next: true } : row))
  })
}
