/** `models scan` output (spec §3.9): summary lines, the results table, prompt hints and JSON. Pure. */
import type { ScanSelection } from "../scan/apply.js"
import type { ProbeOutcome, ScanCounts, ScanResult } from "../scan/select.js"
import { sanitizeDeep, sanitizeText, toJson } from "../terminal.js"
import { formatContext } from "./list.js"
import { formatLatency as formatMs } from "./probes.js"
import { renderTable, type TableLayout } from "./table.js"

/** Latency as in `status --probe` (spec §4): `-`, `<n>ms`, `1.4s`, `12s`. */
export const formatLatency = (ms: number | null): string => formatMs(ms ?? undefined)

const params = (result: ScanResult) => (result.inferredParamB ? `${result.inferredParamB}b` : "-")

const probeCell = (outcome: ProbeOutcome) =>
  outcome.ok ? formatLatency(outcome.latencyMs) : outcome.skipped ? "skip" : "fail"

const yesNo = (value: boolean) => (value ? "yes" : "no")

type ColumnId = "model" | "tool" | "image" | "ctx" | "params" | "notes"

/**
 * Off a terminal the reference's widths (Model 42, widened by a longer ref: a cut ref names no model); on a
 * narrow one the notes are cut (to no less than 16), then Params, Notes and Ctx go; Tool and Image, the results,
 * always stay, and the model ref is cut last, in the middle.
 */
const layout = (
  columns: (result: ScanResult) => readonly [tool: string, image: string]
): TableLayout<ScanResult, ColumnId> => ({
  columns: [
    { id: "model", header: "Model", specWidth: 42, cell: (result) => result.modelRef },
    { id: "tool", header: "Tool", specWidth: 10, cell: (result) => columns(result)[0] },
    { id: "image", header: "Image", specWidth: 10, cell: (result) => columns(result)[1] },
    { id: "ctx", header: "Ctx", specWidth: 8, cell: (result) => formatContext(result.contextLength) },
    { id: "params", header: "Params", specWidth: 8, cell: params },
    {
      id: "notes",
      header: "Notes",
      specWidth: 0,
      cell: (result) => (result.modality ? `modality:${result.modality}` : "")
    }
  ],
  fitSteps: [{ shrink: "notes", to: 16 }, { drop: "params" }, { drop: "notes" }, { drop: "ctx" }],
  key: "model"
})

// Ids, names and modalities are the catalog's words; probe errors echo provider bodies.
const table = (
  untrusted: ReadonlyArray<ScanResult>,
  columns: (result: ScanResult) => readonly [tool: string, image: string],
  width: number | undefined
): string => renderTable(layout(columns), sanitizeDeep(untrusted), width)

/**
 * Probed results: Tool is the tool-call latency or `fail`; Image the image latency, `skip` or `fail`. `width`:
 * the terminal's columns, undefined off a terminal (`tableWidth`).
 */
export const renderScanTable = (ranked: ReadonlyArray<ScanResult>, width?: number): string =>
  table(ranked, (result) => [probeCell(result.tool), probeCell(result.image)], width)

/**
 * Why probes failed, so `fail` in the table is never the whole story: one entry per distinct error, with the
 * models that got it (many free models share the same 404).
 */
export const renderProbeErrors = (untrusted: ReadonlyArray<ScanResult>): string => {
  const ranked = sanitizeDeep(untrusted)
  const groups = new Map<string, Array<string>>()
  const add = (probe: string, outcome: ProbeOutcome, model: string) => {
    if (outcome.ok || outcome.skipped || outcome.error === undefined) return
    const key = `${probe}: ${outcome.error}`
    groups.set(key, [...(groups.get(key) ?? []), model])
  }
  for (const result of ranked) {
    add("tool", result.tool, result.id)
    add("image", result.image, result.id)
  }
  if (groups.size === 0) return ""
  const lines = [...groups].flatMap(([error, models]) => [`- ${error}`, `  ${models.join(", ")}`])
  return ["Probe errors:", ...lines].join("\n")
}

