/** A Console that fails the test on any output: programs return data and print nothing (issue 10). */
import type * as Console from "effect/Console"
import * as Effect from "effect/Effect"

const printed =
  (method: string) =>
  (...args: ReadonlyArray<unknown>) =>
    Effect.die(new Error(`a program printed through console.${method}: ${args.map(String).join(" ")}`))

const failing = (base: Console.Console): Console.Console => {
  const console: Record<PropertyKey, unknown> = { ...base }
  for (const key of Object.keys(base)) {
    if (typeof (base as unknown as Record<string, unknown>)[key] === "function") console[key] = printed(key)
  }
  console.unsafe = new Proxy(base.unsafe, {
    get: (_target, key) => () => {
      throw new Error(`a program printed through console.unsafe.${String(key)}`)
    }
  })
  return console as unknown as Console.Console
}

/** Runs `effect` with a console that dies on any output. */
export const withNoConsole = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.console, (base) => Effect.withConsole(effect, failing(base)))
