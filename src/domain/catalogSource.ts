/**
 * Where `models refresh` reads its catalog (issue 12 item 5), and how that URL is shown. Pure. Kept apart from
 * the catalog Schemas: src/domain/dotEnv.ts (loaded by every command) needs the variable's name.
 */
import * as Either from "effect/Either"
import { excerpt, sanitizeText } from "./terminal.js"

export const DEFAULT_CATALOG_URL = "https://models.dev/api.json"
/** Read from the real environment only (src/domain/dotEnv.ts: no `.env` may set an endpoint override). */
export const CATALOG_URL_VAR = "CLAWDBOT_CATALOG_URL"

/** The URL `refresh` reads: the `--url` flag, else CLAWDBOT_CATALOG_URL, else models.dev. */
export const catalogUrl = (
  flag: string | undefined,
  env: (name: string) => string | undefined
): Either.Either<string, string> => {
  const fromFlag = flag?.trim()
  const fromEnv = env(CATALOG_URL_VAR)?.trim()
  const [raw, origin] =
    fromFlag !== undefined && fromFlag !== ""
      ? [fromFlag, "--url"]
      : fromEnv !== undefined && fromEnv !== ""
        ? [fromEnv, CATALOG_URL_VAR]
        : [DEFAULT_CATALOG_URL, "the default"]
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
