/**
 * The scan program (spec §3.9): OpenRouter's free models, ranked from metadata or from live probes, returned as
 * data; with `apply`, the chosen fallbacks written to the config. Prints nothing: progress and the skipped-ids
 * warning go to the Reporter; prompting is the CLI's (src/commands/models/scan.ts).
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { type ClawdbotConfig, configuredPrimaryKeys } from "../domain/config.js"
import type { JsonObject } from "../domain/configEdit.js"
import { CatalogFetchError, NotFound, UsageError } from "../domain/errors.js"
import { headersProblem, secretProblem } from "../domain/httpHeader.js"
import { MAX_MODEL_REF_LENGTH } from "../domain/modelRef.js"
import { knownSecrets } from "../domain/redact.js"
import { formatLatency, renderNotProbed } from "../domain/render/scan.js"
import { applyScanSelection, checkSelection, type ScanSelection } from "../domain/scan/apply.js"
import { isFree } from "../domain/scan/catalog.js"
import { OPENROUTER, resolveScanKey } from "../domain/scan/key.js"
import { probeLimit, SCAN_DEFAULTS } from "../domain/scan/options.js"
import {
  noToolModelsMessage,
  probeOrder,
  rankResults,
  type ScanChoices,
  type ScanCounts,
  type ScanResult,
  scanCandidates,
  scanChoices,
  scanCounts,
  scanResult,
  unwritableModel
} from "../domain/scan/select.js"
import { AuthStore } from "../services/AuthStore.js"
import { Catalog } from "../services/Catalog.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { Environment } from "../services/Environment.js"
import { OpenRouterCatalog } from "../services/OpenRouterCatalog.js"
import { Paths } from "../services/Paths.js"
import type { ProviderClient } from "../services/ProviderClient.js"
import { Reporter } from "../services/Reporter.js"
import { suggestedCommand } from "./modelInput.js"
import { probeModels } from "./scanProbes.js"
import { envWithConfig } from "./status.js"

export type { ScanChoices, ScanCounts, ScanResult, ScanSelection }
export { SCAN_DEFAULTS }

/** OpenRouter's API when `models.providers.openrouter` sets no `baseUrl`. */
export const OPENROUTER_DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"

export const MISSING_KEY = "Missing OpenRouter API key. Set OPENROUTER_API_KEY to run models scan."

/** What to write after the scan; every field is optional (`{}` writes the pre-selection, like `--yes`). */
export interface ScanApply {
  /** Fallback models (`openrouter/<id>`), in order; each must have passed the tool probe. Default: the pre-selection. */
  readonly fallbacks?: ReadonlyArray<string>
  /** Image fallback models, in order; each must have passed the image probe. Default: the image pre-selection. */
  readonly imageFallbacks?: ReadonlyArray<string>
  /** Also make the first fallback the default model. */
  readonly setDefault?: boolean
  /** Also make the first image fallback the image model. */
  readonly setImage?: boolean
}

/** Which free models to consider and how to probe them (spec §3.9); every field is optional. */
export interface ScanOptions {
  /** Only models whose id or name shows at least this many billion parameters (default 0: any size). */
  readonly minParamsB?: number
  /** Only models added within this many days (default 0: any age). */
  readonly maxAgeDays?: number
  /** Only models of this upstream provider (the id's first segment, e.g. `google`). */
  readonly provider?: string
  /** How many models to pre-select as fallbacks, and as image fallbacks (default 6). */
  readonly maxCandidates?: number
  /** Models probed at most, the most promising by metadata first (default 4 × `maxCandidates`). */
  readonly maxProbes?: number
  /** Time for all probes together (default 2 minutes); what has not finished by then is not probed. */
  readonly deadline?: Duration.DurationInput
  /** Timeout of each request: the catalog fetch and every probe (default 12 seconds). */
  readonly timeout?: Duration.DurationInput
  /** Models probed at the same time (default 3). */
  readonly concurrency?: number
  /** `false`: rank from catalog metadata only; no key needed, nothing sent but the catalog request (default true). */
  readonly probe?: boolean
  /** Write a selection after probing (needs `probe`); absent: nothing is written. */
  readonly apply?: ScanApply
}

/** A scan's outcome. */
export interface ScanReport {
  /** Whether the models were probed (`false`: metadata only). */
  readonly probed: boolean
  /** Probed (or, metadata only, candidate) models, ranked: image ok first, then tool latency, context, size. */
  readonly results: ReadonlyArray<ScanResult>
  readonly counts: ScanCounts
  /** The fallback and image fallback candidates and their pre-selection (empty lists when not probed). */
  readonly choices: ScanChoices
  /** What the scan left out (candidates over `maxProbes`, models past the deadline), one sentence each. */
  readonly notProbedNotes: ReadonlyArray<string>
  /** Catalog ids the deadline cut off. */
  readonly pastDeadline: ReadonlyArray<string>
  /** Where the probe key came from (`profile openrouter:default`, `env: OPENROUTER_API_KEY`, `config`). */
  readonly keySource?: string
  readonly deadlineMs: number
  /** What was written to the config (only with `apply`). */
  readonly applied?: ScanSelection
}

