import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

/**
 * Where a program's diagnostics go: warnings a user should see (an unreachable shell env, skipped catalog ids)
 * and progress lines. A program never prints; by default both are dropped, so a host runtime sees nothing unless it
 * provides its own (e.g. one that logs). The CLI provides one that writes to stderr (src/layers/Reporter.ts).
 */
export interface ReporterService {
  /** One complete diagnostic line, e.g. `Warning: ...`; already safe to print (sanitised). */
  readonly warn: (line: string) => Effect.Effect<void>
  /** What a long step is doing now; each line replaces the previous one. */
  readonly progress: (line: string) => Effect.Effect<void>
  /** The long step is over: the progress line, if any, goes away. */
  readonly progressDone: Effect.Effect<void>
}

/** Drops everything. */
export const silent: ReporterService = {
  warn: () => Effect.void,
  progress: () => Effect.void,
  progressDone: Effect.void
}

export class Reporter extends Context.Reference<Reporter>()("clawdbot/Reporter", {
  defaultValue: (): ReporterService => silent
}) {}
