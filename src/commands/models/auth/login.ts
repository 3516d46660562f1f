/**
 * models auth login [--provider <id>] [--method <id>] [--set-default] [--timeout <duration>]      (spec §3.11)
 *
 * Providers and their methods come from src/domain/authProviders.ts: API keys (hidden prompt), OAuth with PKCE
 * (loopback redirect on 127.0.0.1, or a pasted redirect), device code. The profile goes to the configured
 * default agent's store; one config write records it (and, with --set-default, the provider's model).
 * The browser step (redirect, paste or device approval) is given `--timeout` (default 5 minutes), then the login
 * fails and nothing is written. Not an environment variable: a `.env` in a cloned repository must not steer it.
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { agentChoiceWarnings, defaultAgentId } from "../../../domain/agents.js"
import {
  type AuthMethod,
  findMethod,
  findProvider,
  PROVIDERS,
  type ProviderAuth
} from "../../../domain/authProviders.js"
import { ensureAllowlisted, setPrimary } from "../../../domain/configEdit.js"
import { UsageError } from "../../../domain/errors.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import { Reporter } from "../../../services/Reporter.js"
import { withChoices } from "../../spec.js"
import { apiKeyLogin } from "./methods/apiKey.js"
import { deviceCodeLogin } from "./methods/deviceCode.js"
import { oauthPkceLogin } from "./methods/oauthPkce.js"
import type { LoginResult } from "./methods/types.js"
import {
  agentDirFor,
  loginTimeoutOption,
  loginWaitMs,
  profileMetaOf,
  recordProfile,
  runPrompt,
  storeProfile
} from "./shared.js"

export interface LoginFlags {
  readonly provider?: string | undefined
  readonly method?: string | undefined
  readonly setDefault: boolean
  /** How long to wait for the browser step, in ms (1 s to 24 h; default 5 minutes). */
  readonly timeoutMs?: number | undefined
}

const usage = (reason: string) => new UsageError({ reason })

const chooseProvider = (raw: string | undefined) =>
  raw !== undefined && raw.trim() !== ""
    ? Either.match(findProvider(raw), { onLeft: (r) => Effect.fail(usage(r)), onRight: Effect.succeed })
    : runPrompt(
        Prompt.select({
          message: "Select a provider",
          choices: PROVIDERS.map((p) => ({
            title: p.label,
            value: p,
            ...(p.docsPath ? { description: `Docs: ${p.docsPath}` } : {})
          }))
        })
      )

const chooseMethod = (provider: ProviderAuth, raw: string | undefined) => {
  if (raw !== undefined && raw.trim() !== "")
    return Either.match(findMethod(provider, raw), {
      onLeft: (r) => Effect.fail(usage(r)),
      onRight: Effect.succeed
    })
  const [only, ...others] = provider.methods
  if (only !== undefined && others.length === 0) return Effect.succeed(only)
  return runPrompt(
    Prompt.select({
      message: `Auth method for ${provider.label}`,
      choices: provider.methods.map((m) => ({
        title: m.label,
        value: m,
        ...(m.hint ? { description: m.hint } : {})
      }))
    })
  )
}

const runMethod = (provider: ProviderAuth, method: AuthMethod, waitMs: number) => {
  switch (method.kind) {
    case "api_key":
      return apiKeyLogin(provider, method)
    case "oauth":
      return oauthPkceLogin(provider, method, waitMs)
    case "device_code":
      return deviceCodeLogin(provider, method, waitMs)
  }
}

export const runLogin = Effect.fn("models.auth.login")(function* (flags: LoginFlags) {
  // Flags are checked first, so a typo gets the list of valid ids even in a script.
  const given =
    flags.provider !== undefined && flags.provider.trim() !== ""
      ? yield* chooseProvider(flags.provider)
      : undefined
  if (given !== undefined && flags.method !== undefined) yield* chooseMethod(given, flags.method)
  const waitMs = yield* loginWaitMs(flags.timeoutMs)
  const env = yield* Environment
  if (!env.isTTY.stdin || !env.isTTY.stdout)
    return yield* usage(
      "models auth login requires an interactive TTY. In a script, pipe a token to `clawdbot models auth paste-token --provider <id>`."
    )
  const { config } = yield* (yield* ConfigStore).read
  const reporter = yield* Reporter
  for (const warning of agentChoiceWarnings(config)) yield* reporter.warn(warning)
  const agentDir = yield* agentDirFor(config, defaultAgentId(config))

  const provider = given ?? (yield* chooseProvider(undefined))
  const method = yield* chooseMethod(provider, flags.method)
  const result: LoginResult = yield* runMethod(provider, method, waitMs)

  yield* storeProfile({ agentDir, ...result }, config)
  const model = provider.defaultModel
  yield* recordProfile(
    profileMetaOf(result),
    flags.setDefault ? (doc) => ensureAllowlisted(setPrimary(doc, "model", model), model) : undefined
  )
  yield* Console.log(
    flags.setDefault
      ? `Default model set to ${model}`
      : `Default model available: ${model} (use --set-default to apply)`
  )
  return result.profileId
})

const provider = Options.text("provider").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription(`Provider id (${PROVIDERS.map((p) => p.id).join(", ")}); prompted when omitted`),
  withChoices(PROVIDERS.map((p) => p.id))
)
const method = Options.text("method").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription(
    "Auth method id (e.g. api-key, oauth, device); prompted when a provider has several"
  )
)
const setDefault = Options.boolean("set-default").pipe(
  Options.withDescription("Make the provider's recommended model the default")
)

export const login = Command.make(
  "login",
  { provider, method, setDefault, timeout: loginTimeoutOption },
  (flags) =>
    runLogin({
      provider: Option.getOrUndefined(flags.provider),
      method: Option.getOrUndefined(flags.method),
      setDefault: flags.setDefault,
      timeoutMs: Option.getOrUndefined(flags.timeout)
    })
).pipe(
  Command.withDescription(
    "Log in to a provider and store the auth profile. Uses an API key, browser OAuth or a device code."
  )
)
