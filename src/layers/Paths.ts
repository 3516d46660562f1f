import * as os from "node:os"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { pathSettings, shortenHome } from "../domain/paths.js"
import { Environment } from "../services/Environment.js"
import { Paths } from "../services/Paths.js"

/** Paths from the Environment service (`HOME` first, then the OS home). */
export const layer = Layer.effect(
  Paths,
  Effect.gen(function* () {
    const env = yield* Environment
    const home = env.get("HOME")?.trim() || os.homedir()
    const settings = pathSettings(env.get, home)
    return {
      ...settings,
      agentDirOf: (agentId: string) => path.join(settings.stateDir, "agents", agentId, "agent"),
      shorten: (target: string) => shortenHome(target, home)
    }
  })
)
