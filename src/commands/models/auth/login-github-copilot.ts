/**
 * models auth login-github-copilot [--profile-id <id>] [--yes] [--timeout <duration>]      (spec §3.14 note; exists, not in the seed)
 *
 * The GitHub device flow of `auth login --provider github-copilot`, stored as a `token` profile in the main
 * agent's store (default id `github-copilot:github`). `--yes` replaces an existing profile without asking.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { findProvider } from "../../../domain/authProviders.js"
import { UsageError } from "../../../domain/errors.js"
import { AuthStore } from "../../../services/AuthStore.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import { Paths } from "../../../services/Paths.js"
import { deviceCodeLogin } from "./methods/deviceCode.js"
import { loginTimeoutOption, loginWaitMs, runPrompt, saveProfile } from "./shared.js"

export interface LoginGithubCopilotFlags {
  readonly profileId?: string | undefined
  readonly yes: boolean
  /** How long to wait for the approval, in ms (1 s to 24 h; default 5 minutes or the code's own expiry). */
  readonly timeoutMs?: number | undefined
}

export const runLoginGithubCopilot = Effect.fn("models.auth.loginGithubCopilot")(function* (
  flags: LoginGithubCopilotFlags
) {
  const provider = Either.getOrThrow(findProvider("github-copilot"))
  const profileId = flags.profileId?.trim() || provider.defaultProfileId
  if (!profileId.startsWith(`${provider.id}:`))
    return yield* new UsageError({
      reason: `Invalid --profile-id "${profileId}": use ${provider.id}:<name> (e.g. ${provider.defaultProfileId}).`
    })
  const waitMs = yield* loginWaitMs(flags.timeoutMs)
  const env = yield* Environment
  if (!env.isTTY.stdin || !env.isTTY.stdout)
    return yield* new UsageError({ reason: "login-github-copilot requires an interactive TTY." })
  yield* (yield* ConfigStore).read
  const agentDir = (yield* Paths).mainAgentDir
  const existing = (yield* (yield* AuthStore).read(agentDir)).profiles[profileId]
  if (existing !== undefined && !flags.yes) {
    const replace = yield* runPrompt(
      Prompt.confirm({ message: `Auth profile ${profileId} exists. Replace it?`, initial: false })
    )
    if (!replace) return undefined
  }
  const method = provider.methods[0]
  if (method === undefined) return undefined
  const result = yield* deviceCodeLogin(provider, method, waitMs)
  yield* saveProfile({ agentDir, profileId, credential: result.credential })
  return profileId
})

const profileId = Options.text("profile-id").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription("Auth profile id, github-copilot:<name> (default: github-copilot:github)")
)
const yes = Options.boolean("yes").pipe(Options.withDescription("Replace an existing profile without asking"))

export const loginGithubCopilot = Command.make(
  "login-github-copilot",
  { profileId, yes, timeout: loginTimeoutOption },
  (flags) =>
    runLoginGithubCopilot({
      profileId: Option.getOrUndefined(flags.profileId),
      yes: flags.yes,
      timeoutMs: Option.getOrUndefined(flags.timeout)
    })
).pipe(Command.withDescription("Log in to GitHub Copilot with the GitHub device flow"))
