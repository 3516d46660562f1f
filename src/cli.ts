/** Root `clawdbot` command; mounts `models`. */
import * as Command from "@effect/cli/Command"
import { models } from "./commands/models/index.js"

export const VERSION = "0.1.0"

export const root = Command.make("clawdbot").pipe(
  Command.withDescription("Choose and check the AI models your assistant uses"),
  Command.withSubcommands([models])
)

export const cli = Command.run(root, { name: "clawdbot", version: VERSION })
