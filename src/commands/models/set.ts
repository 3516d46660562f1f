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
import { setImageModel, setModel } from "../../programs/edit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { agentOption, printUpdated } from "./shared.js"

const model = Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an alias"))

export const set = Command.make("set", { model, agent: agentOption }, ({ model, agent }) =>
  Effect.gen(function* () {
    const chain = yield* setModel(model, { agentId: Option.getOrUndefined(agent) })
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(`Default model: ${sanitizeText(chain.primary.key)}`)
  })
).pipe(Command.withDescription("Set the default model (provider/model or an alias); fallbacks are kept"))

export const setImage = Command.make("set-image", { model, agent: agentOption }, ({ model, agent }) =>
  Effect.gen(function* () {
    const chain = yield* setImageModel(model, { agentId: Option.getOrUndefined(agent) })
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(`Image model: ${sanitizeText(chain.imageModel?.key ?? "-")}`)
  })
).pipe(Command.withDescription("Set the image model (provider/model or an alias); image fallbacks are kept"))
