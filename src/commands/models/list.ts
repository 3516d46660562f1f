/**
 * models list [--all] [--local] [--provider <name>] [--json] [--plain]   (spec §3.3)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ListOptions } from "../../domain/list.js"
import { renderListJson, renderListPlain, renderListTable } from "../../domain/render/list.js"
import { sanitizeText } from "../../domain/terminal.js"
import { list as listProgram } from "../../programs/list.js"
import type { AgentOption } from "../../programs/status.js"
import {
  agentIdOf,
  agentOption,
  json,
  type OutputMode,
  outputMode,
  plain,
  staleCatalogLine
} from "./shared.js"

/** The list command: the list program, rendered. */
export const runList = Effect.fn("models.list")(function* (
  options: ListOptions & AgentOption & { readonly mode: OutputMode }
) {
  const rows = yield* listProgram(options)
  const output =
    options.mode === "json"
      ? renderListJson(rows)
      : options.mode === "plain"
        ? renderListPlain(rows)
        : renderListTable(rows)
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

export const list = Command.make("list", { all, local, provider, json, plain, agent: agentOption }, (flags) =>
  Effect.flatMap(outputMode(flags), (mode) =>
    runList({
      mode,
      all: flags.all,
      local: flags.local,
      ...agentIdOf(flags.agent),
      ...Option.match(flags.provider, { onNone: () => ({}), onSome: (provider) => ({ provider }) })
    })
  )
).pipe(
  Command.withDescription("List configured models (or --all known models) with context size, auth and tags")
)
