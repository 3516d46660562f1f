/**
 * models auth clear-cooldown [<profileId>...] [--provider <id>] [--all] [--agent <id>] [--json]
 *
 * Clears the failure bookkeeping of profiles (cooldown, disable, error counts; spec §6.2) under the store lock,
 * so a run tries them again at once — e.g. after a billing problem is fixed.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { unusableState } from "../../../domain/status.js"
import { sanitizeText, toJson } from "../../../domain/terminal.js"
import {
  type ClearCooldownRequest,
  type ClearedProfile,
  type CooldownClearing,
  clearCooldowns
} from "../../../programs/authProfiles.js"
import { Paths } from "../../../services/Paths.js"
import { agentIdOf, agentOption, json } from "../shared.js"
import { optionalProviderOption, profileIdsArg } from "./shared.js"

/** `anthropic:a: cooldown 12m, 3 errors` — what was in force (or only counters) for one profile. */
const clearedLine = (profile: ClearedProfile) => {
  const parts = [
    ...(profile.was === undefined ? [] : [unusableState(profile.was)]),
    ...(profile.errorCount === undefined
      ? []
      : [`${profile.errorCount} ${profile.errorCount === 1 ? "error" : "errors"}`])
  ]
  return `Cleared ${profile.profileId}: ${parts.length === 0 ? "past failure records" : parts.join(", ")}`
}

const printClearing = (clearing: CooldownClearing, request: ClearCooldownRequest) =>
  Effect.gen(function* () {
    if (clearing.cleared.length === 0) {
      const scope =
        request.all === true
          ? "any profile"
          : request.provider !== undefined
            ? `the profiles of ${request.provider}`
            : clearing.selected.join(", ")
      yield* Console.log(sanitizeText(`Nothing to clear: no cooldown, disable or error count on ${scope}.`))
      return
    }
    for (const profile of clearing.cleared) yield* Console.log(sanitizeText(clearedLine(profile)))
    const paths = yield* Paths
    yield* Console.log(`Updated ${sanitizeText(paths.shorten(clearing.authStorePath))}`)
  })

export const runClearCooldown = Effect.fn("models.auth.clearCooldown.cli")(function* (
  request: ClearCooldownRequest & { readonly json: boolean }
) {
  const clearing = yield* clearCooldowns(request)
  yield* request.json ? Console.log(toJson(clearing)) : printClearing(clearing, request)
  return clearing
})

const profileIds = profileIdsArg("Auth profile ids whose cooldown to clear")
const provider = optionalProviderOption("Clear every profile of this provider")
const all = Options.boolean("all").pipe(Options.withDescription("Clear every profile of the agent's store"))

export const clearCooldown = Command.make(
  "clear-cooldown",
  { profileIds, provider, all, agent: agentOption, json },
  (flags) =>
    runClearCooldown({
      ...agentIdOf(flags.agent),
      profileIds: flags.profileIds,
      provider: Option.getOrUndefined(flags.provider),
      all: flags.all,
      json: flags.json
    })
).pipe(
  Command.withDescription(
    "Make auth profiles usable again now. Clears their cooldown, billing/auth disable and error counts " +
      "(cooldownUntil, disabledUntil, disabledReason, errorCount, failureCounts, lastFailureAt) under the store " +
      "lock. Name profile ids, or pass --provider <id> or --all."
  )
)
