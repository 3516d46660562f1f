/**
 * models fallbacks list [--json] [--plain] | add <model> | remove <model> | clear         (spec §3.7)
 * models image-fallbacks list [--json] [--plain] | add <model> | remove <model> | clear   (spec §3.8)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { aliasIndexOf } from "../../domain/config.js"
import {
  ensureAllowlisted,
  rawSelection,
  type SelectionField,
  setFallbacks
} from "../../domain/configEdit.js"
import { type InvalidModelRef, NotFound } from "../../domain/errors.js"
import { resolveModelInput } from "../../domain/modelRef.js"
import { sanitizeText, toJson } from "../../domain/terminal.js"
import { type ConfigSnapshot, ConfigStore } from "../../services/ConfigStore.js"
import {
  json,
  type OutputMode,
  outputMode,
  plain,
  printUpdated,
  resolveModel,
  resolveModelForWrite,
  warnIfUnknownModel
} from "./shared.js"

const FIELD = { fallbacks: "model", "image-fallbacks": "imageModel" } as const
type Kind = keyof typeof FIELD

const words = (kind: Kind) =>
  kind === "fallbacks"
    ? { title: "Fallbacks", notFound: "Fallback not found", cleared: "Fallback list cleared." }
    : {
        title: "Image fallbacks",
        notFound: "Image fallback not found",
        cleared: "Image fallback list cleared."
      }

export const runFallbacksList = (kind: Kind, mode: OutputMode) =>
  Effect.gen(function* () {
    const { raw } = yield* (yield* ConfigStore).read
    const { fallbacks } = rawSelection(raw, FIELD[kind])
    if (mode === "json") yield* Console.log(toJson({ fallbacks }))
    else if (mode === "plain") yield* Effect.forEach(fallbacks, (entry) => Console.log(sanitizeText(entry)))
    else {
      yield* Console.log(`${words(kind).title} (${fallbacks.length}):`)
      if (fallbacks.length === 0) yield* Console.log("- none")
      yield* Effect.forEach(fallbacks, (entry) => Console.log(`- ${sanitizeText(entry)}`))
    }
    return fallbacks
  }).pipe(Effect.withSpan(`models.${kind}.list`))

const editFallbacks = (
  kind: Kind,
  change: (
    snapshot: ConfigSnapshot,
    current: ReadonlyArray<string>
  ) => Effect.Effect<readonly [ReadonlyArray<string>, string | undefined], NotFound | InvalidModelRef>
) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const field: SelectionField = FIELD[kind]
    const next = yield* store.modify((snapshot) =>
      Effect.map(change(snapshot, rawSelection(snapshot.raw, field).fallbacks), ([fallbacks, allowKey]) => {
        const edited = setFallbacks(snapshot.raw, field, fallbacks)
        return [allowKey ? ensureAllowlisted(edited, allowKey) : edited, fallbacks] as const
      })
    )
    yield* printUpdated(store.path)
    return next
  })

export const runFallbacksAdd = (kind: Kind, raw: string) =>
  Effect.gen(function* () {
    const list = yield* editFallbacks(kind, (snapshot, current) =>
      Effect.map(resolveModelForWrite(raw, snapshot.config), ({ key }) => {
        const index = aliasIndexOf(snapshot.config)
        const present = current.some((entry) =>
          Either.match(resolveModelInput(entry, index), {
            onLeft: () => false,
            onRight: (r) => r.key === key
          })
        )
        // Already present (alias-aware): the config stays as it is, allowlist included (spec §3.7).
        return present ? ([current, undefined] as const) : ([[...current, key], key] as const)
      })
    )
    yield* Console.log(`${words(kind).title}: ${sanitizeText(list.join(", ")) || "-"}`)
    const { config } = yield* (yield* ConfigStore).read
    const { key } = yield* resolveModel(raw, config)
    yield* warnIfUnknownModel(key, raw, config)
  }).pipe(Effect.withSpan(`models.${kind}.add`))

export const runFallbacksRemove = (kind: Kind, raw: string) =>
  Effect.gen(function* () {
    const list = yield* editFallbacks(kind, (snapshot, current) =>
      Effect.flatMap(resolveModel(raw, snapshot.config), ({ key }) => {
        const index = aliasIndexOf(snapshot.config)
        const kept = current.filter((entry) =>
          Either.match(resolveModelInput(entry, index), {
            onLeft: () => entry !== raw,
            onRight: (r) => r.key !== key
          })
        )
        return kept.length === current.length
          ? Effect.fail(new NotFound({ reason: `${words(kind).notFound}: ${key}` }))
          : Effect.succeed([kept, undefined] as const)
      })
    )
    yield* Console.log(`${words(kind).title}: ${sanitizeText(list.join(", ")) || "-"}`)
  }).pipe(Effect.withSpan(`models.${kind}.remove`))

export const runFallbacksClear = (kind: Kind) =>
  Effect.gen(function* () {
    yield* editFallbacks(kind, () => Effect.succeed([[], undefined] as const))
    yield* Console.log(words(kind).cleared)
  }).pipe(Effect.withSpan(`models.${kind}.clear`))

const model = Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an alias"))

const makeGroup = (kind: Kind) => {
  const [noun, article, used] =
    kind === "fallbacks"
      ? (["fallback", "a", "when the default model fails"] as const)
      : (["image fallback", "an", "when the image model fails"] as const)
  return Command.make(kind).pipe(
    Command.withDescription(`List, add, remove or clear the ${noun} models, tried in order ${used}`),
    Command.withSubcommands([
      Command.make("list", { json, plain }, (flags) =>
        Effect.flatMap(outputMode(flags), (mode) => runFallbacksList(kind, mode))
      ).pipe(Command.withDescription(`List the ${noun} models in the order they are tried`)),
      Command.make("add", { model }, ({ model }) => runFallbacksAdd(kind, model)).pipe(
        Command.withDescription(
          `Append ${article} ${noun} model and add it to the configured models (no change if already listed)`
        )
      ),
      Command.make("remove", { model }, ({ model }) => runFallbacksRemove(kind, model)).pipe(
        Command.withDescription(`Remove ${article} ${noun} model (every entry resolving to it)`)
      ),
      Command.make("clear", {}, () => runFallbacksClear(kind)).pipe(
        Command.withDescription(`Remove every ${noun} model`)
      )
    ])
  )
}

export const fallbacks = makeGroup("fallbacks")
export const imageFallbacks = makeGroup("image-fallbacks")
