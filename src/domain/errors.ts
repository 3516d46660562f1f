/**
 * Errors a user can see. Each is a typed value until the edge (src/main.ts), which prints `message` once.
 * Messages follow the behaviour reference wording where it has one.
 */
import * as Schema from "effect/Schema"

/** The config file could not be parsed or does not have the expected shape. Nothing was written. */
export class ConfigInvalid extends Schema.TaggedError<ConfigInvalid>()("ConfigInvalid", {
  path: Schema.String,
  issues: Schema.Array(Schema.String)
}) {
  override get message() {
    return [`Invalid config at ${this.path}`, ...this.issues.map((issue) => `- ${issue}`)].join("\n")
  }
}

/** Reading or writing a state file failed at the OS level (permissions, disk, lock). */
export class StateFileError extends Schema.TaggedError<StateFileError>()("StateFileError", {
  path: Schema.String,
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `Failed to ${this.operation} ${this.path}: ${this.reason}`
  }
}

/**
 * A model reference the user typed cannot be parsed (spec §2.4), or (with `reason`, the whole message) cannot be
 * written to the config.
 */
export class InvalidModelRef extends Schema.TaggedError<InvalidModelRef>()("InvalidModelRef", {
  raw: Schema.String,
  reason: Schema.optional(Schema.String)
}) {
  override get message() {
    if (this.reason !== undefined) return this.reason
    const shown = this.raw.trim() === "" ? "(empty)" : this.raw
    return `Invalid model reference: ${shown}. Use provider/model (e.g. anthropic/claude-opus-4-5) or an alias.`
  }
}

/** A command was given a value it cannot act on; `message` says what and what would be accepted. */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  reason: Schema.String
}) {
  override get message() {
    return this.reason
  }
}

/** Something the user asked for does not exist (alias, fallback, profile). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  reason: Schema.String
}) {
  override get message() {
    return this.reason
  }
}

/** A command ends with a specific exit code without being an error (e.g. `status --check`). */
export class ExitCode extends Schema.TaggedError<ExitCode>()("ExitCode", {
  code: Schema.Number
}) {
  override get message() {
    return ""
  }
}

/** A subprocess could not be started (`notFound`: no such executable on PATH). */
export class SpawnFailed extends Schema.TaggedError<SpawnFailed>()("SpawnFailed", {
  command: Schema.String,
  notFound: Schema.Boolean,
  reason: Schema.String
}) {
  override get message() {
    return this.notFound
      ? `\`${this.command}\` was not found on PATH.`
      : `Could not run \`${this.command}\`: ${this.reason}`
  }
}

/** The OS keychain refused or failed an operation; `reason` never holds the secret. */
export class KeychainError extends Schema.TaggedError<KeychainError>()("KeychainError", {
  backend: Schema.String,
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    const hint =
      this.backend === "file"
        ? ""
        : " (unlock the keychain, or set CLAWDBOT_KEYCHAIN=file to keep secrets in a 0600 file, or CLAWDBOT_AUTH_STORE=file to keep them in the auth file)"
    return `Keychain (${this.backend}) ${this.operation} failed: ${this.reason}${hint}`
  }
}

/** An interactive login did not complete (denied, expired, bad response). */
export class LoginFailed extends Schema.TaggedError<LoginFailed>()("LoginFailed", {
  provider: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `Login to ${this.provider} failed: ${this.reason}`
  }
}

/** The user cancelled a prompt (Ctrl-C / Ctrl-D). Nothing was written. Exit code 130, like a shell. */
export class Cancelled extends Schema.TaggedError<Cancelled>()("Cancelled", {}) {
  override get message() {
    return "Cancelled; nothing was changed."
  }
}

/**
 * A provider request that got no HTTP answer (spec §4 "connection refused / DNS"), or that we cannot make.
 * `kind`: `refused`, `dns`, `reset`, `tls`, `unsupported` (no adapter for the api), `invalid_url`, `transport`.
 * `detail` never contains a secret: it is built from the endpoint origin and the transport's error code.
 */
export class ProviderRequestError extends Schema.TaggedError<ProviderRequestError>()("ProviderRequestError", {
  kind: Schema.Literal("refused", "dns", "reset", "tls", "unsupported", "invalid_url", "transport"),
  detail: Schema.String
}) {
  override get message() {
    return this.detail
  }
}

/** A remote model catalog (OpenRouter `/models`) could not be fetched or read (spec §3.9.2). No secret inside. */
export class CatalogFetchError extends Schema.TaggedError<CatalogFetchError>()("CatalogFetchError", {
  source: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `${this.source} failed: ${this.reason}`
  }
}

/**
 * `models refresh` could not fetch, read or store a catalog (issue 12 item 5). `url` is shown without user,
 * password or query; the stored catalog is left as it was.
 */
export class CatalogRefreshError extends Schema.TaggedError<CatalogRefreshError>()("CatalogRefreshError", {
  url: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `Could not refresh the model catalog from ${this.url}: ${this.reason}. The stored catalog was not changed.`
  }
}

/** An OAuth token could not be refreshed (spec §6.1). `reason` never contains a token. */
export class OAuthRefreshFailed extends Schema.TaggedError<OAuthRefreshFailed>()("OAuthRefreshFailed", {
  profileId: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `OAuth token refresh failed for ${this.profileId}: ${this.reason}`
  }
}

export type UserError =
  | ConfigInvalid
  | StateFileError
  | InvalidModelRef
  | UsageError
  | NotFound
  | ExitCode
  | Cancelled
  | SpawnFailed
  | KeychainError
  | LoginFailed
  | ProviderRequestError
  | CatalogFetchError
  | CatalogRefreshError
  | OAuthRefreshFailed

export const isUserError = (u: unknown): u is UserError =>
  typeof u === "object" &&
  u !== null &&
  "_tag" in u &&
  [
    "ConfigInvalid",
    "StateFileError",
    "InvalidModelRef",
    "UsageError",
    "NotFound",
    "ExitCode",
    "Cancelled",
    "SpawnFailed",
    "KeychainError",
    "LoginFailed",
    "ProviderRequestError",
    "CatalogFetchError",
    "CatalogRefreshError",
    "OAuthRefreshFailed"
  ].includes((u as { _tag: string })._tag)

/**
 * The login-shell env fallback (spec §5.3) failed. Not a command failure: status reports it as
 * `[clawdbot] shell env fallback failed: <message>` on stderr and goes on without it.
 */
export class ShellEnvFailed extends Schema.TaggedError<ShellEnvFailed>()("ShellEnvFailed", {
  reason: Schema.String
}) {
  override get message() {
    return this.reason
  }
}
