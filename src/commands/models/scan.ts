/**
 * models scan [--min-params <b>] [--max-age-days <days>] [--provider <name>] [--max-candidates <n>]
 *             [--max-probes <n>] [--deadline <duration>] [--timeout <ms>] [--concurrency <n>]
 *             [--no-probe] [--yes] [--no-input] [--set-default] [--set-image] [--json]   (spec §3.9; issue 9)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Option from "effect/Option"
import { UsageError } from "../../domain/errors.js"
import {
  renderMetadataJson,
  renderMetadataScan,
  renderProbeErrors,
  renderScanApplied,
  renderScanJson,
  renderScanSummary,
  renderScanTable,
  scanHint
} from "../../domain/render/scan.js"
import type { ScanSelection } from "../../domain/scan/apply.js"
import * as ScanFlagRules from "../../domain/scan/options.js"
import type { ScanChoices, ScanResult } from "../../domain/scan/select.js"
import { sanitizeText, tableWidth } from "../../domain/terminal.js"
import { withStderr } from "../../layers/Reporter.js"
import { applyScan, type ScanApply, type ScanOptions, scan as scanProgram } from "../../programs/scan.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { Environment } from "../../services/Environment.js"
import { checked } from "./flags.js"
import { json, printUpdated } from "./shared.js"

export interface ScanFlags {
  readonly minParamsB: number
  readonly maxAgeDays: number
  readonly provider?: string
  readonly maxCandidates: number
  /** Models probed at most; absent: `probesPerCandidate` × `maxCandidates`. */
  readonly maxProbes?: number
  /** The whole probe phase ends by then; absent: `SCAN_DEFAULTS.deadlineMs`. */
  readonly deadlineMs?: number
  readonly timeoutMs: number
  readonly concurrency: number
  readonly probe: boolean
  readonly yes: boolean
  readonly noInput: boolean
  readonly setDefault: boolean
  readonly setImage: boolean
  readonly json: boolean
}

export interface ScanOutcome {
  readonly results: ReadonlyArray<ScanResult>
  /** What was written; absent with `--no-probe` or when the prompt was cancelled. */
  readonly selection?: ScanSelection
  readonly cancelled: boolean
}

export const SCAN_CANCELLED = "Model scan cancelled."
export const NON_INTERACTIVE = "Non-interactive scan: pass --yes to apply defaults."

const choice = (result: ScanResult, preselected: ReadonlyArray<string>) => ({
  title: sanitizeText(result.modelRef),
  value: result.modelRef,
  description: scanHint(result),
  selected: preselected.includes(result.modelRef)
})

type Picked = Pick<ScanApply, "fallbacks" | "imageFallbacks">

/**
 * The two ordered multi-selects (ranking order, pre-checked defaults); `None` when the user cancels (Ctrl-C).
 * An empty fallback selection is refused before the image question is asked.
 */
const promptSelection = (choices: ScanChoices) =>
  Effect.gen(function* () {
    const fallbacks = yield* Prompt.run(
      Prompt.multiSelect({
        message: "Select fallback models (ordered)",
        choices: choices.toolCandidates.map((result) => choice(result, choices.preselected))
      })
    )
    if (fallbacks.length === 0) return yield* new UsageError({ reason: "No models selected for fallbacks." })
    const imageFallbacks =
      choices.imageCandidates.length === 0
        ? []
        : yield* Prompt.run(
            Prompt.multiSelect({
              message: "Select image fallback models (ordered)",
              choices: choices.imageCandidates.map((result) => choice(result, choices.imagePreselected))
            })
          )
    return Option.some<Picked>({ fallbacks, imageFallbacks })
  }).pipe(Effect.catchTag("QuitException", () => Effect.succeed(Option.none<Picked>())))

