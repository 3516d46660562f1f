/**
 * models scan [--min-params <b>] [--max-age-days <days>] [--provider <name>] [--max-candidates <n>]
 *             [--max-probes <n>] [--deadline <duration>] [--timeout <ms>] [--concurrency <n>]
 *             [--no-probe] [--yes] [--no-input] [--set-default] [--set-image] [--json]   (spec §3.9; issue 9)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { CatalogFetchError, NotFound, UsageError } from "../../domain/errors.js"
import { headersProblem, secretProblem } from "../../domain/httpHeader.js"
import { MAX_MODEL_REF_LENGTH } from "../../domain/modelRef.js"
import { knownSecrets } from "../../domain/redact.js"
import {
  formatLatency,
  renderMetadataJson,
  renderMetadataScan,
  renderNotProbed,
  renderProbeErrors,
  renderScanApplied,
  renderScanJson,
  renderScanSummary,
  renderScanTable,
  scanHint
} from "../../domain/render/scan.js"
import { applyScanSelection, checkSelection, type ScanSelection } from "../../domain/scan/apply.js"
import { isFree } from "../../domain/scan/catalog.js"
import { OPENROUTER, resolveScanKey } from "../../domain/scan/key.js"
import * as ScanOptions from "../../domain/scan/options.js"
import {
  noToolModelsMessage,
  probeOrder,
  rankResults,
  type ScanChoices,
  type ScanResult,
  scanCandidates,
  scanChoices,
  scanCounts,
  scanResult,
  unwritableModel
} from "../../domain/scan/select.js"
import { sanitizeText } from "../../domain/terminal.js"
import { withStderr } from "../../layers/Reporter.js"
import { probeModels } from "../../programs/scan.js"
import { AuthStore } from "../../services/AuthStore.js"
import { Catalog } from "../../services/Catalog.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { Environment } from "../../services/Environment.js"
import { OpenRouterCatalog } from "../../services/OpenRouterCatalog.js"
import { Paths } from "../../services/Paths.js"
import { Reporter } from "../../services/Reporter.js"
import { checked } from "./flags.js"
import { envWithConfig, json, printUpdated, suggestedCommand } from "./shared.js"

export const OPENROUTER_DEFAULT_BASE_URL = "https://openrouter.ai/api/v1"

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
export const MISSING_KEY = "Missing OpenRouter API key. Set OPENROUTER_API_KEY to run models scan."

const choice = (result: ScanResult, preselected: ReadonlyArray<string>) => ({
  title: sanitizeText(result.modelRef),
  value: result.modelRef,
  description: scanHint(result),
  selected: preselected.includes(result.modelRef)
})

type Picked = { readonly selected: ReadonlyArray<string>; readonly selectedImages: ReadonlyArray<string> }

/**
 * The two ordered multi-selects (ranking order, pre-checked defaults); `None` when the user cancels (Ctrl-C).
 * An empty fallback selection is refused before the image question is asked.
 */
