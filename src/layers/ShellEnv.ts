/** ShellEnv on a real subprocess: `<shell> -l -c "env -0"` through @effect/platform's Command (spec §5.3). */
import * as ChildProcess from "@effect/platform/Command"
import * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { ShellEnvFailed } from "../domain/errors.js"
import { parseEnvNul, SHELL_ENV_MAX_BYTES } from "../domain/shellEnv.js"
import { ShellEnv } from "../services/ShellEnv.js"

interface Collected {
  readonly chunks: Array<Uint8Array>
  readonly size: number
}

const collect = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Stream.runFoldWhile(
    stream,
    { chunks: [], size: 0 } as Collected,
    (acc) => acc.size <= SHELL_ENV_MAX_BYTES,
    (acc, chunk) => {
      acc.chunks.push(chunk)
      return { chunks: acc.chunks, size: acc.size + chunk.length }
    }
  )

const describe = (error: unknown, shell: string): string => {
  if (error instanceof ShellEnvFailed) return error.reason
  const { _tag, reason } = (typeof error === "object" && error !== null ? error : {}) as {
    readonly _tag?: unknown
    readonly reason?: unknown
  }
  // a spawn error reads `NotFound: Command.spawn (... -l -c env -0): spawn ... ENOENT`: say which setting to fix
  if (_tag === "SystemError" && reason === "NotFound") return `${shell} not found (ENOENT); check $SHELL`
  return typeof error === "object" && error !== null && "message" in error
    ? String((error as { message: unknown }).message)
    : String(error)
}

export const layer = Layer.effect(
  ShellEnv,
  Effect.gen(function* () {
    const executor = yield* CommandExecutor.CommandExecutor
    const read = (shell: string, timeoutMs: number) =>
      Effect.scoped(
        Effect.gen(function* () {
          const child = yield* ChildProcess.start(ChildProcess.make(shell, "-l", "-c", "env -0"))
          const [out] = yield* Effect.all([collect(child.stdout), Stream.runDrain(child.stderr)], {
            concurrency: 2
          })
          if (out.size > SHELL_ENV_MAX_BYTES) {
            return yield* new ShellEnvFailed({ reason: `output exceeded ${SHELL_ENV_MAX_BYTES} bytes` })
          }
          const code = yield* child.exitCode
          if (code !== 0) return yield* new ShellEnvFailed({ reason: `${shell} exited with code ${code}` })
          return parseEnvNul(Buffer.concat(out.chunks).toString("utf8"))
        })
      ).pipe(
        Effect.timeoutFail({
          duration: timeoutMs,
          onTimeout: () => new ShellEnvFailed({ reason: `${shell} timed out after ${timeoutMs} ms` })
        }),
        Effect.mapError((error) => new ShellEnvFailed({ reason: describe(error, shell) })),
        Effect.provideService(CommandExecutor.CommandExecutor, executor),
        Effect.withSpan("ShellEnv.read")
      )
    return { read }
  })
)

/** A fixed answer, for embedding and tests (no subprocess). */
export const layerTest = (answer: Effect.Effect<Readonly<Record<string, string>>, ShellEnvFailed>) =>
  Layer.succeed(ShellEnv, { read: () => answer })
