/**
 * models auth paste-token --provider <name> [--profile-id <id>] [--expires-in <duration>]   (spec §3.13)
 *
 * The token comes from stdin when stdin is not a terminal, else from a hidden prompt — never from argv.
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { DURATION_HINT, parseDuration } from "../../../domain/duration.js"
import * as AuthPrograms from "../../../programs/auth.js"
import { printKeychain, printProfileRecorded, providerOption, readSecret } from "./shared.js"

export interface PasteTokenFlags {
  readonly provider: string
  readonly profileId?: string | undefined
  /** Already validated duration in ms (see `parseDuration`). */
  readonly expiresInMs?: number | undefined
}

/**
 * Reads the token (stdin or a hidden prompt), stores it through `pasteToken` and prints what was stored; returns
 * the profile id. Flags are checked before the token is read.
 */
export const runPasteToken = Effect.fn("models.auth.pasteToken.cli")(function* (flags: PasteTokenFlags) {
  const { provider, profileId } = yield* AuthPrograms.pasteTokenTarget(flags)
  const token = yield* readSecret(`Paste token for ${provider}`, "token")
  const stored = yield* AuthPrograms.pasteToken({
    provider,
    token,
    profileId,
    expiresInMs: flags.expiresInMs
  })
  yield* printKeychain(stored.keychain)
  yield* printProfileRecorded(stored)
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
