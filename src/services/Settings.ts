import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type { StateFileError, UsageError } from "../domain/errors.js"
import type { AuthStoreChoice } from "../domain/settings.js"

export interface SettingsService {
  /**
   * Where the `auth` commands put new secrets, when this tool's settings say (`CLAWDBOT_AUTH_STORE`, else
   * `<state dir>/clawdbot-models.json`); `undefined` leaves it to the config's old `auth.store`, else the file.
   */
  readonly authStore: Effect.Effect<AuthStoreChoice | undefined, StateFileError | UsageError>
  /** Where `models refresh` reads its catalog when neither `--url` nor `CLAWDBOT_CATALOG_URL` says (optional). */
  readonly catalogUrl?: Effect.Effect<string | undefined, StateFileError>
}

/** This tool's own settings (src/domain/settings.ts). By default none: a host provides its own, or the live layer. */
export class Settings extends Context.Reference<Settings>()("clawdbot/Settings", {
  defaultValue: (): SettingsService => ({
    authStore: Effect.succeed(undefined),
    catalogUrl: Effect.succeed(undefined)
  })
}) {}
