/**
 * Where `models refresh` reads its catalog (issue 12 item 5), and how that URL is shown. Pure. Kept apart from
 * the catalog Schemas: src/domain/dotEnv.ts (loaded by every command) needs the variable's name.
 */
import * as Either from "effect/Either"
import { excerpt, sanitizeText } from "./terminal.js"

export const DEFAULT_CATALOG_URL = "https://models.dev/api.json"
/** Read from the real environment only (src/domain/dotEnv.ts: no `.env` may set an endpoint override). */
export const CATALOG_URL_VAR = "CLAWDBOT_CATALOG_URL"

/** Where the settings file keeps a catalog URL (`<state dir>/clawdbot-models.json`, src/domain/settings.ts). */
export const CATALOG_URL_SETTING = "catalogUrl"

/**
 * The URL `refresh` reads: the `--url` flag, else CLAWDBOT_CATALOG_URL, else the settings file's `catalogUrl`,
 * else models.dev. (Not a `clawdbot.json` key: the reference's strict schema would reject it.)
 */
export const catalogUrl = (
  flag: string | undefined,
  env: (name: string) => string | undefined,
  setting?: string
): Either.Either<string, string> => {
  const candidates: ReadonlyArray<readonly [string | undefined, string]> = [
    [flag, "--url"],
    [env(CATALOG_URL_VAR), CATALOG_URL_VAR],
    [setting, `${CATALOG_URL_SETTING} in the settings file`]
  ]
  const [raw, origin] = candidates
    .map(([value, origin]) => [value?.trim(), origin] as const)
    .find(
      (candidate): candidate is readonly [string, string] => candidate[0] !== undefined && candidate[0] !== ""
    ) ?? [DEFAULT_CATALOG_URL, "the default"]
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return Either.left(`${origin} is not a URL: "${excerpt(raw, 80)}" (expected http:// or https://…)`)
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return Either.left(`${origin} must be an http:// or https:// URL, not ${excerpt(url.protocol, 20)}`)
  return Either.right(url.href)
}

/**
 * A catalog URL as messages show it: no user or password, no query (either may hold a token); `?…` marks a
 * query that was there.
 */
export const displayUrl = (href: string): string => {
  try {
    const url = new URL(href)
    return sanitizeText(`${url.protocol}//${url.host}${url.pathname}${url.search === "" ? "" : "?…"}`)
  } catch {
    return excerpt(href, 80)
  }
}
