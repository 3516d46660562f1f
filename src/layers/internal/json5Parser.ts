/**
 * @croct/json5-parser, with two corrections. First: JSON5 allows any ES5 IdentifierName as an unquoted key, reserved
 * words included (`{ default: true }` is spec §1.2's own `agents.list` example), but the library rejects them.
 * We replace its key-identifier step with the same code minus that check. Writing is unaffected: new keys
 * that are reserved words are still emitted quoted. Second: its string pattern backtracks once per character and
 * overflows the regular-expression stack on a string of a few megabytes ("Maximum call stack size exceeded"); a
 * string is matched by a linear scan instead, accepting exactly what the pattern did.
 */

import {
  JsonIdentifierNode,
  JsonLexer,
  JsonObjectNode,
  JsonParseError,
  JsonParser,
  type JsonToken,
  JsonTokenNode,
  JsonTokenType,
  type JsonValueNode
} from "@croct/json5-parser"
import { describeValue } from "../../domain/configIssues.js"

interface ParserInternals {
  readonly lexer: { consume(type: JsonTokenType.IDENTIFIER): JsonToken<JsonTokenType.IDENTIFIER> }
}

const prototype = JsonParser.prototype as unknown as { parseIdentifier: (this: ParserInternals) => unknown }
prototype.parseIdentifier = function (this: ParserInternals) {
  const token = this.lexer.consume(JsonTokenType.IDENTIFIER)
  const tokenNode = new JsonTokenNode(token)
  return new JsonIdentifierNode({ token: tokenNode, children: [tokenNode], location: token.location })
}

/** The line terminators a JSON5 string may hold only after a backslash. */
const LINE_TERMINATOR = /[\r\n\u2028\u2029]/

/**
 * A JSON5 string token at the start of the text, as `String.prototype.match` sees a pattern: a quote, then any
 * character but the quote, a backslash or a line terminator, or a backslash and any character (`\r\n` counts as
 * one), up to the closing quote.
 */
const stringToken = (quote: string) => ({
  [Symbol.match]: (text: string): RegExpMatchArray | null => {
    if (text[0] !== quote) return null
    let index = 1
    while (index < text.length) {
      const char = text[index]!
      if (char === quote) return [text.slice(0, index + 1)] as unknown as RegExpMatchArray
      if (char === "\\") index += text.startsWith("\r\n", index + 1) ? 3 : 2
      else if (LINE_TERMINATOR.test(char)) return null
      else index++
    }
    return null
  }
})

interface LexerPattern {
  readonly type: JsonTokenType
  pattern: unknown
}

for (const entry of (JsonLexer as unknown as { readonly PATTERNS: ReadonlyArray<LexerPattern> }).PATTERNS) {
  if (entry.type !== JsonTokenType.STRING || !(entry.pattern instanceof RegExp)) continue
  entry.pattern = stringToken(entry.pattern.source.charAt(1))
}

/**
 * A document of nothing but comments (everything commented out) as an empty object, with the comments kept in
 * front of it; `undefined` for any other text.
 */
const commentsOnly = (text: string): JsonObjectNode | undefined => {
  try {
    const tree = JsonParser.parse(`${text}\n{}`, JsonObjectNode)
    return tree.properties.length === 0 ? tree : undefined
  } catch {
    return undefined
  }
}

/**
 * Parses a JSON5 document whose top level must be an object: a syntax error throws JsonParseError with a
 * location, any other top level an Error saying what it is. A document of only comments is `{}`, as an empty
 * file is.
 */
export const parseJson5Object = (text: string): JsonObjectNode => {
  let root: JsonValueNode
  try {
    root = JsonParser.parse(text)
  } catch (error) {
    const empty = error instanceof JsonParseError ? commentsOnly(text) : undefined
    if (empty === undefined) throw error
    return empty
  }
  if (root instanceof JsonObjectNode) return root
  throw new Error(`the top level must be an object, got ${describeValue(root.toJSON())}`)
}

/**
 * Parses a JSON5 document holding any value (an included file may hold an array or a string). One of only
 * comments holds no value, and is said to be so rather than "Unexpected token ''".
 */
export const parseJson5Value = (text: string): JsonValueNode => {
  try {
    return JsonParser.parse(text)
  } catch (error) {
    if (error instanceof JsonParseError && commentsOnly(text) !== undefined)
      throw new Error("it holds only comments, no value")
    throw error
  }
}
