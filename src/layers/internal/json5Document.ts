/**
 * Applies a new value to a parsed JSON5 document (@croct/json5-parser CST) touching only what changed.
 *
 * The library's own `update` re-creates every string and number node (its token comparison includes the
 * source location, so nothing ever matches), which re-quotes strings by a guessed style and rewrites
 * `0x1F`, `1e3`, `1.50`, `\u00e9` on every edit. It also leaves the comment and indentation of a removed
 * entry behind. This walk keeps unchanged nodes as parsed, and removes an entry together with its own lines.
 */
import {
  JsonArrayNode,
  JsonCompositeNode,
  type JsonNode,
  JsonObjectNode,
  type JsonPropertyNode,
  JsonTokenNode,
  JsonTokenType,
  JsonValueFactory,
  type JsonValueNode
} from "@croct/json5-parser"

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const isToken = (node: unknown, ...types: ReadonlyArray<JsonTokenType>): boolean =>
  node instanceof JsonTokenNode && types.includes(node.type)

const TRIVIA = [
  JsonTokenType.WHITESPACE,
  JsonTokenType.NEWLINE,
  JsonTokenType.LINE_COMMENT,
  JsonTokenType.BLOCK_COMMENT
]

/**
 * Removes `entry` (a property or an element) from `parent.children` with what belongs to it: comment lines
 * directly above it, its comma, and a comment on the rest of its line. The line break before it goes too,
 * so the neighbours keep their own lines and indentation.
 */
const removeEntry = (parent: JsonCompositeNode, entry: JsonPropertyNode | JsonValueNode) => {
  const children = parent.children
  const at = children.indexOf(entry)
  if (at < 0) return
  let start = at
  for (let index = at - 1; index >= 0 && isToken(children[index], ...TRIVIA); index--) {
    if (isToken(children[index], JsonTokenType.NEWLINE)) start = index
  }
  let end = at
  let ownComma = false
  for (let index = at + 1; index < children.length; index++) {
    const child = children[index]
    if (isToken(child, JsonTokenType.NEWLINE)) break
    if (!isToken(child, JsonTokenType.COMMA, ...TRIVIA)) break
    if (isToken(child, JsonTokenType.COMMA)) ownComma = true
    // Spaces after the last entry stay (`{ a: 1 }`); after a comma they go with it (`a: 1, b: 2`).
    if (ownComma || !isToken(child, JsonTokenType.WHITESPACE)) end = index
  }
  children.splice(start, end - start + 1)
  if (ownComma) return
  // It was the last entry, written without a trailing comma: the comma before it goes too (strict JSON
  // stays strict).
  for (let index = start - 1; index >= 0; index--) {
    if (isToken(children[index], ...TRIVIA)) continue
    if (isToken(children[index], JsonTokenType.COMMA)) {
      const between = children.slice(index + 1, start)
      const inline = between.every((child) => isToken(child, JsonTokenType.WHITESPACE))
      children.splice(index, inline ? between.length + 1 : 1)
    }
    break
  }
}

/** `[\n  ]` after the last entry went: `[]`, unless a comment is left inside. */
const collapseIfBlank = (node: JsonCompositeNode) => {
  const inner = node.children.slice(1, -1)
  if (inner.every((child) => isToken(child, JsonTokenType.WHITESPACE, JsonTokenType.NEWLINE))) {
    node.children.splice(1, inner.length)
  }
}

/** `node` made to hold `next`; unchanged nodes are returned as they are (same tokens, same text). */
export const reconcile = (node: JsonValueNode, next: unknown): JsonValueNode => {
  if (sameJson(node.toJSON(), next)) return node
  if (node instanceof JsonObjectNode && isPlainObject(next)) {
    for (const property of node.properties) {
      const key = property.key.toJSON()
      if (next[key] === undefined) {
        removeEntry(node, property)
        node.delete(key)
      }
    }
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) continue
      const property = node.properties.find((candidate) => candidate.key.toJSON() === key)
      if (property === undefined) node.set(key, value as never)
      else property.value = reconcile(property.value, value)
    }
    if (node.properties.length === 0) collapseIfBlank(node)
    return node
  }
  if (node instanceof JsonArrayNode && Array.isArray(next)) {
    const old = node.elements
    const kept = new Set<JsonValueNode>()
    const items: Array<JsonValueNode> = []
    let cursor = 0
    for (const value of next) {
      // In order: an equal element later in the old list is kept as written; a structure in the same
      // position is edited in place; anything else is new.
      const found = old.findIndex((element, index) => index >= cursor && sameJson(element.toJSON(), value))
      const inPlace = old[cursor]
      if (found >= 0) {
        items.push(old[found]!)
        kept.add(old[found]!)
        cursor = found + 1
      } else if (
        inPlace !== undefined &&
        ((inPlace instanceof JsonObjectNode && isPlainObject(value)) ||
          (inPlace instanceof JsonArrayNode && Array.isArray(value)))
      ) {
        const edited = reconcile(inPlace, value)
        items.push(edited)
        kept.add(inPlace)
        cursor += 1
      } else {
        items.push(JsonValueFactory.create(value as never))
      }
    }
    for (const element of old) if (!kept.has(element)) removeEntry(node, element)
    node.splice(0, old.length, ...items)
    if (items.length === 0) collapseIfBlank(node)
    return node
  }
  return JsonValueFactory.create(next as never)
}

/** A document holding nothing, not even a comment (`{}`): nothing to keep, so it is written afresh. */
export const isBlank = (document: JsonObjectNode): boolean => {
  const hasComment = (node: JsonNode): boolean =>
    node instanceof JsonCompositeNode
      ? node.children.some(hasComment)
      : isToken(node, JsonTokenType.LINE_COMMENT, JsonTokenType.BLOCK_COMMENT)
  return document.properties.length === 0 && !hasComment(document)
}
