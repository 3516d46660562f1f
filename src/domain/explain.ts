/**
 * `models explain` (issue 12 item 4): how a model reference resolves, step by step — alias, normalisation, key,
 * catalog entry, allowlist, roles, the credential a run would use (spec §5.1, §6.3) and the fallbacks tried after
 * it. Pure: config, catalog, store, env and the time in; plain data out. Masks only, never a secret.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { modelChainOf, type ResolvedModelRef } from "./agents.js"
import { type AuthListEntry, type AuthListInputs, authListEntries } from "./authList.js"
import type { UnusableProfile } from "./authProfiles.js"
import { implicitProviderConfigs } from "./builtinCatalog.js"
import type { CatalogModel } from "./catalog.js"
import { configuredProviders } from "./catalogMerge.js"
import { aliasesOfConfig, aliasIndexOf, allowlist, type ClawdbotConfig } from "./config.js"
import { BUILTIN_CLI_BACKENDS } from "./envCredentials.js"
import { normalizeProviderId, parseModelRef, resolveModelInput } from "./modelRef.js"

export interface ExplainAlias {
  /** As configured (built-in aliases are lower case). */
  readonly name: string
  /** `user`: an `alias` written in the allowlist entry; `builtin`: one of spec §2.5. */
  readonly kind: "user" | "builtin"
  /** The allowlist key as written it is attached to; absent for a built-in whose target is not configured. */
  readonly entry?: string
  /** What the alias stands for, before normalisation. */
  readonly target: string
}

export interface Normalisation {
  readonly part: "provider" | "model"
  readonly from: string
  readonly to: string
}

/** Where the catalog entry comes from. */
export type CatalogSourceKind = "bundled" | "refreshed" | "custom" | "implicit" | "ollama"

export interface ExplainCatalogEntry {
  readonly source: CatalogSourceKind
  readonly name: string
  readonly api: string
  readonly contextWindow: number
  /** `text`, `image`, ... */
  readonly input: ReadonlyArray<string>
  /** Each absent when the catalog does not say. */
  readonly maxTokens?: number
  readonly cost?: { readonly input?: number; readonly output?: number }
  readonly reasoning?: boolean
  readonly tools?: boolean
}

export interface ExplainAllowlist {
  /** Whether `agents.defaults.models` has any entry (none: every model is allowed). */
  readonly configured: boolean
  readonly admitted: boolean
  /** `no-allowlist`, `listed`, `default` (the default model is always allowed) or `not-listed`. */
  readonly reason: "no-allowlist" | "listed" | "default" | "not-listed"
}

export interface ExplainRole {
  readonly role: "default" | "fallback" | "image" | "image-fallback"
  /** 1-based, for the fallbacks. */
  readonly position?: number
}

export interface ExplainCredential {
  readonly source: AuthListEntry["source"]
  /** Profile id, env variable, or config key. */
  readonly id: string
  readonly type: AuthListEntry["type"]
  /** Never the secret. */
  readonly mask: string
  readonly health: AuthListEntry["health"]
  /**
   * `use`: what a run takes first; `next`: tried after it, in this order; `waiting`: in the rotation but in
   * cooldown or disabled now (tried last, soonest free first); `skipped`: never tried, see `reason`.
   */
  readonly state: "use" | "next" | "waiting" | "skipped"
  /** 1-based place in the order a run tries credentials; null when skipped. */
  readonly position: number | null
  readonly reason?: string
  readonly unusable?: UnusableProfile
}

export interface ExplainCredentials {
  readonly provider: string
  /** The credential a run would use (its id), or null when there is none: the run fails with `message`. */
  readonly use: string | null
  readonly entries: ReadonlyArray<ExplainCredential>
  /** Set when something other than the entries decides, or when nothing can be used. */
  readonly message?: string
}

export interface ExplainFallback {
  /** As configured (an alias or `provider/model`). */
  readonly input: string
  readonly key: string
  readonly alias?: string
  /** `tried` in this order; `skipped` with the reason (the model itself, listed twice, not in the allowlist). */
  readonly state: "tried" | "skipped"
  readonly reason?: string
  readonly inCatalog: boolean
  /** The credential a run would use for it, null when none. */
  readonly credential: string | null
}

