/** `models list` rows (spec §3.3). Pure. */
import * as Either from "effect/Either"
import type { AuthProfiles } from "./authProfiles.js"
import { type CatalogModel, isLocalBaseUrl } from "./catalog.js"
import { aliasIndexOf, allowlist, type ClawdbotConfig, resolvedDefaultKey, selectionParts } from "./config.js"
import { envCredential } from "./envCredentials.js"
import { splitList } from "./flags.js"
import { normalizeProviderId, parseModelRef, resolveModelInput } from "./modelRef.js"
import { compareText } from "./order.js"
import { excerpt } from "./terminal.js"

export interface ListRow {
  readonly key: string
  readonly name: string
  readonly input: string
  readonly contextWindow: number | null
  readonly local: boolean | null
  readonly available: boolean | null
  readonly tags: ReadonlyArray<string>
  readonly missing: boolean
  /** USD per 1M input/output tokens; a price the catalog does not give is absent (never 0), both absent: no `cost`. */
  readonly cost?: { readonly input?: number; readonly output?: number }
  /** Most output tokens per answer; absent when unknown. */
  readonly maxTokens?: number
  /** Capabilities; each absent when the catalog does not say. */
  readonly tools?: boolean
  readonly reasoning?: boolean
  readonly imageInput?: boolean
}

export const LIST_SORTS = ["name", "price", "context"] as const
/**
 * `name`: by the Model column (`provider/model`); `price`: cheapest input price first, then output price (an
 * unknown price after every known one); `context`: largest context window first (unknown last). Ties keep the
 * listing order.
 */
export type ListSort = (typeof LIST_SORTS)[number]

export const LIST_CAPABILITIES = ["tools", "image", "reasoning"] as const
/** `tools`: accepts tool definitions; `image`: accepts image input; `reasoning`: thinks before answering. */
export type ListCapability = (typeof LIST_CAPABILITIES)[number]

export interface ListOptions {
  readonly all: boolean
  readonly local: boolean
  readonly provider?: string
  /** Only rows whose key or name contains this text, ignoring case. */
  readonly search?: string
  readonly sort?: ListSort
  /** Only rows known to have every one of these. */
  readonly capabilities?: ReadonlyArray<ListCapability>
}

const accepted = (values: ReadonlyArray<string>) => values.join(", ")

/** `--sort` as typed: one of `LIST_SORTS`, ignoring case and surrounding blanks. */
export const parseListSort = (raw: string): Either.Either<ListSort, string> => {
  const value = raw.trim().toLowerCase()
  return (LIST_SORTS as ReadonlyArray<string>).includes(value)
    ? Either.right(value as ListSort)
    : Either.left(`--sort: unknown value "${excerpt(raw, 40)}". Use one of: ${accepted(LIST_SORTS)}.`)
}

/** `--capability` as typed (repeatable, comma-separated): each one of `LIST_CAPABILITIES`, ignoring case. */
export const parseListCapabilities = (
  raw: ReadonlyArray<string>
): Either.Either<ReadonlyArray<ListCapability>, string> => {
  const values = splitList(raw)
  if (raw.length > 0 && values.length === 0)
    return Either.left(`--capability: no value given. Use one or more of: ${accepted(LIST_CAPABILITIES)}.`)
  const wanted = values.map((value) => value.toLowerCase())
  const unknown = values.filter((_, i) => !(LIST_CAPABILITIES as ReadonlyArray<string>).includes(wanted[i]!))
  return unknown.length === 0
    ? Either.right([...new Set(wanted)] as ReadonlyArray<ListCapability>)
    : Either.left(
        `--capability: unknown value${unknown.length > 1 ? "s" : ""} ${unknown.map((value) => `"${excerpt(value, 40)}"`).join(", ")}. Use one or more of: ${accepted(LIST_CAPABILITIES)}.`
      )
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
      missing: false,
      ...knownFacts(model)
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
  const search = options.search?.trim().toLowerCase() ?? ""
  const capabilities = options.capabilities ?? []
  const kept = rows.filter(
    (row) =>
      (providerFilter === undefined || providerOf(row.key).toLowerCase() === providerFilter) &&
      (!options.local || row.local === true) &&
      (search === "" || row.key.toLowerCase().includes(search) || row.name.toLowerCase().includes(search)) &&
      capabilities.every((capability) => hasCapability(row, capability))
  )
  return options.sort === undefined ? kept : sortRows(kept, options.sort)
}

/** A catalog model's price, output limit and capabilities, each only when the catalog states it. */
const knownFacts = (model: CatalogModel): Partial<ListRow> => {
  const cost = {
    ...(model.cost.input === undefined ? {} : { input: model.cost.input }),
    ...(model.cost.output === undefined ? {} : { output: model.cost.output })
  }
  return {
    ...(Object.keys(cost).length > 0 ? { cost } : {}),
    ...(model.maxTokens === undefined ? {} : { maxTokens: model.maxTokens }),
    ...(model.tools === undefined ? {} : { tools: model.tools }),
    ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
    imageInput: model.input.includes("image")
  }
}

/** Unknown (absent) is not "has it": `--capability tools` lists the models known to support tools. */
const hasCapability = (row: ListRow, capability: ListCapability): boolean =>
  capability === "tools"
    ? row.tools === true
    : capability === "image"
      ? row.imageInput === true
      : row.reasoning === true

/** Ascending by `value`, rows without a value after all others; ties keep their order (the sort is stable). */
const ascendingKnownFirst =
  (value: (row: ListRow) => number | undefined) =>
  (a: ListRow, b: ListRow): number => {
    const x = value(a)
    const y = value(b)
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1
    return x - y
  }

const byPrice = (a: ListRow, b: ListRow) =>
  ascendingKnownFirst((row) => row.cost?.input)(a, b) || ascendingKnownFirst((row) => row.cost?.output)(a, b)

const byContext = ascendingKnownFirst((row) => (row.contextWindow ? -row.contextWindow : undefined))

export const sortRows = (rows: ReadonlyArray<ListRow>, sort: ListSort): ReadonlyArray<ListRow> =>
  [...rows].sort(
    sort === "name" ? (a, b) => compareText(a.key, b.key) : sort === "price" ? byPrice : byContext
  )
