/** Options and helpers shared by several `models` verbs. */
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { staleCatalogNotice } from "../../domain/catalogRefresh.js"
import { UsageError } from "../../domain/errors.js"
import { sanitizeText } from "../../domain/terminal.js"
import { suggestedCommand } from "../../programs/modelInput.js"
import { Environment } from "../../services/Environment.js"
import { Paths } from "../../services/Paths.js"
import { RefreshedCatalog } from "../../services/RefreshedCatalog.js"

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

/** `--agent` as a program option: `{}` when the flag is absent. */
export const agentIdOf = (flag: Option.Option<string>): { readonly agentId?: string } =>
  Option.match(flag, { onNone: () => ({}), onSome: (agentId) => ({ agentId }) })

/**
 * `Catalog refreshed 12 days ago; run \`clawdbot models refresh\``: for the text output of `list` and `status`,
 * when the stored refreshed catalog is older than a week (nothing without one, or in a host without the store).
 */
export const staleCatalogLine: Effect.Effect<string | undefined, never, Environment> = Effect.flatMap(
  Effect.serviceOption(RefreshedCatalog),
  Option.match({
    onNone: () => Effect.succeed(undefined),
    onSome: (store) =>
      Effect.gen(function* () {
        const stored = yield* store.read
        if (stored === undefined) return undefined
        const environment = yield* Environment
        return staleCatalogNotice(stored.fetchedAt, environment.now(), yield* suggestedCommand)
      })
  })
)
