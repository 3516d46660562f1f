/** Reporters: the CLI's (stderr) and a recording one for tests and hosts. */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import { sanitizeText } from "../domain/terminal.js"
import { Reporter, type ReporterService } from "../services/Reporter.js"

/** Cursor up one line and clear it: the next progress line replaces the previous one. */
const REPLACE_LINE = "\x1b[1A\x1b[2K"

/**
 * The CLI's reporter: warnings on stderr, escaped (they may quote config or catalog text); progress on one stderr
 * line rewritten in place, only when `progress` is on (stderr is a terminal and the output is not JSON; spec
 * conventions).
 */
export const makeStderr = (options: { readonly progress: boolean }): Effect.Effect<ReporterService> =>
  Effect.map(Ref.make(false), (shown) => ({
    warn: (line) => Console.error(sanitizeText(line)),
    progress: (line) =>
      options.progress
        ? Effect.flatMap(Ref.getAndSet(shown, true), (again) =>
            // The line may name catalog models or profiles: made safe before our own escapes go in front.
            Console.error(`${again ? REPLACE_LINE : ""}${sanitizeText(line)}`)
          )
        : Effect.void,
    progressDone: Effect.flatMap(Ref.getAndSet(shown, false), (was) =>
      options.progress && was ? Console.error(`${REPLACE_LINE}\x1b[1A`) : Effect.void
    )
  }))

/** Runs `effect` with the CLI's stderr reporter (for commands that show progress). */
export const withStderr =
  (options: { readonly progress: boolean }) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(makeStderr(options), (reporter) =>
      // Ctrl-C or a failure mid-run must not leave the last progress line on screen either.
      Effect.provideService(effect, Reporter, reporter).pipe(Effect.ensuring(reporter.progressDone))
    )

/** The stderr reporter as a layer (progress on a terminal only). */
export const layerStderr = (options: { readonly progress: boolean }) =>
  Layer.effect(Reporter, makeStderr(options))

/** The CLI's default: warnings on stderr, no progress (commands that show progress provide their own). */
export const layer = layerStderr({ progress: false })

/** A reporter that keeps every warning and progress line in `lines` (warnings as they are, progress prefixed). */
export const layerMemory = (lines: Array<string>) =>
  Layer.succeed(Reporter, {
    warn: (line) => Effect.sync(() => void lines.push(line)),
    progress: (line) => Effect.sync(() => void lines.push(`progress: ${line}`)),
    progressDone: Effect.void
  })