/** The flags as program options (the selection is applied separately, after the picker). */
const scanOptionsOf = (flags: ScanFlags): ScanOptions => ({
  minParamsB: flags.minParamsB,
  maxAgeDays: flags.maxAgeDays,
  ...(flags.provider !== undefined ? { provider: flags.provider } : {}),
  maxCandidates: flags.maxCandidates,
  ...(flags.maxProbes !== undefined ? { maxProbes: flags.maxProbes } : {}),
  ...(flags.deadlineMs !== undefined ? { deadline: flags.deadlineMs } : {}),
  timeout: flags.timeoutMs,
  concurrency: flags.concurrency,
  probe: flags.probe
})

const scanCommand = Effect.fn("models.scan")(function* (flags: ScanFlags) {
  if (!flags.probe && (flags.setDefault || flags.setImage)) {
    const flag = flags.setDefault ? "--set-default" : "--set-image"
    return yield* new UsageError({
      reason: `${flag} needs probed models, but --no-probe writes nothing: drop one of the two.`
    })
  }
  const environment = yield* Environment
  const wantsPicker = !flags.yes && !flags.noInput && !flags.json
  const interactive = environment.isTTY.stdin && wantsPicker
  // Decided before any network work: a run that cannot finish should not spend a minute probing first.
  if (flags.probe && wantsPicker && !environment.isTTY.stdin) {
    return yield* new UsageError({ reason: NON_INTERACTIVE })
  }

  const report = yield* scanProgram(scanOptionsOf(flags))
  const { results } = report
  // The table fits the terminal stdout is, if it is one; off a terminal nothing is cut.
  const width = tableWidth(
    environment.isTTY.stdout,
    environment.stdoutColumns?.(),
    environment.get("COLUMNS")
  )
  if (!report.probed) {
    yield* Console.log(flags.json ? renderMetadataJson(results) : renderMetadataScan(results, width))
    return { results, cancelled: false } satisfies ScanOutcome
  }
  if (!flags.json) {
    yield* Console.log([renderScanSummary(report.counts), renderScanTable(results, width)].join("\n"))
    const errors = renderProbeErrors(results)
    if (errors !== "") yield* Console.log(errors)
    if (report.notProbedNotes.length > 0) yield* Console.log(report.notProbedNotes.join("\n"))
  }

  let picked: Picked = {}
  // With no tool-capable model there is nothing to pick: applyScan says why.
  if (interactive && report.choices.toolCandidates.length > 0) {
    const answer = yield* promptSelection(report.choices)
    if (Option.isNone(answer)) {
      yield* Console.log(SCAN_CANCELLED)
      return { results, cancelled: true } satisfies ScanOutcome
    }
    picked = answer.value
  }
  const { applied: selection } = yield* applyScan(report, {
    ...picked,
    setDefault: flags.setDefault,
    setImage: flags.setImage
  })
  if (flags.json) {
    yield* Console.log(renderScanJson(selection, results, report.notProbedNotes))
  } else {
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(renderScanApplied(selection))
  }
  return { results, selection, cancelled: false } satisfies ScanOutcome
})

/** The scan as an effect, with the CLI's reporter (warnings, and progress on a terminal unless --json, on stderr). */
export const runScan = (flags: ScanFlags) =>
  Effect.flatMap(Environment, (environment) =>
    withStderr({ progress: environment.isTTY.stderr && !flags.json })(scanCommand(flags))
  )

// ---- CLI specification (options in spec order) ----

/** A numeric flag: checked at parse time (the default too) with the spec's message. */
const numeric = (
  name: string,
  pseudoName: string,
  fallback: number,
  rule: (raw: string) => Either.Either<number, string>,
  description: string
) =>
  Options.text(name).pipe(
    Options.withPseudoName(pseudoName),
    Options.withDefault(String(fallback)),
    Options.mapEffect(checked(rule)),
    Options.withDescription(description)
  )

