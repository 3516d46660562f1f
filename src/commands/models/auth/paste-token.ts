/**
 * models auth paste-token --provider <name> [--profile-id <id>] [--expires-in <duration>]   (spec §3.13)
 *
 * The token comes from stdin when stdin is not a terminal, else from a hidden prompt — never from argv.
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { formatRemaining } from "../../../domain/authProfiles.js"
import { DURATION_HINT, parseDuration } from "../../../domain/duration.js"
import { sanitizeText } from "../../../domain/terminal.js"
import * as AuthPrograms from "../../../programs/auth.js"
import { Environment } from "../../../services/Environment.js"
import { printKeychain, printProfileRecorded, providerOption, readSecret, runPrompt } from "./shared.js"

export interface PasteTokenFlags {
  readonly provider: string
  readonly profileId?: string | undefined
  /** Already validated duration in ms (see `parseDuration`). */
  readonly expiresInMs?: number | undefined
}

/** `token, expires in 3h` / `token, expired` / `api_key, no expiry`: what a replaced profile was. */
const describeReplaced = (replaced: AuthPrograms.ReplacedProfile, now: number) => {
  const expiry =
    replaced.expires === undefined
      ? "no expiry"
      : replaced.expires <= now
        ? "expired"
        : `expires in ${formatRemaining(replaced.expires - now)}`
  return `${replaced.mode}, ${expiry}`
}

/**
 * On a terminal, whether the user agrees to replace the profile this paste would overwrite (Ctrl-C cancels);
 * true when there is none, or without a terminal (scripts keep working; the replacement is printed).
 */
const replaceConfirmed = (flags: PasteTokenFlags, profileId: string) =>
  Effect.gen(function* () {
    const env = yield* Environment
    if (!env.isTTY.stdin) return true
    const replaced = yield* AuthPrograms.pasteTokenWouldReplace({ ...flags, profileId })
    if (replaced === undefined) return true
    return yield* runPrompt(
      Prompt.confirm({
        message: sanitizeText(
          `Auth profile ${profileId} exists (${describeReplaced(replaced, env.now())}). Replace its token and expiry?`
        ),
        initial: false
      })
    )
  })

/**
 * Reads the token (stdin or a hidden prompt), stores it through `pasteToken` and prints what was stored; returns
 * the profile id (undefined when the user declined to replace an existing profile). Flags are checked before
 * the token is read; on a terminal, replacing an existing profile is confirmed first.
 */
export const runPasteToken = Effect.fn("models.auth.pasteToken.cli")(function* (flags: PasteTokenFlags) {
  const { provider, profileId } = yield* AuthPrograms.pasteTokenTarget(flags)
  if (!(yield* replaceConfirmed(flags, profileId))) {
    yield* Console.log("Nothing written.")
    return undefined
  }
  const token = yield* readSecret(`Paste token for ${provider}`, "token")
  const stored = yield* AuthPrograms.pasteToken({
    provider,
    token,
    profileId,
    expiresInMs: flags.expiresInMs
  })
  yield* printKeychain(stored.keychain)
  yield* printProfileRecorded(stored)
  if (stored.replaced !== undefined) {
    const was = describeReplaced(stored.replaced, (yield* Environment).now())
    yield* Console.log(sanitizeText(`Replaced the token and expiry of ${stored.profileId} (was ${was})`))
  }
  return stored.profileId
})

const provider = providerOption("Provider id (e.g. anthropic)")
const profileId = Options.text("profile-id").pipe(
  Options.withPseudoName("id"),
  Options.optional,
  Options.withDescription("Auth profile id, <provider>:<name> (default: <provider>:manual)")
)
/** Checked while parsing flags, so a bad value fails before the token is read or anything is written. */
const expiresIn = Options.text("expires-in").pipe(
  Options.withPseudoName("duration"),
  Options.mapEffect((raw) =>
    Either.match(parseDuration(raw), {
      onLeft: (message) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--expires-in: ${message}`))),
      onRight: Effect.succeed
    })
  ),
  Options.optional,
  Options.withDescription(`Token lifetime (${DURATION_HINT})`)
)

export const pasteToken = Command.make("paste-token", { provider, profileId, expiresIn }, (flags) =>
  runPasteToken({
    provider: flags.provider,
    profileId: Option.getOrUndefined(flags.profileId),
    expiresInMs: Option.getOrUndefined(flags.expiresIn)
  })
).pipe(
  Command.withDescription(
    "Store a token you already have as an auth profile. Reads it from stdin when piped, else at a hidden prompt."
  )
)
