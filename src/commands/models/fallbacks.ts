/**
 * models fallbacks list [--json] [--plain] | add <model> | remove <model> | clear         (spec §3.7)
 * models image-fallbacks list [--json] [--plain] | add <model> | remove <model> | clear   (spec §3.8)
 * Each with `--agent <id>`: the rule of src/programs/edit.ts says which selection is read or written.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { normalizeAgentId } from "../../domain/agents.js"
import { inheritedFallbacks, type JsonObject, selectionPathFor } from "../../domain/configEdit.js"
import { sanitizeText, toJson } from "../../domain/terminal.js"
import { requireAgentId } from "../../programs/agent.js"
import {
  addFallback,
  addImageFallback,
  clearFallbacks,
  clearImageFallbacks,
  type ModelEdit,
  removeFallback,
  removeImageFallback
} from "../../programs/edit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { agentIdOf, agentOption, json, type OutputMode, outputMode, plain, printUpdated } from "./shared.js"

const FIELD = { fallbacks: "model", "image-fallbacks": "imageModel" } as const
type Kind = keyof typeof FIELD

const words = (kind: Kind) =>
  kind === "fallbacks"
    ? {
        title: "Fallbacks",
        cleared: "Fallback list cleared.",
        empty: "Fallback list already empty (unchanged)."
      }
    : {
        title: "Image fallbacks",
        cleared: "Image fallback list cleared.",
        empty: "Image fallback list already empty (unchanged)."
      }

export const runFallbacksList = (kind: Kind, mode: OutputMode, agentId?: string) =>
  Effect.gen(function* () {
    const { raw, config } = yield* (yield* ConfigStore).read
    const agent = yield* requireAgentId(config, agentId)
    const at = selectionPathFor(raw, FIELD[kind], agent, normalizeAgentId)
    // As `status` shows them: `${VAR}` references substituted.
    const fallbacks = inheritedFallbacks(config as JsonObject, FIELD[kind], at)
    if (mode === "json") yield* Console.log(toJson({ fallbacks }))
    else if (mode === "plain") yield* Effect.forEach(fallbacks, (entry) => Console.log(sanitizeText(entry)))
    else {
      yield* Console.log(`${words(kind).title} (${fallbacks.length}):`)
      if (fallbacks.length === 0) yield* Console.log("- none")
      yield* Effect.forEach(fallbacks, (entry) => Console.log(`- ${sanitizeText(entry)}`))
    }
    return fallbacks
  }).pipe(Effect.withSpan(`models.${kind}.list`))

const FALLBACK_EDITS = {
  fallbacks: { add: addFallback, remove: removeFallback, clear: clearFallbacks, chain: "fallbacks" },
  "image-fallbacks": {
    add: addImageFallback,
    remove: removeImageFallback,
    clear: clearImageFallbacks,
    chain: "imageFallbacks"
  }
} as const

/** `Updated <config>`, then the list as the agent now uses it (`-` when empty); `(unchanged)` and no `Updated` when nothing was written. */
const printList = (kind: Kind, edit: ModelEdit) =>
  Effect.gen(function* () {
    if (edit.changed) yield* printUpdated((yield* ConfigStore).path)
    const list = edit[FALLBACK_EDITS[kind].chain].map((entry) => entry.input)
    const unchanged = edit.changed ? "" : " (unchanged)"
    yield* Console.log(`${words(kind).title}: ${sanitizeText(list.join(", ")) || "-"}${unchanged}`)
  })

const model = Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an alias"))

const makeGroup = (kind: Kind) => {
  const [noun, article, used] =
    kind === "fallbacks"
      ? (["fallback", "a", "when the default model fails"] as const)
      : (["image fallback", "an", "when the image model fails"] as const)
  const edits = FALLBACK_EDITS[kind]
  return Command.make(kind).pipe(
    Command.withDescription(`Manage the ${noun} models. They are tried in order ${used}.`),
    Command.withSubcommands([
      Command.make("list", { json, plain, agent: agentOption }, (flags) =>
        Effect.flatMap(outputMode(flags), (mode) =>
          runFallbacksList(kind, mode, Option.getOrUndefined(flags.agent))
        )
      ).pipe(Command.withDescription(`List the ${noun} models in the order they are tried`)),
      Command.make("add", { model, agent: agentOption }, ({ model, agent }) =>
        Effect.flatMap(edits.add(model, agentIdOf(agent)), (chain) => printList(kind, chain))
      ).pipe(
        Command.withDescription(
          `Append ${article} ${noun} model and add it to the configured models (no change if already listed)`
        )
      ),
      Command.make("remove", { model, agent: agentOption }, ({ model, agent }) =>
        Effect.flatMap(edits.remove(model, agentIdOf(agent)), (chain) => printList(kind, chain))
      ).pipe(Command.withDescription(`Remove ${article} ${noun} model (every entry resolving to it)`)),
      Command.make("clear", { agent: agentOption }, ({ agent }) =>
        Effect.flatMap(edits.clear(agentIdOf(agent)), ({ changed }) =>
          changed
            ? Effect.zipRight(
                Effect.flatMap(ConfigStore, (store) => printUpdated(store.path)),
                Console.log(words(kind).cleared)
              )
            : Console.log(words(kind).empty)
        )
      ).pipe(Command.withDescription(`Remove every ${noun} model`))
    ])
  )
}

export const fallbacks = makeGroup("fallbacks")
export const imageFallbacks = makeGroup("image-fallbacks")
