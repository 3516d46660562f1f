/** Reporter layers: `layer` writes `Warning: <message>` lines to stderr (the CLI); `layerMemory` collects them. */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { sanitizeText } from "../domain/terminal.js"
import { Reporter } from "../services/Reporter.js"

/** Each warning as one stderr line, `Warning: <message>`, with control and bidi characters escaped. */
export const layer = Layer.succeed(Reporter, {
  warn: (message) => Console.error(sanitizeText(`Warning: ${message}`))
})

/** Collects warnings in memory, in order; `messages()` returns what was reported so far. */
export const layerMemory = () => {
  const messages: Array<string> = []
  return {
    layer: Layer.succeed(Reporter, { warn: (message) => Effect.sync(() => void messages.push(message)) }),
    messages: (): ReadonlyArray<string> => [...messages]
  }
}
