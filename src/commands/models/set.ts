/**
 * models set <model> [--agent <id>]        (spec §3.4)
 * models set-image <model> [--agent <id>]  (spec §3.5)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { sanitizeText } from "../../domain/terminal.js"
import { type SelectionEdit, setImageModel, setModel } from "../../programs/edit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { agentOption, printUpdated } from "./shared.js"

const model = Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an alias"))

/**
 * `Updated <config>` and `<label>: <new> (was <old>)` after a write; `<label>: <model> (unchanged)` and no
 * `Updated` when the config already said so.
 */
const printSelection = (label: string, edit: SelectionEdit, now: string | undefined) =>
  Effect.gen(function* () {
    const shown = sanitizeText(now ?? "-")
    if (!edit.changed) return yield* Console.log(`${label}: ${shown} (unchanged)`)
    yield* printUpdated((yield* ConfigStore).path)
    const was = edit.previous === now ? "" : ` (was ${sanitizeText(edit.previous ?? "none")})`
    yield* Console.log(`${label}: ${shown}${was}`)
  })

export const set = Command.make("set", { model, agent: agentOption }, ({ model, agent }) =>
  Effect.flatMap(setModel(model, { agentId: Option.getOrUndefined(agent) }), (edit) =>
    printSelection("Default model", edit, edit.primary.key)
  )
).pipe(Command.withDescription("Set the default model (provider/model or an alias); fallbacks are kept"))

export const setImage = Command.make("set-image", { model, agent: agentOption }, ({ model, agent }) =>
  Effect.flatMap(setImageModel(model, { agentId: Option.getOrUndefined(agent) }), (edit) =>
    printSelection("Image model", edit, edit.imageModel?.key)
  )
).pipe(Command.withDescription("Set the image model (provider/model or an alias); image fallbacks are kept"))
