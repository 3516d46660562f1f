/**
 * models aliases list [--json] [--plain] | add <alias> <model> | remove <alias>   (spec §3.6)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { allowlistEntries, setAlias, unsetAlias } from "../../domain/configEdit.js"
import { NotFound, UsageError } from "../../domain/errors.js"
import { validateAlias } from "../../domain/modelRef.js"
import { sanitizeDeep, toJson } from "../../domain/terminal.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { json, type OutputMode, outputMode, plain, printUpdated, resolveModelForWrite } from "./shared.js"

const aliasesOf = (doc: Parameters<typeof allowlistEntries>[0]) =>
  Object.fromEntries(
    allowlistEntries(doc).flatMap(([key, entry]) =>
      typeof entry.alias === "string" && entry.alias.trim() !== "" ? [[entry.alias.trim(), key]] : []
    )
  ) as Record<string, string>

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

const validAlias = (raw: string) =>
  Either.match(validateAlias(raw), {
    onLeft: (reason) => Effect.fail(new UsageError({ reason })),
    onRight: Effect.succeed
  })

export const runAliasesAdd = Effect.fn("models.aliases.add")(function* (rawAlias: string, rawModel: string) {
  const alias = yield* validAlias(rawAlias)
  const store = yield* ConfigStore
  const key = yield* store.modify((snapshot) =>
    Effect.gen(function* () {
      const { key } = yield* resolveModelForWrite(rawModel, snapshot.config)
      // Case-insensitive: lookup is case-insensitive, so `Opus` and `opus` cannot point at different models (§8.6).
      const owner = allowlistEntries(snapshot.raw).find(
        ([otherKey, entry]) =>
          otherKey !== key &&
          typeof entry.alias === "string" &&
          entry.alias.trim().toLowerCase() === alias.toLowerCase()
      )
      if (owner) return yield* new UsageError({ reason: `Alias ${alias} already points to ${owner[0]}.` })
      return [setAlias(snapshot.raw, key, alias), key] as const
    })
  )
  yield* printUpdated(store.path)
  yield* Console.log(`Alias ${alias} -> ${key}`)
})

export const runAliasesRemove = Effect.fn("models.aliases.remove")(function* (rawAlias: string) {
  const alias = yield* validAlias(rawAlias)
  const store = yield* ConfigStore
  const remaining = yield* store.modify((snapshot) =>
    Effect.gen(function* () {
      const owner = allowlistEntries(snapshot.raw).find(
        ([, entry]) =>
          typeof entry.alias === "string" && entry.alias.trim().toLowerCase() === alias.toLowerCase()
      )
      if (!owner) return yield* new NotFound({ reason: `Alias not found: ${alias}` })
      const next = unsetAlias(snapshot.raw, owner[0])
      return [next, Object.keys(aliasesOf(next)).length] as const
    })
  )
  yield* printUpdated(store.path)
  if (remaining === 0) yield* Console.log("No aliases configured.")
  else yield* Console.log(`Removed alias ${alias}`)
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
  ({ alias, model }) => runAliasesAdd(alias, model)
).pipe(Command.withDescription("Point an alias at a model (adds the model to the configured models)"))
const remove = Command.make(
  "remove",
  { alias: Args.text({ name: "alias" }).pipe(Args.withDescription("The alias to remove (any case)")) },
  ({ alias }) => runAliasesRemove(alias)
).pipe(Command.withDescription("Remove an alias (the model stays configured)"))

export const aliases = Command.make("aliases").pipe(
  Command.withDescription("List, add or remove model aliases"),
  Command.withSubcommands([list, add, remove])
)
