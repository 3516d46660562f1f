/** `models status` data (spec §3.2), computed from plain values. Rendering lives in render/status.ts. */
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  type AuthCredential,
  type AuthProfiles,
  formatRemaining,
  type HealthStatus,
  maskSecret,
  profileHealth,
  type UnusableProfile,
  unusableProfiles,
  WARN_AFTER_MS
} from "./authProfiles.js"
import { isLocalBaseUrl } from "./catalog.js"
import {
  aliasIndexOf,
  aliasMap,
  allowlist,
  type ClawdbotConfig,
  resolvedDefaultKey,
  selectionParts
} from "./config.js"
import {
  BUILTIN_CLI_BACKENDS,
  ENV_SURFACED_PROVIDERS,
  type EnvCredential,
  envCredential
} from "./envCredentials.js"
import { type AliasIndex, normalizeProviderId, providerOfInput } from "./modelRef.js"
import { compareText } from "./order.js"
import type { ProbeResult, ProbeStatus } from "./probe/types.js"

export interface StatusInputs {
  readonly configPath: string
  readonly agentDir: string
  readonly storePath: string
  readonly shorten: (path: string) => string
  readonly config: ClawdbotConfig
  readonly store: AuthProfiles
  readonly env: (name: string) => string | undefined
  readonly now: number
  readonly shellEnv: { readonly enabled: boolean; readonly appliedKeys: ReadonlyArray<string> }
}

export interface ProviderOverview {
  readonly provider: string
  readonly effective: {
    readonly kind: "profiles" | "env" | "models.json" | "missing"
    readonly detail: string
  }
  readonly profiles: {
    readonly count: number
    readonly oauth: number
    readonly token: number
    readonly apiKey: number
    readonly labels: ReadonlyArray<string>
  }
  readonly env?: { readonly value: string; readonly source: string }
  readonly modelsJson?: { readonly value: string; readonly source: string }
}

/** Where a profile came from: synced from Claude Code / Codex CLI (by their fixed ids), else the store (§3.2). */
export type ProfileSource = "claude-cli" | "codex-cli" | "store"

const SYNCED_PROFILE_SOURCES: Readonly<Record<string, ProfileSource>> = {
  "anthropic:claude-cli": "claude-cli",
  "openai-codex:codex-cli": "codex-cli"
}

/** Health of one stored profile (spec §6.1); every type is listed, the text block shows only oauth/token. */
export interface OAuthProfileStatus {
  readonly profileId: string
  readonly provider: string
  readonly type: AuthCredential["type"]
  readonly status: HealthStatus
  readonly expiresAt?: number
  readonly remainingMs?: number
  readonly source: ProfileSource
  readonly label: string
}

/** The OAuth/token subset of the health list: what the text block shows and what `--check` judges (§3.2). */
export const isExpirable = (profile: OAuthProfileStatus) => profile.type !== "api_key"

export interface OAuthProviderStatus {
  readonly provider: string
  readonly status: HealthStatus
  readonly expiresAt?: number
  readonly remainingMs?: number
  readonly profiles: ReadonlyArray<OAuthProfileStatus>
}

export interface StatusView {
  readonly configPath: string
  readonly agentDir: string
  readonly defaultModel: string
  readonly resolvedDefault: string
  readonly fallbacks: ReadonlyArray<string>
  readonly imageModel: string | null
  readonly imageFallbacks: ReadonlyArray<string>
  readonly aliases: Readonly<Record<string, string>>
  readonly allowed: ReadonlyArray<string>
  readonly auth: {
    readonly storePath: string
    readonly shellEnvFallback: { readonly enabled: boolean; readonly appliedKeys: ReadonlyArray<string> }
    readonly providersWithOAuth: ReadonlyArray<string>
    readonly missingProvidersInUse: ReadonlyArray<string>
    readonly providers: ReadonlyArray<ProviderOverview>
    readonly unusableProfiles: ReadonlyArray<UnusableProfile>
    readonly oauth: {
      readonly warnAfterMs: number
      readonly profiles: ReadonlyArray<OAuthProfileStatus>
      readonly providers: ReadonlyArray<OAuthProviderStatus>
    }
  }
}

