/**
 * models aliases list [--json] [--plain] | add <alias> <model> | remove <alias>   (spec §3.6)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { aliasMap } from "../../domain/config.js"
import { sanitizeDeep, sanitizeText, toJson } from "../../domain/terminal.js"
import { type AliasAddition, type AliasRemoval, addAlias, removeAlias } from "../../programs/edit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { json, type OutputMode, outputMode, plain, printUpdated } from "./shared.js"

export const runAliasesList = Effect.fn("models.aliases.list")(function* (mode: OutputMode) {
  // As the config reads: `${VAR}` substituted, built-in aliases of configured models included (spec §2.5).
  const { config } = yield* (yield* ConfigStore).read
  const aliases = aliasMap(config)
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

/**
 * `Updated <config>`, `Alias <alias> -> <model>`, then `Replaced alias <old>` for the alias the model had; only
 * `Alias <alias> -> <model> (unchanged)` when it already pointed there.
 */
const printAdded = ({ alias, key, replaced, changed }: AliasAddition) =>
  Effect.gen(function* () {
    if (!changed) return yield* Console.log(sanitizeText(`Alias ${alias} -> ${key} (unchanged)`))
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(sanitizeText(`Alias ${alias} -> ${key}`))
    yield* Effect.forEach(replaced, (old) => Console.log(sanitizeText(`Replaced alias ${old}`)))
  })

/** `Updated <config>`, `Removed alias <alias> (<model>)` naming the alias as configured, then whether none is left. */
const printRemoved = ({ alias, key, aliases }: AliasRemoval) =>
  Effect.gen(function* () {
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(sanitizeText(`Removed alias ${alias} (${key})`))
    if (Object.keys(aliases).length === 0) yield* Console.log("No aliases configured.")
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
  ({ alias, model }) => Effect.flatMap(addAlias(alias, model), printAdded)
).pipe(Command.withDescription("Point an alias at a model (adds the model to the configured models)"))
const remove = Command.make(
  "remove",
  { alias: Args.text({ name: "alias" }).pipe(Args.withDescription("The alias to remove (any case)")) },
  ({ alias }) => Effect.flatMap(removeAlias(alias), printRemoved)
).pipe(Command.withDescription("Remove an alias (the model stays configured)"))

export const aliases = Command.make("aliases").pipe(
  Command.withDescription("List, add or remove model aliases"),
  Command.withSubcommands([list, add, remove])
)
