/**
 * Tables that fit: off a terminal every column has its spec width, widened to its longest cell, and nothing is
 * cut (a cut id names no model); on a terminal each column is as wide as its longest cell and the table gives up
 * width step by step (its `fitSteps`) until it fits, cutting the key column (the model id) last, in the middle
 * so provider and suffix stay. Cells must already be safe to print. Pure.
 */

export interface TableColumn<Row, Id extends string> {
  readonly id: Id
  readonly header: string
  /** Width off a terminal; a longer cell widens the column. */
  readonly specWidth: number
  readonly cell: (row: Row) => string
}

/** Drop a column, or cut its cells (at the end) as far as needed but to no less than `to`. */
export type FitStep<Id extends string> = { readonly drop: Id } | { readonly shrink: Id; readonly to: number }

export interface TableLayout<Row, Id extends string> {
  readonly columns: ReadonlyArray<TableColumn<Row, Id>>
  readonly fitSteps: ReadonlyArray<FitStep<Id>>
  /** Cut last, in the middle; never dropped. */
  readonly key: Id
}

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

/** The key column's narrowest width on a terminal: its header, however narrow the terminal. */
const MIN_KEY_WIDTH = 5

/** `width`: the terminal's columns, or undefined when stdout is not a terminal (`tableWidth`). */
export const renderTable = <Row, Id extends string>(
  layout: TableLayout<Row, Id>,
  rows: ReadonlyArray<Row>,
  width?: number
): string => {
  const cells = new Map(layout.columns.map((column) => [column.id, rows.map(column.cell)]))
  const natural = (column: TableColumn<Row, Id>) =>
    Math.max(
      width === undefined ? column.specWidth : 0,
      widthOf(column.header),
      ...cells.get(column.id)!.map(widthOf)
    )
  const widths = new Map(layout.columns.map((column) => [column.id, natural(column)]))
  let shown = [...layout.columns]
  const total = () =>
    shown.reduce((sum, column) => sum + widths.get(column.id)!, 0) + SEPARATOR * (shown.length - 1)
  if (width !== undefined) {
    for (const step of layout.fitSteps) {
      if (total() <= width) break
      if ("drop" in step) shown = shown.filter((column) => column.id !== step.drop)
      else {
        const current = widths.get(step.shrink)!
        widths.set(step.shrink, Math.min(current, Math.max(step.to, current - (total() - width))))
      }
    }
    const over = total() - width
    if (over > 0) widths.set(layout.key, Math.max(MIN_KEY_WIDTH, widths.get(layout.key)! - over))
  }
  const line = (texts: (column: TableColumn<Row, Id>) => string) =>
    shown
      .map((column, i) => {
        const columnWidth = widths.get(column.id)!
        const text =
          column.id === layout.key
            ? cutMiddle(texts(column), columnWidth)
            : cutEnd(texts(column), columnWidth)
        return i === shown.length - 1 ? text : text.padEnd(columnWidth + text.length - widthOf(text))
      })
      .join(" ")
      .trimEnd()
  return [
    line((column) => column.header),
    ...rows.map((_, i) => line((column) => cells.get(column.id)![i]!))
  ].join("\n")
}
