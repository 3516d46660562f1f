/**
 * Scripted terminal sessions on top of `runInPty` (./pty.ts): wait for a text or pattern to appear (since the
 * previous step), then type keys or act on the matched text (e.g. follow a printed URL), until the CLI exits.
 */
import { spawnSync } from "node:child_process"
import { runInPty } from "./pty.js"
import { requirement } from "./requirements.js"
import type { Sandbox } from "./runBin.js"

export const hasScript = requirement(
  "a pseudo-terminal (util-linux `script`)",
  spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0,
  "Debian package bsdutils; .ci/run installs it"
)

export interface Step {
  /** Wait until the output since the previous step contains this. */
  readonly when: string | RegExp
  /** Then type this ("n", "\x03" for Ctrl-C, "\x1b[B" arrow down), or act on the match and type the result. */
  readonly send: string | ((matched: string) => string | Promise<string>)
}

export interface PtyResult {
  readonly code: number | null
  /** What the terminal showed, ANSI sequences and carriage returns removed. */
  readonly screen: string
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const runPtySteps = async (
  box: Sandbox,
  args: ReadonlyArray<string>,
  options: {
    readonly steps?: ReadonlyArray<Step>
    readonly env?: Readonly<Record<string, string | undefined>>
    readonly timeoutMs?: number
    /** The terminal's width (default: none, 0 columns). */
    readonly columns?: number
  } = {}
): Promise<PtyResult> => {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  const session = runInPty(
    args,
    box.env(options.env) as Record<string, string>,
    options.columns === undefined ? {} : { columns: options.columns }
  )
  const screen = () => session.screen().replace(/\r/g, "")
  let cursor = 0
  for (const step of options.steps ?? []) {
    let matched: string | undefined
    while (matched === undefined) {
      const pending = screen().slice(cursor)
      matched =
        typeof step.when === "string"
          ? pending.includes(step.when)
            ? step.when
            : undefined
          : step.when.exec(pending)?.[0]
      if (matched !== undefined) break
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(step.when)}; screen:\n${screen().slice(-2000)}`)
      await settle(20)
    }
    cursor = screen().length
    const keys = typeof step.send === "string" ? step.send : await step.send(matched)
    if (keys !== "") await session.press(keys)
  }
  const code = await Promise.race([
    session.exit,
    settle(Math.max(0, deadline - Date.now())).then(() => {
      throw new Error(`the CLI did not exit; screen:\n${screen().slice(-2000)}`)
    })
  ])
  return { code, screen: screen() }
}
