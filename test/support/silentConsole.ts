/** Runs an effect with a console that fails it (a defect naming the text) if anything is printed. */
import * as Effect from "effect/Effect"

const PRINTING = ["log", "error", "warn", "info", "debug", "dir", "dirxml", "table", "trace"] as const

export const silentConsole = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(Effect.console, (console) =>
    Effect.withConsole(
      effect,
      Object.assign(
        Object.create(console),
        Object.fromEntries(
          PRINTING.map((method) => [
            method,
            (...args: ReadonlyArray<unknown>) =>
              Effect.die(new Error(`a program printed (console.${method}): ${args.join(" ")}`))
          ])
        )
      )
    )
  )
