/**
 * Claude Code CLI credentials (spec §3.12 step 4): parsing what `claude` keeps and deciding whether to sync it
 * into the `anthropic:claude-cli` profile. Pure.
 */
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { StoredCredential } from "./authEdit.js"
import type { AuthCredential } from "./authProfiles.js"

export const CLAUDE_CLI_PROFILE_ID = "anthropic:claude-cli"
/** macOS Keychain item Claude Code writes its login to. */
export const CLAUDE_KEYCHAIN_SERVICE = "Claude Code-credentials"
/** Linux/others: `~/.claude/.credentials.json`. */
export const CLAUDE_CREDENTIALS_FILE = [".claude", ".credentials.json"] as const

export interface ClaudeCliCredential {
  readonly access: string
  readonly refresh?: string | undefined
  /** Epoch ms. */
  readonly expires: number
}

const NEAR_EXPIRY_MS = 10 * 60 * 1000

/** `{"claudeAiOauth":{"accessToken","refreshToken"?,"expiresAt"}}`; anything else is `None`. */
export const parseClaudeCredentials = (text: string): Option.Option<ClaudeCliCredential> => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return Option.none()
  }
  const oauth = (doc as { claudeAiOauth?: unknown } | null)?.claudeAiOauth
  if (typeof oauth !== "object" || oauth === null) return Option.none()
  const { accessToken, refreshToken, expiresAt } = oauth as Record<string, unknown>
  if (typeof accessToken !== "string" || accessToken.trim() === "") return Option.none()
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt) || expiresAt <= 0) return Option.none()
  const refresh =
    typeof refreshToken === "string" && refreshToken.trim() !== "" ? refreshToken.trim() : undefined
  return Option.some({ access: accessToken.trim(), refresh, expires: expiresAt })
}

/** With a refresh token an `oauth` credential, else a `token` one (spec §3.12). */
export const claudeCliCredential = (cli: ClaudeCliCredential): StoredCredential =>
  cli.refresh !== undefined
    ? { type: "oauth", provider: "anthropic", access: cli.access, refresh: cli.refresh, expires: cli.expires }
    : { type: "token", provider: "anthropic", token: cli.access, expires: cli.expires }

const same = (existing: AuthCredential, cli: ClaudeCliCredential): boolean => {
  if (existing.type === "oauth")
    return (
      Redacted.value(existing.access) === cli.access &&
      (existing.refresh === undefined ? undefined : Redacted.value(existing.refresh)) === cli.refresh &&
      existing.expires === cli.expires
    )
  if (existing.type === "token")
    return (
      cli.refresh === undefined &&
      Redacted.value(existing.token) === cli.access &&
      existing.expires === cli.expires
    )
  return false
}

/**
 * Whether the CLI's credential should replace the stored profile (spec §3.12 step 4): considered when the
 * profile is absent, not anthropic, a token, or expires within 10 min; then replaced when absent, expired or
 * the CLI's expiry is later. token -> oauth always upgrades, oauth -> token never; identical is a no-op.
 */
export const shouldSyncClaudeCli = (
  existing: AuthCredential | undefined,
  cli: ClaudeCliCredential,
  now: number
): boolean => {
  if (existing === undefined || existing.provider !== "anthropic") return true
  if (same(existing, cli)) return false
  const cliType = cli.refresh !== undefined ? "oauth" : "token"
  if (existing.type === "oauth" && cliType === "token") return false
  if (existing.type === "token" && cliType === "oauth") return true
  if (existing.type === "api_key") return true
  const expires = existing.expires ?? 0
  const considered = existing.type === "token" || expires - now <= NEAR_EXPIRY_MS
  if (!considered) return false
  return expires <= now || cli.expires > expires
}
