/**
 * models list [--all] [--local] [--provider <name>] [--search <text>] [--sort name|price|context]
 *             [--capability tools|image|reasoning]... [--json] [--plain]   (spec §3.3, issue 12 item 6)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import {
  LIST_CAPABILITIES,
  LIST_SORTS,
  type ListOptions,
  parseListCapabilities,
  parseListSort
} from "../../domain/list.js"
import { renderListJson, renderListPlain, renderListTable } from "../../domain/render/list.js"
import { sanitizeText, tableWidth } from "../../domain/terminal.js"
import { list as listProgram } from "../../programs/list.js"
import type { AgentOption } from "../../programs/status.js"
import { Environment } from "../../services/Environment.js"
import { withChoices } from "../spec.js"
import { checked } from "./flags.js"
import {
  agentIdOf,
  agentOption,
  json,
  type OutputMode,
  outputMode,
  plain,
  staleCatalogLine
} from "./shared.js"

/** The list command: the list program, rendered (the table fits the terminal stdout is, if it is one). */
export const runList = Effect.fn("models.list")(function* (
  options: ListOptions & AgentOption & { readonly mode: OutputMode }
) {
  const rows = yield* listProgram(options)
  const environment = yield* Environment
  const output =
    options.mode === "json"
      ? renderListJson(rows)
      : options.mode === "plain"
        ? renderListPlain(rows)
        : renderListTable(
            rows,
            tableWidth(environment.isTTY.stdout, environment.stdoutColumns?.(), environment.get("COLUMNS"))
          )
  if (output !== "") yield* Console.log(output)
  if (options.mode === "text") {
    const stale = yield* staleCatalogLine
    if (stale !== undefined) yield* Console.log(sanitizeText(stale))
  }
  return rows
})

const all = Options.boolean("all").pipe(
  Options.withDescription("List every known model, not only configured ones")
)
const local = Options.boolean("local").pipe(Options.withDescription("Only models served from this machine"))
const provider = Options.text("provider").pipe(
  Options.withPseudoName("name"),
  Options.withDescription("Only models of this provider (e.g. anthropic, openrouter)"),
  Options.optional
)
const search = Options.text("search").pipe(
  Options.withPseudoName("text"),
  Options.withDescription("Only models whose provider/model or name contains this text (any case)"),
  Options.optional
)
const sort = Options.text("sort").pipe(
  Options.withPseudoName(LIST_SORTS.join("|")),
  Options.mapEffect(checked(parseListSort)),
  Options.withDescription(
    "Order by provider/model, by input price per 1M tokens (cheapest first, then output price; unknown last), or by context window (largest first)"
  ),
  Options.optional,
  withChoices(LIST_SORTS)
)
const capability = Options.text("capability").pipe(
  Options.withPseudoName(LIST_CAPABILITIES.join("|")),
  Options.repeated,
  Options.mapEffect(checked(parseListCapabilities)),
  Options.withDescription(
    "Only models known to support tool calls, image input or reasoning (repeatable or comma-separated: all must hold)"
  ),
  withChoices(LIST_CAPABILITIES)
)

export const list = Command.make(
  "list",
  { all, local, provider, search, sort, capability, json, plain, agent: agentOption },
  (flags) =>
    Effect.flatMap(outputMode(flags), (mode) =>
      runList({
        mode,
        all: flags.all,
        local: flags.local,
        ...agentIdOf(flags.agent),
        ...Option.match(flags.provider, { onNone: () => ({}), onSome: (provider) => ({ provider }) }),
        ...Option.match(flags.search, { onNone: () => ({}), onSome: (search) => ({ search }) }),
        ...Option.match(flags.sort, { onNone: () => ({}), onSome: (sort) => ({ sort }) }),
        ...(flags.capability.length === 0 ? {} : { capabilities: flags.capability })
      })
    )
).pipe(
  Command.withDescription(
    "List configured models, or --all known models. Shows context size, max output, prices, capabilities, auth and tags."
  )
)
