/** Options and helpers shared by several `models` verbs. */
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { unknownModelWarning } from "../../domain/catalog.js"
import { aliasIndexOf, type ClawdbotConfig } from "../../domain/config.js"
import { InvalidModelRef, UsageError } from "../../domain/errors.js"
import { modelRefWriteProblem, normalizeProviderId, resolveModelInput } from "../../domain/modelRef.js"
import { sanitizeText } from "../../domain/terminal.js"
import { Catalog } from "../../services/Catalog.js"
import { Environment } from "../../services/Environment.js"
import { Paths } from "../../services/Paths.js"

export const json = Options.boolean("json").pipe(
  Options.withDescription("Print JSON to stdout (nothing else)")
)
export const plain = Options.boolean("plain").pipe(Options.withDescription("Print plain lines for scripts"))

export type OutputMode = "text" | "json" | "plain"

/** `--json` and `--plain` together are a usage error (spec, global conventions). */
export const outputMode = (flags: { readonly json: boolean; readonly plain: boolean }) =>
  flags.json && flags.plain
    ? Effect.fail(new UsageError({ reason: "Choose either --json or --plain, not both." }))
    : Effect.succeed<OutputMode>(flags.json ? "json" : flags.plain ? "plain" : "text")

/** Resolves user input to a canonical `provider/model` through the config's aliases (spec §2.4). */
export const resolveModel = (raw: string, config: ClawdbotConfig) =>
  Either.match(resolveModelInput(raw, aliasIndexOf(config)), {
    onLeft: () => Effect.fail(new InvalidModelRef({ raw })),
    onRight: Effect.succeed
  })

/** `resolveModel` for a model about to be written: a key with whitespace, controls or 257+ characters is refused. */
export const resolveModelForWrite = (raw: string, config: ClawdbotConfig) =>
  Effect.flatMap(resolveModel(raw, config), (resolved) => {
    const problem = modelRefWriteProblem(resolved.key)
    return problem === undefined
      ? Effect.succeed(resolved)
      : Effect.fail(new InvalidModelRef({ raw, reason: problem }))
  })

/**
 * After writing `key`, a stderr warning when it names no known model (a typo would otherwise go unnoticed).
 * Needs the Catalog only when one is provided: a host runtime without it gets no warning.
 */
export const warnIfUnknownModel = (key: string, raw: string, config: ClawdbotConfig) =>
  Effect.flatMap(Effect.serviceOption(Catalog), (catalog) =>
    Option.match(catalog, {
      onNone: () => Effect.void,
      onSome: (catalog) =>
        Effect.flatMap(catalog.models(config), (models) => {
          const configured = Object.keys(config.models?.providers ?? {}).map(normalizeProviderId)
          return Effect.flatMap(suggestedCommand, (command) => {
            const warning = unknownModelWarning(key, raw, models, configured, command)
            return warning === undefined ? Effect.void : Console.error(sanitizeText(warning))
          })
        })
    })
  )

/** `Updated ~/.clawdbot/clawdbot.json` after every successful config write. */
export const printUpdated = (file: string) =>
  Effect.flatMap(Paths, (paths) => Console.log(`Updated ${sanitizeText(paths.shorten(file))}`))

/** A suggested command, with `--profile <p>` when CLAWDBOT_PROFILE is set (spec conventions). */
export const suggestedCommand = Effect.map(Environment, (env) => {
  const profile = env.get("CLAWDBOT_PROFILE")?.trim()
  return (args: string) => (profile ? `clawdbot --profile ${profile} ${args}` : `clawdbot ${args}`)
})

export { envWithConfig } from "../../programs/status.js"

/** `--agent <id>`: which agent's view a read shows (default: the configured default agent, spec §1.3). */
export const agent = Options.text("agent").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription("Show this agent's view (an id from agents.list; default: the default agent)")
)

/** `--agent` as a program option. */
export const agentOption = (flag: Option.Option<string>): { readonly agentId?: string } =>
  Option.match(flag, { onNone: () => ({}), onSome: (agentId) => ({ agentId }) })
