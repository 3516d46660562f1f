/** ProcessRunner on @effect/platform's Command (run by NodeCommandExecutor in MainLive). */
import * as ChildProcess from "@effect/platform/Command"
import * as CommandExecutor from "@effect/platform/CommandExecutor"
import type { PlatformError } from "@effect/platform/Error"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { SpawnFailed } from "../domain/errors.js"
import { type ProcessResult, ProcessRunner, type RunOptions } from "../services/ProcessRunner.js"

const toSpawnFailed = (command: string) => (error: PlatformError) =>
  new SpawnFailed({
    command,
    notFound: error._tag === "SystemError" && error.reason === "NotFound",
    reason: error._tag === "SystemError" ? error.reason : error.message
  })

const collect = (stream: Stream.Stream<Uint8Array, PlatformError>) =>
  stream.pipe(Stream.decodeText(), Stream.mkString)

export const layer = Layer.effect(
  ProcessRunner,
  Effect.gen(function* () {
    const executor = yield* CommandExecutor.CommandExecutor
    const run = (command: string, args: ReadonlyArray<string>, options: RunOptions = {}) => {
      const base = ChildProcess.make(command, ...args).pipe(ChildProcess.env(options.env ?? {}))
      const effect: Effect.Effect<ProcessResult, PlatformError> =
        options.stdio === "inherit"
          ? Effect.map(
              executor.exitCode(
                base.pipe(
                  ChildProcess.stdin("inherit"),
                  ChildProcess.stdout("inherit"),
                  ChildProcess.stderr("inherit")
                )
              ),
              (exitCode) => ({ exitCode, stdout: "", stderr: "" })
            )
          : Effect.scoped(
              Effect.gen(function* () {
                const child = yield* executor.start(ChildProcess.feed(base, options.input ?? ""))
                const [stdout, stderr, exitCode] = yield* Effect.all(
                  [collect(child.stdout), collect(child.stderr), child.exitCode],
                  { concurrency: "unbounded" }
                )
                return { exitCode, stdout, stderr }
              })
            )
      return effect.pipe(
        Effect.mapError(toSpawnFailed(command)),
        Effect.withSpan("ProcessRunner.run", { attributes: { command } })
      )
    }
    return { run }
  })
)

/** A scripted runner for embedding and tests: `answer` decides each result from the command line. */
export const layerTest = (
  answer: (
    command: string,
    args: ReadonlyArray<string>,
    options: RunOptions
  ) => Effect.Effect<ProcessResult, SpawnFailed>
) => Layer.succeed(ProcessRunner, { run: (command, args, options = {}) => answer(command, args, options) })
