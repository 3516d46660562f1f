/**
 * models aliases list [--json] [--plain] | add <alias> <model> | remove <alias>   (spec §3.6)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { sanitizeDeep, sanitizeText, toJson } from "../../domain/terminal.js"
import { addAlias, aliasesOf, removeAlias } from "../../programs/edit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { json, type OutputMode, outputMode, plain, printUpdated } from "./shared.js"

export const runAliasesList = Effect.fn("models.aliases.list")(function* (mode: OutputMode) {
  const { raw } = yield* (yield* ConfigStore).read
  const aliases = aliasesOf(raw)
  const entries = Object.entries(sanitizeDeep(aliases))
  if (mode === "json") yield* Console.log(toJson({ aliases }))
  else if (mode === "plain") yield* Effect.forEach(entries, ([alias, key]) => Console.log(`${alias} ${key}`))
  else {
    yield* Console.log(`Aliases (${entries.length}):`)
    if (entries.length === 0) yield* Console.log("- none")
    yield* Effect.forEach(entries, ([alias, key]) => Console.log(`- ${alias} -> ${key}`))
  }
  return aliases
})

/** `Updated <config>`, then `Alias <alias> -> <model>`. */
const printAdded = (alias: string, aliases: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(sanitizeText(`Alias ${alias.trim()} -> ${aliases[alias.trim()] ?? "?"}`))
  })

/** `Updated <config>`, then `Removed alias <alias>` (or that none is left). */
const printRemoved = (alias: string, aliases: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(
      Object.keys(aliases).length === 0
        ? "No aliases configured."
        : sanitizeText(`Removed alias ${alias.trim()}`)
    )
  })

const list = Command.make("list", { json, plain }, (flags) =>
  Effect.flatMap(outputMode(flags), runAliasesList)
).pipe(Command.withDescription("List model aliases and the models they point to"))
const add = Command.make(
  "add",
  {
    alias: Args.text({ name: "alias" }).pipe(
      Args.withDescription("Letters, numbers, dots, underscores, colons, dashes")
    ),
    model: Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an existing alias"))
  },
  ({ alias, model }) => Effect.flatMap(addAlias(alias, model), (aliases) => printAdded(alias, aliases))
).pipe(Command.withDescription("Point an alias at a model (adds the model to the configured models)"))
const remove = Command.make(
  "remove",
  { alias: Args.text({ name: "alias" }).pipe(Args.withDescription("The alias to remove (any case)")) },
  ({ alias }) => Effect.flatMap(removeAlias(alias), (aliases) => printRemoved(alias, aliases))
).pipe(Command.withDescription("Remove an alias (the model stays configured)"))

export const aliases = Command.make("aliases").pipe(
  Command.withDescription("List, add or remove model aliases"),
  Command.withSubcommands([list, add, remove])
)
