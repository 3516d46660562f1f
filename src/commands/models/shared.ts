/** Options and helpers shared by several `models` verbs. */
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import type { ClawdbotConfig } from "../../domain/config.js"
import { isEndpointOverride } from "../../domain/dotEnv.js"
import { UsageError } from "../../domain/errors.js"
import { sanitizeText } from "../../domain/terminal.js"
import { Environment } from "../../services/Environment.js"
import { Paths } from "../../services/Paths.js"

export {
  resolveModel,
  resolveModelForWrite,
  suggestedCommand,
  warnIfUnknownModel
} from "../../programs/modelInput.js"

export const json = Options.boolean("json").pipe(
  Options.withDescription("Print JSON to stdout (nothing else)")
)
export const plain = Options.boolean("plain").pipe(Options.withDescription("Print plain lines for scripts"))

/** `--agent <id>`: which agent a per-agent verb acts on (default: the configured default agent, spec §1.3). */
export const agentOption = Options.text("agent").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription("Agent id (default: the configured default agent)")
)

export type OutputMode = "text" | "json" | "plain"

/** `--json` and `--plain` together are a usage error (spec, global conventions). */
export const outputMode = (flags: { readonly json: boolean; readonly plain: boolean }) =>
  flags.json && flags.plain
    ? Effect.fail(new UsageError({ reason: "Choose either --json or --plain, not both." }))
    : Effect.succeed<OutputMode>(flags.json ? "json" : flags.plain ? "plain" : "text")

/** `Updated ~/.clawdbot/clawdbot.json` after every successful config write. */
export const printUpdated = (file: string) =>
  Effect.flatMap(Paths, (paths) => Console.log(`Updated ${sanitizeText(paths.shorten(file))}`))

/**
 * Env lookup with the config's `env` section filling unset variables (spec §5.2), except the endpoint overrides:
 * like a `.env`, the config may not decide where a token is sent through them (src/domain/dotEnv.ts).
 */
export const envWithConfig = (config: ClawdbotConfig) =>
  Effect.map(Environment, (env) => {
    const section = (config.env ?? {}) as Record<string, unknown>
    const vars = (section.vars ?? {}) as Record<string, unknown>
    return (name: string): string | undefined => {
      const value = env.get(name)
      if ((value !== undefined && value.trim() !== "") || isEndpointOverride(name)) return value
      const fromConfig = vars[name] ?? (name === "vars" || name === "shellEnv" ? undefined : section[name])
      return typeof fromConfig === "string" ? fromConfig : value
    }
  })

/** Cursor up one line and clear it: the next progress line replaces the previous one. */
const REPLACE_LINE = "\x1b[1A\x1b[2K"

/**
 * Progress on stderr, one line rewritten in place (spec conventions); a no-op unless `enabled` (stderr is a
 * terminal, output is not JSON).
 */
export const lineProgress = (enabled: boolean) =>
  Effect.map(Ref.make(false), (shown) => ({
    show: (line: string) =>
      enabled
        ? Effect.flatMap(Ref.getAndSet(shown, true), (again) =>
            // The line may name catalog models or profiles: made safe before our own escapes go in front.
            Console.error(`${again ? REPLACE_LINE : ""}${sanitizeText(line)}`)
          )
        : Effect.void,
    /** Removes the progress line (the cursor ends where it was). */
    clear: Effect.flatMap(Ref.getAndSet(shown, false), (was) =>
      enabled && was ? Console.error(`${REPLACE_LINE}\x1b[1A`) : Effect.void
    )
  }))