/**
 * `--no-probe`: nothing was tested, so Tool and Image say what OpenRouter advertises (`tools` in
 * `supported_parameters`, `image` among the input modalities) rather than a misleading `fail`.
 */
export const renderMetadataScan = (ranked: ReadonlyArray<ScanResult>, width?: number): string =>
  [
    `Found ${ranked.length} OpenRouter free models (metadata only: Tool and Image show what OpenRouter advertises; run without --no-probe to test them).`,
    table(
      ranked,
      (result) => [yesNo(result.supportsToolsMeta), yesNo(result.inputModalities.includes("image"))],
      width
    )
  ].join("\n")

export const renderScanSummary = (counts: ScanCounts): string =>
  `Scan results: tested ${counts.tested}, tool ok ${counts.toolOk}, image ok ${counts.imageOk}, tool+image ok ${counts.toolAndImageOk}, image only ${counts.imageOnly}`

/** Prompt hint: `tool 1.2s | img 800ms | ctx 128k | 27b` (`tool fail`, `img skip|fail`, `ctx ?`). */
export const scanHint = (result: ScanResult): string =>
  [
    result.tool.ok ? `tool ${formatLatency(result.tool.latencyMs)}` : "tool fail",
    result.image.skipped
      ? "img skip"
      : result.image.ok
        ? `img ${formatLatency(result.image.latencyMs)}`
        : "img fail",
    result.contextLength ? `ctx ${formatContext(result.contextLength)}` : "ctx ?",
    ...(result.inferredParamB ? [`${result.inferredParamB}b`] : [])
  ].join(" | ")

/** The lines after a successful write (after `Updated <path>`). */
export const renderScanApplied = (untrusted: ScanSelection): string => {
  const selection = sanitizeDeep(untrusted)
  return [
    `Fallbacks: ${selection.selected.join(", ")}`,
    ...(selection.selectedImages.length > 0
      ? [`Image fallbacks: ${selection.selectedImages.join(", ")}`]
      : []),
    ...(selection.setDefault ? [`Default model: ${selection.selected[0]}`] : []),
    ...(selection.setImage && selection.selectedImages.length > 0
      ? [`Image model: ${selection.selectedImages[0]}`]
      : [])
  ].join("\n")
}

export interface NotProbed {
  /** Free models that passed the filters. */
  readonly candidates: number
  /** How many of them the scan was allowed to probe (`--max-probes`). */
  readonly limit: number
  /** Ids of the models the deadline cut off, in probe order. */
  readonly pastDeadline: ReadonlyArray<string>
  readonly deadlineMs: number
}

/**
 * What a scan left out, one line each (none when every candidate was probed): the text notes and JSON warnings.
 * Model ids come from the catalog, so they are shown escaped.
 */
export const renderNotProbed = (input: NotProbed): ReadonlyArray<string> => [
  ...(input.candidates > input.limit
    ? [
        `Not probed: ${input.candidates - input.limit} of ${input.candidates} free models (only the first ${input.limit} by metadata are probed: tool support, image input, context, size; --max-probes <n> to probe more).`
      ]
    : []),
  ...(input.pastDeadline.length > 0
    ? [
        `Not probed: ${input.pastDeadline.length} models did not finish before the --deadline (${formatLatency(input.deadlineMs)}): ${input.pastDeadline.map(sanitizeText).join(", ")}.`
      ]
    : [])
]

export const renderScanJson = (
  selection: ScanSelection,
  results: ReadonlyArray<ScanResult>,
  warnings: ReadonlyArray<string> = []
): string =>
  toJson({
    selected: selection.selected,
    selectedImages: selection.selectedImages,
    setDefault: selection.setDefault,
    setImage: selection.setImage,
    results,
    warnings
  })

export const renderMetadataJson = (results: ReadonlyArray<ScanResult>): string => toJson(results)