const promptSelection = (choices: ScanChoices) =>
  Effect.gen(function* () {
    const selected = yield* Prompt.run(
      Prompt.multiSelect({
        message: "Select fallback models (ordered)",
        choices: choices.toolCandidates.map((result) => choice(result, choices.preselected))
      })
    )
    if (selected.length === 0) return yield* new UsageError({ reason: "No models selected for fallbacks." })
    const selectedImages =
      choices.imageCandidates.length === 0
        ? []
        : yield* Prompt.run(
            Prompt.multiSelect({
              message: "Select image fallback models (ordered)",
              choices: choices.imageCandidates.map((result) => choice(result, choices.imagePreselected))
            })
          )
    return Option.some<Picked>({ selected, selectedImages })
  }).pipe(Effect.catchTag("QuitException", () => Effect.succeed(Option.none<Picked>())))

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

  const store = yield* ConfigStore
  const { config } = yield* store.read
  const paths = yield* Paths
  const env = yield* envWithConfig(config)
  const authProfiles = flags.probe ? yield* (yield* AuthStore).read(paths.mainAgentDir) : undefined
  const key = authProfiles
    ? resolveScanKey({ store: authProfiles, config, env, now: environment.now() })
    : undefined
  if (flags.probe && key === undefined) {
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
      duration: Duration.millis(flags.timeoutMs),
      onTimeout: () =>
        new CatalogFetchError({
          source: "OpenRouter /models",
          reason: `no answer within ${flags.timeoutMs} ms`
        })
    })
  )
  const candidates = scanCandidates(
    catalog,
    {
      minParamsB: flags.minParamsB,
      maxAgeDays: flags.maxAgeDays,
      ...(flags.provider !== undefined ? { provider: flags.provider } : {})
    },
    environment.now()
  )
  const unwritable = catalog.filter((model) => isFree(model) && unwritableModel(model)).length
  if (unwritable > 0)
    yield* reporter.warn(
      `Skipped ${unwritable} OpenRouter model${unwritable === 1 ? "" : "s"} whose id cannot be written to the config (whitespace, control characters or over ${MAX_MODEL_REF_LENGTH} characters).`
    )

  if (!flags.probe || key === undefined) {
    const results = rankResults(candidates.map((model) => scanResult(model)))
    yield* reporter.progressDone
    yield* Console.log(flags.json ? renderMetadataJson(results) : renderMetadataScan(results))
    return { results, cancelled: false } satisfies ScanOutcome
  }

  // Bounded work whatever the catalog's size: the most promising candidates by metadata, under one deadline.
  const ranked = probeOrder(candidates)
  const limit = ScanOptions.probeLimit(flags.maxProbes, flags.maxCandidates)
  const deadlineMs = flags.deadlineMs ?? ScanOptions.SCAN_DEFAULTS.deadlineMs
  const started = yield* Clock.currentTimeMillis
  const probed = yield* probeModels(ranked.slice(0, limit), {
    endpoint,
    key,
    secrets: knownSecrets({ ...(authProfiles ? { store: authProfiles } : {}), config, env }),
    settings: { timeoutMs: flags.timeoutMs, concurrency: flags.concurrency, deadlineMs },
    onProgress: (done, total) => reporter.progress(`Probing OpenRouter free models (${done}/${total})…`)
  })
  const elapsed = (yield* Clock.currentTimeMillis) - started
  yield* reporter.progress(`Probed ${probed.results.length} models in ${formatLatency(elapsed)}.`)

  const results = rankResults(probed.results)
  const notProbed = renderNotProbed({
    candidates: ranked.length,
    limit,
    pastDeadline: probed.notProbed.map((model) => model.id),
    deadlineMs
  })
  if (!flags.json) {
    yield* Console.log([renderScanSummary(scanCounts(results)), renderScanTable(results)].join("\n"))
    const errors = renderProbeErrors(results)
    if (errors !== "") yield* Console.log(errors)
    if (notProbed.length > 0) yield* Console.log(notProbed.join("\n"))
  }
  const choices = scanChoices(results, flags.maxCandidates)
  if (choices.toolCandidates.length === 0) {
    const reason =
      results.length === 0 && probed.notProbed.length > 0
        ? `No model finished its probes before the --deadline (${formatLatency(deadlineMs)}) passed; nothing was written. Try a longer --deadline.`
        : noToolModelsMessage(results, key.source)
    return yield* new NotFound({ reason })
  }

  let picked: Picked = {
    selected: choices.preselected,
    selectedImages: choices.imagePreselected
  }
  if (interactive) {
    const answer = yield* promptSelection(choices)
    if (Option.isNone(answer)) {
      yield* Console.log(SCAN_CANCELLED)
      return { results, cancelled: true } satisfies ScanOutcome
    }
    picked = answer.value
  }
  const selection = yield* Either.match(
    checkSelection({ ...picked, setDefault: flags.setDefault, setImage: flags.setImage }),
    { onLeft: (reason) => Effect.fail(new UsageError({ reason })), onRight: Effect.succeed }
  )

  yield* store.modify((snapshot) =>
    Effect.succeed([applyScanSelection(snapshot.raw, selection), undefined] as const)
  )
  if (flags.json) {
    yield* Console.log(renderScanJson(selection, results, notProbed))
  } else {
    yield* printUpdated(store.path)
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
  ScanOptions.minParams,
  "Only models whose id or name shows at least this many billion parameters, e.g. 7 or 0.5 (0 = any size)"
)
const maxAgeDays = numeric(
  "max-age-days",
  "days",
  0,
  ScanOptions.maxAgeDays,
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
  ScanOptions.SCAN_DEFAULTS.maxCandidates,
  ScanOptions.maxCandidates,
  `How many models to pre-select as fallbacks, and as image fallbacks (default ${ScanOptions.SCAN_DEFAULTS.maxCandidates})`
)
const maxProbes = Options.text("max-probes").pipe(
  Options.withPseudoName("n"),
  Options.mapEffect(checked(ScanOptions.maxProbes)),
  Options.optional,
  Options.withDescription(
    `Probe at most this many models, the most promising by metadata first (default ${ScanOptions.SCAN_DEFAULTS.probesPerCandidate} x --max-candidates); the rest are listed as not probed`
  )
)
const deadline = Options.text("deadline").pipe(
  Options.withPseudoName("duration"),
  Options.withDefault(ScanOptions.SCAN_DEFAULTS.deadline),
  Options.mapEffect(checked(ScanOptions.deadlineMs)),
  Options.withDescription(
    `Time for all probes together, e.g. 90s or 5m (default ${ScanOptions.SCAN_DEFAULTS.deadline}): requests still running then are stopped and their models listed as not probed`
  )
)
const timeout = numeric(
  "timeout",
  "ms",
  ScanOptions.SCAN_DEFAULTS.timeoutMs,
  ScanOptions.timeoutMs,
  `Timeout for each request: the catalog fetch and every probe (default ${ScanOptions.SCAN_DEFAULTS.timeoutMs})`
)
const concurrency = numeric(
  "concurrency",
  "n",
  ScanOptions.SCAN_DEFAULTS.concurrency,
  ScanOptions.concurrency,
  `Models probed at the same time (default ${ScanOptions.SCAN_DEFAULTS.concurrency})`
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
