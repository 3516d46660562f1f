/**
 * How deep a JSON or JSON5 text nests, found by scanning the text (strings and comments skipped) before any
 * parser sees it: the JSON5 parser recurses once per level and dies with a stack overflow on a hostile file,
 * and so do JSON.stringify and every walk over a parsed value.
 */
import * as Either from "effect/Either"

/** More than any real config or store needs (they nest under 10 levels). */
export const MAX_NESTING = 100

/** The offset of the first `{` or `[` that opens level `limit + 1`, or `undefined` when the text stays within. */
export const nestingBeyond = (text: string, limit: number = MAX_NESTING): number | undefined => {
  let depth = 0
  let index = 0
  while (index < text.length) {
    const char = text[index]!
    if (char === '"' || char === "'") {
      index++
      while (index < text.length && text[index] !== char) index += text[index] === "\\" ? 2 : 1
    } else if (char === "/" && text[index + 1] === "/") {
      while (index < text.length && text[index] !== "\n") index++
    } else if (char === "/" && text[index + 1] === "*") {
      const end = text.indexOf("*/", index + 2)
      index = end < 0 ? text.length : end + 1
    } else if (char === "{" || char === "[") {
      depth++
      if (depth > limit) return index
    } else if (char === "}" || char === "]") {
      depth--
    }
    index++
  }
  return undefined
}

/** Line and column (1-based) of an offset, as an editor shows them. */
export const lineAndColumn = (
  text: string,
  offset: number
): { readonly line: number; readonly column: number } => {
  const before = text.slice(0, offset)
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") }
}

/**
 * `text` as a JSON object, or why not, in words that never quote it (a state file may hold secrets): too deep
 * (with line and column), not JSON, or not an object at the top.
 */
export const parseJsonObject = (text: string): Either.Either<{ readonly [key: string]: unknown }, string> => {
  const tooDeep = nestingBeyond(text)
  if (tooDeep !== undefined) {
    const { line, column } = lineAndColumn(text, tooDeep)
    return Either.left(`nested more than ${MAX_NESTING} levels deep at line ${line}, column ${column}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return Either.left("not valid JSON")
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Either.right(value as { readonly [key: string]: unknown })
    : Either.left("not an object at the top level")
}
