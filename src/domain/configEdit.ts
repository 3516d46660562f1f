/**
 * Pure edits of the raw config document. They take the document as written (no `${VAR}` substitution) and
 * return a new one; the ConfigStore reconciles the result with the file, keeping comments and key order.
 */
export type JsonObject = { readonly [key: string]: unknown }

/**
 * Do two documents read the same? Edits keep key order, so equal documents serialise equally; a false "different"
 * only costs a write. The ConfigStore skips a write on it, and programs report `changed` by it.
 */
export const sameDocument = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const objectAt = (value: unknown): JsonObject => (isObject(value) ? value : {})

const INDEX = /^(0|[1-9][0-9]*)$/

/**
 * `node` with `path` set to `update(current)` (`undefined` removes the key); a numeric key inside an existing array
 * edits that element. Any JSON value works as `node`, so an included file holding an array can be edited too.
 */
export const updateNode = (
  node: unknown,
  path: ReadonlyArray<string>,
  update: (current: unknown) => unknown
): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return update(node)
  if (Array.isArray(node) && INDEX.test(head) && Number(head) < node.length) {
    const copy = [...node]
    copy[Number(head)] = updateNode(node[Number(head)], rest, update)
    return copy
  }
  const object = objectAt(node)
  const next = updateNode(object[head], rest, update)
  if (next === undefined) {
    const { [head]: _removed, ...others } = object
    return others
  }
  return { ...object, [head]: next }
}

/** Returns a copy of `doc` with `path` set to `update(current)`; intermediate objects are created. */
export const updateIn = (
  doc: JsonObject,
  path: ReadonlyArray<string>,
  update: (current: unknown) => unknown
): JsonObject => objectAt(updateNode(doc, path, update))

/** The value at `path`; a numeric key indexes an array. */
export const getIn = (doc: unknown, path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      Array.isArray(node)
        ? INDEX.test(key)
          ? node[Number(key)]
          : undefined
        : isObject(node)
          ? node[key]
          : undefined,
    doc
  )

export type SelectionField = "model" | "imageModel"

/** Where a selection lives in the document: `["agents", "defaults", field]` or `["agents", "list", "<i>", field]`. */
export type SelectionPath = ReadonlyArray<string>

export const defaultsSelectionPath = (field: SelectionField): SelectionPath => ["agents", "defaults", field]

/**
 * Where an edit of `field` for `agentId` is written (spec §1.3, issue 10): the agent's own `agents.list[i].<field>`
 * when the list names that agent and it already has that override, else `agents.defaults.<field>` (what the
 * reference edits). An agent without its own override follows the defaults, so editing them is what it sees.
 * `normalizeId` is the agent id rule, applied to each listed id.
 */
export const selectionPathFor = (
  doc: JsonObject,
  field: SelectionField,
  agentId: string | undefined,
  normalizeId: (raw: string) => string
): SelectionPath => {
  if (agentId === undefined) return defaultsSelectionPath(field)
  const list = getIn(doc, ["agents", "list"])
  const index = Array.isArray(list)
    ? list.findIndex(
        (entry) => isObject(entry) && typeof entry.id === "string" && normalizeId(entry.id) === agentId
      )
    : -1
  if (index < 0) return defaultsSelectionPath(field)
  const path = ["agents", "list", String(index), field]
  return getIn(doc, path) === undefined ? defaultsSelectionPath(field) : path
}

/** Raw `{ primary?, fallbacks }` of a selection, accepting the bare-string form. */
export const rawSelection = (doc: JsonObject, field: SelectionField, at = defaultsSelectionPath(field)) => {
  const current = getIn(doc, at)
  if (typeof current === "string") return { primary: current, fallbacks: [] as ReadonlyArray<string> }
  const object = objectAt(current)
  const fallbacks = Array.isArray(object.fallbacks)
    ? object.fallbacks.filter((entry): entry is string => typeof entry === "string")
    : []
  return { primary: typeof object.primary === "string" ? object.primary : undefined, fallbacks }
}

const isDefaultsPath = (at: SelectionPath) => at[1] === "defaults"

/**
 * The fallbacks an edit at `at` starts from: the selection's own list, or, for an agent override without a
 * `fallbacks` key, the defaults' list it inherits (so `add` appends to what that agent actually uses).
 */
export const inheritedFallbacks = (doc: JsonObject, field: SelectionField, at: SelectionPath) => {
  const own = getIn(doc, at)
  if (isDefaultsPath(at) || (isObject(own) && Array.isArray(own.fallbacks)))
    return rawSelection(doc, field, at).fallbacks
  return rawSelection(doc, field).fallbacks
}

/**
 * Sets the primary and keeps the fallbacks (spec §3.4/3.5); other keys of the object are kept. An agent override
 * keeps its form: a bare string stays a string, and no `fallbacks` key is added (it would hide the defaults').
 */
export const setPrimary = (
  doc: JsonObject,
  field: SelectionField,
  key: string,
  at = defaultsSelectionPath(field)
): JsonObject =>
  updateIn(doc, at, (current) => {
    if (!isDefaultsPath(at)) return typeof current === "string" ? key : { ...objectAt(current), primary: key }
    const base = typeof current === "string" ? {} : objectAt(current)
    const { fallbacks } = rawSelection(doc, field, at)
    return { ...base, primary: key, fallbacks: [...fallbacks] }
  })

/** Replaces the fallback list; the primary is kept when set (spec §3.7). */
export const setFallbacks = (
  doc: JsonObject,
  field: SelectionField,
  fallbacks: ReadonlyArray<string>,
  at = defaultsSelectionPath(field)
): JsonObject =>
  updateIn(doc, at, (current) => {
    const base = typeof current === "string" ? { primary: current } : objectAt(current)
    return { ...base, fallbacks: [...fallbacks] }
  })

const allowlistPath = ["agents", "defaults", "models"] as const

/**
 * Adds `key` to the allowlist as `{}` when absent (spec §1.2). No built-in alias is written (spec §2.5): both tools
 * attach it on read, and a file without it cannot bring back one the user removed. Existing entries are never
 * touched.
 *
 * `keepAllowed`: the models in use (canonical keys) that must stay allowed when this write creates the allowlist
 * (issue 11 item 7): an empty allowlist allows every model, so creating one with only `key` would block the
 * primary. They are added first, when the allowlist has no entry yet.
 */
export const ensureAllowlisted = (
  doc: JsonObject,
  key: string,
  keepAllowed: ReadonlyArray<string> = []
): JsonObject => {
  const models = objectAt(getIn(doc, allowlistPath))
  if (key in models) return doc
  const seeded = Object.keys(models).length === 0 ? keepAllowed.filter((kept) => kept !== key) : []
  const added = Object.fromEntries([...seeded, key].map((entry) => [entry, {}]))
  return updateIn(doc, allowlistPath, () => ({ ...models, ...added }))
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
