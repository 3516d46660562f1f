/**
 * Global `--profile <name>` / `--dev` (spec §1.1): they pick a separate state dir and must take effect before
 * any path is computed, so the edge strips them from argv and fills the environment. Pure.
 */

import * as path from "node:path"
import * as Either from "effect/Either"

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export interface GlobalFlags {
  /** argv without the global flags (node and script path kept). */
  readonly argv: ReadonlyArray<string>
  /** Variables to set where unset ("fill-only"). */
  readonly fill: Readonly<Record<string, string>>
}

/**
 * Reads `--profile <p>`, `--profile=<p>` and `--dev` among the options before the first command word.
 * `env` answers for variables already set, so a set CLAWDBOT_STATE_DIR still decides the config path.
 */
export const parseGlobalFlags = (
  argv: ReadonlyArray<string>,
  env: (name: string) => string | undefined,
  home: string
): Either.Either<GlobalFlags, string> => {
  const [node = "node", script = "clawdbot", ...args] = argv
  const rest: Array<string> = []
  let profile: string | undefined
  let dev = false
  let index = 0
  for (; index < args.length; index++) {
    const arg = args[index]!
    if (arg === "--dev") dev = true
    else if (arg === "--profile" || arg.startsWith("--profile=")) {
      const value = arg === "--profile" ? args[++index] : arg.slice("--profile=".length)
      if (value === undefined || value.trim() === "" || value.startsWith("-")) {
        return Either.left("--profile needs a name, e.g. `clawdbot --profile work models status`.")
      }
      profile = value.trim()
    } else if (arg.startsWith("-")) rest.push(arg)
    else break
  }
  rest.push(...args.slice(index))
  if (dev && profile !== undefined && profile !== "dev") {
    return Either.left("Use either --dev or --profile <name>, not both (--dev is --profile dev).")
  }
  const name = dev ? "dev" : profile
  if (name === undefined) return Either.right({ argv, fill: {} })
  if (!PROFILE_NAME.test(name)) {
    return Either.left(
      `Invalid --profile "${name}": use letters, numbers, dashes or underscores (at most 64), starting with a letter or number.`
    )
  }
  const stateDir =
    env("CLAWDBOT_STATE_DIR")?.trim() ||
    (name === "default" ? path.join(home, ".clawdbot") : path.join(home, `.clawdbot-${name}`))
  const fill: Record<string, string> = {
    CLAWDBOT_PROFILE: name,
    CLAWDBOT_STATE_DIR: stateDir,
    CLAWDBOT_CONFIG_PATH: path.join(stateDir, "clawdbot.json"),
    ...(dev ? { CLAWDBOT_GATEWAY_PORT: "19001" } : {})
  }
  return Either.right({ argv: [node, script, ...rest], fill })
}
