import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { ShellEnvFailed } from "../domain/errors.js"

/** Runs the user's login shell to read its environment (spec §5.3); a failure says why, never with values. */
export class ShellEnv extends Context.Tag("clawdbot/ShellEnv")<
  ShellEnv,
  {
    /** `<shell> -l -c "env -0"`, at most `timeoutMs`, output capped at 2 MiB; parsed variables. */
    readonly read: (
      shell: string,
      timeoutMs: number
    ) => Effect.Effect<Readonly<Record<string, string>>, ShellEnvFailed>
  }
>() {}
