/** The model chain program: which models an agent uses, in order, each resolved through the aliases. */
import * as Effect from "effect/Effect"
import { modelChainOf } from "../domain/agents.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { type AgentOption, agentView } from "./status.js"

/** An agent's primary, fallbacks, image model and image fallbacks, each a ResolvedModelRef (reads the config only). */
export const modelChain = Effect.fn("modelChain")(function* (options?: AgentOption) {
  const { config } = yield* (yield* ConfigStore).read
  const { agentId } = yield* agentView(config, options)
  return modelChainOf(config, agentId)
})
