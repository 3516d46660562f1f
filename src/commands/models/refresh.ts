/**
 * models refresh [--json] [--url <url>] [--timeout <ms>]   (issue 12 item 5)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CATALOG_URL_VAR, DEFAULT_CATALOG_URL } from "../../domain/catalogSource.js"
import { positiveNumber } from "../../domain/flags.js"
import { sanitizeText, toJson } from "../../domain/terminal.js"
import { type CatalogRefresh, REFRESH_DEFAULTS, refreshCatalog } from "../../programs/refresh.js"
import { Paths } from "../../services/Paths.js"
import { checked } from "./flags.js"
import { json } from "./shared.js"

export const REFRESH_TIMEOUT_MESSAGE = "--timeout must be a positive number (ms)."

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

const renderRefreshText = (result: CatalogRefresh, shorten: (path: string) => string): string =>
  [
    `Refreshed the model catalog from ${result.source}: ${plural(result.models, "model")} of ${plural(result.providers, "provider")}, ${result.added} not in the bundled catalog.`,
    ...(result.skippedProviders > 0
      ? [
          `Left out ${plural(result.skippedProviders, "provider")} this tool has no endpoint for (configure one under models.providers to use it).`
        ]
      : []),
    `Saved ${shorten(result.path)}`
  ]
    .map(sanitizeText)
    .join("\n")

/** The refresh command: the refresh program, rendered. */
export const runRefresh = Effect.fn("models.refresh")(function* (options: {
  readonly json: boolean
  readonly url?: string
  readonly timeoutMs?: number
}) {
  const result = yield* refreshCatalog({
    ...(options.url === undefined ? {} : { url: options.url }),
    ...(options.timeoutMs === undefined ? {} : { timeout: Duration.millis(options.timeoutMs) })
  })
  const paths = yield* Paths
  yield* Console.log(options.json ? toJson(result) : renderRefreshText(result, paths.shorten))
  return result
})

const url = Options.text("url").pipe(
  Options.withPseudoName("url"),
  Options.optional,
  Options.withDescription(
    `Catalog to read, in the models.dev api.json format (default: $${CATALOG_URL_VAR} from the environment, else ${DEFAULT_CATALOG_URL})`
  )
)
const defaultTimeoutMs = Duration.toMillis(REFRESH_DEFAULTS.timeout)
const timeout = Options.text("timeout").pipe(
  Options.withPseudoName("ms"),
  Options.withDefault(String(defaultTimeoutMs)),
  Options.mapEffect(checked((raw) => positiveNumber(raw, REFRESH_TIMEOUT_MESSAGE))),
  Options.withDescription(
    `Give up when the whole catalog has not arrived within this many ms (default ${defaultTimeoutMs})`
  )
)

export const refresh = Command.make("refresh", { json, url, timeout }, (flags) =>
  runRefresh({
    json: flags.json,
    timeoutMs: flags.timeout,
    ...Option.match(flags.url, { onNone: () => ({}), onSome: (url) => ({ url }) })
  })
).pipe(
  Command.withDescription(
    "Fetch a current model catalog from models.dev. It is stored under the state dir; list, probes and set warnings then use it over the bundled one."
  )
)
