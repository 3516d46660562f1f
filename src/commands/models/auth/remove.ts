/**
 * models auth remove <profileId>... | --provider <id>   [--agent <id>] [--yes] [--json]
 *
 * Removes profiles from the agent's store (with their order, lastGood and usage entries), their metadata from the
 * config, and the keychain item of a profile stored by reference. Asks first on a terminal; `--yes` otherwise.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../../../domain/errors.js"
import { sanitizeText, toJson } from "../../../domain/terminal.js"
import {
  type AuthRemoval,
  authRemovalPlan,
  type ProfileSelection,
  type RemovedProfile,
  removeAuthProfiles
} from "../../../programs/authProfiles.js"
import { Environment } from "../../../services/Environment.js"
import { Paths } from "../../../services/Paths.js"
import { agentIdOf, agentOption, json, printUpdated } from "../shared.js"
import { optionalProviderOption, profileIdsArg, runPrompt } from "./shared.js"

const describe = (profile: RemovedProfile) => `${profile.profileId} (${profile.provider}/${profile.type})`

const keychainLine = (profile: RemovedProfile) => {
  const item = profile.keychain
  if (item === undefined) return []
  const backend = item.backend === undefined ? "" : ` (${item.backend})`
  return [
    item.deleted
      ? `  Deleted keychain item ${item.item}${backend}`
      : `  Kept keychain item ${item.item}${backend}: ${item.kept}`
  ]
}

const printRemoval = (removal: AuthRemoval) =>
  Effect.gen(function* () {
    const paths = yield* Paths
    for (const profile of removal.removed) {
      yield* Console.log(sanitizeText(`Removed auth profile ${describe(profile)}`))
      for (const line of keychainLine(profile)) yield* Console.log(sanitizeText(line))
    }
    yield* Console.log(`Updated ${sanitizeText(paths.shorten(removal.authStorePath))}`)
    if (removal.configUpdated) yield* printUpdated(removal.configPath)
  })

/**
 * Whether the user agrees to remove what `plan` names: `--yes`, else a prompt on a terminal (Ctrl-C cancels);
 * without a terminal (or with --json, whose stdout is for JSON only) `--yes` is required.
 */
const confirmed = (request: ProfileSelection & { readonly yes: boolean; readonly json: boolean }) =>
  Effect.gen(function* () {
    const plan = yield* authRemovalPlan(request)
    if (request.yes) return true
    const names = plan.profiles.map(describe).join(", ")
    const env = yield* Environment
    if (request.json || !env.isTTY.stdin || !env.isTTY.stdout)
      return yield* new UsageError({
        reason: `Removing auth profiles needs confirmation: pass --yes to remove ${names}${request.json ? " (--json never asks)" : " (stdin is not a terminal)"}. Nothing was removed.`
      })
    const paths = yield* Paths
    const keychain = plan.profiles.some((profile) => profile.keychain?.deleted)
      ? " and its keychain items"
      : ""
    return yield* runPrompt(
      Prompt.confirm({
        message: sanitizeText(
          `Remove ${plan.profiles.length === 1 ? "auth profile" : `${plan.profiles.length} auth profiles`} ${names}${keychain} from ${paths.shorten(plan.authStorePath)}?`
        ),
        initial: false
      })
    )
  })

/** Confirms, removes, prints what was removed; returns the removal (undefined when the user said no). */
export const runAuthRemove = Effect.fn("models.auth.remove.cli")(function* (
  request: ProfileSelection & { readonly yes: boolean; readonly json: boolean }
) {
  if (!(yield* confirmed(request))) {
    yield* Console.log("Nothing removed.")
    return undefined
  }
  const removal = yield* removeAuthProfiles(request)
  yield* request.json ? Console.log(toJson(removal)) : printRemoval(removal)
  return removal
})

const profileIds = profileIdsArg("Auth profile ids to remove (see `clawdbot models auth list`)")
const provider = optionalProviderOption("Remove every auth profile of this provider instead of naming ids")
const yes = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Remove without asking (required when stdin is not a terminal, and with --json)")
)

export const remove = Command.make(
  "remove",
  { profileIds, provider, agent: agentOption, yes, json },
  (flags) =>
    runAuthRemove({
      ...agentIdOf(flags.agent),
      profileIds: flags.profileIds,
      provider: Option.getOrUndefined(flags.provider),
      yes: flags.yes,
      json: flags.json
    })
).pipe(
  Command.withDescription(
    "Remove auth profiles, by id or all of one --provider. Their order, lastGood and cooldown entries in the " +
      "agent's store go too, with their auth.profiles/auth.order entries in the config and their keychain items. " +
      "Asks first on a terminal; pass --yes otherwise."
  )
)
