import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

export interface ReporterShape {
  /**
   * A diagnostic a program noticed but that is not an error (a model the catalog does not know, an agent id the
   * config does not list, ...). `message` is one sentence without a `Warning:` prefix; it may quote config text,
   * so a renderer that writes it to a terminal escapes it first.
   */
  readonly warn: (message: string) => Effect.Effect<void>
}

/**
 * Where programs send diagnostics instead of printing them. The default is silent, so a host that provides
 * nothing sees nothing; the CLI provides one that writes `Warning: <message>` to stderr (src/layers/Reporter.ts).
 */
export class Reporter extends Context.Reference<Reporter>()("clawdbot/Reporter", {
  defaultValue: (): ReporterShape => ({ warn: () => Effect.void })
}) {}
