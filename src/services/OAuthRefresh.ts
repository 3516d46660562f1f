import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { AuthCredential } from "../domain/authProfiles.js"
import type { OAuthRefreshFailed, StateFileError } from "../domain/errors.js"

/**
 * Refreshes an expired `oauth` profile at its provider's token endpoint (spec §6.1) under a cross-process lock
 * keyed by profile, so two processes never spend the same refresh token; the new tokens are written back to the
 * auth store atomically. If another process refreshed first, its tokens are used and nothing is sent.
 */
export class OAuthRefresh extends Context.Tag("clawdbot/OAuthRefresh")<
  OAuthRefresh,
  {
    readonly refresh: (
      agentDir: string,
      profileId: string
    ) => Effect.Effect<Extract<AuthCredential, { type: "oauth" }>, OAuthRefreshFailed | StateFileError>
  }
>() {}
