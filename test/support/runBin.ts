/**
 * Runs the built CLI (`bin/clawdbot`, after `npm run build`) as a user would: a real process with its own
 * HOME and state dir in a temp folder, stdin from a string (a pipe), stdout/stderr captured.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, realpathSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const BIN = fileURLToPath(new URL("../../bin/clawdbot", import.meta.url))

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

export interface BinResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export const runBin = (
  box: Sandbox,
  args: ReadonlyArray<string>,
  options: { readonly input?: string; readonly env?: Readonly<Record<string, string | undefined>> } = {}
): Promise<BinResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: box.env(options.env),
      cwd: box.home,
      stdio: ["pipe", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8")
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? "")
  })
