/**
 * Which requests `status --probe` sends (spec §4 "Planning"). Pure: config, store, env and catalog in; targets
 * (with their endpoint and credential) and the results already decided out.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  type AuthCredential,
  type AuthProfiles,
  explicitOrder,
  hasUsableSecret,
  matchesConfigMeta,
  oauthAccessExpired,
  secretOf
} from "../authProfiles.js"
import type { CatalogModel, ProviderEndpoint } from "../catalog.js"
import { configuredProviders } from "../catalogMerge.js"
import {
  aliasIndexOf,
  allowlist,
  type ClawdbotConfig,
  configApiKey,
  resolvedDefaultKey,
  selectionParts
} from "../config.js"
import { envCredential } from "../envCredentials.js"
import { headersProblem, secretProblem } from "../httpHeader.js"
import { normalizeProviderId, resolveModelInput } from "../modelRef.js"
import { knownSecrets } from "../redact.js"
import { copilotTokenUrl } from "../wire/githubCopilot.js"
import { adapterFor } from "../wire/index.js"
import type { ChatCredential, ChatEndpoint, ChatTarget } from "../wire/types.js"
import type { ProbeMode, ProbePlan, ProbeResult, ProbeSelection, ProbeSource, ProbeTarget } from "./types.js"

export interface PlanInputs {
  readonly config: ClawdbotConfig
  readonly store: AuthProfiles
  readonly env: (name: string) => string | undefined
  readonly now: number
  /** Providers to consider: the status provider set (spec §3.2). */
  readonly providers: ReadonlyArray<string>
  /** Merged catalog (config overrides applied), sorted by provider then id. */
  readonly catalog: ReadonlyArray<CatalogModel>
  /** Provider endpoint with config overrides (`Catalog.endpoint`), for models the catalog does not list. */
  readonly endpoints: ReadonlyMap<string, ProviderEndpoint>
  readonly selection: ProbeSelection
}

export const NO_MODEL = "No model available for probe"
export const EXCLUDED_BY_ORDER = "Excluded by auth.order for this provider."
export const MISSING_OR_EXPIRED = "Auth profile credentials are missing or expired."
export const noCredentials = (provider: string) => `No credentials found for provider "${provider}".`
export const sdkCredentials = (mode: string) =>
  `${mode === "adc" ? "Google ADC" : "AWS SDK"} credentials are resolved by the provider's SDK; probes send direct HTTP requests only.`
export const noEndpoint = (provider: string) =>
  `No endpoint known for provider "${provider}": set models.providers.${provider}.baseUrl and api.`

/** Configured models in spec order: default (raw, else resolved), fallbacks, image model, image fallbacks, allowlist. */
export const configuredModelKeys = (config: ClawdbotConfig): ReadonlyArray<string> => {
  const index = aliasIndexOf(config)
  const model = selectionParts(config.agents?.defaults?.model)
  const image = selectionParts(config.agents?.defaults?.imageModel)
  const raw = [
    model.primary ?? resolvedDefaultKey(config, index),
    ...model.fallbacks,
    ...(image.primary ? [image.primary] : []),
    ...image.fallbacks,
    ...Object.keys(allowlist(config))
  ]
  const keys: Array<string> = []
  for (const entry of raw) {
    const resolved = resolveModelInput(entry, index)
    if (Either.isRight(resolved) && !keys.includes(resolved.right.key)) keys.push(resolved.right.key)
  }
  return keys
}

const providerOfKey = (key: string) => key.slice(0, key.indexOf("/"))

/** Models to probe for a provider: `--probe-model`s, every configured one, or the first (spec §4 step 1). */
const modelsFor = (
  provider: string,
  inputs: PlanInputs,
  configured: ReadonlyArray<string>
): ReadonlyArray<string> => {
  if (inputs.selection.models.length > 0)
    return inputs.selection.models.filter((key) => providerOfKey(key) === provider)
  const mine = configured.filter((key) => providerOfKey(key) === provider)
  if (inputs.selection.allModels && mine.length > 0) return mine
  if (mine.length > 0) return [mine[0]!]
  const fromCatalog = inputs.catalog.find((model) => model.provider === provider)
  return fromCatalog ? [`${provider}/${fromCatalog.id}`] : []
}

/**
 * Endpoint for `provider/model`: the catalog model's (config overrides applied), else the provider's. GitHub
 * Copilot's adds the token exchange (`CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT`, from the real environment only,
 * overrides its URL); the Copilot token then names the API host unless the config set a `baseUrl`.
 */
