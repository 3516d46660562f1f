/**
 * `$include` in the config (spec §1.1), as the reference expands it: any object may carry `"$include"`, a path or
 * an array of paths relative to the file holding the directive; the included value replaces the object, and keys
 * next to `$include` are deep-merged over it (they win). Several includes merge left to right into `{}`. Deep
 * merge: objects recursively, arrays concatenate, anything else the later value wins. At most 10 levels deep.
 *
 * Expansion also records where every value of the merged document comes from (its file and its path there), so an
 * edit of the merged document can be written back into the file that holds each key (`planIncludeWrite`).
 * Pure: reading the files and resolving paths are the caller's.
 */
import { type JsonObject, updateNode } from "./configEdit.js"

export const INCLUDE_KEY = "$include"
export const MAX_INCLUDE_DEPTH = 10

/** A place in one file: the file and the key path to a value inside its document. */
export interface Location {
  readonly file: string
  readonly at: ReadonlyArray<string>
}

/**
 * Where a value of the merged document comes from: every location that contributed to it, in merge order (an
 * object merged from an include and its sibling keys has two; an array concatenated from two files has two).
 * `home` is where the value's directive (or the object itself) is written: new keys go there when no file
 * contributed an object (`$include: []`).
 */
export type Origin =
  | { readonly kind: "value"; readonly sources: ReadonlyArray<Location> }
  | {
      readonly kind: "array"
      readonly sources: ReadonlyArray<Location>
      readonly elements: ReadonlyArray<Origin>
    }
  | {
      readonly kind: "object"
      readonly sources: ReadonlyArray<Location>
      readonly home: Location
      readonly children: ReadonlyMap<string, Origin>
    }

/** An included file as the caller read it: its parsed value, or why it could not be (names the resolved path). */
export type IncludedFile =
  | { readonly _tag: "Loaded"; readonly value: unknown }
  | { readonly _tag: "Failed"; readonly reason: string }

export type Expansion =
  | { readonly _tag: "Expanded"; readonly value: JsonObject; readonly origin: Origin }
  /** `file` has to be read before expansion can go on; call again with it in `files`. */
  | { readonly _tag: "NeedsFile"; readonly file: string }
  | { readonly _tag: "Invalid"; readonly issue: string }

/** Resolves a path as written in `from` (relative to that file's directory; absolute allowed). */
export type ResolvePath = (from: string, written: string) => string

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Whether `value` carries `$include` anywhere (no work, and no change of behaviour, for configs without one). */
export const hasInclude = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasInclude)
    : isObject(value) && (Object.hasOwn(value, INCLUDE_KEY) || Object.values(value).some(hasInclude))

const kindOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`

const shownPath = (at: ReadonlyArray<string>) => (at.length === 0 ? "the top level" : at.join("."))

class Stop {
  constructor(readonly expansion: Exclude<Expansion, { _tag: "Expanded" }>) {}
}
const invalid = (issue: string): never => {
  throw new Stop({ _tag: "Invalid", issue })
}

interface Node {
  readonly value: unknown
  readonly origin: Origin
}

/** The reference's deep merge, on values and their origins together. */
const merge = (target: Node, source: Node): Node => {
  if (Array.isArray(target.value) && Array.isArray(source.value)) {
    const elements = (node: Node) => (node.origin.kind === "array" ? node.origin.elements : [])
    return {
      value: [...target.value, ...source.value],
      origin: {
        kind: "array",
        sources: [...target.origin.sources, ...source.origin.sources],
        elements: [...elements(target), ...elements(source)]
      }
    }
  }
  if (
    isObject(target.value) &&
    isObject(source.value) &&
    target.origin.kind === "object" &&
    source.origin.kind === "object"
  ) {
    const values = new Map(Object.entries(target.value))
    const children = new Map(target.origin.children)
    for (const [key, value] of Object.entries(source.value)) {
      const sourceChild: Node = { value, origin: source.origin.children.get(key)! }
      const targetOrigin = children.get(key)
      const merged =
        values.has(key) && targetOrigin !== undefined
          ? merge({ value: values.get(key), origin: targetOrigin }, sourceChild)
          : sourceChild
      values.set(key, merged.value)
      children.set(key, merged.origin)
    }
    return {
      // fromEntries defines own properties: a key named `__proto__` stays a key, never a prototype.
      value: Object.fromEntries(values),
      origin: {
        kind: "object",
        sources: [...target.origin.sources, ...source.origin.sources],
        home: source.origin.home,
        children
      }
    }
  }
  return source
}

/**
 * Expands every `$include` of `root` (the document of `rootFile`, as written). `files` holds the included files
 * read so far, by resolved path; when one is missing the answer is `NeedsFile`.
 */
export const expandIncludes = (
  root: JsonObject,
  rootFile: string,
  files: ReadonlyMap<string, IncludedFile>,
  resolve: ResolvePath
): Expansion => {
  const expand = (
    value: unknown,
    file: string,
    at: ReadonlyArray<string>,
    chain: ReadonlyArray<string>
  ): Node => {
    const here: Location = { file, at }
    if (Array.isArray(value)) {
      const items = value.map((item, index) => expand(item, file, [...at, String(index)], chain))
      return {
        value: items.map((item) => item.value),
        origin: { kind: "array", sources: [here], elements: items.map((item) => item.origin) }
      }
    }
    if (!isObject(value)) return { value, origin: { kind: "value", sources: [here] } }
    const entries = Object.entries(value).filter(([key]) => key !== INCLUDE_KEY)
    const expandedEntries = entries.map(
      ([key, child]) => [key, expand(child, file, [...at, key], chain)] as const
    )
    const plain: Node = {
      value: Object.fromEntries(expandedEntries.map(([key, node]) => [key, node.value])),
      origin: {
        kind: "object",
        sources: [here],
        home: here,
        children: new Map(expandedEntries.map(([key, node]) => [key, node.origin]))
      }
    }
    if (!Object.hasOwn(value, INCLUDE_KEY)) return plain
    const included = includeOf(value[INCLUDE_KEY], here, chain)
    if (entries.length === 0) return included
    if (!isObject(included.value)) {
      const siblings = entries.map(([key]) => key).join(", ")
      return invalid(
        `$include in ${file} at ${shownPath(at)}: the included content is ${kindOf(included.value)}, not an object, so the keys next to $include (${siblings}) cannot be merged into it`
      )
    }
    return merge(included, plain)
  }

  const includeOf = (directive: unknown, here: Location, chain: ReadonlyArray<string>): Node => {
    if (typeof directive === "string") return includeFile(directive, here, chain)
    if (!Array.isArray(directive)) {
      return invalid(
        `$include in ${here.file} at ${shownPath(here.at)} must be a path or an array of paths, got ${kindOf(directive)}`
      )
    }
    const empty: Node = {
      value: {},
      origin: { kind: "object", sources: [], home: here, children: new Map() }
    }
    return directive.reduce<Node>((merged, item, index) => {
      if (typeof item !== "string") {
        return invalid(
          `$include in ${here.file} at ${shownPath(here.at)}: item ${index + 1} must be a path, got ${kindOf(item)}`
        )
      }
      return merge(merged, includeFile(item, here, chain))
    }, empty)
  }

  const includeFile = (written: string, here: Location, chain: ReadonlyArray<string>): Node => {
    const directive = `$include ${JSON.stringify(written)} in ${here.file}`
    const target = resolve(here.file, written)
    if (chain.includes(target)) return invalid(`$include cycle: ${[...chain, target].join(" -> ")}`)
    if (chain.length > MAX_INCLUDE_DEPTH) {
      return invalid(`${directive}: includes are nested more than ${MAX_INCLUDE_DEPTH} levels deep`)
    }
    const read = files.get(target)
    if (read === undefined) throw new Stop({ _tag: "NeedsFile", file: target })
    if (read._tag === "Failed") return invalid(`${directive}: ${read.reason}`)
    return expand(read.value, target, [], [...chain, target])
  }

  try {
    const { value, origin } = expand(root, rootFile, [], [rootFile])
    return { _tag: "Expanded", value: value as JsonObject, origin }
  } catch (error) {
    if (error instanceof Stop) return error.expansion
    throw error
  }
}

/** Equal as JSON values; key order does not matter (a key written back may land after the others). */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    )
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]))
    )
  }
  return a === b
}

/** The files of a config with includes, each as written (the main file and every included one). */
export interface IncludeLayout {
  readonly rootFile: string
  readonly documents: ReadonlyMap<string, unknown>
  readonly resolve: ResolvePath
}

export type IncludeWritePlan =
  | { readonly _tag: "Planned"; readonly documents: ReadonlyMap<string, unknown> }
  | { readonly _tag: "Refused"; readonly reason: string }

class Refusal {
  constructor(readonly reason: string) {}
}

/**
 * Writes `next` (an edit of the merged document `before`, whose origins are `origin`) back into the files that
 * hold each key: a changed value in the file it comes from (a key next to `$include` wins, as it does on read), a
 * removed key from every file that holds it, a new key in the file holding its nearest existing parent object.
 * Returns the documents that changed, by file; or, when the edit cannot be written that way (an array
 * concatenated from several files, a shape `$include` cannot express), why, and nothing is to be written.
 */
export const planIncludeWrite = (
  layout: IncludeLayout,
  before: { readonly value: JsonObject; readonly origin: Origin },
  next: JsonObject
): IncludeWritePlan => {
  const documents = new Map(layout.documents)
  const edit = (location: Location, update: (current: unknown) => unknown) => {
    documents.set(location.file, updateNode(documents.get(location.file), location.at, update))
  }
  const filesOf = (sources: ReadonlyArray<Location>) => [...new Set(sources.map((source) => source.file))]

  const apply = (old: unknown, value: unknown, origin: Origin, path: ReadonlyArray<string>): void => {
    if (sameValue(old, value)) return
    if (origin.kind === "array" && filesOf(origin.sources).length > 1) {
      throw new Refusal(
        `${path.join(".")} is concatenated by $include from ${filesOf(origin.sources).join(", ")}, so it cannot be edited safely; edit those files by hand`
      )
    }
    if (origin.kind === "object" && isObject(old) && isObject(value)) {
      for (const key of Object.keys(old)) {
        if (Object.hasOwn(value, key)) continue
        for (const source of origin.sources) {
          const holder = documentAt(source)
          if (isObject(holder) && Object.hasOwn(holder, key))
            edit({ ...source, at: [...source.at, key] }, () => undefined)
        }
      }
      for (const [key, child] of Object.entries(value)) {
        const childOrigin = origin.children.get(key)
        if (Object.hasOwn(old, key) && childOrigin !== undefined) {
          apply(old[key], child, childOrigin, [...path, key])
        } else {
          const parent = origin.sources.at(-1) ?? origin.home
          edit({ ...parent, at: [...parent.at, key] }, () => child)
        }
      }
      return
    }
    if (
      origin.kind === "array" &&
      Array.isArray(old) &&
      Array.isArray(value) &&
      old.length === value.length &&
      origin.elements.length === old.length
    ) {
      for (const [index, item] of value.entries()) {
        apply(old[index], item, origin.elements[index]!, [...path, String(index)])
      }
      return
    }
    // A value replaced whole (a primitive, an array of another length, a change of type): where it comes from.
    const owner = origin.sources.at(-1) ?? (origin.kind === "object" ? origin.home : undefined)
    if (owner === undefined) throw new Refusal(`${path.join(".")} has no file to be written to`)
    edit(owner, () => value)
  }
  const documentAt = (location: Location): unknown =>
    location.at.reduce<unknown>(
      (node, key) => (Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined),
      documents.get(location.file)
    )

  try {
    apply(before.value, next, before.origin, [])
  } catch (error) {
    if (error instanceof Refusal) return { _tag: "Refused", reason: error.reason }
    throw error
  }
  // What the files now say, expanded as on read, must be exactly the edit: anything else is refused.
  const loaded = new Map<string, IncludedFile>(
    [...documents].map(([file, value]) => [file, { _tag: "Loaded", value }] as const)
  )
  const root = documents.get(layout.rootFile)
  const check = isObject(root) ? expandIncludes(root, layout.rootFile, loaded, layout.resolve) : undefined
  if (check?._tag !== "Expanded" || !sameValue(check.value, next)) {
    return {
      _tag: "Refused",
      reason: `this edit cannot be written back through $include (files: ${[...layout.documents.keys()].join(", ")}); edit them by hand`
    }
  }
  const changed = new Map(
    [...documents].filter(([file, value]) => !sameValue(value, layout.documents.get(file)))
  )
  return { _tag: "Planned", documents: changed }
}
