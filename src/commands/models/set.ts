/**
 * models set <model>        (spec §3.4)
 * models set-image <model>  (spec §3.5)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { ensureAllowlisted, type SelectionField, setPrimary } from "../../domain/configEdit.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { printUpdated, resolveModelForWrite, warnIfUnknownModel } from "./shared.js"

/** Makes `raw` (a `provider/model` or an alias) the primary of `field`; returns the canonical key. */
export const runSetPrimary = (field: SelectionField, raw: string) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    const [key, config] = yield* store.modify((snapshot) =>
      Effect.map(resolveModelForWrite(raw, snapshot.config), ({ key }) => {
        const next = ensureAllowlisted(setPrimary(snapshot.raw, field, key), key)
        return [next, [key, snapshot.config] as const] as const
      })
    )
    yield* printUpdated(store.path)
    yield* Console.log(`${field === "model" ? "Default model" : "Image model"}: ${key}`)
    yield* warnIfUnknownModel(key, raw, config)
    return key
  }).pipe(Effect.withSpan(field === "model" ? "models.set" : "models.setImage"))

const model = Args.text({ name: "model" }).pipe(Args.withDescription("provider/model or an alias"))

export const set = Command.make("set", { model }, ({ model }) => runSetPrimary("model", model)).pipe(
  Command.withDescription("Set the default model (provider/model or an alias); fallbacks are kept")
)

export const setImage = Command.make("set-image", { model }, ({ model }) =>
  runSetPrimary("imageModel", model)
).pipe(Command.withDescription("Set the image model (provider/model or an alias); image fallbacks are kept"))