/** A report after `applyScan`: `applied` is what was written. */
export type AppliedScanReport = ScanReport & { readonly applied: ScanSelection }

const millis = (input: Duration.DurationInput | undefined, fallback: number) =>
  input === undefined ? fallback : Duration.toMillis(Duration.decode(input))

const noChoices: ScanChoices = {
  toolCandidates: [],
  imageCandidates: [],
  preselected: [],
  imagePreselected: []
}

/** Fetches, filters and (unless `probe: false`) probes; the ranking without writing anything. */
const rank = Effect.fn("scan.rank")(function* (options: ScanOptions) {
  const probe = options.probe ?? true
  const maxCandidates = options.maxCandidates ?? SCAN_DEFAULTS.maxCandidates
  const timeoutMs = millis(options.timeout, SCAN_DEFAULTS.timeoutMs)
  const deadlineMs = millis(options.deadline, SCAN_DEFAULTS.deadlineMs)
  const environment = yield* Environment
  const { config } = yield* (yield* ConfigStore).read
  const paths = yield* Paths
  const env = yield* envWithConfig(config)
  const authProfiles = probe ? yield* (yield* AuthStore).read(paths.mainAgentDir) : undefined
  const key = authProfiles
    ? resolveScanKey({ store: authProfiles, config, env, now: environment.now() })
    : undefined
  if (probe && key === undefined) {
    const command = yield* suggestedCommand
    return yield* new UsageError({
      reason: `${MISSING_KEY} Or store one: \`${command("models auth paste-token --provider openrouter")}\`; \`--no-probe\` lists the free models without a key.`
    })
  }

  const endpoint = (yield* (yield* Catalog).endpoint(config, OPENROUTER)) ?? {
    provider: OPENROUTER,
    api: "openai-completions",
    baseUrl: OPENROUTER_DEFAULT_BASE_URL,
    headers: {}
  }
  if (key !== undefined) {
    // Checked before anything is fetched: node:http would throw on the first probe request.
    const secret = secretProblem(Redacted.value(key.secret))
    const problem =
      secret !== undefined
        ? `The OpenRouter key from ${key.source} cannot be sent in an HTTP header: ${secret}.`
        : headersProblem(endpoint.headers, "models.providers.openrouter.headers")
    if (problem !== undefined) return yield* new UsageError({ reason: problem })
  }
  const reporter = yield* Reporter
  yield* reporter.progress("Fetching OpenRouter models…")
  const catalog = yield* (yield* OpenRouterCatalog).fetch(endpoint.baseUrl).pipe(
    Effect.timeoutFail({
      duration: Duration.millis(timeoutMs),
      onTimeout: () =>
        new CatalogFetchError({ source: "OpenRouter /models", reason: `no answer within ${timeoutMs} ms` })
    })
  )
  const candidates = scanCandidates(
    catalog,
    {
      minParamsB: options.minParamsB ?? 0,
      maxAgeDays: options.maxAgeDays ?? 0,
      ...(options.provider !== undefined ? { provider: options.provider } : {})
    },
    environment.now()
  )
  const unwritable = catalog.filter((model) => isFree(model) && unwritableModel(model)).length
  if (unwritable > 0)
    yield* reporter.warn(
      `Skipped ${unwritable} OpenRouter model${unwritable === 1 ? "" : "s"} whose id cannot be written to the config (whitespace, control characters or over ${MAX_MODEL_REF_LENGTH} characters).`
    )

  if (key === undefined) {
    const results = rankResults(candidates.map((model) => scanResult(model)))
    yield* reporter.progressDone
    return {
      probed: false,
      results,
      counts: scanCounts(results),
      choices: noChoices,
      notProbedNotes: [],
      pastDeadline: [],
      deadlineMs
    } satisfies ScanReport
  }

  // Bounded work whatever the catalog's size: the most promising candidates by metadata, under one deadline.
  const ranked = probeOrder(candidates)
  const limit = probeLimit(options.maxProbes, maxCandidates)
  const started = yield* Clock.currentTimeMillis
  const probed = yield* probeModels(ranked.slice(0, limit), {
    endpoint,
    key,
    secrets: knownSecrets({ ...(authProfiles ? { store: authProfiles } : {}), config, env }),
    settings: {
      timeoutMs,
      concurrency: options.concurrency ?? SCAN_DEFAULTS.concurrency,
      deadlineMs
    },
    onProgress: (done, total) => reporter.progress(`Probing OpenRouter free models (${done}/${total})…`)
  })
  const elapsed = (yield* Clock.currentTimeMillis) - started
  yield* reporter.progress(`Probed ${probed.results.length} models in ${formatLatency(elapsed)}.`)

  const results = rankResults(probed.results)
  const pastDeadline = probed.notProbed.map((model) => model.id)
  return {
    probed: true,
    results,
    counts: scanCounts(results),
    choices: scanChoices(results, maxCandidates),
    notProbedNotes: renderNotProbed({ candidates: ranked.length, limit, pastDeadline, deadlineMs }),
    pastDeadline,
    keySource: key.source,
    deadlineMs
  } satisfies ScanReport
})

