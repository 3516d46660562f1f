/**
 * Implicit providers (spec §1.5): the reference writes `minimax`, `moonshot`, `kimi-code`, `synthetic`, `venice`
 * (each when its env variable or an `api_key`/`token` profile with a non-empty secret exists) and `qwen-portal`
 * (when any qwen-portal profile exists) into the agent's models.json, with models of their own, and merges
 * `models.providers` from the config on top. We do the same in memory, so `list`, `list --all` and probes know
 * those models exactly when the reference does. Pure.
 */
import * as Redacted from "effect/Redacted"
import type { AuthProfiles } from "./authProfiles.js"
import { implicitProviderConfigs } from "./builtinCatalog.js"
import type { ClawdbotConfig, ProviderConfig } from "./config.js"
import { envCredential } from "./envCredentials.js"
import { normalizeProviderId } from "./modelRef.js"

/** Known without loading the catalog data, so a run without such credentials never reads it for this. */
export const IMPLICIT_PROVIDERS: ReadonlyArray<string> = [
  "minimax",
  "moonshot",
  "kimi-code",
  "synthetic",
  "venice",
  "qwen-portal"
]

/** Any stored profile turns qwen-portal on (its OAuth token is exchanged per run; the key is a placeholder). */
const ANY_PROFILE: ReadonlySet<string> = new Set(["qwen-portal"])

const hasSecretProfile = (store: AuthProfiles, provider: string): boolean =>
  Object.values(store.profiles).some((profile) => {
    if (normalizeProviderId(profile.provider) !== provider) return false
    if (ANY_PROFILE.has(provider)) return true
    if (profile.type === "api_key") return Redacted.value(profile.key).trim() !== ""
    if (profile.type === "token") return Redacted.value(profile.token).trim() !== ""
    return false
  })

/** The implicit providers the reference would add for these credentials, in its order. */
export const activeImplicitProviders = (
  store: AuthProfiles,
  env: (name: string) => string | undefined
): ReadonlyArray<string> =>
  IMPLICIT_PROVIDERS.filter(
    (provider) =>
      hasSecretProfile(store, provider) ||
      (!ANY_PROFILE.has(provider) && envCredential(provider, env) !== undefined)
  )

/**
 * The reference's merge of a config provider over an implicit one: the config's keys win; its models come first,
 * then the implicit models it does not name.
 */
const mergeOver = (implicit: ProviderConfig, own: ProviderConfig): ProviderConfig => {
  const ownModels = own.models ?? []
  const named = new Set(ownModels.map((model) => model.id.trim()))
  const added = (implicit.models ?? []).filter((model) => !named.has(model.id))
  return { ...implicit, ...own, models: [...ownModels, ...added] }
}

/**
 * `config` with the active implicit providers in `models.providers` (config entries merged on top), for the
 * catalog: the result is never written. The same object when none is active.
 */
export const withImplicitProviders = (
  config: ClawdbotConfig,
  store: AuthProfiles,
  env: (name: string) => string | undefined
): ClawdbotConfig => {
  const active = activeImplicitProviders(store, env)
  if (active.length === 0) return config
  const definitions = implicitProviderConfigs()
  const own = config.models?.providers ?? {}
  const ownKeys = new Map(Object.keys(own).map((key) => [normalizeProviderId(key), key]))
  const providers: Record<string, ProviderConfig> = { ...own }
  for (const provider of active) {
    const implicit = definitions.get(provider)
    if (implicit === undefined) continue
    const key = ownKeys.get(provider)
    providers[key ?? provider] = key === undefined ? implicit : mergeOver(implicit, own[key]!)
  }
  return { ...config, models: { ...config.models, providers } }
}

/**
 * Every implicit provider's models as `provider`/`id` pairs, credentials or not: a model the reference knows once
 * its key is set is no typo (the key may come later, or from another shell).
 */
export const implicitModelRefs = (): ReadonlyArray<{ readonly provider: string; readonly id: string }> =>
  [...implicitProviderConfigs()].flatMap(([provider, config]) =>
    (config.models ?? []).map((model) => ({ provider, id: model.id }))
  )
