/**
 * `models scan` decisions (spec §3.9): which catalog entries are scanned, the result of each, the ranking, and
 * the pre-selected fallbacks. Pure.
 */

import { modelRefWriteProblem } from "../modelRef.js"
import {
  acceptsImages,
  isFree,
  type OpenRouterModel,
  type OpenRouterPricing,
  supportsTools
} from "./catalog.js"

const DAY_MS = 24 * 60 * 60 * 1000

export interface ScanFilters {
  /** Lower-cased; the id's first segment must equal it. */
  readonly provider?: string
  /** Inferred size in billions must be >= this (unknown size counts as 0). 0 = off. */
  readonly minParamsB: number
  /** Entries created more than this many days ago are dropped (unknown age is kept). 0 = off. */
  readonly maxAgeDays: number
}

/**
 * A catalog entry whose `openrouter/<id>` could never be written to the config (whitespace, controls, bidi
 * characters, 257+ characters): a scan neither probes nor offers it.
 */
export const unwritableModel = (model: Pick<OpenRouterModel, "id">): boolean =>
  modelRefWriteProblem(modelRefOf(model)) !== undefined

/** Free models that pass the filters, in catalog order (spec §3.9 steps 3-4); unwritable ids are left out. */
export const scanCandidates = (
  catalog: ReadonlyArray<OpenRouterModel>,
  filters: ScanFilters,
  now: number
): ReadonlyArray<OpenRouterModel> => {
  const provider = filters.provider?.trim().toLowerCase() ?? ""
  return catalog.filter((model) => {
    if (!isFree(model) || unwritableModel(model)) return false
    if (provider !== "" && (model.id.split("/")[0] ?? "").toLowerCase() !== provider) return false
    if (filters.minParamsB > 0 && (model.inferredParamB ?? 0) < filters.minParamsB) return false
    if (filters.maxAgeDays > 0 && model.createdAtMs !== null) {
      if ((now - model.createdAtMs) / DAY_MS > filters.maxAgeDays) return false
    }
    return true
  })
}

/**
 * Which candidates are worth probing first, from metadata alone: models that advertise tool calling (the rest
 * fail the tool probe on OpenRouter), image input among them first (the ranking puts image-ok models first),
 * then context desc, params desc, modelRef asc. A scan probes the head of this order (`--max-probes`).
 */
export const probeOrder = (candidates: ReadonlyArray<OpenRouterModel>): ReadonlyArray<OpenRouterModel> =>
  candidates
    .map((model) => ({ model, result: scanResult(model) }))
    .sort(
      (a, b) =>
        Number(b.result.supportsToolsMeta) - Number(a.result.supportsToolsMeta) ||
        Number(acceptsImages(b.model)) - Number(acceptsImages(a.model)) ||
        byCapacityThenRef(a.result, b.result)
    )
    .map(({ model }) => model)

/** One probe's outcome. `skipped`: not run (no image input, or `--no-probe`). */
export interface ProbeOutcome {
  readonly ok: boolean
  readonly latencyMs: number | null
  readonly error?: string
  readonly skipped?: boolean
}

export const SKIPPED: ProbeOutcome = { ok: false, latencyMs: null, skipped: true }

/** One scanned model (spec §3.9.8), plus `inputModalities`, which the reference did not read. */
export interface ScanResult {
  readonly id: string
  readonly name: string
  readonly provider: "openrouter"
  readonly modelRef: string
  readonly contextLength: number | null
  readonly maxCompletionTokens: number | null
  readonly supportedParametersCount: number
  readonly supportsToolsMeta: boolean
  readonly modality: string | null
  readonly inputModalities: ReadonlyArray<string>
  readonly inferredParamB: number | null
  readonly createdAtMs: number | null
  readonly pricing: OpenRouterPricing | null
  readonly isFree: boolean
  readonly tool: ProbeOutcome
  readonly image: ProbeOutcome
}

export const modelRefOf = (model: Pick<OpenRouterModel, "id">): string => `openrouter/${model.id}`

export const scanResult = (
  model: OpenRouterModel,
  tool: ProbeOutcome = SKIPPED,
  image: ProbeOutcome = SKIPPED
): ScanResult => ({
  id: model.id,
  name: model.name,
  provider: "openrouter",
  modelRef: modelRefOf(model),
  contextLength: model.contextLength,
  maxCompletionTokens: model.maxCompletionTokens,
  supportedParametersCount: model.supportedParameters.length,
  supportsToolsMeta: supportsTools(model),
  modality: model.modality,
  inputModalities: model.inputModalities,
  inferredParamB: model.inferredParamB,
  createdAtMs: model.createdAtMs,
  pricing: model.pricing,
  isFree: isFree(model),
  tool,
  image
})