const sortedUnique = (items: Iterable<string>) =>
  [...new Set([...items].map((item) => item.trim()).filter((item) => item !== ""))].sort()

const providersOf = (refs: ReadonlyArray<string>, index: AliasIndex) =>
  refs.flatMap((ref) => Option.toArray(providerOfInput(ref, index)))

/** What status shows of a stored credential (spec §3.2): a masked key, `token:<mask>`, or `OAuth` (never a secret). */
export const credentialMask = (credential: AuthCredential): string => {
  switch (credential.type) {
    case "api_key":
      return maskSecret(Redacted.value(credential.key))
    case "token":
      return `token:${maskSecret(Redacted.value(credential.token))}`
    case "oauth":
      return "OAuth"
  }
}

const credentialLabel = (id: string, credential: AuthCredential, email: string | undefined): string =>
  `${id}=${credentialMask(credential)}${credential.type === "oauth" && email ? ` (${email})` : ""}`

/** What status shows of an env credential (spec §3.2): `OAuth (env)`, a masked key, or the SDK's description. */
export const envCredentialMask = (env: EnvCredential): string =>
  env.mode === "oauth" ? "OAuth (env)" : env.mode === "api_key" ? maskSecret(env.value) : env.value

/** `cooldown 5m` or `disabled:billing 3h` (spec §3.2): why a profile is skipped now, and for how long. */
export const unusableState = (entry: UnusableProfile): string => {
  const remaining = formatRemaining(entry.remainingMs)
  return entry.kind === "cooldown"
    ? `cooldown ${remaining}`
    : `disabled${entry.reason ? `:${entry.reason}` : ""} ${remaining}`
}

const unusableSuffix = (entry: UnusableProfile | undefined): string =>
  entry === undefined ? "" : ` [${unusableState(entry)}]`

/**
 * A provider's health (spec §6.1): no profiles `missing`; only api keys `static`; otherwise its oauth/token
 * profiles decide, worst first (expired/missing -> `expired`, then `expiring`). A token without an expiry is
 * `static` as a profile but counts as `ok` here, as the reference reports it: "only api keys" is what `static` means.
 */
const providerHealth = (profiles: ReadonlyArray<OAuthProfileStatus>): HealthStatus => {
  if (profiles.length === 0) return "missing"
  const statuses = profiles.filter(isExpirable).map((profile) => profile.status)
  if (statuses.length === 0) return "static"
  if (statuses.some((status) => status === "expired" || status === "missing")) return "expired"
  if (statuses.some((status) => status === "expiring")) return "expiring"
  return "ok"
}

/**
 * Providers served from this machine need no credential, so they are never "missing auth": those configured
 * with a local base URL, and Ollama unless it is configured elsewhere.
 */
const localProviders = (config: ClawdbotConfig): ReadonlyArray<string> => {
  const providers = Object.entries(config.models?.providers ?? {}).map(
    ([id, provider]) => [normalizeProviderId(id), provider.baseUrl] as const
  )
  const local = providers.flatMap(([id, baseUrl]) =>
    baseUrl !== undefined && isLocalBaseUrl(baseUrl) ? [id] : []
  )
  const ollamaElsewhere = providers.some(
    ([id, baseUrl]) => id === "ollama" && baseUrl !== undefined && !isLocalBaseUrl(baseUrl)
  )
  return ollamaElsewhere ? local : [...local, "ollama"]
}

/**
 * The model refs a run would use: the default (the built-in one when unset: spec §3.2 `defaultModel` = raw or
 * resolved), the fallbacks, the image model and the image fallbacks.
 */
const modelsInUse = (config: ClawdbotConfig, index: AliasIndex): ReadonlyArray<string> => {
  const model = selectionParts(config.agents?.defaults?.model)
  const image = selectionParts(config.agents?.defaults?.imageModel)
  return [model.primary ?? resolvedDefaultKey(config, index), ...model.fallbacks].concat(
    Option.toArray(Option.fromNullable(image.primary)),
    image.fallbacks
  )
}

/** Providers of the models in use (spec §3.2 "Providers in use"), sorted; aliases are resolved. */
export const providersInUse = (config: ClawdbotConfig): ReadonlyArray<string> => {
  const index = aliasIndexOf(config)
  return sortedUnique(providersOf(modelsInUse(config, index), index))
}

