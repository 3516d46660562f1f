import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { AuthProfiles } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import type { StateFileError } from "../domain/errors.js"

export interface AuthSnapshot extends AuthProfiles {
  readonly path: string
  readonly exists: boolean
  /** The file as written, entries we could not decode included. */
  readonly raw: JsonObject
}

/** `<agentDir>/auth-profiles.json` (spec §1.4): lenient reads, locked read-modify-write, atomic 0600 writes. */
export class AuthStore extends Context.Tag("clawdbot/AuthStore")<
  AuthStore,
  {
    readonly pathFor: (agentDir: string) => string
    readonly read: (agentDir: string) => Effect.Effect<AuthSnapshot, StateFileError>
    readonly modify: <A, E, R>(
      agentDir: string,
      edit: (snapshot: AuthSnapshot) => Effect.Effect<readonly [next: JsonObject, result: A], E, R>
    ) => Effect.Effect<A, E | StateFileError, R>
  }
>() {}
