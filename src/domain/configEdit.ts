/**
 * Pure edits of the raw config document. They take the document as written (no `${VAR}` substitution) and
 * return a new one; the ConfigStore reconciles the result with the file, keeping comments and key order.
 */
import { builtinAliasFor } from "./modelRef.js"

export type JsonObject = { readonly [key: string]: unknown }

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const objectAt = (value: unknown): JsonObject => (isObject(value) ? value : {})

/** Returns a copy of `doc` with `path` set to `update(current)`; intermediate objects are created. */
export const updateIn = (
  doc: JsonObject,
  path: ReadonlyArray<string>,
  update: (current: unknown) => unknown
): JsonObject => {
  const [head, ...rest] = path
  if (head === undefined) return objectAt(update(doc))
  const next = rest.length === 0 ? update(doc[head]) : updateIn(objectAt(doc[head]), rest, update)
  if (next === undefined) {
    const { [head]: _removed, ...others } = doc
    return others
  }
  return { ...doc, [head]: next }
}

export const getIn = (doc: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc)

export type SelectionField = "model" | "imageModel"

const selectionPath = (field: SelectionField) => ["agents", "defaults", field] as const

/** Raw `{ primary?, fallbacks }` of a selection, accepting the bare-string form. */
export const rawSelection = (doc: JsonObject, field: SelectionField) => {
  const current = getIn(doc, selectionPath(field))
  if (typeof current === "string") return { primary: current, fallbacks: [] as ReadonlyArray<string> }
  const object = objectAt(current)
  const fallbacks = Array.isArray(object.fallbacks)
    ? object.fallbacks.filter((entry): entry is string => typeof entry === "string")
    : []
  return { primary: typeof object.primary === "string" ? object.primary : undefined, fallbacks }
}

/** Sets the primary and keeps the fallbacks (spec §3.4/3.5); other keys of the object are kept. */
export const setPrimary = (doc: JsonObject, field: SelectionField, key: string): JsonObject =>
  updateIn(doc, selectionPath(field), (current) => {
    const base = typeof current === "string" ? {} : objectAt(current)
    const { fallbacks } = rawSelection(doc, field)
    return { ...base, primary: key, fallbacks: [...fallbacks] }
  })

/** Replaces the fallback list; the primary is kept when set (spec §3.7). */
export const setFallbacks = (
  doc: JsonObject,
  field: SelectionField,
  fallbacks: ReadonlyArray<string>
): JsonObject =>
  updateIn(doc, selectionPath(field), (current) => {
    const base = typeof current === "string" ? { primary: current } : objectAt(current)
    return { ...base, fallbacks: [...fallbacks] }
  })

const allowlistPath = ["agents", "defaults", "models"] as const

/**
 * Adds `key` to the allowlist as `{}` when absent (spec §1.2). A newly created entry gets its built-in alias
 * (spec §2.5) unless another entry already uses that alias; existing entries are never touched, so a removed
 * built-in alias stays removed.
 */
export const ensureAllowlisted = (doc: JsonObject, key: string): JsonObject => {
  const models = objectAt(getIn(doc, allowlistPath))
  if (key in models) return doc
  const builtin = builtinAliasFor(key)
  const taken =
    builtin !== undefined &&
    Object.values(models).some(
      (entry) => isObject(entry) && typeof entry.alias === "string" && entry.alias.toLowerCase() === builtin
    )
  const entry = builtin !== undefined && !taken ? { alias: builtin } : {}
  return updateIn(doc, allowlistPath, () => ({ ...models, [key]: entry }))
}

export const allowlistEntries = (doc: JsonObject): ReadonlyArray<readonly [string, JsonObject]> =>
  Object.entries(objectAt(getIn(doc, allowlistPath))).map(([key, value]) => [key, objectAt(value)] as const)

/** Sets `alias` on the entry `key` (created if absent), replacing that entry's previous alias. */
export const setAlias = (doc: JsonObject, key: string, alias: string): JsonObject =>
  updateIn(doc, [...allowlistPath, key], (current) => ({ ...objectAt(current), alias }))

/** Removes `alias` from the entry `key`; the entry itself stays (spec §3.6). */
export const unsetAlias = (doc: JsonObject, key: string): JsonObject =>
  updateIn(doc, [...allowlistPath, key], (current) => {
    const { alias: _removed, ...rest } = objectAt(current)
    return rest
  })