export interface Explanation {
  readonly agentId: string
  /** What was asked, trimmed; with no argument, the agent's configured primary (or the built-in default). */
  readonly input: string
  /** No argument: the agent's default is explained. */
  readonly isDefault: boolean
  readonly alias: ExplainAlias | null
  /** Without `provider/`, the default provider is assumed. */
  readonly providerAssumed: boolean
  readonly normalised: ReadonlyArray<Normalisation>
  readonly key: string
  readonly provider: string
  readonly model: string
  readonly catalog: ExplainCatalogEntry | null
  readonly allowlist: ExplainAllowlist
  readonly roles: ReadonlyArray<ExplainRole>
  readonly credentials: ExplainCredentials
  /** `text`: the model fallbacks; `image`: the image fallbacks (a model used only as the image model). */
  readonly fallbackChain: "text" | "image"
  readonly fallbacks: ReadonlyArray<ExplainFallback>
}

export interface ExplainInputs extends Omit<AuthListInputs, "provider"> {
  /** The config as the agent sees it (configForAgent). */
  readonly config: ClawdbotConfig
  readonly agentId: string
  /** What the user typed; undefined: the agent's default. */
  readonly input?: string | undefined
  /** Every model known, implicit providers, the refreshed catalog and Ollama included. */
  readonly catalog: ReadonlyArray<CatalogModel>
  /** The implicit providers active for this agent's credentials (activeImplicitProviders). */
  readonly implicitProviders: ReadonlyArray<string>
}

/** The alias `resolved` came through: a user one, a built-in attached to an entry, or an unconfigured built-in. */
const aliasOf = (config: ClawdbotConfig, alias: string, target: string): ExplainAlias => {
  const lower = alias.toLowerCase()
  const configured = aliasesOfConfig(config).filter((entry) => entry.alias.toLowerCase() === lower)
  const winner = configured[configured.length - 1]
  return winner === undefined
    ? { name: lower, kind: "builtin", target }
    : { name: winner.alias, kind: winner.builtin ? "builtin" : "user", entry: winner.key, target: winner.key }
}

/** What changed between the text as written and the canonical key (spec §2.2). */
const normalisationOf = (written: string, provider: string, model: string) => {
  const text = written.trim()
  const slash = text.indexOf("/")
  const rawProvider = slash === -1 ? undefined : text.slice(0, slash).trim()
  const rawModel = (slash === -1 ? text : text.slice(slash + 1)).trim()
  const changes: Array<Normalisation> = []
  if (rawProvider !== undefined && rawProvider !== provider)
    changes.push({ part: "provider", from: rawProvider, to: provider })
  if (rawModel !== model) changes.push({ part: "model", from: rawModel, to: model })
  return { providerAssumed: rawProvider === undefined, normalised: changes }
}

const catalogSource = (
  model: CatalogModel,
  config: ClawdbotConfig,
  implicitProviders: ReadonlyArray<string>
): CatalogSourceKind => {
  const own = configuredProviders(config.models?.providers).get(model.provider)
  if ((own?.models ?? []).some((entry) => entry.id === model.id)) return "custom"
  if (
    implicitProviders.includes(model.provider) &&
    (implicitProviderConfigs().get(model.provider)?.models ?? []).some((entry) => entry.id === model.id)
  )
    return "implicit"
  if (model.provider === "ollama") return "ollama"
  return model.source ?? "bundled"
}

const catalogEntry = (
  model: CatalogModel,
  config: ClawdbotConfig,
  implicitProviders: ReadonlyArray<string>
): ExplainCatalogEntry => {
  const cost = {
    ...(model.cost.input === undefined ? {} : { input: model.cost.input }),
    ...(model.cost.output === undefined ? {} : { output: model.cost.output })
  }
  return {
    source: catalogSource(model, config, implicitProviders),
    name: model.name || model.id,
    api: model.api,
    contextWindow: model.contextWindow,
    input: model.input,
    ...(model.maxTokens === undefined ? {} : { maxTokens: model.maxTokens }),
    ...(Object.keys(cost).length > 0 ? { cost } : {}),
    ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
    ...(model.tools === undefined ? {} : { tools: model.tools })
  }
}

