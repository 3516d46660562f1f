/** The explain program (issue 12 item 4): how a model reference resolves for an agent, step by step, as data. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { InvalidModelRef } from "../domain/errors.js"
import { type Explanation, explainModel } from "../domain/explain.js"
import { activeImplicitProviders, withImplicitProviders } from "../domain/implicitProviders.js"
import { modelRefWriteProblem } from "../domain/modelRef.js"
import { excerpt } from "../domain/terminal.js"
import { Catalog } from "../services/Catalog.js"
import { Environment } from "../services/Environment.js"
import type { AgentOption } from "./agent.js"
import { statusContext } from "./status.js"

export type { Explanation }

export interface ExplainRequest extends AgentOption {
  /** A model reference or alias; absent: the agent's default model. */
  readonly model?: string | undefined
}

/**
 * Explains `model` (or the agent's default): its alias, normalisation, key, catalog entry (bundled, refreshed,
 * custom, implicit or Ollama), allowlist, roles, the credential a run would use and the fallbacks after it. Reads
 * the config, the agent's auth store, the env and the catalog (Ollama is asked only when configured); writes
 * nothing. A text that is no model reference, or one `set` would refuse, fails with InvalidModelRef naming it.
 */
export const explain = Effect.fn("models.explain")(function* (request: ExplainRequest = {}) {
  const context = yield* statusContext(request)
  const implicitProviders = activeImplicitProviders(context.store, context.env)
  const catalog = yield* (yield* Catalog).models(
    withImplicitProviders(context.config, context.store, context.env)
  )
  const explanation = explainModel({
    config: context.config,
    agentId: context.agentId,
    input: request.model,
    catalog,
    implicitProviders,
    store: context.store,
    env: context.env,
    now: (yield* Environment).now()
  })
  return yield* Either.match(explanation, {
    onLeft: (raw) =>
      Effect.fail(
        new InvalidModelRef({
          raw,
          reason: `Invalid model reference "${raw.trim() === "" ? "(empty)" : excerpt(raw, 80)}": use provider/model (e.g. anthropic/claude-opus-4-5) or an alias (\`clawdbot models aliases list\`).`
        })
      ),
    onRight: (result) => {
      // What `set` would refuse (whitespace, controls, 257+ characters) is refused here too, with the same words.
      const problem = request.model === undefined ? undefined : modelRefWriteProblem(result.key)
      return problem === undefined
        ? Effect.succeed<Explanation>(result)
        : Effect.fail(new InvalidModelRef({ raw: request.model ?? "", reason: problem }))
    }
  })
})
