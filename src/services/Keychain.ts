import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type { KeychainError } from "../domain/errors.js"

/**
 * Where secrets can live: the macOS Keychain (`security`), the Linux Secret Service (`secret-tool`, D-Bus),
 * or a 0600 file in the state dir when no keychain is reachable (servers, containers, SSH sessions).
 */
export type KeychainBackend = "macos" | "secret-service" | "file"

export const KEYCHAIN_BACKENDS: ReadonlyArray<KeychainBackend> = ["macos", "secret-service", "file"]

export interface KeychainItem {
  readonly service: string
  /** Required to store; when reading, absent means "any account" (e.g. Claude Code's own item). */
  readonly account?: string | undefined
}

/** OS secret storage. Secrets never travel on a process's argv; errors never contain them. */
export class Keychain extends Context.Tag("clawdbot/Keychain")<
  Keychain,
  {
    /** The backend new secrets go to (chosen on first use: platform, D-Bus session, `CLAWDBOT_KEYCHAIN`). */
    readonly backend: Effect.Effect<KeychainBackend>
    /** Reads an item from `backend` (default: the chosen one); `None` when there is no such item. */
    readonly get: (
      item: KeychainItem,
      backend?: KeychainBackend
    ) => Effect.Effect<Option.Option<string>, KeychainError>
    /** Creates or replaces an item in `backend` (default: the chosen one); returns the backend used. */
    readonly set: (
      item: KeychainItem & { readonly account: string },
      secret: string,
      backend?: KeychainBackend
    ) => Effect.Effect<KeychainBackend, KeychainError>
    /** Deletes an item; `false` when there was none. */
    readonly remove: (
      item: KeychainItem & { readonly account: string },
      backend?: KeychainBackend
    ) => Effect.Effect<boolean, KeychainError>
  }
>() {}
