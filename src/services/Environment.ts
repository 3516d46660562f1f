import * as Context from "effect/Context"

/** Process environment, read through a service so a host runtime or a test can supply its own. */
export class Environment extends Context.Tag("clawdbot/Environment")<
  Environment,
  {
    readonly get: (name: string) => string | undefined
    /** Whether stdin/stdout/stderr are terminals. */
    readonly isTTY: { readonly stdin: boolean; readonly stdout: boolean; readonly stderr: boolean }
    /** Epoch ms; a service so tests can pin time. */
    readonly now: () => number
  }
>() {}
