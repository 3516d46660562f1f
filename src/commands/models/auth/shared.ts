import * as Args from "@effect/cli/Args"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { agentDirOf } from "../../../domain/agents.js"
import type { ProfileMeta } from "../../../domain/authEdit.js"
import type { ClawdbotConfig } from "../../../domain/config.js"
import type { JsonObject } from "../../../domain/configEdit.js"
import { Cancelled, UsageError } from "../../../domain/errors.js"
import { compactSecret, secretProblem } from "../../../domain/httpHeader.js"
import { LOGIN_WAIT_DEFAULT_MS, loginWaitProblem, parseLoginWait } from "../../../domain/oauthLogin.js"
import { sanitizeText } from "../../../domain/terminal.js"
import { recordProfileMeta, type StoreProfile, storeCredential } from "../../../programs/auth.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import type { KeychainBackend } from "../../../services/Keychain.js"
import { Paths } from "../../../services/Paths.js"
import { Stdin } from "../../../services/Stdin.js"
import { printUpdated } from "../shared.js"

export const providerOption = (description: string) =>
  Options.text("provider").pipe(Options.withPseudoName("id"), Options.withDescription(description))

/** `--provider <id>` where it narrows a selection and may be left out. */
export const optionalProviderOption = (description: string) =>
  Options.text("provider").pipe(
    Options.withPseudoName("id"),
    Options.optional,
    Options.withDescription(description)
  )

/** `<profileId>...`: zero or more profile ids (the program says what an empty list means). */
export const profileIdsArg = (description: string) =>
  Args.text({ name: "profileId" }).pipe(Args.repeated, Args.withDescription(description))

/** `--timeout <duration>` of the browser logins, checked while parsing flags (before anything is asked). */
export const loginTimeoutOption = Options.text("timeout").pipe(
  Options.withPseudoName("duration"),
  Options.mapEffect((raw) =>
    Either.match(parseLoginWait(raw), {
      onLeft: (message) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--timeout: ${message}`))),
      onRight: Effect.succeed
    })
  ),
  Options.optional,
  Options.withDescription(
    "How long to wait for the sign-in in the browser (or a pasted URL) before giving up (default 5m; e.g. 90s, 10m)"
  )
)

/** The login wait in ms: the default, or a library caller's value once checked. */
export const loginWaitMs = (timeoutMs: number | undefined) => {
  if (timeoutMs === undefined) return Effect.succeed(LOGIN_WAIT_DEFAULT_MS)
  const problem = loginWaitProblem(timeoutMs)
  return problem === undefined
    ? Effect.succeed(timeoutMs)
    : Effect.fail(new UsageError({ reason: `Invalid timeout ${timeoutMs} ms: ${problem}.` }))
}

/**
 * Why a typed or piped secret cannot be stored (after `compactSecret`), else undefined. Whitespace, CR and LF
 * are layout and already gone; any other control character, or anything beyond printable ASCII, would make
 * every request with it fail, so it is refused before anything is written.
 */
const unusableSecret = (compacted: string, what: string): string | undefined => {
  const problem = secretProblem(compacted)
  return problem === undefined ? undefined : `This ${what} cannot be used: ${problem}. Nothing was written.`
}

/** A hidden prompt's check for a secret: required, and sendable in an HTTP header. */
export const validateSecretInput = (what: string) => (value: string) => {
  const compacted = compactSecret(value)
  const problem = compacted === "" ? "Required" : unusableSecret(compacted, what)
  return problem === undefined ? Effect.succeed(value) : Effect.fail(problem)
}

/** A prompt's Ctrl-C / Ctrl-D becomes `Cancelled` (nothing written) instead of a crash. */
export const runPrompt = <A>(prompt: Prompt.Prompt<A>) =>
  Prompt.run(prompt).pipe(Effect.catchTag("QuitException", () => Effect.fail(new Cancelled())))

/**
 * A secret from the user: a hidden prompt on a terminal, else all of stdin (so it never needs argv).
 * Whitespace is removed either way; an empty result is refused.
 */
export const readSecret = (message: string, what: string) =>
  Effect.gen(function* () {
    const env = yield* Environment
    if (env.isTTY.stdin) {
      const secret = yield* runPrompt(Prompt.hidden({ message, validate: validateSecretInput(what) }))
      return Redacted.make(compactSecret(Redacted.value(secret)))
    }
    const text = compactSecret(yield* (yield* Stdin).readAll)
    if (text === "")
      return yield* new UsageError({
        reason: `No ${what} on stdin. Pipe it in (e.g. \`pbpaste | clawdbot models auth paste-token ...\`) or run in a terminal to be prompted.`
      })
    const problem = unusableSecret(text, `${what} on stdin`)
    if (problem !== undefined) return yield* new UsageError({ reason: problem })
    return Redacted.make(text)
  })

/** Per-agent dir (spec §1.3): `agents.list[].agentDir` (with `~`), else `<state>/agents/<id>/agent`. */
export const agentDirFor = (config: ClawdbotConfig, agentId: string) =>
  Effect.map(Paths, (paths) => agentDirOf(config, agentId, paths))

const BACKEND_LABEL: Record<KeychainBackend, string> = {
  macos: "the macOS Keychain",
  "secret-service": "the Secret Service keyring",
  file: "keychain.json (0600; no OS keychain reachable)"
}

/** `Secret stored in <keychain>` when the secret went to a keychain. */
export const printKeychain = (backend: KeychainBackend | undefined) =>
  backend === undefined ? Effect.void : Console.log(`Secret stored in ${BACKEND_LABEL[backend]}`)

/** `storeCredential`, printing `Secret stored in <keychain>` when the secret went to a keychain. */
export const storeProfile = (input: StoreProfile, config: ClawdbotConfig) =>
  Effect.flatMap(storeCredential(input, config), ({ keychain }) => printKeychain(keychain))

/** `Updated <config>` and `Auth profile: <id> (<provider>/<mode>)` after a profile was recorded. */
export const printProfileRecorded = (input: { readonly profileId: string } & ProfileMeta) =>
  Effect.gen(function* () {
    yield* printUpdated((yield* ConfigStore).path)
    yield* Console.log(sanitizeText(`Auth profile: ${input.profileId} (${input.provider}/${input.mode})`))
  })

/** `auth.profiles[id]` metadata for a stored credential: its provider, type and (if known) email. */
export const profileMetaOf = (
  input: Pick<StoreProfile, "profileId" | "credential">
): { readonly profileId: string } & ProfileMeta => {
  const { credential, profileId } = input
  const email = typeof credential.email === "string" ? credential.email : undefined
  return { profileId, provider: credential.provider, mode: credential.type, email }
}

/** `recordProfileMeta`, then `Updated <config>` and `Auth profile: <id> (<provider>/<mode>)`. */
export const recordProfile = (
  input: { readonly profileId: string } & ProfileMeta,
  also?: (doc: JsonObject) => JsonObject
) => Effect.zipRight(recordProfileMeta(input, also), printProfileRecorded(input))

/**
 * Stores a profile, then records it in the config. The config is read first, so an invalid config fails
 * before anything is written. Prints `Updated <config>` and `Auth profile: <id> (<provider>/<mode>)`.
 */
export const saveProfile = (input: StoreProfile) =>
  Effect.gen(function* () {
    const { config } = yield* (yield* ConfigStore).read
    yield* storeProfile(input, config)
    yield* recordProfile(profileMetaOf(input))
  })
