import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseEnv } from "node:util"
import * as Layer from "effect/Layer"
import { pathSettings } from "../domain/paths.js"
import { Environment } from "../services/Environment.js"

/** A `.env` file's variables; a missing or unreadable file has none. */
const readDotEnv = (file: string): Record<string, string> => {
  try {
    return parseEnv(fs.readFileSync(file, "utf8")) as Record<string, string>
  } catch {
    return {}
  }
}

/**
 * The real process environment and terminal, with `./.env` then `<stateDir>/.env` filling variables that are
 * not set (spec §1.1: never overriding). The files are read once, here; process.env itself is not changed.
 */
export const layer = Layer.sync(Environment, () => {
  const fromFiles: Record<string, string> = {}
  const get = (name: string) => process.env[name] ?? fromFiles[name]
  const fill = (vars: Record<string, string>) => {
    for (const [name, value] of Object.entries(vars)) if (get(name) === undefined) fromFiles[name] = value
  }
  fill(readDotEnv(path.resolve(".env")))
  // The first file may set CLAWDBOT_STATE_DIR, so the state dir is worked out after it.
  fill(readDotEnv(path.join(pathSettings(get, get("HOME")?.trim() || os.homedir()).stateDir, ".env")))
  return {
    get,
    isTTY: {
      stdin: process.stdin.isTTY === true,
      stdout: process.stdout.isTTY === true,
      stderr: process.stderr.isTTY === true
    },
    now: () => Date.now()
  }
})

/** A fixed environment for embedding and tests: no process state is read. */
export const layerTest = (
  vars: Readonly<Record<string, string | undefined>>,
  options: { readonly now?: () => number; readonly tty?: boolean } = {}
) =>
  Layer.succeed(Environment, {
    get: (name: string) => vars[name],
    isTTY: { stdin: options.tty ?? false, stdout: options.tty ?? false, stderr: options.tty ?? false },
    now: options.now ?? (() => Date.now())
  })
