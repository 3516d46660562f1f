/** A throw-away `HOME` + `CLAWDBOT_STATE_DIR` in a mkdtemp dir, with helpers to seed and read state files. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { onTestFinished } from "vitest"
import { type CliResult, runCli } from "./runCli.js"

export interface TempState {
  readonly root: string
  readonly home: string
  readonly stateDir: string
  readonly configPath: string
  readonly agentDir: string
  readonly authPath: string
  /** Environment for a child process: HOME and the state dir point into `root`, nothing else is set. */
  readonly env: Record<string, string>
  readonly writeConfig: (content: string | object) => void
  readonly readConfigText: () => string
  readonly readConfig: () => any
  readonly writeAuth: (doc: object) => void
  readonly run: (args: ReadonlyArray<string>, env?: Readonly<Record<string, string>>) => Promise<CliResult>
  readonly cleanup: () => void
}

export const makeTempState = (): TempState => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-test-"))
  const home = path.join(root, "home")
  const stateDir = path.join(root, "state")
  fs.mkdirSync(home, { recursive: true })
  const configPath = path.join(stateDir, "clawdbot.json")
  const agentDir = path.join(stateDir, "agents", "main", "agent")
  const authPath = path.join(agentDir, "auth-profiles.json")
  const env = { HOME: home, CLAWDBOT_STATE_DIR: stateDir }
  return {
    root,
    home,
    stateDir,
    configPath,
    agentDir,
    authPath,
    env,
    writeConfig: (content) => {
      fs.mkdirSync(stateDir, { recursive: true })
      fs.writeFileSync(configPath, typeof content === "string" ? content : JSON.stringify(content, null, 2))
    },
    readConfigText: () => fs.readFileSync(configPath, "utf8"),
    readConfig: () => JSON.parse(fs.readFileSync(configPath, "utf8")),
    writeAuth: (doc) => {
      fs.mkdirSync(agentDir, { recursive: true })
      fs.writeFileSync(authPath, JSON.stringify(doc, null, 2))
    },
    run: (args, extra = {}) => runCli(args, { env: { ...env, ...extra } }),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true })
  }
}

/** `makeTempState` inside a test: the folder is removed when that test finishes. */
export const tempStateForTest = (): TempState => {
  const state = makeTempState()
  onTestFinished(state.cleanup)
  return state
}
