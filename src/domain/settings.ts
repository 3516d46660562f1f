/**
 * This tool's own settings, kept where the reference never looks: `<state dir>/clawdbot-models.json` and the
 * environment. The reference validates `clawdbot.json` strictly (an unknown `auth.store` makes every one of its
 * commands fail, and its `doctor --fix` deletes the key), and rewrites `auth-profiles.json` with only the keys
 * it knows, so neither can hold them. Pure.
 */
import * as Either from "effect/Either"
import { getIn, type JsonObject, updateIn } from "./configEdit.js"
import { excerpt } from "./terminal.js"

export const SETTINGS_FILE = "clawdbot-models.json"
export const AUTH_STORE_ENV = "CLAWDBOT_AUTH_STORE"

/** Where the `auth` commands put new secrets: the auth file, or the OS keychain (src/domain/keyRef.ts). */
export type AuthStoreChoice = "file" | "keychain"
const CHOICES: ReadonlyArray<unknown> = ["file", "keychain"]

/** `value` as a choice; `undefined` stays unset; anything else is why not, naming `where` (never quoting much). */
export const parseAuthStoreChoice = (
  value: unknown,
  where: string
): Either.Either<AuthStoreChoice | undefined, string> => {
  if (value === undefined) return Either.right(undefined)
  if (CHOICES.includes(value)) return Either.right(value as AuthStoreChoice)
  const shown = typeof value === "string" ? `"${excerpt(value, 40)}"` : JSON.stringify(value)?.slice(0, 40)
  return Either.left(`${where} is ${shown}: use "keychain" or "file"`)
}

/** The opt-in older versions of this tool read from `clawdbot.json` (`auth: { store: "keychain" }`), if set. */
export const legacyAuthStore = (config: JsonObject): unknown => getIn(config, ["auth", "store"])

/** The config without the old opt-in (and without an `auth` section it leaves empty). */
export const withoutLegacyAuthStore = (config: JsonObject): JsonObject => {
  if (legacyAuthStore(config) === undefined) return config
  const next = updateIn(config, ["auth", "store"], () => undefined)
  const auth = next.auth
  if (typeof auth === "object" && auth !== null && Object.keys(auth).length === 0) {
    const { auth: _empty, ...rest } = next
    return rest
  }
  return next
}