/** The allowlist as canonical keys (an entry that is not a model reference admits nothing). */
const allowedKeys = (config: ClawdbotConfig): ReadonlySet<string> =>
  new Set(
    Object.keys(allowlist(config)).flatMap((raw) =>
      Option.toArray(Option.map(parseModelRef(raw), (ref) => `${ref.provider}/${ref.model}`))
    )
  )

/** As the reference admits models: no allowlist -> any; else a listed one, or the default (always allowed). */
const allowlistOf = (config: ClawdbotConfig, key: string, defaultKey: string): ExplainAllowlist => {
  const keys = allowedKeys(config)
  if (keys.size === 0) return { configured: false, admitted: true, reason: "no-allowlist" }
  if (keys.has(key)) return { configured: true, admitted: true, reason: "listed" }
  if (key === defaultKey) return { configured: true, admitted: true, reason: "default" }
  return { configured: true, admitted: false, reason: "not-listed" }
}

const rolesOf = (key: string, chain: ReturnType<typeof modelChainOf>): ReadonlyArray<ExplainRole> => [
  ...(chain.primary.key === key ? [{ role: "default" as const }] : []),
  ...chain.fallbacks.flatMap((ref, i) =>
    ref.key === key ? [{ role: "fallback" as const, position: i + 1 }] : []
  ),
  ...(chain.imageModel?.key === key ? [{ role: "image" as const }] : []),
  ...chain.imageFallbacks.flatMap((ref, i) =>
    ref.key === key ? [{ role: "image-fallback" as const, position: i + 1 }] : []
  )
]

/**
 * The credentials of `provider` in the order a run tries them (spec §5.1: profiles in rotation order, then the env
 * variable, then the config `apiKey`), from `auth list`'s rows, each with why it is used, waits or is skipped.
 */
export const credentialsFor = (
  inputs: Omit<AuthListInputs, "provider">,
  provider: string
): ExplainCredentials => {
  const rows = authListEntries({ ...inputs, provider })
  const own = configuredProviders(inputs.config.models?.providers).get(provider)
  const awsSdk = own?.auth === "aws-sdk"
  const cliBackend = [
    ...BUILTIN_CLI_BACKENDS,
    ...Object.keys(inputs.config.agents?.defaults?.cliBackends ?? {}).map(normalizeProviderId)
  ].includes(provider)
  // A config key naming a variable that is not set: say which, so the fix is one export away.
  const missingConfigKey = () => {
    const raw = own?.apiKey?.trim() ?? ""
    return /^[A-Z_][A-Z0-9_]*$/.test(raw) ? `secret missing: ${raw} is not set` : "secret missing"
  }
  const entries = rows.map((row): ExplainCredential => {
    const base = {
      source: row.source,
      id: row.id,
      type: row.type,
      mask: row.mask,
      health: row.health,
      position: row.position,
      ...(row.unusable === undefined ? {} : { unusable: row.unusable })
    }
    if (row.position === null)
      return { ...base, state: "skipped", reason: row.skipped ?? "not in the rotation" }
    if (row.source !== "profile" && row.health === "missing")
      return {
        ...base,
        position: null,
        state: "skipped",
        reason: row.source === "config" ? missingConfigKey() : "secret missing"
      }
    // An expired OAuth access token with a refresh token stays in the rotation (spec §6.1).
    const note =
      row.type === "oauth" && row.health === "expired" ? { reason: "expired: refreshed on use" } : {}
    if (row.next && !awsSdk && !cliBackend) return { ...base, state: "use", ...note }
    if (row.unusable !== undefined) return { ...base, state: "waiting", ...note }
    return { ...base, state: "next", ...note }
  })
  const use = entries.find((entry) => entry.state === "use")
  const soonest = entries.find((entry) => entry.state === "waiting")
  const message = awsSdk
    ? `models.providers.${provider}.auth is "aws-sdk": the AWS SDK credential chain is used, not these.`
    : cliBackend
      ? `${provider} is a local CLI backend: the CLI signs in by itself, no credential of this store is used.`
      : use !== undefined
        ? undefined
        : soonest !== undefined
          ? `Every usable profile of ${provider} is in cooldown or disabled: a run skips this model until ${soonest.id} is free again.`
          : `No API key found for provider "${provider}".`
  return {
    provider,
    use: use?.id ?? null,
    entries,
    ...(message === undefined ? {} : { message })
  }
}

