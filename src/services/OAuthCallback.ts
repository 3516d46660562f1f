import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { LoginFailed } from "../domain/errors.js"

export interface CallbackListener {
  /** The redirect URI to send, with the port actually bound. */
  readonly redirectUri: string
  /**
   * The authorization code, once the browser is redirected back with the expected `state` (a request with a
   * missing or other `state` is answered with an error page and ignored). Never times out by itself.
   */
  readonly code: Effect.Effect<string, LoginFailed>
}

/** The loopback redirect server of an OAuth authorization-code login (127.0.0.1 only; closed with the scope). */
export class OAuthCallback extends Context.Tag("clawdbot/OAuthCallback")<
  OAuthCallback,
  {
    readonly listen: (
      provider: string,
      redirectUri: string,
      state: string
    ) => Effect.Effect<CallbackListener, LoginFailed, Scope.Scope>
  }
>() {}
