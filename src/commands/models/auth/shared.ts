/** Options and steps shared by the `models auth` verbs: provider flag, secret input, saving a profile. */
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import {
  recordProfileInConfig,
  type StoredCredential,
  upsertStoredProfile
} from "../../../domain/authEdit.js"
import type { CredentialType } from "../../../domain/authProfiles.js"
import { agentEntry, type ClawdbotConfig } from "../../../domain/config.js"
import { Cancelled, UsageError } from "../../../domain/errors.js"
import { normalizeProviderId } from "../../../domain/modelRef.js"
import { resolveUserPath } from "../../../domain/paths.js"
import { AuthStore } from "../../../services/AuthStore.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import { Paths } from "../../../services/Paths.js"
import { Stdin } from "../../../services/Stdin.js"
import { printUpdated } from "../shared.js"

export const providerOption = (description: string) =>
  Options.text("provider").pipe(Options.withDescription(description))

/** `--provider` value: blank -> `Missing --provider.` (spec §3.13, §3.14); else normalised. */
export const requireProvider = (raw: string) => {
  const provider = normalizeProviderId(raw)
  return provider === ""
    ? Effect.fail(new UsageError({ reason: "Missing --provider." }))
    : Effect.succeed(provider)
}

/** Removes every whitespace character: pasted tokens arrive wrapped, indented or with CRLF line ends. */
export const compactSecret = (raw: string): string => raw.replace(/\s+/g, "")

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
      const secret = yield* runPrompt(
        Prompt.hidden({
          message,
          validate: (value) => (compactSecret(value) === "" ? Effect.fail("Required") : Effect.succeed(value))
        })
      )
      return Redacted.make(compactSecret(Redacted.value(secret)))
    }
    const text = compactSecret(yield* (yield* Stdin).readAll)
    if (text === "")
      return yield* new UsageError({
        reason: `No ${what} on stdin. Pipe it in (e.g. \`pbpaste | clawdbot models auth paste-token ...\`) or run in a terminal to be prompted.`
      })
    return Redacted.make(text)
  })

/** Per-agent dir (spec §1.3): `agents.list[].agentDir` (with `~`), else `<state>/agents/<id>/agent`. */
export const agentDirFor = (config: ClawdbotConfig, agentId: string) =>
  Effect.map(Paths, (paths) =>
    Option.match(
      Option.flatMap(agentEntry(config, agentId), (entry) =>
        Option.fromNullable(entry.agentDir?.trim() || undefined)
      ),
      {
        onNone: () => paths.agentDirOf(agentId),
        onSome: (dir) => resolveUserPath(dir, paths.home)
      }
    )
  )

export interface SaveProfile {
  readonly agentDir: string
  readonly profileId: string
  readonly credential: StoredCredential
  /** The mode recorded in the config when it differs from the credential type (setup-token: always oauth). */
  readonly configMode?: CredentialType
}

/**
 * Stores a profile: the store (locked, atomic, 0600) first, then one config write with the metadata and the
 * order rule (§3.13). The config is read first so an invalid config fails before anything is written.
 * Prints `Updated <config>` and `Auth profile: <id> (<provider>/<mode>)`.
 */
export const saveProfile = (input: SaveProfile) =>
  Effect.gen(function* () {
    const configStore = yield* ConfigStore
    yield* configStore.read
    const authStore = yield* AuthStore
    const { credential, profileId } = input
    yield* authStore.modify(input.agentDir, (snapshot) =>
      Effect.succeed([upsertStoredProfile(snapshot.raw, profileId, credential), undefined] as const)
    )
    const mode = input.configMode ?? credential.type
    const email = typeof credential.email === "string" ? credential.email : undefined
    yield* configStore.modify((snapshot) =>
      Effect.succeed([
        recordProfileInConfig(snapshot.raw, profileId, { provider: credential.provider, mode, email }),
        undefined
      ] as const)
    )
    yield* printUpdated(configStore.path)
    yield* Console.log(`Auth profile: ${profileId} (${credential.provider}/${mode})`)
  })
