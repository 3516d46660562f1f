/**
 * models auth add      (spec §3.10)
 *
 * Interactive: provider (anthropic or a custom id) -> method (anthropic: `claude setup-token` or paste) ->
 * profile id -> expiry -> the token (hidden). Ctrl-C at any prompt cancels and writes nothing.
 */
import * as Command from "@effect/cli/Command"
import * as Prompt from "@effect/cli/Prompt"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { parseDuration } from "../../../domain/duration.js"
import { UsageError } from "../../../domain/errors.js"
import { normalizeProviderId } from "../../../domain/modelRef.js"
import { PROVIDER_ID_RULE, validateProfileId, validateProviderId } from "../../../domain/profileId.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import { runPasteToken } from "./paste-token.js"
import { runSetupToken } from "./setup-token.js"
import { runPrompt } from "./shared.js"

const CUSTOM = "custom"

export const runAdd = Effect.fn("models.auth.add")(function* () {
  const env = yield* Environment
  if (!env.isTTY.stdin || !env.isTTY.stdout)
    return yield* new UsageError({
      reason:
        "models auth add requires an interactive TTY. In a script, pipe a token to `clawdbot models auth paste-token --provider <id>`."
    })
  // An invalid config fails before any question is asked.
  yield* (yield* ConfigStore).read

  const choice = yield* runPrompt(
    Prompt.select({
      message: "Token provider",
      choices: [
        { title: "anthropic", value: "anthropic" },
        { title: "custom (type provider id)", value: CUSTOM }
      ]
    })
  )
  const provider =
    choice === CUSTOM
      ? normalizeProviderId(
          yield* runPrompt(
            Prompt.text({
              message: "Provider id",
              validate: (value) =>
                normalizeProviderId(value) === ""
                  ? Effect.fail("Required")
                  : Either.match(validateProviderId(value), {
                      onLeft: () => Effect.fail(`Use ${PROVIDER_ID_RULE}`),
                      onRight: () => Effect.succeed(value)
                    })
            })
          )
        )
      : choice

  const method =
    provider === "anthropic"
      ? yield* runPrompt(
          Prompt.select({
            message: "Token method",
            choices: [
              { title: "setup-token (claude)", value: "setup-token" as const, description: "recommended" },
              { title: "paste token", value: "paste" as const }
            ]
          })
        )
      : ("paste" as const)
  if (method === "setup-token") return yield* runSetupToken({ provider, yes: true })

  const profileId = yield* runPrompt(
    Prompt.text({
      message: "Profile id",
      default: `${provider}:manual`,
      validate: (value) =>
        Either.match(validateProfileId(value, provider), { onLeft: Effect.fail, onRight: Effect.succeed })
    })
  )
  const expires = yield* runPrompt(Prompt.confirm({ message: "Does this token expire?", initial: false }))
  const expiresInMs = expires
    ? Either.getOrThrow(
        parseDuration(
          yield* runPrompt(
            Prompt.text({
              message: "Expires in (duration)",
              default: "365d",
              validate: (value) =>
                Either.isRight(parseDuration(value))
                  ? Effect.succeed(value)
                  : Effect.fail("Invalid duration (e.g. 365d, 12h, 30m)")
            })
          )
        )
      )
    : undefined
  return yield* runPasteToken({ provider, profileId: profileId.trim(), expiresInMs })
})

export const add = Command.make("add", {}, () => runAdd()).pipe(
  Command.withDescription(
    "Add an auth profile interactively. Asks for the provider, method, profile id, expiry and token."
  )
)
