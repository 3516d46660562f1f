import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { ProviderRequestError } from "../domain/errors.js"
import type { ChatOptions, ChatOutcome, ChatTarget } from "../domain/wire/types.js"

/**
 * Sends one chat request to a model provider over its wire protocol (spec §7) and decodes the answer.
 * An HTTP error status is an outcome (`HttpError`), not a failure: the failure channel is only for requests that
 * got no HTTP answer (refused, DNS, reset) or cannot be made (unsupported api). No timeout here: interrupting
 * the fiber aborts the request and closes its socket; callers apply `Effect.timeout`.
 */
export class ProviderClient extends Context.Tag("clawdbot/ProviderClient")<
  ProviderClient,
  {
    readonly chat: (
      target: ChatTarget,
      options: ChatOptions
    ) => Effect.Effect<ChatOutcome, ProviderRequestError>
  }
>() {}
