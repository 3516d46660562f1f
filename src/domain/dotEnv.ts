/**
 * What a `.env` file may set (spec §1.1, narrowed by issue 9 item 1). `./.env` is in the current directory, often
 * a cloned repository, so it is not trusted: it may only fill provider credential variables, never a path, an
 * endpoint, a CA, a proxy or anything else that decides where a credential is sent. `<stateDir>/.env` is the
 * user's own file, trusted like the config, except for the endpoint overrides: those come from the real
 * environment only. Pure.
 */
import { isLoginOverrideVar } from "./authProviders.js"
import { CATALOG_URL_VAR } from "./catalogSource.js"
import { CREDENTIAL_ENV_VARS } from "./envCredentials.js"
import { isTokenUrlVar } from "./oauth.js"
import { isUsageUrlVar } from "./usage.js"

/** `cwd`: `./.env`; `stateDir`: `<stateDir>/.env`. */
export type DotEnvScope = "cwd" | "stateDir"

/**
 * Usage, token-refresh and `auth login` endpoint overrides (each decides where a token or a code is sent), and
 * the catalog source of `models refresh` (it decides which models every later command offers).
 */
export const isEndpointOverride = (name: string): boolean =>
  isUsageUrlVar(name) || isTokenUrlVar(name) || isLoginOverrideVar(name) || name === CATALOG_URL_VAR

export const dotEnvMaySet = (scope: DotEnvScope, name: string): boolean =>
  scope === "cwd" ? CREDENTIAL_ENV_VARS.has(name) : !isEndpointOverride(name)

export interface DotEnvFile {
  readonly scope: DotEnvScope
  readonly path: string
  readonly vars: Readonly<Record<string, string>>
}

/** The names a file set that were not used because it may not set them (values are never kept). */
export interface IgnoredDotEnv {
  readonly scope: DotEnvScope
  readonly path: string
  readonly names: ReadonlyArray<string>
}

export interface DotEnvFill {
  /** Variables to add to the environment: each was unset there and allowed from its file. */
  readonly vars: ReadonlyMap<string, string>
  readonly ignored: ReadonlyArray<IgnoredDotEnv>
}

/**
 * Fills variables `env` does not set from `files`, the first file that sets one winning (never overriding the
 * environment); a variable a file may not set is ignored and named in `ignored`, whether or not it was set.
 */
export const fillFromDotEnv = (
  env: (name: string) => string | undefined,
  files: ReadonlyArray<DotEnvFile>
): DotEnvFill => {
  const vars = new Map<string, string>()
  const ignored: Array<IgnoredDotEnv> = []
  for (const file of files) {
    const names: Array<string> = []
    for (const [name, value] of Object.entries(file.vars)) {
      if (!dotEnvMaySet(file.scope, name)) names.push(name)
      else if (env(name) === undefined && !vars.has(name)) vars.set(name, value)
    }
    if (names.length > 0) ignored.push({ scope: file.scope, path: file.path, names })
  }
  return { vars, ignored }
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** A name from a file is shown quoted with every non-printable or non-ASCII character escaped. */
const printableName = (name: string) =>
  PLAIN_NAME.test(name)
    ? name
    : JSON.stringify(name).replace(
        /[^\x20-\x7e]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
      )

/** A file full of unrelated variables still gives one readable line. */
const MAX_NAMES_SHOWN = 20

const nameList = (names: ReadonlyArray<string>) => {
  const shown = names.slice(0, MAX_NAMES_SHOWN).map(printableName).join(", ")
  return names.length > MAX_NAMES_SHOWN ? `${shown} and ${names.length - MAX_NAMES_SHOWN} more` : shown
}

/** One stderr line per file that had variables ignored; `shorten` displays the state dir path. */
export const dotEnvNotices = (
  ignored: ReadonlyArray<IgnoredDotEnv>,
  shorten: (path: string) => string
): ReadonlyArray<string> =>
  ignored.map(({ scope, path, names }) =>
    scope === "cwd"
      ? `Notice: ignored ${nameList(names)} from ./.env (a .env in the current directory may only set provider API keys and tokens; see README "Environment files")`
      : `Notice: ignored ${nameList(names)} from ${shorten(path)} (endpoint overrides are read from the environment only; see README "Environment files")`
  )
