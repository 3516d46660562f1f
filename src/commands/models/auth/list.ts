/**
 * models auth list [--provider <id>] [--agent <id>] [--json]
 *
 * Every credential of the agent: stored profiles, env variables and config keys, with health, expiry, where the
 * secret is kept, rotation position and cooldown state (spec §6). Masks only.
 */
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { renderAuthListText } from "../../../domain/render/authProfiles.js"
import { toJson } from "../../../domain/terminal.js"
import { type AuthListRequest, authList } from "../../../programs/authProfiles.js"
import { Paths } from "../../../services/Paths.js"
import { agentIdOf, agentOption, json } from "../shared.js"
import { optionalProviderOption } from "./shared.js"

export const runAuthList = Effect.fn("models.auth.list.cli")(function* (
  request: AuthListRequest & { readonly json: boolean }
) {
  const list = yield* authList(request)
  const paths = yield* Paths
  yield* Console.log(
    request.json
      ? toJson(list)
      : renderAuthListText(list, { shorten: paths.shorten, provider: request.provider })
  )
  return list
})

const provider = optionalProviderOption("Only this provider's credentials (e.g. anthropic)")

export const list = Command.make("list", { provider, agent: agentOption, json }, (flags) =>
  runAuthList({
    ...agentIdOf(flags.agent),
    provider: Option.getOrUndefined(flags.provider),
    json: flags.json
  })
).pipe(
  Command.withDescription(
    "List the agent's credentials. Shows auth profiles, env variables and config keys with type, masked value, " +
      "health (ok/expiring/expired/static/missing), expiry, where the secret is kept (file or keychain), rotation " +
      "position (which one a run uses next) and cooldown or disabled state with the time left."
  )
)