const endpointFor = (key: string, inputs: PlanInputs): ChatEndpoint | undefined => {
  const provider = providerOfKey(key)
  const id = key.slice(provider.length + 1)
  const model = inputs.catalog.find((entry) => entry.provider === provider && entry.id === id)
  const endpoint = inputs.endpoints.get(provider)
  const base: ChatEndpoint | undefined = model
    ? { api: model.api, baseUrl: model.baseUrl, headers: model.headers ?? {} }
    : endpoint && { api: endpoint.api, baseUrl: endpoint.baseUrl, headers: endpoint.headers }
  if (base === undefined || provider !== "github-copilot") return base
  const configured = configuredProviders(inputs.config.models?.providers).get(provider)?.baseUrl
  return {
    ...base,
    tokenExchange: {
      url: copilotTokenUrl(inputs.env),
      baseFromToken: configured === undefined
    }
  }
}

const credentialOf = (credential: AuthCredential): ChatCredential => ({
  kind: credential.type,
  secret: Redacted.make(secretOf(credential)),
  ...(credential.type === "oauth" && credential.projectId ? { projectId: credential.projectId } : {}),
  ...(credential.type === "oauth" && credential.accountId ? { accountId: credential.accountId } : {})
})

export const planProbes = (inputs: PlanInputs): ProbePlan => {
  const planned: Array<ProbeResult> = []
  const targets: Array<ProbeTarget> = []
  const configured = configuredModelKeys(inputs.config)
  const wanted = inputs.selection.provider ? normalizeProviderId(inputs.selection.provider) : undefined
  const profileFilter = new Set(inputs.selection.profileIds)
  const configMeta = inputs.config.auth?.profiles ?? {}
  const modelProviders = new Set(inputs.selection.models.map(providerOfKey))
  const providers = [...new Set([...inputs.providers.map(normalizeProviderId), ...modelProviders])].sort()

  for (const provider of providers) {
    if (wanted !== undefined && provider !== wanted) continue
    if (inputs.selection.models.length > 0 && !modelProviders.has(provider)) continue
    const models = modelsFor(provider, inputs, configured)
    const order = explicitOrder(provider, inputs.store, inputs.config)
    const profiles = Object.entries(inputs.store.profiles)
      .filter(([, credential]) => normalizeProviderId(credential.provider) === provider)
      .sort(([a], [b]) => a.localeCompare(b))
      .filter(([id]) => profileFilter.size === 0 || profileFilter.has(id))

    const add = (
      base: { label: string; source: ProbeSource; mode: ProbeMode; profileId?: string },
      credential: ChatCredential,
      secretOrigin: string,
      needsRefresh: boolean
    ) => {
      if (models.length === 0) {
        planned.push({ provider, ...base, status: "no_model", error: NO_MODEL })
        return
      }
      for (const model of models) {
        const endpoint = endpointFor(model, inputs)
        if (endpoint === undefined) {
          planned.push({ provider, model, ...base, status: "unknown", error: noEndpoint(provider) })
          continue
        }
        const chat = { provider, model: model.slice(provider.length + 1), endpoint, credential }
        // An expired OAuth token is refreshed first, and the fresh one may carry what this one lacks (the ChatGPT
        // account claim): `probeOne` checks it again after the refresh.
        const incomplete = needsRefresh ? undefined : missingCredentialPart(chat)
        if (incomplete !== undefined) {
          planned.push({ provider, model, ...base, status: "auth", error: incomplete })
          continue
        }
        targets.push({ provider, model, ...base, chat, secretOrigin, needsRefresh })
      }
    }

    if (profiles.length > 0) {
      for (const [profileId, credential] of profiles) {
        const email = configMeta[profileId]?.email ?? credential.email
        const base = {
          profileId,
          label: email ? `${profileId} (${email})` : profileId,
          source: "profile" as const,
          mode: credential.type
        }
        if (order !== undefined && !order.includes(profileId)) {
          planned.push({
            provider,
            ...base,
            ...(models[0] ? { model: models[0] } : {}),
            status: "unknown",
            error: EXCLUDED_BY_ORDER
          })
          continue
        }
        if (
          !hasUsableSecret(credential, inputs.now) ||
          !matchesConfigMeta(configMeta[profileId], credential)
        ) {
          planned.push({
            provider,
            ...base,
            ...(models[0] ? { model: models[0] } : {}),
            status: "unknown",
            error: MISSING_OR_EXPIRED
          })
          continue
        }
        const expired =
          credential.type === "oauth" &&
          (Redacted.value(credential.access).trim() === "" || oauthAccessExpired(credential, inputs.now))
        add(base, credentialOf(credential), `auth profile ${profileId}`, expired)
      }
      continue
    }
    if (profileFilter.size > 0) continue
    const env = envCredential(provider, inputs.env)
    if (env && (env.mode === "aws-sdk" || env.mode === "adc")) {
      planned.push({
        provider,
        ...(models[0] ? { model: models[0] } : {}),
        label: "env",
        source: "env",
        status: "unknown",
        error: sdkCredentials(env.mode)
      })
      continue
    }
    if (env) {
      const mode = env.mode === "oauth" ? "oauth" : "api_key"
      add(
        { label: "env", source: "env", mode },
        { kind: mode, secret: Redacted.make(env.value) },
        env.varName,
        false
      )
      continue
    }
    const apiKey = configApiKey(provider, inputs.config, inputs.env)
    if (apiKey) {
      add(
        { label: "models.json", source: "models.json", mode: "api_key" },
        { kind: "api_key", secret: Redacted.make(apiKey) },
        `models.providers.${provider}.apiKey`,
        false
      )
      continue
    }
    if (modelProviders.has(provider)) {
      planned.push({
        provider,
        ...(models[0] ? { model: models[0] } : {}),
        label: "-",
        source: "none",
        status: "auth",
        error: noCredentials(provider)
      })
    }
  }
  return { planned, targets, secrets: knownSecrets(inputs) }
}