/** Whether a model gets an image probe: it takes image input. */
export const wantsImageProbe = acceptsImages

/** A failed probe's latency says nothing about speed: it ranks as missing (last), like a probe never run. */
const latency = (outcome: ProbeOutcome) =>
  outcome.ok ? (outcome.latencyMs ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY

/** Context desc, then inferred params desc, then modelRef asc. */
const byCapacityThenRef = (a: ScanResult, b: ScanResult): number =>
  (b.contextLength ?? 0) - (a.contextLength ?? 0) ||
  (b.inferredParamB ?? 0) - (a.inferredParamB ?? 0) ||
  (a.modelRef < b.modelRef ? -1 : a.modelRef > b.modelRef ? 1 : 0)

const compareLatency = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1)

/** Ranking: image ok first, then tool latency asc (missing or failed last), context, params, modelRef. */
export const rankResults = (results: ReadonlyArray<ScanResult>): ReadonlyArray<ScanResult> =>
  [...results].sort(
    (a, b) =>
      Number(b.image.ok) - Number(a.image.ok) ||
      compareLatency(latency(a.tool), latency(b.tool)) ||
      byCapacityThenRef(a, b)
  )

/** Image ranking: image latency asc (missing last), context, params, modelRef. */
export const rankImageResults = (results: ReadonlyArray<ScanResult>): ReadonlyArray<ScanResult> =>
  [...results].sort((a, b) => compareLatency(latency(a.image), latency(b.image)) || byCapacityThenRef(a, b))

export interface ScanChoices {
  /** Tool-ok models, ranked: the fallback candidates. */
  readonly toolCandidates: ReadonlyArray<ScanResult>
  /** Image-ok models, image-ranked: the image fallback candidates. */
  readonly imageCandidates: ReadonlyArray<ScanResult>
  /** Pre-selected fallbacks: the top `maxCandidates` tool-ok models, image-ok ones only if there are any. */
  readonly preselected: ReadonlyArray<string>
  /** Pre-selected image fallbacks: the top `maxCandidates` image-ok models. */
  readonly imagePreselected: ReadonlyArray<string>
}

export const scanChoices = (results: ReadonlyArray<ScanResult>, maxCandidates: number): ScanChoices => {
  const toolCandidates = rankResults(results.filter((result) => result.tool.ok))
  const imageCandidates = rankImageResults(results.filter((result) => result.image.ok))
  const withImages = toolCandidates.filter((result) => result.image.ok)
  const pool = withImages.length > 0 ? withImages : toolCandidates
  return {
    toolCandidates,
    imageCandidates,
    preselected: pool.slice(0, maxCandidates).map((result) => result.modelRef),
    imagePreselected: imageCandidates.slice(0, maxCandidates).map((result) => result.modelRef)
  }
}

export interface ScanCounts {
  readonly tested: number
  readonly toolOk: number
  readonly imageOk: number
  readonly toolAndImageOk: number
  readonly imageOnly: number
}

export const scanCounts = (results: ReadonlyArray<ScanResult>): ScanCounts => ({
  tested: results.length,
  toolOk: results.filter((r) => r.tool.ok).length,
  imageOk: results.filter((r) => r.image.ok).length,
  toolAndImageOk: results.filter((r) => r.tool.ok && r.image.ok).length,
  imageOnly: results.filter((r) => r.image.ok && !r.tool.ok).length
})

export const NO_TOOL_MODELS = "No tool-capable OpenRouter free models found."

/**
 * Why no fallback can be offered. When every tool probe failed the same way (a rejected key, a dead endpoint),
 * that is the real news: say it, with the key's source for a 401/403, instead of blaming the models.
 */
export const noToolModelsMessage = (results: ReadonlyArray<ScanResult>, keySource: string): string => {
  const errors = new Set(results.filter((result) => !result.tool.ok).map((result) => result.tool.error ?? ""))
  const [only] = errors
  if (results.length === 0 || errors.size !== 1 || !only) return NO_TOOL_MODELS
  return /^HTTP 40[13]\b/.test(only)
    ? `OpenRouter rejected the API key from ${keySource} (${only}); no model could be tested. Check the key, or run with --no-probe.`
    : `${NO_TOOL_MODELS} Every tool probe failed with: ${only}`
}
