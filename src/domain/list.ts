/** `models list` rows (spec §3.3). Pure. */
import * as Either from "effect/Either"
import type { AuthProfiles } from "./authProfiles.js"
import { type CatalogModel, isLocalBaseUrl } from "./catalog.js"
import { aliasIndexOf, allowlist, type ClawdbotConfig, resolvedDefaultKey, selectionParts } from "./config.js"
import { envCredential } from "./envCredentials.js"
import { normalizeProviderId, parseModelRef, resolveModelInput } from "./modelRef.js"

export interface ListRow {
  readonly key: string
  readonly name: string
  readonly input: string
  readonly contextWindow: number | null
  readonly local: boolean | null
  readonly available: boolean | null
  readonly tags: ReadonlyArray<string>
  readonly missing: boolean
}

export interface ListOptions {
  readonly all: boolean
  readonly local: boolean
  readonly provider?: string
}

/** Configured entries in order, each with its tags: default, fallback#N, image, img-fallback#N, configured. */
export const configuredEntries = (
  config: ClawdbotConfig
): ReadonlyArray<{ key: string; tags: Array<string> }> => {
  const index = aliasIndexOf(config)
  const entries = new Map<string, Array<string>>()
  const add = (raw: string, tag: string) => {
    const resolved = resolveModelInput(raw, index)
    if (Either.isLeft(resolved)) return
    const tags = entries.get(resolved.right.key) ?? []
    if (!tags.includes(tag)) tags.push(tag)
    entries.set(resolved.right.key, tags)
  }
  add(resolvedDefaultKey(config, index), "default")
  const model = selectionParts(config.agents?.defaults?.model)
  for (const [i, raw] of model.fallbacks.entries()) add(raw, `fallback#${i + 1}`)
  const image = selectionParts(config.agents?.defaults?.imageModel)
  if (image.primary) add(image.primary, "image")
  for (const [i, raw] of image.fallbacks.entries()) add(raw, `img-fallback#${i + 1}`)
  for (const raw of Object.keys(allowlist(config))) add(raw, "configured")
  return [...entries].map(([key, tags]) => ({ key, tags }))
}

export const listRows = (
  config: ClawdbotConfig,
  catalog: ReadonlyArray<CatalogModel>,
  store: AuthProfiles,
  env: (name: string) => string | undefined,
  options: ListOptions
): ReadonlyArray<ListRow> => {
  const index = aliasIndexOf(config)
  const byKey = new Map(catalog.map((model) => [`${model.provider}/${model.id}`, model]))
  const providerFilter = options.provider ? normalizeProviderId(options.provider) : undefined
  const profileProviders = new Set(Object.values(store.profiles).map((p) => normalizeProviderId(p.provider)))
  const available = (provider: string) =>
    profileProviders.has(provider) ||
    envCredential(provider, env) !== undefined ||
    Boolean(config.models?.providers?.[provider]?.apiKey?.trim())
  const configured = configuredEntries(config)
  const tagsByKey = new Map(configured.map((entry) => [entry.key, entry.tags]))
  const withAliasTag = (key: string, tags: ReadonlyArray<string>) => {
    const aliases = index.byKey.get(key)
    return aliases && aliases.length > 0 ? [...tags, `alias:${aliases.join(",")}`] : [...tags]
  }
  const rowFor = (key: string, tags: ReadonlyArray<string>): ListRow => {
    const model = byKey.get(key)
    if (!model) {
      // Unlike the reference (§8.13), a missing model keeps its alias tag.
      return {
        key,
        name: key,
        input: "-",
        contextWindow: null,
        local: null,
        available: null,
        tags: [...withAliasTag(key, tags), "missing"],
        missing: true
      }
    }
    return {
      key,
      name: model.name || model.id,
      input: model.input.length > 0 ? model.input.join("+") : "text",
      contextWindow: model.contextWindow,
      local: isLocalBaseUrl(model.baseUrl),
      available: available(model.provider),
      tags: withAliasTag(key, tags),
      missing: false
    }
  }
  const providerOf = (key: string) =>
    parseModelRef(key).pipe((ref) => (ref._tag === "Some" ? ref.value.provider : ""))
  const rows = options.all
    ? catalog.map((model) => {
        const key = `${model.provider}/${model.id}`
        return rowFor(key, tagsByKey.get(key) ?? [])
      })
    : configured.map((entry) => rowFor(entry.key, entry.tags))
  return rows.filter(
    (row) =>
      (providerFilter === undefined || providerOf(row.key).toLowerCase() === providerFilter) &&
      (!options.local || row.local === true)
  )
}
