import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { UsageError } from "../domain/errors.js"
import { Stdin } from "../services/Stdin.js"

/** More than any token or key; a larger input is a mistake (a file piped in), not a secret. */
export const MAX_STDIN_BYTES = 64 * 1024

const tooLarge = new UsageError({
  reason: `stdin holds more than ${MAX_STDIN_BYTES / 1024} KiB; pipe in just the secret.`
})

/** The process's stdin. */
export const layer = Layer.succeed(Stdin, {
  readAll: Effect.async<string, UsageError>((resume) => {
    const input = process.stdin
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_STDIN_BYTES) {
        cleanup()
        resume(Effect.fail(tooLarge))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resume(Effect.succeed(Buffer.concat(chunks).toString("utf8")))
    }
    const onError = (error: Error) => {
      cleanup()
      resume(Effect.fail(new UsageError({ reason: `Could not read stdin: ${error.message}` })))
    }
    const cleanup = () => {
      input.off("data", onData).off("end", onEnd).off("error", onError)
      input.pause()
    }
    input.on("data", onData).on("end", onEnd).on("error", onError)
    input.resume()
    return Effect.sync(cleanup)
  })
})

/** Fixed input, for embedding and tests. */
export const layerTest = (text: string) => Layer.succeed(Stdin, { readAll: Effect.succeed(text) })
