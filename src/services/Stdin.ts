import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { UsageError } from "../domain/errors.js"

/** Standard input as a whole, for secrets piped into a command (never argv). */
export class Stdin extends Context.Tag("clawdbot/Stdin")<
  Stdin,
  {
    /** Everything on stdin until end of input (UTF-8); fails when it is larger than any secret could be. */
    readonly readAll: Effect.Effect<string, UsageError>
  }
>() {}