/** Why `report` offers no fallback: a probe key the provider rejected, the deadline, or no tool-capable model. */
const noCandidatesReason = (report: ScanReport) =>
  report.results.length === 0 && report.pastDeadline.length > 0
    ? `No model finished its probes before the --deadline (${formatLatency(report.deadlineMs)}) passed; nothing was written. Try a longer --deadline.`
    : noToolModelsMessage(report.results, report.keySource ?? "")

/** A chosen model the scan did not find capable is refused: a scan writes only what it tested. */
const untested = (chosen: ReadonlyArray<string>, offered: ReadonlyArray<ScanResult>, what: string) => {
  const refs = new Set(offered.map((result) => result.modelRef))
  const missing = chosen.find((ref) => !refs.has(ref))
  return missing === undefined ? undefined : `${missing} is not among the ${what} models this scan found.`
}

/**
 * Writes a selection from a probed `report` (spec §3.9 "Write"): every chosen model allowlisted, the fallback
 * list replaced (and the image fallbacks, when some are chosen); the default and image model kept unless
 * `setDefault` / `setImage`. `NotFound` when the scan found no tool-capable model; `UsageError` for an empty or
 * untested selection. Nothing is written on failure. Returns `report` with what was written as `applied`.
 */
export const applyScan = (
  report: ScanReport,
  apply: ScanApply = {}
): Effect.Effect<AppliedScanReport, UsageError | NotFound | ConfigStoreError, ConfigStore> =>
  Effect.gen(function* () {
    if (!report.probed) {
      return yield* new UsageError({
        reason: "A scan without probes writes nothing: scan with probes to apply a selection."
      })
    }
    const { choices } = report
    if (choices.toolCandidates.length === 0)
      return yield* new NotFound({ reason: noCandidatesReason(report) })
    const selected = apply.fallbacks ?? choices.preselected
    const selectedImages = apply.imageFallbacks ?? choices.imagePreselected
    const problem =
      untested(selected, choices.toolCandidates, "tool-capable") ??
      untested(selectedImages, choices.imageCandidates, "image-capable")
    if (problem !== undefined) return yield* new UsageError({ reason: problem })
    const selection = yield* Either.match(
      checkSelection({
        selected,
        selectedImages,
        setDefault: apply.setDefault ?? false,
        setImage: apply.setImage ?? false
      }),
      { onLeft: (reason) => Effect.fail(new UsageError({ reason })), onRight: Effect.succeed }
    )
    yield* (yield* ConfigStore).modify((snapshot) => {
      // The primaries in use once the selection applies stay allowed if it creates the allowlist (issue 11 item 7).
      const after = applyScanSelection(snapshot.config as JsonObject, selection) as ClawdbotConfig
      return Effect.succeed([
        applyScanSelection(snapshot.raw, selection, configuredPrimaryKeys(after)),
        undefined
      ] as const)
    })
    return { ...report, applied: selection } satisfies AppliedScanReport
  }).pipe(Effect.withSpan("scan.apply"))

type ConfigStoreError = Effect.Effect.Error<ConfigStore["Type"]["read"]>

/**
 * Scans OpenRouter's free models (spec §3.9): fetches the catalog, filters it, probes the most promising with the
 * OpenRouter key (tool calling, then image input) and ranks them; `probe: false` ranks from metadata alone. With
 * `apply`, writes the chosen (or pre-selected) fallbacks to the config (see `applyScan`). Prints nothing.
 */
export const scan = (
  options: ScanOptions = {}
): Effect.Effect<
  ScanReport,
  UsageError | NotFound | CatalogFetchError | ConfigStoreError,
  ConfigStore | AuthStore | Catalog | OpenRouterCatalog | ProviderClient | Environment | Paths
> =>
  Effect.gen(function* () {
    if (options.apply !== undefined && options.probe === false) {
      return yield* new UsageError({
        reason: "A scan without probes writes nothing: drop `apply` or `probe: false`."
      })
    }
    const report = yield* rank(options)
    return options.apply === undefined ? report : yield* applyScan(report, options.apply)
  }).pipe(Effect.withSpan("scan"))
