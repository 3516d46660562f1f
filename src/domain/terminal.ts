/** Terminal styling rules (spec, global conventions). Pure. */

/**
 * Styling only on a rich terminal: stdout is a TTY and `NO_COLOR` is unset, unless `FORCE_COLOR` is set and not
 * `0` (which also forces it when piped).
 */
export const shouldStyle = (env: (name: string) => string | undefined, stdoutIsTTY: boolean): boolean => {
  const force = env("FORCE_COLOR")
  if (force !== undefined && force.trim() !== "0") return true
  if (env("NO_COLOR") !== undefined) return false
  return stdoutIsTTY
}

/** The fallback width of a terminal that reports none, as gh and most tools assume. */
const DEFAULT_TERMINAL_WIDTH = 80

/**
 * The width a table must fit: none off a terminal (nothing is cut: a script or a pager gets whole ids); on one,
 * the columns it reports, else a positive `COLUMNS`, else 80.
 */
export const tableWidth = (
  stdoutIsTTY: boolean,
  reportedColumns: number | undefined,
  columnsVariable: string | undefined
): number | undefined => {
  if (!stdoutIsTTY) return undefined
  if (reportedColumns !== undefined && reportedColumns > 0) return reportedColumns
  const fromEnv = Number(columnsVariable?.trim())
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_TERMINAL_WIDTH
}

// CSI sequences (colours, bold, cursor moves) as @effect/cli's help renderer emits them.
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g

export const stripAnsi = (text: string): string => text.replace(ANSI_SEQUENCE, "")

// SGR sequences only (colours, bold, underline): the styling NO_COLOR turns off.
const STYLE_SEQUENCE = /\u001b\[[0-9;]*m/g

/**
 * Removes styling but keeps cursor and erase sequences: those are not styling (NO_COLOR is about colour), and
 * progress lines that rewrite themselves in place need them to be erased (issue 13).
 */
export const stripStyling = (text: string): string => text.replace(STYLE_SEQUENCE, "")

/**
 * Characters a remote party could use to act on the reader's terminal or to disguise text: C0 controls (ESC
 * starts CSI/OSC sequences, BEL, NUL, CR and LF forge or erase lines), DEL, C1 controls (0x9B is an 8-bit CSI,
 * 0x9D an 8-bit OSC), the bidi embedding/override/isolate/mark characters (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069, "Trojan Source") and the Unicode line/paragraph separators.
 */
const UNSAFE_CHARACTER =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const hex = (code: number, width: number) => code.toString(16).padStart(width, "0")

/**
 * Text from a file, the environment or the network, made safe to print: every unsafe character becomes a
 * visible escape, `\xHH` up to U+00FF (ESC -> `\x1b`, LF -> `\x0a`) and `\uHHHH` above (U+202E -> `\u202e`).
 * An escape sequence is thereby printed as text and never interpreted; one string stays on one line. Apply it
 * to the data before our own styling or progress escapes are added around it.
 */
export const sanitizeText = (text: string): string => {
  UNSAFE_CHARACTER.lastIndex = 0
  // Almost every string is clean: test first, so it is returned as it is, without a copy.
  if (!UNSAFE_CHARACTER.test(text)) return text
  return text.replace(UNSAFE_CHARACTER, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`
  })
}

/** `sanitizeText` applied to every string (object keys included) of plain data, for a whole view at once. */
export const sanitizeDeep = <A>(value: A): A => {
  if (typeof value === "string") return sanitizeText(value) as A
  if (Array.isArray(value)) return value.map(sanitizeDeep) as A
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value))
      out[sanitizeText(key)] = sanitizeDeep((value as Record<string, unknown>)[key])
    return out as A
  }
  return value
}

// JSON.stringify escapes C0 controls but leaves DEL, C1, bidi controls and U+2028/9 raw.
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * `--json` output: `JSON.stringify(value, null, 2)` with every character `sanitizeText` would replace written as
 * a `\uHHHH` escape, so the document parses to the same value but shows nothing raw on a terminal. (These
 * characters can only occur inside JSON strings, where the escape means the same character.)
 */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (char) => `\\u${hex(char.charCodeAt(0), 4)}`)

/**
 * A value quoted in a message: cut to `max` code points (never inside a surrogate pair), then escaped, so a long
 * or hostile input stays one short, safe line.
 */
export const excerpt = (text: string, max: number): string => {
  const points = Array.from(text)
  return sanitizeText(points.length > max ? `${points.slice(0, max).join("")}…` : text)
}
