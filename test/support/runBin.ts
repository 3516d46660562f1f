/**
 * A sandbox for driving the built CLI (`bin/clawdbot`, after `npm run build`): HOME in a temp folder with the
 * state dir at its default place, `~/.clawdbot`, so output shows `~`-shortened paths as users see them.
 * (test/support/tempState.ts keeps the state dir outside HOME instead.) Call it inside a test: the folder is
 * removed when the test finishes.
 */
import { mkdtempSync, realpathSync, rmSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { onTestFinished } from "vitest"
import { type CliResult, runCli } from "./runCli.js"

export { BIN } from "./runCli.js"

export interface Sandbox {
  readonly home: string
  readonly stateDir: string
  readonly configPath: string
  readonly mainAgentDir: string
  /** Environment for a child: only PATH (plus `extra`) from ours, so no real credential leaks in. */
  readonly env: (extra?: Readonly<Record<string, string | undefined>>) => NodeJS.ProcessEnv
}

export const sandbox = (): Sandbox => {
  const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), "clawdbot-test-")))
  const stateDir = path.join(home, ".clawdbot")
  onTestFinished(() => rmSync(home, { recursive: true, force: true }))
  return {
    home,
    stateDir,
    configPath: path.join(stateDir, "clawdbot.json"),
    mainAgentDir: path.join(stateDir, "agents", "main", "agent"),
    env: (extra = {}) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CACHE_HOME: path.join(home, ".cache"),
        CLAWDBOT_STATE_DIR: stateDir,
        NO_COLOR: "1"
      }
      for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) delete env[key]
        else env[key] = value
      }
      return env
    }
  }
}

export type BinResult = CliResult

/** `bin/clawdbot <args>` in the sandbox (its HOME, state dir and PATH; `env` adds or, with undefined, removes). */
export const runBin = (
  box: Sandbox,
  args: ReadonlyArray<string>,
  options: { readonly input?: string; readonly env?: Readonly<Record<string, string | undefined>> } = {}
): Promise<BinResult> =>
  runCli(args, {
    env: box.env(options.env),
    ...(options.input === undefined ? {} : { input: options.input })
  })