/**
 * A `--probe-provider` / `--probe-profile` / `--probe-model` value that matches nothing is a typo more often than
 * not: say so (naming what exists) instead of printing "No probe targets.". Undefined when the selection is fine.
 */
export const selectionProblem = (
  selection: ProbeSelection,
  providers: ReadonlyArray<string>,
  store: AuthProfiles
): string | undefined => {
  const known = [...new Set(providers.map(normalizeProviderId))].sort()
  if (selection.provider !== undefined && !known.includes(normalizeProviderId(selection.provider))) {
    return `--probe-provider ${selection.provider}: no credentials are configured for it (providers with credentials: ${known.join(", ") || "none"}).`
  }
  const uncovered = selection.models.filter(
    (key) => !known.includes(normalizeProviderId(key.split("/")[0] ?? ""))
  )
  if (uncovered.length > 0) {
    const providers = [...new Set(uncovered.map((key) => key.split("/")[0]))].join(", ")
    return `--probe-model ${uncovered.join(", ")}: no credentials are configured for ${providers} (providers with credentials: ${known.join(", ") || "none"}).`
  }
  const ids = Object.keys(store.profiles).sort()
  const unknown = selection.profileIds.filter((id) => !ids.includes(id))
  if (unknown.length > 0) {
    return `--probe-profile ${unknown.join(", ")}: no such auth profile (known: ${ids.join(", ") || "none"}).`
  }
  return undefined
}

const SECRET_WORD: Readonly<Record<ChatCredential["kind"], string>> = {
  api_key: "key",
  token: "token",
  oauth: "access token"
}

/**
 * Why a target's request cannot be sent, else undefined: its secret (as planned, or as just refreshed) or a
 * configured header holds a character HTTP cannot carry. Checked in run.ts right before each request, so that
 * target ends as `format` and the others still run. Names where the bad value came from, never the value.
 */
export const unsendable = (target: ProbeTarget, credential: ChatCredential): string | undefined => {
  const secret = secretProblem(Redacted.value(credential.secret))
  if (secret !== undefined) {
    const what =
      credential === target.chat.credential ? SECRET_WORD[credential.kind] : "refreshed access token"
    return `The ${what} from ${target.secretOrigin} cannot be sent in an HTTP header: ${secret}. Store it again.`
  }
  return headersProblem(target.chat.endpoint.headers, `models.providers.${target.provider}.headers`)
}

/** What a wire protocol needs of a credential that this one lacks (e.g. a ChatGPT account id), if anything. */
export const missingCredentialPart = (chat: ChatTarget): string | undefined =>
  Option.getOrUndefined(adapterFor(chat.endpoint.api))?.missing?.(chat)

/** Every secret a plan knows of, for redacting provider messages that echo them. */
export const planSecrets = (plan: ProbePlan): ReadonlyArray<string> => [
  ...(plan.secrets ?? []),
  ...plan.targets.map((target) => Redacted.value(target.chat.credential.secret))
]