const minParams = numeric(
  "min-params",
  "b",
  0,
  ScanFlagRules.minParams,
  "Only models whose id or name shows at least this many billion parameters, e.g. 7 or 0.5 (0 = any size)"
)
const maxAgeDays = numeric(
  "max-age-days",
  "days",
  0,
  ScanFlagRules.maxAgeDays,
  "Only models added to OpenRouter within this many days (0 = any age)"
)
const provider = Options.text("provider").pipe(
  Options.withPseudoName("name"),
  Options.optional,
  Options.withDescription("Only models of this upstream provider: the id's first segment (e.g. google, qwen)")
)
const maxCandidates = numeric(
  "max-candidates",
  "n",
  ScanFlagRules.SCAN_DEFAULTS.maxCandidates,
  ScanFlagRules.maxCandidates,
  `How many models to pre-select as fallbacks, and as image fallbacks (default ${ScanFlagRules.SCAN_DEFAULTS.maxCandidates})`
)
const maxProbes = Options.text("max-probes").pipe(
  Options.withPseudoName("n"),
  Options.mapEffect(checked(ScanFlagRules.maxProbes)),
  Options.optional,
  Options.withDescription(
    `Probe at most this many models, the most promising by metadata first (default ${ScanFlagRules.SCAN_DEFAULTS.probesPerCandidate} x --max-candidates); the rest are listed as not probed`
  )
)
const deadline = Options.text("deadline").pipe(
  Options.withPseudoName("duration"),
  Options.withDefault(ScanFlagRules.SCAN_DEFAULTS.deadline),
  Options.mapEffect(checked(ScanFlagRules.deadlineMs)),
  Options.withDescription(
    `Time for all probes together, e.g. 90s or 5m (default ${ScanFlagRules.SCAN_DEFAULTS.deadline}): requests still running then are stopped and their models listed as not probed`
  )
)
const timeout = numeric(
  "timeout",
  "ms",
  ScanFlagRules.SCAN_DEFAULTS.timeoutMs,
  ScanFlagRules.timeoutMs,
  `Timeout for each request: the catalog fetch and every probe (default ${ScanFlagRules.SCAN_DEFAULTS.timeoutMs})`
)
const concurrency = numeric(
  "concurrency",
  "n",
  ScanFlagRules.SCAN_DEFAULTS.concurrency,
  ScanFlagRules.concurrency,
  `Models probed at the same time (default ${ScanFlagRules.SCAN_DEFAULTS.concurrency})`
)
const noProbe = Options.boolean("no-probe").pipe(
  Options.withDescription("Only list free models from the catalog (no API key needed, nothing written)")
)
const yes = Options.boolean("yes").pipe(
  Options.withDescription("Apply the pre-selected models without prompting")
)
const noInput = Options.boolean("no-input").pipe(
  Options.withDescription("Never prompt; apply the pre-selected models")
)
const setDefault = Options.boolean("set-default").pipe(
  Options.withDescription("Also make the first selected model the default model")
)
const setImage = Options.boolean("set-image").pipe(
  Options.withDescription("Also make the first selected image model the image model")
)

export const scan = Command.make(
  "scan",
  {
    minParams,
    maxAgeDays,
    provider,
    maxCandidates,
    maxProbes,
    deadline,
    timeout,
    concurrency,
    noProbe,
    yes,
    noInput,
    setDefault,
    setImage,
    json
  },
  (flags) =>
    runScan({
      minParamsB: flags.minParams,
      maxAgeDays: flags.maxAgeDays,
      ...Option.match(flags.provider, { onNone: () => ({}), onSome: (provider) => ({ provider }) }),
      maxCandidates: flags.maxCandidates,
      ...Option.match(flags.maxProbes, { onNone: () => ({}), onSome: (maxProbes) => ({ maxProbes }) }),
      deadlineMs: flags.deadline,
      timeoutMs: flags.timeout,
      concurrency: flags.concurrency,
      probe: !flags.noProbe,
      yes: flags.yes,
      noInput: flags.noInput,
      setDefault: flags.setDefault,
      setImage: flags.setImage,
      json: flags.json
    })
).pipe(
  Command.withDescription(
    "Find free OpenRouter models, test tool calling and image input, and choose fallbacks (and image fallbacks)"
  )
)