export const computeStatus = (inputs: StatusInputs): StatusView => {
  const { config, store, now } = inputs
  const index = aliasIndexOf(config)
  const model = selectionParts(config.agents?.defaults?.model)
  const image = selectionParts(config.agents?.defaults?.imageModel)
  const allowed = Object.keys(allowlist(config))
  const resolvedDefault = resolvedDefaultKey(config, index)
  const aliases = aliasMap(config)

  const configProviders = config.models?.providers ?? {}
  const inUseRefs = modelsInUse(config, index)
  const inUseProviders = sortedUnique(providersOf(inUseRefs, index))
  const envProviders = ENV_SURFACED_PROVIDERS.filter(
    (provider) => envCredential(provider, inputs.env) !== undefined
  )
  const providerSet = sortedUnique([
    ...Object.values(store.profiles).map((profile) => normalizeProviderId(profile.provider)),
    ...Object.keys(configProviders).map(normalizeProviderId),
    ...providersOf([...inUseRefs, ...allowed], index),
    ...envProviders
  ])

  const unusable = unusableProfiles(store, now)
  const unusableById = new Map(unusable.map((entry) => [entry.profileId, entry]))
  const configMeta = config.auth?.profiles ?? {}
  const emailOf = (id: string, credential: AuthCredential) => configMeta[id]?.email ?? credential.email
  const storeShort = inputs.shorten(inputs.storePath)

  const shellApplied = new Set(inputs.shellEnv.appliedKeys)
  const providers: Array<ProviderOverview> = []
  for (const provider of providerSet) {
    const profiles = Object.entries(store.profiles)
      .filter(([, credential]) => normalizeProviderId(credential.provider) === provider)
      .sort(([a], [b]) => compareText(a, b))
    const env = envCredential(provider, inputs.env)
    const configKey = configProviders[provider]?.apiKey?.trim()
    if (profiles.length === 0 && env === undefined && !configKey) continue
    const envView = env && {
      value: envCredentialMask(env),
      // keys imported by the login-shell fallback are labelled as such (spec §5.1, §5.3)
      source: shellApplied.has(env.varName) ? `shell env: ${env.varName}` : env.source
    }
    const modelsJsonView = configKey
      ? {
          value: maskSecret(configKey),
          source: `models.json: ${inputs.shorten(inputs.agentDir)}/models.json`
        }
      : undefined
    const count = (type: AuthCredential["type"]) => profiles.filter(([, c]) => c.type === type).length
    const effective: ProviderOverview["effective"] =
      profiles.length > 0
        ? { kind: "profiles", detail: storeShort }
        : envView
          ? { kind: "env", detail: envView.value }
          : modelsJsonView
            ? { kind: "models.json", detail: modelsJsonView.value }
            : { kind: "missing", detail: "missing" }
    providers.push({
      provider,
      effective,
      profiles: {
        count: profiles.length,
        oauth: count("oauth"),
        token: count("token"),
        apiKey: count("api_key"),
        labels: profiles.map(
          ([id, credential]) =>
            credentialLabel(id, credential, emailOf(id, credential)) + unusableSuffix(unusableById.get(id))
        )
      },
      ...(envView ? { env: envView } : {}),
      ...(modelsJsonView ? { modelsJson: modelsJsonView } : {})
    })
  }
  const covered = new Set([
    ...providers.map((overview) => overview.provider),
    ...BUILTIN_CLI_BACKENDS,
    ...Object.keys(config.agents?.defaults?.cliBackends ?? {}).map(normalizeProviderId),
    ...localProviders(config)
  ])
  const missingProvidersInUse = inUseProviders.filter((provider) => !covered.has(provider))

  const providersWithOAuth = providers.flatMap((overview) => {
    const envOAuth = overview.env?.value === "OAuth (env)" ? 1 : 0
    const n = overview.profiles.oauth + overview.profiles.token + envOAuth
    return n > 0 ? [`${overview.provider} (${n})`] : []
  })

  // Health (spec §3.2, §6.1): every stored profile of a provider in the set, and every provider of the set.
  const inSet = new Set(providerSet)
  const healthProfiles: Array<OAuthProfileStatus> = Object.entries(store.profiles)
    .filter(([, credential]) => inSet.has(normalizeProviderId(credential.provider)))
    .map(([profileId, credential]) => {
      const health = profileHealth(credential, now)
      const email = emailOf(profileId, credential)
      return {
        profileId,
        provider: normalizeProviderId(credential.provider),
        type: credential.type,
        status: health.status,
        ...(health.expiresAt !== undefined ? { expiresAt: health.expiresAt } : {}),
        ...(health.remainingMs !== undefined ? { remainingMs: health.remainingMs } : {}),
        source: SYNCED_PROFILE_SOURCES[profileId] ?? "store",
        label: email ? `${profileId} (${email})` : profileId
      }
    })
    .sort((a, b) => compareText(a.provider, b.provider) || compareText(a.profileId, b.profileId))

  const healthProviders: Array<OAuthProviderStatus> = providerSet.map((provider) => {
    const profiles = healthProfiles.filter((p) => p.provider === provider)
    const expiries = profiles.flatMap((p) =>
      isExpirable(p) && p.expiresAt !== undefined ? [p.expiresAt] : []
    )
    const expiresAt = expiries.length > 0 ? Math.min(...expiries) : undefined
    return {
      provider,
      status: providerHealth(profiles),
      ...(expiresAt !== undefined ? { expiresAt, remainingMs: expiresAt - now } : {}),
      profiles
    }
  })

  return {
    configPath: inputs.configPath,
    agentDir: inputs.agentDir,
    defaultModel: model.primary ?? resolvedDefault,
    resolvedDefault,
    fallbacks: model.fallbacks,
    imageModel: image.primary ?? null,
    imageFallbacks: image.fallbacks,
    aliases,
    allowed,
    auth: {
      storePath: inputs.storePath,
      shellEnvFallback: inputs.shellEnv,
      providersWithOAuth,
      missingProvidersInUse,
      providers,
      unusableProfiles: unusable,
      oauth: { warnAfterMs: WARN_AFTER_MS, profiles: healthProfiles, providers: healthProviders }
    }
  }
}

