/**
 * models auth order get   --provider <name> [--agent <id>] [--json]      (spec §3.14)
 * models auth order set   --provider <name> [--agent <id>] <profileIds...>
 * models auth order clear --provider <name> [--agent <id>]
 *
 * Acts on the per-agent store's `order` (agent dir: config `agents.list[].agentDir`, else
 * `<state>/agents/<id>/agent`). Changes are made under the store lock.
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { agentChoiceWarnings, defaultAgentId, normalizeAgentId } from "../../../domain/agents.js"
import { cleanProfileIds, setStoredOrder } from "../../../domain/authEdit.js"
import type { AuthCredential } from "../../../domain/authProfiles.js"
import { NotFound, UsageError } from "../../../domain/errors.js"
import { normalizeProviderId } from "../../../domain/modelRef.js"
import { sanitizeText, toJson } from "../../../domain/terminal.js"
import { AuthStore } from "../../../services/AuthStore.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Paths } from "../../../services/Paths.js"
import { json } from "../shared.js"
import { agentDirFor, providerOption, requireProvider } from "./shared.js"

export interface OrderTarget {
  readonly provider: string
  readonly agent?: string | undefined
}

/** Provider, agent id and agent dir of an `order` call. */
const target = (flags: OrderTarget) =>
  Effect.gen(function* () {
    const provider = yield* requireProvider(flags.provider)
    const { config } = yield* (yield* ConfigStore).read
    const requested =
      flags.agent !== undefined && flags.agent.trim() !== "" ? normalizeAgentId(flags.agent) : undefined
    const agentId = requested ?? defaultAgentId(config)
    for (const warning of agentChoiceWarnings(config, requested)) yield* Console.error(warning)
    const agentDir = yield* agentDirFor(config, agentId)
    return { provider, agentId, agentDir }
  })

const header = (agentId: string, provider: string) =>
  Effect.zipRight(Console.log(`Agent: ${agentId}`), Console.log(`Provider: ${provider}`))

export const runOrderGet = Effect.fn("models.auth.order.get")(function* (
  flags: OrderTarget & { readonly json: boolean }
) {
  const { provider, agentId, agentDir } = yield* target(flags)
  const paths = yield* Paths
  const store = yield* (yield* AuthStore).read(agentDir)
  const order = store.order[provider] ?? null
  if (flags.json) {
    yield* Console.log(
      toJson({ agentId, agentDir, provider, authStorePath: paths.shorten(store.path), order })
    )
  } else {
    yield* header(agentId, provider)
    yield* Console.log(`Auth file: ${sanitizeText(paths.shorten(store.path))}`)
    yield* Console.log(`Order override: ${order === null ? "(none)" : sanitizeText(order.join(", "))}`)
  }
  return order
})

export const runOrderSet = Effect.fn("models.auth.order.set")(function* (
  flags: OrderTarget & { readonly profileIds: ReadonlyArray<string> }
) {
  const { provider, agentId, agentDir } = yield* target(flags)
  const ids = cleanProfileIds(flags.profileIds)
  if (ids.length === 0)
    return yield* new UsageError({ reason: "Missing profile ids. Provide one or more profile ids." })
  const paths = yield* Paths
  const authStore = yield* AuthStore
  // A non-main agent also sees the main store's profiles (spec §1.4); only this agent's file is written.
  const main =
    agentDir === paths.mainAgentDir ? undefined : (yield* authStore.read(paths.mainAgentDir)).profiles
  yield* authStore.modify(agentDir, (snapshot) =>
    Effect.gen(function* () {
      for (const id of ids) {
        const profile: AuthCredential | undefined = snapshot.profiles[id] ?? main?.[id]
        if (profile === undefined)
          return yield* new NotFound({
            reason: `Auth profile "${id}" not found in ${paths.shorten(agentDir)}.`
          })
        if (normalizeProviderId(profile.provider) !== provider)
          return yield* new UsageError({
            reason: `Auth profile "${id}" is for ${profile.provider}, not ${provider}.`
          })
      }
      return [setStoredOrder(snapshot.raw, provider, ids), undefined] as const
    })
  )
  yield* header(agentId, provider)
  yield* Console.log(`Order override: ${ids.join(", ")}`)
  return ids
})

export const runOrderClear = Effect.fn("models.auth.order.clear")(function* (flags: OrderTarget) {
  const { provider, agentId, agentDir } = yield* target(flags)
  const authStore = yield* AuthStore
  const existing = yield* authStore.read(agentDir)
  // Clearing what is not there writes nothing (and creates no file).
  if (existing.order[provider] !== undefined || existing.raw.order !== undefined) {
    yield* authStore.modify(agentDir, (snapshot) =>
      Effect.succeed([setStoredOrder(snapshot.raw, provider, undefined), undefined] as const)
    )
  }
  yield* header(agentId, provider)
  yield* Console.log("Cleared per-agent order override.")
})

const provider = providerOption("Provider id (e.g. anthropic)")
const agent = Options.text("agent").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription("Agent id (default: the configured default agent)")
)
const optionalAgent = (value: Option.Option<string>) => Option.getOrUndefined(value)

const get = Command.make("get", { provider, agent, json }, (flags) =>
  runOrderGet({ provider: flags.provider, agent: optionalAgent(flags.agent), json: flags.json })
).pipe(Command.withDescription("Show the per-agent auth order override for a provider"))

const profileIds = Args.text({ name: "profileIds" }).pipe(
  Args.repeated,
  Args.withDescription("Profile ids in the order to try them")
)
const set = Command.make("set", { provider, agent, profileIds }, (flags) =>
  runOrderSet({ provider: flags.provider, agent: optionalAgent(flags.agent), profileIds: flags.profileIds })
).pipe(Command.withDescription("Set the per-agent auth order override (profile ids, first tried first)"))

const clear = Command.make("clear", { provider, agent }, (flags) =>
  runOrderClear({ provider: flags.provider, agent: optionalAgent(flags.agent) })
).pipe(Command.withDescription("Remove the per-agent auth order override"))

export const order = Command.make("order").pipe(
  Command.withDescription("Per-agent auth profile order (which profile is tried first)"),
  Command.withSubcommands([get, set, clear])
)
