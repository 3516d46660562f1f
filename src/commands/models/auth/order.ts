/**
 * models auth order get   --provider <name> [--agent <id>] [--json]      (spec §3.14)
 * models auth order set   --provider <name> [--agent <id>] <profileIds...>
 * models auth order clear --provider <name> [--agent <id>]
 *
 * Flags -> the order programs (src/programs/auth.ts) -> text. Agent dir: config `agents.list[].agentDir`, else
 * `<state>/agents/<id>/agent`. Changes are made under the store lock.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { sanitizeText, toJson } from "../../../domain/terminal.js"
import { type AuthOrder, authOrder, clearAuthOrder, setAuthOrder } from "../../../programs/auth.js"
import { Paths } from "../../../services/Paths.js"
import { agentOption, json } from "../shared.js"
import { providerOption } from "./shared.js"

const header = (order: AuthOrder) =>
  Effect.zipRight(Console.log(`Agent: ${order.agentId}`), Console.log(`Provider: ${order.provider}`))

/**
 * `Order override: a, b` (`(none)` when there is none), `(unchanged)` after an edit that wrote nothing; the ids
 * may come from a hand-edited store.
 */
const printOverride = (order: AuthOrder, changed = true) =>
  Console.log(
    `Order override: ${order.order === null ? "(none)" : sanitizeText(order.order.join(", "))}${changed ? "" : " (unchanged)"}`
  )

const printOrder = (order: AuthOrder, asJson: boolean) =>
  Effect.gen(function* () {
    const paths = yield* Paths
    const { agentId, agentDir, provider } = order
    if (asJson) {
      yield* Console.log(
        toJson({
          agentId,
          agentDir,
          provider,
          authStorePath: paths.shorten(order.authStorePath),
          order: order.order
        })
      )
      return
    }
    yield* header(order)
    yield* Console.log(`Auth file: ${sanitizeText(paths.shorten(order.authStorePath))}`)
    yield* printOverride(order)
  })

const provider = providerOption("Provider id (e.g. anthropic)")
const request = (flags: { readonly provider: string; readonly agent: Option.Option<string> }) => ({
  provider: flags.provider,
  agentId: Option.getOrUndefined(flags.agent)
})

const get = Command.make("get", { provider, agent: agentOption, json }, (flags) =>
  Effect.flatMap(authOrder(request(flags)), (order) => printOrder(order, flags.json))
).pipe(Command.withDescription("Show the per-agent auth order override for a provider"))

const profileIds = Args.text({ name: "profileIds" }).pipe(
  Args.repeated,
  Args.withDescription("Profile ids in the order to try them")
)
const set = Command.make("set", { provider, agent: agentOption, profileIds }, (flags) =>
  Effect.flatMap(setAuthOrder({ ...request(flags), profileIds: flags.profileIds }), (order) =>
    Effect.zipRight(header(order), printOverride(order, order.changed))
  )
).pipe(Command.withDescription("Set the per-agent auth order override (profile ids, first tried first)"))

const clear = Command.make("clear", { provider, agent: agentOption }, (flags) =>
  Effect.flatMap(clearAuthOrder(request(flags)), (order) =>
    Effect.zipRight(
      header(order),
      Console.log(
        order.changed
          ? "Cleared per-agent order override."
          : "No per-agent order override to clear (unchanged)."
      )
    )
  )
).pipe(Command.withDescription("Remove the per-agent auth order override"))

export const order = Command.make("order").pipe(
  Command.withDescription("Per-agent auth profile order (which profile is tried first)"),
  Command.withSubcommands([get, set, clear])
)