export type CheckCode = 0 | 1 | 2

/** What `--check` weighs from a probe run: its results, and which providers the models in use need. */
export interface ProbeCheck {
  readonly results: ReadonlyArray<ProbeResult>
  /** `providersInUse(config)`: probes of other providers do not affect the code. */
  readonly providersInUse: ReadonlyArray<string>
}

/** Probe outcomes that need a person (a key to replace, credit to buy, a model to fix): exit 1. */
const PROBE_FAILURES: ReadonlySet<ProbeStatus> = new Set(["auth", "billing", "format", "no_model"])
/** Probe outcomes that may pass on their own (a rate limit, a slow or unclear answer): exit 2. */
const PROBE_WARNINGS: ReadonlySet<ProbeStatus> = new Set(["rate_limit", "timeout", "unknown"])

/**
 * `--check` exit code (spec §3.2): 1 when an OAuth/token profile is expired or missing or an in-use provider has
 * no auth, 2 when one is expiring, else 0. Provider health is not weighed: a provider only in the allowlist is
 * `missing` there without failing the check. With a probe run (issue 12): also 1 when a probe of an in-use
 * provider came back `auth`, `billing`, `format` or `no_model`, and 2 when one came back `rate_limit`, `timeout`
 * or `unknown`. Only probes that sent a request count: a profile skipped while planning (excluded by
 * `auth.order`, a provider kind that cannot be probed) is not a failure of its credential.
 */
export const checkCode = (view: StatusView, probes?: ProbeCheck): CheckCode => {
  const statuses = view.auth.oauth.profiles.filter(isExpirable).map((profile) => profile.status)
  const probed = (probes?.results ?? []).filter(
    (result) => result.latencyMs !== undefined && probes?.providersInUse.includes(result.provider)
  )
  if (
    statuses.some((s) => s === "expired" || s === "missing") ||
    view.auth.missingProvidersInUse.length > 0 ||
    probed.some((result) => PROBE_FAILURES.has(result.status))
  )
    return 1
  if (statuses.includes("expiring") || probed.some((result) => PROBE_WARNINGS.has(result.status))) return 2
  return 0
}
