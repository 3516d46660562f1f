/**
 * models auth setup-token [--provider anthropic] [--yes]      (spec §3.12, seed era)
 *
 * Runs `claude setup-token` in this terminal, then imports Claude Code's login (macOS Keychain item
 * `Claude Code-credentials`, else `~/.claude/.credentials.json`) as the profile `anthropic:claude-cli`.
 */
import * as path from "node:path"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import {
  CLAUDE_CLI_PROFILE_ID,
  CLAUDE_CREDENTIALS_FILE,
  CLAUDE_KEYCHAIN_SERVICE,
  type ClaudeCliCredential,
  claudeCliCredential,
  parseClaudeCredentials,
  shouldSyncClaudeCli
} from "../../../domain/claudeCli.js"
import { NotFound, UsageError } from "../../../domain/errors.js"
import { requireProvider } from "../../../programs/auth.js"
import { AuthStore } from "../../../services/AuthStore.js"
import { ConfigStore } from "../../../services/ConfigStore.js"
import { Environment } from "../../../services/Environment.js"
import { Keychain } from "../../../services/Keychain.js"
import { Paths } from "../../../services/Paths.js"
import { ProcessRunner } from "../../../services/ProcessRunner.js"
import { recordProfile, runPrompt, storeProfile } from "./shared.js"

export interface SetupTokenFlags {
  readonly provider: string
  readonly yes: boolean
}

/** Claude Code's login: the macOS Keychain first (5 s), then the credentials file. */
export const readClaudeCliCredentials = Effect.gen(function* () {
  const keychain = yield* Keychain
  if ((yield* keychain.backend) === "macos") {
    const fromKeychain = yield* keychain.get({ service: CLAUDE_KEYCHAIN_SERVICE }, "macos").pipe(
      Effect.timeout("5 seconds"),
      Effect.option,
      Effect.map((found) => Option.flatMap(Option.flatten(found), parseClaudeCredentials))
    )
    if (Option.isSome(fromKeychain)) return fromKeychain
  }
  const fs = yield* FileSystem.FileSystem
  const file = path.join((yield* Paths).home, ...CLAUDE_CREDENTIALS_FILE)
  return yield* fs.readFileString(file).pipe(
    Effect.map(parseClaudeCredentials),
    Effect.orElseSucceed((): Option.Option<ClaudeCliCredential> => Option.none())
  )
})

export const runSetupToken = Effect.fn("models.auth.setupToken")(function* (flags: SetupTokenFlags) {
  const provider = yield* requireProvider(flags.provider)
  if (provider !== "anthropic")
    return yield* new UsageError({
      reason: "Only --provider anthropic is supported for setup-token (uses `claude setup-token`)."
    })
  const env = yield* Environment
  if (!env.isTTY.stdin || !env.isTTY.stdout)
    return yield* new UsageError({
      reason:
        "setup-token requires an interactive TTY. In a script, pipe a token to `clawdbot models auth paste-token --provider anthropic` instead."
    })
  // An invalid config fails now, before `claude` runs.
  const { config } = yield* (yield* ConfigStore).read
  if (!flags.yes) {
    const go = yield* runPrompt(Prompt.confirm({ message: "Run `claude setup-token` now?", initial: true }))
    if (!go) return undefined
  }
  const result = yield* (yield* ProcessRunner).run("claude", ["setup-token"], { stdio: "inherit" }).pipe(
    Effect.catchTag("SpawnFailed", (error) =>
      Effect.fail(
        new UsageError({
          reason: error.notFound
            ? "`claude` was not found on PATH. Install the Claude Code CLI (npm install -g @anthropic-ai/claude-code), or paste a token you already have with `clawdbot models auth paste-token --provider anthropic`."
            : `Could not run \`claude setup-token\`: ${error.reason}`
        })
      )
    )
  )
  if (result.exitCode !== 0)
    return yield* new UsageError({ reason: `claude setup-token failed (exit ${result.exitCode})` })

  const agentDir = (yield* Paths).mainAgentDir
  const existing = (yield* (yield* AuthStore).read(agentDir)).profiles[CLAUDE_CLI_PROFILE_ID]
  const cli = yield* readClaudeCliCredentials
  if (Option.isSome(cli) && shouldSyncClaudeCli(existing, cli.value, env.now())) {
    yield* storeProfile(
      { agentDir, profileId: CLAUDE_CLI_PROFILE_ID, credential: claudeCliCredential(cli.value) },
      config
    )
  } else if (existing === undefined) {
    return yield* new NotFound({
      reason: `No Claude Code CLI credentials found after setup-token. Expected auth profile ${CLAUDE_CLI_PROFILE_ID}.`
    })
  }
  // The config records oauth even for token credentials (spec §3.12 step 6).
  yield* recordProfile({ profileId: CLAUDE_CLI_PROFILE_ID, provider: "anthropic", mode: "oauth" })
  return CLAUDE_CLI_PROFILE_ID
})

const provider = Options.text("provider").pipe(
  Options.withPseudoName("id"),
  Options.withDefault("anthropic"),
  Options.withDescription("Provider id (only anthropic)")
)
const yes = Options.boolean("yes").pipe(Options.withDescription("Skip the confirmation"))

export const setupToken = Command.make("setup-token", { provider, yes }, runSetupToken).pipe(
  Command.withDescription(
    "Import a Claude Code login as anthropic:claude-cli. Runs `claude setup-token` (Claude Code CLI) in this terminal."
  )
)
