/** `models list` table, plain and JSON output (spec §3.3). Pure. */
import type { ListRow } from "../list.js"
import { sanitizeDeep, toJson } from "../terminal.js"
import { renderTable, type TableLayout } from "./table.js"

/** `-` for unknown/0, integers below 1024 as-is, else thousands of tokens (`200000` -> `200k`). */
export const formatContext = (tokens: number | null): string => {
  if (tokens === null || tokens === 0) return "-"
  if (tokens < 1024) return String(tokens)
  // The reference divides by 1024 (200000 -> 195k, §8.13); providers advertise decimal thousands.
  return `${Math.round(tokens / 1000)}k`
}

/** USD per 1M tokens: `-` unknown, `0` free, cents for a dollar or more (`2.5`, `15`), 3 digits below (`0.075`). */
export const formatPrice = (usd: number | undefined): string => {
  if (usd === undefined) return "-"
  if (usd === 0) return "0"
  if (usd < 0.001) return "<0.001"
  return String(usd >= 1 ? Number(usd.toFixed(2)) : Number(usd.toPrecision(3)))
}

const yesNo = (value: boolean | null) => (value === null ? "-" : value ? "yes" : "no")

/** `ls -l` style: `t` tools, `r` reasoning, `i` image input in fixed places; `-` has not, `?` not known. */
export const formatCapabilities = (row: ListRow): string => {
  if (row.missing) return "-"
  const mark = (value: boolean | undefined, letter: string) =>
    value === undefined ? "?" : value ? letter : "-"
  return `${mark(row.tools, "t")}${mark(row.reasoning, "r")}${mark(row.imageInput, "i")}`
}

type ColumnId =
  | "model"
  | "input"
  | "ctx"
  | "maxOut"
  | "priceIn"
  | "priceOut"
  | "caps"
  | "local"
  | "auth"
  | "tags"

/**
 * Widths off a terminal are the spec's (§3.3) for its columns. On a narrow terminal Input goes first (Caps still
 * marks image input), then Tags are cut (as far as needed, to no less than 24), Local, MaxOut, Caps and Ctx go,
 * Tags are cut to no less than 12, Auth and the prices go, then Tags; only then is the model id cut (in the
 * middle, so provider and suffix stay). README "models list".
 */
const LAYOUT: TableLayout<ListRow, ColumnId> = {
  columns: [
    { id: "model", header: "Model", specWidth: 42, cell: (row) => row.key },
    { id: "input", header: "Input", specWidth: 10, cell: (row) => row.input },
    { id: "ctx", header: "Ctx", specWidth: 8, cell: (row) => formatContext(row.contextWindow) },
    { id: "maxOut", header: "MaxOut", specWidth: 0, cell: (row) => formatContext(row.maxTokens ?? null) },
    { id: "priceIn", header: "$In/M", specWidth: 0, cell: (row) => formatPrice(row.cost?.input) },
    { id: "priceOut", header: "$Out/M", specWidth: 0, cell: (row) => formatPrice(row.cost?.output) },
    { id: "caps", header: "Caps", specWidth: 0, cell: formatCapabilities },
    { id: "local", header: "Local", specWidth: 5, cell: (row) => yesNo(row.local) },
    { id: "auth", header: "Auth", specWidth: 5, cell: (row) => yesNo(row.available) },
    { id: "tags", header: "Tags", specWidth: 0, cell: (row) => row.tags.join(",") }
  ],
  fitSteps: [
    { drop: "input" },
    { shrink: "tags", to: 24 },
    { drop: "local" },
    { drop: "maxOut" },
    { drop: "caps" },
    { drop: "ctx" },
    { shrink: "tags", to: 12 },
    { drop: "auth" },
    { drop: "priceOut" },
    { drop: "priceIn" },
    { drop: "tags" }
  ],
  key: "model"
}

/**
 * `width`: the terminal's columns, or undefined when stdout is not a terminal. Off a terminal the columns have
 * the spec's widths, widened to their longest cell: nothing is cut (a cut id names no model). On a terminal
 * each column is as wide as its longest cell and the table fits `width`.
 */
export const renderListTable = (untrusted: ReadonlyArray<ListRow>, width?: number): string =>
  untrusted.length === 0 ? "No models found." : renderTable(LAYOUT, sanitizeDeep(untrusted), width)

export const renderListJson = (rows: ReadonlyArray<ListRow>): string =>
  toJson({ count: rows.length, models: rows })

export const renderListPlain = (rows: ReadonlyArray<ListRow>): string =>
  sanitizeDeep(rows.map((row) => row.key)).join("\n")
