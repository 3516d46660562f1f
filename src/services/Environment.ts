import * as Context from "effect/Context"
import type { IgnoredDotEnv } from "../domain/dotEnv.js"

/** Process environment, read through a service so a host runtime or a test can supply its own. */
export class Environment extends Context.Tag("clawdbot/Environment")<
  Environment,
  {
    readonly get: (name: string) => string | undefined
    /**
     * Variables a `.env` file set but may not set (names only), per file; the CLI names them on stderr, a host
     * runtime may do as it likes.
     */
    readonly ignoredDotEnv: ReadonlyArray<IgnoredDotEnv>
    /** Whether stdin/stdout/stderr are terminals. */
    readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean }
    /** The width of the terminal stdout is, in columns; undefined when it reports none (or is no terminal). */
    readonly stdoutColumns?: () => number | undefined
    /** Epoch ms; a service so tests can pin time. */
    readonly now: () => number
  }
>() {}
