/**
 * Runs `bin/clawdbot` inside a pseudo-terminal (util-linux `script`), so stdin/stdout are TTYs, and types keys
 * when the screen shows a given text — how a person would drive a prompt.
 */
import { spawn, spawnSync } from "node:child_process"
import { BIN, type Sandbox } from "./runBin.js"

export const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`

export interface Step {
  /** Wait until the output (since the previous step) contains this. */
  readonly when: string | RegExp
  /**
   * Then type this (e.g. "n\r", "\x03" for Ctrl-C, "\x1b[B" for arrow down), or act on the matched text
   * (e.g. follow a printed URL) and type what the function returns.
   */
  readonly send: string | ((matched: string) => string | Promise<string>)
}

export interface PtyResult {
  readonly code: number | null
  /** Everything the terminal showed, stdout and stderr together, ANSI escapes stripped. */
  readonly screen: string
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[>=]|\r/g

export const runInPty = (
  box: Sandbox,
  args: ReadonlyArray<string>,
  options: {
    readonly steps?: ReadonlyArray<Step>
    readonly env?: Readonly<Record<string, string | undefined>>
    readonly timeoutMs?: number
  } = {}
): Promise<PtyResult> =>
  new Promise((resolve, reject) => {
    const command = [process.execPath, BIN, ...args].map(quote).join(" ")
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      env: { TERM: "xterm", COLUMNS: "120", LINES: "40", ...box.env(options.env) },
      cwd: box.home,
      stdio: ["pipe", "pipe", "pipe"]
    })
    const steps = [...(options.steps ?? [])]
    let raw = ""
    let cursor = 0
    const advance = () => {
      const step = steps[0]
      if (step === undefined) return
      const pending = raw.slice(cursor).replace(ANSI, "")
      const matched =
        typeof step.when === "string"
          ? pending.includes(step.when)
            ? step.when
            : undefined
          : step.when.exec(pending)?.[0]
      if (matched === undefined) return
      steps.shift()
      cursor = raw.length
      if (typeof step.send === "string") {
        child.stdin.write(step.send)
        advance()
      } else {
        Promise.resolve(step.send(matched)).then(
          (keys) => {
            if (keys !== "") child.stdin.write(keys)
            advance()
          },
          (error: unknown) => {
            child.kill("SIGKILL")
            reject(error)
          }
        )
      }
    }
    const onData = (chunk: Buffer) => {
      raw += chunk.toString("utf8")
      advance()
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`pty run timed out; screen so far:\n${raw.replace(ANSI, "")}`))
    }, options.timeoutMs ?? 20_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, screen: raw.replace(ANSI, "") })
    })
  })
