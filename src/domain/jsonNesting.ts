/**
 * How deep a JSON or JSON5 text nests, found by scanning the text (strings and comments skipped) before any
 * parser sees it: the JSON5 parser recurses once per level and dies with a stack overflow on a hostile file,
 * and so do JSON.stringify and every walk over a parsed value.
 */

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
