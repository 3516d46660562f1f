import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseEnv } from "node:util"
import * as Layer from "effect/Layer"
import { fillFromDotEnv, type IgnoredDotEnv } from "../domain/dotEnv.js"
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
 * `env` with `<cwd>/.env` then `<stateDir>/.env` filling variables it does not set (spec §1.1: never
 * overriding), each file only with what it may set (src/domain/dotEnv.ts). The state dir is worked out from `env`
 * alone, so a `./.env` cannot choose which state `.env` (or config, or auth store) is used. Reads the files once.
 */
const withDotEnv = (
  env: Readonly<Record<string, string | undefined>>,
  cwd: string
): {
  readonly get: (name: string) => string | undefined
  readonly ignoredDotEnv: ReadonlyArray<IgnoredDotEnv>
} => {
  const real = (name: string) => env[name]
  const stateDir = pathSettings(real, env.HOME?.trim() || os.homedir()).stateDir
  const cwdFile = path.join(cwd, ".env")
  const stateFile = path.join(stateDir, ".env")
  const { vars, ignored } = fillFromDotEnv(real, [
    // Run from inside the state dir, `./.env` is the user's own file: it is read once, as such.
    ...(cwdFile === stateFile ? [] : [{ scope: "cwd" as const, path: cwdFile, vars: readDotEnv(cwdFile) }]),
    { scope: "stateDir", path: stateFile, vars: readDotEnv(stateFile) }
  ])
  return { get: (name) => env[name] ?? vars.get(name), ignoredDotEnv: ignored }
}

/** `env` filled from `<cwd>/.env` and `<stateDir>/.env` as above, with the process's terminal and clock. */
export const layerFrom = (env: Readonly<Record<string, string | undefined>>, cwd: string) =>
  Layer.sync(Environment, () => ({
    ...withDotEnv(env, cwd),
    isTTY: {
      stdin: process.stdin.isTTY === true,
      stdout: process.stdout.isTTY === true,
      stderr: process.stderr.isTTY === true
    },
    // Read when asked, not once: a terminal can be resized while a command runs.
    stdoutColumns: () =>
      process.stdout.isTTY === true && process.stdout.columns > 0 ? process.stdout.columns : undefined,
    now: () => Date.now()
  }))

/** The real process environment, filled from the `.env` files; process.env itself is not changed. */
export const layer = Layer.suspend(() => layerFrom(process.env, process.cwd()))

/** A fixed environment for embedding and tests: no process state is read. */
export const layerTest = (
  vars: Readonly<Record<string, string | undefined>>,
  options: { readonly now?: () => number; readonly tty?: boolean; readonly columns?: number } = {}
) =>
  Layer.succeed(Environment, {
    get: (name: string) => vars[name],
    ignoredDotEnv: [],
    isTTY: { stdin: options.tty ?? false, stdout: options.tty ?? false, stderr: options.tty ?? false },
    stdoutColumns: () => options.columns,
    now: options.now ?? (() => Date.now())
  })
