/**
 * What an HTTP request header can carry. Node's `http` refuses (throws `TypeError: Invalid character in header
 * content`) a value with a character outside TAB, 0x20-0x7E and 0x80-0xFF, and a name that is not an RFC 9110
 * token; we check before sending, so one bad credential or config header is one clear result, not a crash.
 * Messages describe the offending character, never the value, which may be a secret. Pure.
 */

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`

/** What is wrong with one character: a control (named by code point) or a character outside the allowed set. */
const describe = (char: string, outside: string): string => {
  const code = char.codePointAt(0) ?? 0
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `a control character (${codePoint(char)})` : outside
}

const firstMatch = (value: string, pattern: RegExp) => pattern.exec(value)?.[0]

// Node's set minus the C1 controls, which no header value needs.
const BAD_IN_VALUE = /[^\t\u0020-\u007e\u00a0-\u00ff]/u
/** A secret travels alone in a header (`Bearer <secret>`, `x-api-key`): every real key and token is printable ASCII. */
const BAD_IN_SECRET = /[^\u0021-\u007e]/u

/** Why `value` cannot be sent as a header value (e.g. "it contains a control character (U+000A)"), else undefined. */
export const headerValueProblem = (value: string): string | undefined => {
  const bad = firstMatch(value, BAD_IN_VALUE)
  return bad === undefined
    ? undefined
    : `it contains ${describe(bad, "a character beyond Latin-1, which HTTP headers cannot carry")}`
}

/** Why `name` is not a valid header name, else undefined. */
export const headerNameProblem = (name: string): string | undefined =>
  HEADER_NAME.test(name)
    ? undefined
    : "it is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only)"

/** Removes every whitespace character: pasted tokens arrive wrapped, indented or with CRLF line ends. */
export const compactSecret = (raw: string): string => raw.replace(/\s+/g, "")

/**
 * Why a secret (API key, token) cannot be sent, else undefined: whitespace, a control character or anything
 * beyond printable ASCII is refused before it is stored or sent.
 */
export const secretProblem = (secret: string): string | undefined => {
  const bad = firstMatch(secret, BAD_IN_SECRET)
  if (bad === undefined) return undefined
  return `it contains ${bad === " " ? "a space" : describe(bad, "a character that is not printable ASCII")}`
}

/** The first header of `headers` (named with `origin`, e.g. a config key) that cannot be sent, as a sentence. */
export const headersProblem = (
  headers: Readonly<Record<string, string>>,
  origin: string
): string | undefined => {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(value)
    if (problem !== undefined) return `Header "${name}" from ${origin} cannot be sent: ${problem}.`
  }
  return undefined
}
