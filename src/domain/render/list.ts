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

interface Column {
  readonly id: ColumnId
  readonly header: string
  /** Width off a terminal (spec §3.3 for its columns); a longer cell widens the column, nothing is cut. */
  readonly specWidth: number
  readonly cell: (row: ListRow) => string
}

const COLUMNS: ReadonlyArray<Column> = [
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
]

/**
 * How the table gives up width on a narrow terminal, step by step until it fits: Input goes first (Caps still
 * marks image input), then Tags are cut (as far as needed, to no less than 24), Local, MaxOut, Caps and Ctx go,
 * Tags are cut to no less than 12, Auth and the prices go, then Tags; only then is the model id cut (in the
 * middle, so provider and suffix stay). README "models list".
 */
const FIT_STEPS: ReadonlyArray<
  { readonly drop: ColumnId } | { readonly shrink: ColumnId; readonly to: number }
> = [
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
]

/** Display width, counted in code points (ids and tags are ASCII in practice; sanitized text always is). */
const widthOf = (text: string) => Array.from(text).length

const cutEnd = (text: string, width: number) => {
  const points = Array.from(text)
  return points.length <= width ? text : `${points.slice(0, Math.max(0, width - 1)).join("")}…`
}

const cutMiddle = (text: string, width: number) => {
  const points = Array.from(text)
  if (points.length <= width) return text
  const head = Math.ceil((width - 1) / 2)
  const tail = width - 1 - head
  return `${points.slice(0, head).join("")}…${tail > 0 ? points.slice(points.length - tail).join("") : ""}`
}

const SEPARATOR = 1

/** The model column's narrowest width on a terminal: the header, however narrow the terminal. */
const MIN_MODEL_WIDTH = 5

/**
 * `width`: the terminal's columns, or undefined when stdout is not a terminal. Off a terminal the columns have
 * the spec's widths, widened to their longest cell: nothing is cut (a cut id names no model). On a terminal
 * each column is as wide as its longest cell and the table fits `width` (`FIT_STEPS`).
 */
export const renderListTable = (untrusted: ReadonlyArray<ListRow>, width?: number): string => {
  if (untrusted.length === 0) return "No models found."
  const rows = sanitizeDeep(untrusted)
  const cells = new Map(COLUMNS.map((column) => [column.id, rows.map(column.cell)]))
  const natural = (column: Column) =>
    Math.max(
      width === undefined ? column.specWidth : 0,
      widthOf(column.header),
      ...cells.get(column.id)!.map(widthOf)
    )
  const widths = new Map(COLUMNS.map((column) => [column.id, natural(column)]))
  let shown = [...COLUMNS]
  const total = () =>
    shown.reduce((sum, column) => sum + widths.get(column.id)!, 0) + SEPARATOR * (shown.length - 1)
  if (width !== undefined) {
    for (const step of FIT_STEPS) {
      if (total() <= width) break
      if ("drop" in step) shown = shown.filter((column) => column.id !== step.drop)
      else {
        const current = widths.get(step.shrink)!
        widths.set(step.shrink, Math.min(current, Math.max(step.to, current - (total() - width))))
      }
    }
    const over = total() - width
    if (over > 0) widths.set("model", Math.max(MIN_MODEL_WIDTH, widths.get("model")! - over))
  }
  const line = (texts: (column: Column) => string) =>
    shown
      .map((column, i) => {
        const columnWidth = widths.get(column.id)!
        const text =
          column.id === "model" ? cutMiddle(texts(column), columnWidth) : cutEnd(texts(column), columnWidth)
        return i === shown.length - 1 ? text : text.padEnd(columnWidth + text.length - widthOf(text))
      })
      .join(" ")
      .trimEnd()
  return [
    line((column) => column.header),
    ...rows.map((_, i) => line((column) => cells.get(column.id)![i]!))
  ].join("\n")
}

export const renderListJson = (rows: ReadonlyArray<ListRow>): string =>
  toJson({ count: rows.length, models: rows })

export const renderListPlain = (rows: ReadonlyArray<ListRow>): string =>
  sanitizeDeep(rows.map((row) => row.key)).join("\n")
