import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type { ClawdbotConfig } from "../domain/config.js"
import type { JsonObject } from "../domain/configEdit.js"
import type { ConfigInvalid, StateFileError } from "../domain/errors.js"

export interface ConfigSnapshot {
  readonly path: string
  readonly exists: boolean
  /**
   * The document as written: no `${VAR}` substitution. `$include` directives are expanded (the merged document);
   * an edit of it is written back into the file that holds each changed key. Edits start from this.
   */
  readonly raw: JsonObject
  /** Decoded view with `${VAR}` references substituted. */
  readonly config: ClawdbotConfig
}

/** `clawdbot.json` (JSON5). Reads decode; edits keep comments, key order and `${VAR}` references. */
export class ConfigStore extends Context.Tag("clawdbot/ConfigStore")<
  ConfigStore,
  {
    readonly path: string
    readonly read: Effect.Effect<ConfigSnapshot, ConfigInvalid | StateFileError>
    /**
     * Locked read-modify-write. `edit` gets the current snapshot and returns the next raw document; it is
     * written atomically only when it differs and decodes. A failing `edit` writes nothing. `edit` must only
     * compute (no side effects): it may run twice, e.g. once before the state dir is created.
     */
    readonly modify: <A, E, R>(
      edit: (snapshot: ConfigSnapshot) => Effect.Effect<readonly [next: JsonObject, result: A], E, R>
    ) => Effect.Effect<A, E | ConfigInvalid | StateFileError, R>
  }
>() {}
