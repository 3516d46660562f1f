/**
 * models [--status-json] [--status-plain]   (bare `models` = status, spec §3.1)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import { aliases } from "./aliases.js"
import { auth } from "./auth/index.js"
import { explain } from "./explain.js"
import { fallbacks, imageFallbacks } from "./fallbacks.js"
import { list } from "./list.js"
import { refresh } from "./refresh.js"
import { scan } from "./scan.js"
import { set, setImage } from "./set.js"
import { outputMode } from "./shared.js"
import { runStatus, status } from "./status.js"

const statusJson = Options.boolean("status-json").pipe(
  Options.withDescription("Without a subcommand: print `models status` as JSON")
)
const statusPlain = Options.boolean("status-plain").pipe(
  Options.withDescription("Without a subcommand: print the resolved default model only")
)

export const models = Command.make("models", { statusJson, statusPlain }, (flags) =>
  Effect.flatMap(outputMode({ json: flags.statusJson, plain: flags.statusPlain }), (mode) =>
    runStatus({ mode, check: false })
  )
).pipe(
  Command.withDescription(
    "Choose, check and configure models: the default model, fallbacks, aliases and auth profiles. Without a subcommand, runs `models status`. Docs: docs.clawd.bot/cli/models"
  ),
  Command.withSubcommands([
    status,
    list,
    set,
    setImage,
    aliases,
    fallbacks,
    imageFallbacks,
    scan,
    auth,
    refresh,
    explain
  ])
)