/**
 * The models a run tries after `key` fails (the reference's fallback candidates): the configured fallbacks in
 * order, each once, those the allowlist does not admit left out, then the configured primary if not yet tried.
 */
const fallbackChainOf = (
  key: string,
  configured: ReadonlyArray<ResolvedModelRef>,
  primary: ResolvedModelRef | null,
  admits: (key: string) => boolean,
  describe: (ref: ResolvedModelRef) => Pick<ExplainFallback, "inCatalog" | "credential">
): ReadonlyArray<ExplainFallback> => {
  const seen = new Set([key])
  const steps: Array<ExplainFallback> = []
  const add = (ref: ResolvedModelRef, enforceAllowlist: boolean, tried: string | undefined) => {
    const common = {
      input: ref.input,
      key: ref.key,
      ...(ref.alias === undefined ? {} : { alias: ref.alias }),
      ...describe(ref)
    }
    const skip =
      ref.key === key
        ? "the model itself"
        : seen.has(ref.key)
          ? "already in the chain"
          : enforceAllowlist && !admits(ref.key)
            ? "not in the allowlist (agents.defaults.models)"
            : undefined
    if (skip !== undefined) {
      // The primary appended as a last resort is only shown when it adds a step.
      if (tried === undefined) steps.push({ ...common, state: "skipped", reason: skip })
      return
    }
    seen.add(ref.key)
    steps.push({ ...common, state: "tried", ...(tried === undefined ? {} : { reason: tried }) })
  }
  for (const ref of configured) add(ref, true, undefined)
  if (primary !== null) add(primary, false, "the configured primary, tried last")
  return steps
}

/** The explanation of `inputs.input` (or of the agent's default), or Left with the input when it is no model reference. */
export const explainModel = (inputs: ExplainInputs): Either.Either<Explanation, string> => {
  const { config, agentId, catalog, implicitProviders } = inputs
  const chain = modelChainOf(config, agentId)
  const raw = inputs.input
  const isDefault = raw === undefined
  const text = isDefault ? chain.primary.input : raw.trim()
  const resolved = resolveModelInput(text, aliasIndexOf(config))
  if (Either.isLeft(resolved)) return Either.left(raw ?? text)
  const { ref, key } = resolved.right
  const alias = resolved.right.alias === undefined ? null : aliasOf(config, resolved.right.alias, key)
  const written = alias?.target ?? text
  const { providerAssumed, normalised } = normalisationOf(written, ref.provider, ref.model)
  const byKey = new Map(catalog.map((model) => [`${model.provider}/${model.id}`, model]))
  const entry = byKey.get(key)
  const allowed = allowlistOf(config, key, chain.primary.key)
  const roles = rolesOf(key, chain)
  const credentialsOf = (provider: string) => credentialsFor(inputs, provider)
  const imageOnly =
    roles.length > 0 && roles.every((role) => role.role === "image" || role.role === "image-fallback")
  const describe = (target: ResolvedModelRef) => ({
    inCatalog: byKey.has(target.key),
    credential: credentialsOf(target.provider).use
  })
  const admits = (target: string) => allowlistOf(config, target, chain.primary.key).admitted
  return Either.right({
    agentId,
    input: text,
    isDefault,
    alias,
    providerAssumed,
    normalised,
    key,
    provider: ref.provider,
    model: ref.model,
    catalog: entry === undefined ? null : catalogEntry(entry, config, implicitProviders),
    allowlist: allowed,
    roles,
    credentials: credentialsOf(ref.provider),
    fallbackChain: imageOnly ? "image" : "text",
    fallbacks: imageOnly
      ? fallbackChainOf(key, chain.imageFallbacks, chain.imageModel, admits, describe)
      : fallbackChainOf(key, chain.fallbacks, chain.primary, admits, describe)
  })
}
