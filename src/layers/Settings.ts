/**
 * This tool's settings on real files: `CLAWDBOT_AUTH_STORE`, else `<state dir>/clawdbot-models.json`
 * (`{ "authStore": "keychain", "catalogUrl": "https://…" }`, 0600 in a 0700 dir, locked atomic writes;
 * src/domain/settings.ts).
 */
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { CATALOG_URL_SETTING } from "../domain/catalogSource.js"
import type { JsonObject } from "../domain/configEdit.js"
import { StateFileError, UsageError } from "../domain/errors.js"
import { parseJsonObject } from "../domain/jsonNesting.js"
import {
  AUTH_STORE_ENV,
  type AuthStoreChoice,
  parseAuthStoreChoice,
  SETTINGS_FILE
} from "../domain/settings.js"
import { Environment } from "../services/Environment.js"
import { Paths } from "../services/Paths.js"
import { Settings } from "../services/Settings.js"
import {
  ensurePrivateDir,
  readForUpdate,
  readIfExists,
  withFileLock,
  writeAtomic
} from "./internal/stateFile.js"

export const settingsPath = (stateDir: string) => path.join(stateDir, SETTINGS_FILE)

interface SettingsDocument {
  readonly exists: boolean
  readonly raw: JsonObject
  readonly authStore: AuthStoreChoice | undefined
  readonly catalogUrl: string | undefined
}

/** The settings file, checked: a damaged one is an error naming it, never taken as "no settings". */
const parse = (file: string, text: string | undefined): Effect.Effect<SettingsDocument, StateFileError> => {
  if (text === undefined)
    return Effect.succeed({ exists: false, raw: {}, authStore: undefined, catalogUrl: undefined })
  const damaged = (reason: string) =>
    Effect.fail(new StateFileError({ path: file, operation: "parse", reason: `${reason}. Fix or remove it` }))
  const parsed = parseJsonObject(text)
  if (Either.isLeft(parsed)) return damaged(`it is ${parsed.left}`)
  const doc = parsed.right
  const choice = parseAuthStoreChoice(doc.authStore, "authStore")
  if (Either.isLeft(choice)) return damaged(choice.left)
  const catalogUrl = doc[CATALOG_URL_SETTING]
  if (catalogUrl !== undefined && typeof catalogUrl !== "string")
    return damaged(`${CATALOG_URL_SETTING} is not a string: use an http:// or https:// URL`)
  return Effect.succeed({ exists: true, raw: doc, authStore: choice.right, catalogUrl })
}

/**
 * Records `choice` as the settings file's `authStore` unless the file already has one (it is newer than what
 * is being migrated): locked, atomic, 0600; the rest of the file is kept.
 */
export const recordAuthStore = (stateDir: string, choice: AuthStoreChoice) => {
  const file = settingsPath(stateDir)
  return Effect.zipRight(
    ensurePrivateDir(stateDir, false),
    withFileLock(
      file,
      Effect.gen(function* () {
        const current = yield* readForUpdate(file, (text) => parse(file, text))
        if (current.authStore !== undefined) return
        const next = { ...current.raw, authStore: choice }
        yield* writeAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { backup: current.exists })
      })
    )
  ).pipe(Effect.withSpan("Settings.recordAuthStore"))
}

/** Settings from the environment (`CLAWDBOT_AUTH_STORE` wins) and `<state dir>/clawdbot-models.json`. */
export const layer = Layer.effect(
  Settings,
  Effect.gen(function* () {
    const paths = yield* Paths
    const env = yield* Environment
    const file = settingsPath(paths.stateDir)
    const fromEnv = env.get(AUTH_STORE_ENV)?.trim() || undefined
    return {
      authStore: Effect.gen(function* () {
        if (fromEnv !== undefined)
          return yield* Either.mapLeft(
            parseAuthStoreChoice(fromEnv, AUTH_STORE_ENV),
            (reason) => new UsageError({ reason: `${reason}.` })
          )
        const text = yield* readIfExists(file)
        return (yield* parse(file, text)).authStore
      }),
      catalogUrl: Effect.flatMap(readIfExists(file), (text) => parse(file, text)).pipe(
        Effect.map((settings) => settings.catalogUrl)
      )
    }
  })
)
