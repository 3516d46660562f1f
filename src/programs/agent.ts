/** Which agent a program acts on: the option every per-agent program takes, and the one check of it. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { lookupAgentId } from "../domain/agents.js"
import type { ClawdbotConfig } from "../domain/config.js"
import { NotFound } from "../domain/errors.js"

/** Which agent a call acts on. */
export interface AgentOption {
  /** An id from `agents.list` (or `main`); default: the configured default agent (spec §1.3). */
  readonly agentId?: string | undefined
}

/** The agent id to act on (the default agent when none is requested), or `NotFound` naming the ids that exist. */
export const requireAgentId = (config: ClawdbotConfig, requested: string | undefined) =>
  Either.match(lookupAgentId(config, requested), {
    onLeft: (reason) => Effect.fail(new NotFound({ reason })),
    onRight: (agentId) => Effect.succeed(agentId)
  })
