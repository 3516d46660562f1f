/** The edge: runs the CLI, prints a failure once, sets the exit code. Only this file knows about process exit. */
import * as os from "node:os"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { cli } from "./cli.js"
import { dotEnvNotices } from "./domain/dotEnv.js"
import { isUserError, UsageError } from "./domain/errors.js"
import { parseGlobalFlags } from "./domain/globalFlags.js"
import { sanitizeText, shouldStyle, stripStyling } from "./domain/terminal.js"
import { MainLive } from "./layers/Main.js"
import { Environment } from "./services/Environment.js"
import { Paths } from "./services/Paths.js"

const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  if (Cause.isInterruptedOnly(exit.cause)) return 130
  const failure = Cause.failureOption(exit.cause)
  if (Option.isSome(failure) && isUserError(failure.value)) {
    if (failure.value._tag === "ExitCode") return failure.value.code
    if (failure.value._tag === "Cancelled") return 130
  }
  return 1
}

/**
 * Messages carry provider and token-endpoint answers, file contents and paths: each line is made safe to print
 * (a line break inside a value still starts a new line there, but nothing on it is interpreted by the terminal).
 */
const printError = (message: string) => Console.error(message.split("\n").map(sanitizeText).join("\n"))

/** A user error prints its message; @effect/cli already printed its own; anything else is a bug: show it all. */
const renderOnce = (cause: Cause.Cause<unknown>) =>
  Option.match(Cause.failureOption(cause), {
    onSome: (error) =>
      ValidationError.isValidationError(error)
        ? Effect.void
        : isUserError(error)
          ? error._tag === "ExitCode"
            ? Effect.void
            : printError(`Error: ${error.message}`)
          : printError(`Error: ${error instanceof Error ? error.message : String(error)}`),
    onNone: () => (Cause.isInterruptedOnly(cause) ? Effect.void : printError(Cause.pretty(cause)))
  })

/**
 * @effect/cli always styles help and its errors; off a rich terminal (or with NO_COLOR) the styling is removed
 * (spec conventions). Cursor and erase sequences stay: the progress line needs them to rewrite itself.
 */
const withPlainConsole = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  shouldStyle((name) => process.env[name], process.stdout.isTTY === true)
    ? effect
    : Effect.flatMap(Effect.console, (console) =>
        Effect.withConsole(effect, {
          ...console,
          log: (...args) => console.log(...args.map(plainArg)),
          error: (...args) => console.error(...args.map(plainArg))
        })
      )
const plainArg = (arg: unknown) => (typeof arg === "string" ? stripStyling(arg) : arg)

/** Variables a `.env` set but may not set are named on stderr, one line per file, before the command runs. */
const dotEnvNotice = Effect.gen(function* () {
  const { ignoredDotEnv } = yield* Environment
  const { shorten } = yield* Paths
  for (const line of dotEnvNotices(ignoredDotEnv, shorten)) yield* Console.error(sanitizeText(line))
})

export const main = (argv: ReadonlyArray<string>) =>
  dotEnvNotice.pipe(
    Effect.zipRight(Effect.suspend(() => cli(argv))),
    Effect.tapErrorCause(renderOnce),
    withPlainConsole,
    Effect.provide(MainLive)
  )

/** `--profile`/`--dev` fill the environment before any layer computes a path (spec §1.1). */
const withGlobalFlags = (argv: ReadonlyArray<string>) =>
  Either.match(
    parseGlobalFlags(argv, (name) => process.env[name], process.env.HOME?.trim() || os.homedir()),
    {
      onLeft: (reason) => Effect.fail(new UsageError({ reason })).pipe(Effect.tapErrorCause(renderOnce)),
      onRight: ({ argv, fill }) =>
        Effect.suspend(() => {
          for (const [name, value] of Object.entries(fill)) {
            if (process.env[name] === undefined) process.env[name] = value
          }
          return main(argv)
        })
    }
  )

// A reader that stops early (`clawdbot models list | head -1`) closes the pipe: stop quietly, as a command killed by
// SIGPIPE would, instead of crashing with a stack on the next write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error
    process.exit(0)
  })
}

NodeRuntime.runMain(withGlobalFlags(process.argv), {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(exitCodeOf(exit))
})
