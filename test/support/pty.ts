/**
 * Runs `bin/clawdbot` in a real pseudo-terminal through util-linux `script`, so stdin/stdout are TTYs and
 * prompts behave as for a person. Keys are written to the terminal; output is collected (stdout and stderr both
 * go to the terminal).
 */
import { spawn } from "node:child_process"
import { BIN } from "./runCli.js"

export const KEYS = { up: "\x1b[A", down: "\x1b[B", space: " ", enter: "\r", ctrlC: "\x03" } as const

export interface PtySession {
  /** Everything the terminal showed so far, ANSI sequences removed. */
  readonly screen: () => string
  /** What stays visible on the terminal, with cursor-up, erase-line and carriage returns applied (`visibleLines`). */
  readonly visible: () => ReadonlyArray<string>
  /** Resolves once `text` has appeared `times` times (default 1); rejects after `timeoutMs`. */
  readonly waitFor: (text: string, times?: number, timeoutMs?: number) => Promise<void>
  readonly press: (...keys: ReadonlyArray<string>) => Promise<void>
  readonly exit: Promise<number | null>
}

/**
 * The lines a terminal shows after `raw`: a minimal emulator for what our output uses — `\n`, `\r`, cursor up
 * (`ESC[nA`), erase line (`ESC[2K`); other sequences are dropped. Enough to tell an erased line from one left on
 * screen.
 */
export const visibleLines = (raw: string): ReadonlyArray<string> => {
  const lines: Array<string> = [""]
  let row = 0
  let column = 0
  const sequence = /^\x1b\[([0-9;?]*)([A-Za-z])/
  for (let index = 0; index < raw.length; ) {
    const rest = raw.slice(index)
    const match = sequence.exec(rest)
    if (match) {
      const count = Number(match[1] || "1")
      if (match[2] === "A") row = Math.max(0, row - count)
      if (match[2] === "K" && match[1] === "2") lines[row] = ""
      index += match[0].length
      continue
    }
    const char = raw[index]!
    index++
    if (char === "\n") {
      row++
      column = 0
      if (lines[row] === undefined) lines[row] = ""
    } else if (char === "\r") {
      column = 0
    } else {
      const line = lines[row] ?? ""
      lines[row] = line.slice(0, column) + char + line.slice(column + 1)
      column++
    }
  }
  return lines.filter((line) => line.trim() !== "")
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g

/**
 * `columns`: the terminal's width, as the CLI reads it from the terminal (`script` without a terminal of its
 * own gives the pseudo-terminal no size: 0 columns).
 */
export const runInPty = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>>,
  options: { readonly columns?: number } = {}
): PtySession => {
  const cli = [process.execPath, BIN, ...args].map(quote).join(" ")
  const command = options.columns === undefined ? cli : `stty cols ${options.columns} rows 50 && exec ${cli}`
  const child = spawn("script", ["-qefc", command, "/dev/null"], {
    env: { PATH: process.env.PATH, TERM: "xterm-256color", COLUMNS: "160", LINES: "50", ...env },
    stdio: ["pipe", "pipe", "pipe"]
  })
  let raw = ""
  const waiters = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    raw += chunk.toString("utf8")
    for (const check of waiters) check()
  }
  child.stdout.on("data", onData)
  child.stderr.on("data", onData)
  const screen = () => raw.replace(ANSI, "")
  let exited = false
  const exit = new Promise<number | null>((resolve) =>
    child.on("close", (code) => {
      exited = true
      for (const check of waiters) check()
      resolve(code)
    })
  )
  /** Resolves once `done()` holds (checked on every output and at exit); rejects with `failure` after `timeoutMs`. */
  const until = (done: () => boolean, timeoutMs: number, failure: () => string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (done()) {
          waiters.delete(check)
          clearTimeout(timer)
          resolve()
        }
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`${failure()}; screen:\n${screen().slice(-2000)}`))
      }, timeoutMs)
      waiters.add(check)
      check()
    })
  return {
    screen,
    visible: () => visibleLines(raw),
    waitFor: (text, times = 1, timeoutMs = 20_000) =>
      until(
        () => screen().split(text).length - 1 >= times,
        timeoutMs,
        () => `timed out waiting for ${JSON.stringify(text)}`
      ),
    press: async (...keys) => {
      for (const key of keys) {
        // One key per read: the prompt handles a keypress, then renders. Waiting for that render (not a fixed
        // pause) keeps two arrow sequences from reaching the prompt in one read on a busy machine.
        const before = raw.length
        child.stdin.write(key)
        await until(
          () => raw.length > before || exited,
          20_000,
          () => `the terminal showed nothing after key ${JSON.stringify(key)}`
        )
      }
    },
    exit
  }
}
