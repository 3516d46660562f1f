import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { SpawnFailed } from "../domain/errors.js"

export interface RunOptions {
  /**
   * `inherit`: the child talks to our terminal (stdin, stdout and stderr inherited; nothing is captured).
   * `capture` (default): stdout/stderr are collected; `input` is written to stdin, then stdin is closed.
   */
  readonly stdio?: "inherit" | "capture"
  /** Text for the child's stdin (capture mode): the way to hand a secret to a tool without argv. */
  readonly input?: string
  /** Extra environment for the child (on top of ours). */
  readonly env?: Readonly<Record<string, string>>
}

export interface ProcessResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs subprocesses. Interrupting the effect kills the child. */
export class ProcessRunner extends Context.Tag("clawdbot/ProcessRunner")<
  ProcessRunner,
  {
    readonly run: (
      command: string,
      args: ReadonlyArray<string>,
      options?: RunOptions
    ) => Effect.Effect<ProcessResult, SpawnFailed>
  }
>() {}
