/** `models list` table, plain and JSON output (spec §3.3). Pure. */
import type { ListRow } from "../list.js"
import { sanitizeDeep, toJson } from "../terminal.js"

/** `-` for unknown/0, integers below 1024 as-is, else thousands of tokens (`200000` -> `200k`). */
export const formatContext = (tokens: number | null): string => {
  if (tokens === null || tokens === 0) return "-"
  if (tokens < 1024) return String(tokens)
  // The reference divides by 1024 (200000 -> 195k, §8.13); providers advertise decimal thousands.
  return `${Math.round(tokens / 1000)}k`
}

const yesNo = (value: boolean | null) => (value === null ? "-" : value ? "yes" : "no")
const cell = (text: string, width: number) =>
  (text.length > width ? `${text.slice(0, width - 3)}...` : text).padEnd(width)

export const renderListTable = (untrusted: ReadonlyArray<ListRow>): string => {
  if (untrusted.length === 0) return "No models found."
  const rows = sanitizeDeep(untrusted)
  const header = [
    cell("Model", 42),
    cell("Input", 10),
    cell("Ctx", 8),
    cell("Local", 5),
    cell("Auth", 5),
    "Tags"
  ]
  const lines = rows.map((row) =>
    [
      cell(row.key, 42),
      cell(row.input, 10),
      cell(formatContext(row.contextWindow), 8),
      cell(yesNo(row.local), 5),
      cell(yesNo(row.available), 5),
      row.tags.join(",")
    ]
      .join(" ")
      .trimEnd()
  )
  return [header.join(" ").trimEnd(), ...lines].join("\n")
}

export const renderListJson = (rows: ReadonlyArray<ListRow>): string =>
  toJson({ count: rows.length, models: rows })

export const renderListPlain = (rows: ReadonlyArray<ListRow>): string =>
  sanitizeDeep(rows.map((row) => row.key)).join("\n")
