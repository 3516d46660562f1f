/**
 * @croct/json5-parser, with one correction: JSON5 allows any ES5 IdentifierName as an unquoted key, reserved
 * words included (`{ default: true }` is spec §1.2's own `agents.list` example), but the library rejects them.
 * We replace its key-identifier step with the same code minus that check. Writing is unaffected: new keys
 * that are reserved words are still emitted quoted.
 */
import {
  JsonIdentifierNode,
  JsonObjectNode,
  JsonParser,
  type JsonToken,
  JsonTokenNode,
  JsonTokenType,
  type JsonValueNode
} from "@croct/json5-parser"

interface ParserInternals {
  readonly lexer: { consume(type: JsonTokenType.IDENTIFIER): JsonToken<JsonTokenType.IDENTIFIER> }
}

const prototype = JsonParser.prototype as unknown as { parseIdentifier: (this: ParserInternals) => unknown }
prototype.parseIdentifier = function (this: ParserInternals) {
  const token = this.lexer.consume(JsonTokenType.IDENTIFIER)
  const tokenNode = new JsonTokenNode(token)
  return new JsonIdentifierNode({ token: tokenNode, children: [tokenNode], location: token.location })
}

/** Parses a JSON5 document whose top level must be an object; throws JsonParseError with a location. */
export const parseJson5Object = (text: string): JsonObjectNode => JsonParser.parse(text, JsonObjectNode)

/** Parses a JSON5 document holding any value (an included file may hold an array or a string). */
export const parseJson5Value = (text: string): JsonValueNode => JsonParser.parse(text)
