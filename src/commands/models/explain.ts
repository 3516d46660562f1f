/**
 * models explain [<model-or-alias>] [--agent <id>] [--json]   (issue 12 item 4)
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { renderExplainJson, renderExplainText } from "../../domain/render/explain.js"
import { explain as explainProgram } from "../../programs/explain.js"
import { agentIdOf, agentOption, json } from "./shared.js"

const model = Args.text({ name: "model-or-alias" }).pipe(
  Args.withDescription("provider/model or an alias (default: the agent's default model)"),
  Args.optional
)

export const explain = Command.make("explain", { model, agent: agentOption, json }, (flags) =>
  Effect.gen(function* () {
    const explanation = yield* explainProgram({
      ...agentIdOf(flags.agent),
      ...Option.match(flags.model, { onNone: () => ({}), onSome: (model) => ({ model }) })
    })
    yield* Console.log(flags.json ? renderExplainJson(explanation) : renderExplainText(explanation))
  })
).pipe(
  Command.withDescription(
    "Explain how a model reference resolves: alias, normalisation, catalog entry, allowlist, roles, the credential a run would use and the fallbacks after it"
  )
)
