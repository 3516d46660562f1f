/**
 * The one redaction every piece of remote text goes through before it is shown (probe and scan errors, OAuth
 * refresh and login failures; spec §4, issue 9 item 3). Pure.
 *
 * Order matters: redact the whole text first, then cut it. Cutting first can split an echoed key at the cut so
 * that the kept half no longer matches and leaks. A provider may also echo only part of a key (a prefix, a
 * middle slice) or change its case, so every run of 8 or more characters that occurs in a known secret, compared
 * case-insensitively, is treated as secret. Secrets of 6-7 characters are matched whole; shorter ones are not
 * matched at all (they would hit ordinary words).
 */
import * as Redacted from "effect/Redacted"
import type { AuthProfiles } from "./authProfiles.js"
import { type ClawdbotConfig, configApiKey } from "./config.js"
import { PROVIDER_ENV_VARS } from "./envCredentials.js"
import { normalizeProviderId } from "./modelRef.js"

/** Shortest slice of a secret that counts as the secret. */
export const FRAGMENT_LENGTH = 8
const SHORTEST_SECRET = 6
const MASK = "***"

/** Folds case one UTF-16 unit at a time, so positions in the folded text are positions in the original. */
const foldCase = (text: string): string => {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  let out = ""
  for (const unit of text) {
    const folded = unit.toLowerCase()
    out += folded.length === unit.length ? folded : unit
  }
  return out
}

/**
 * The windows that mark text as secret: every FRAGMENT_LENGTH-slice of each long secret, and each short secret
 * whole. Secrets are ~40-200 characters, so this is a few thousand short strings at most.
 */
interface SecretIndex {
  readonly fragments: ReadonlySet<string>
  readonly wholes: ReadonlyArray<string>
}

const indexSecrets = (secrets: Iterable<string>): SecretIndex => {
  const fragments = new Set<string>()
  const wholes = new Set<string>()
  for (const raw of secrets) {
    const secret = foldCase(raw.trim())
    if (secret.length < SHORTEST_SECRET) continue
    if (secret.length < FRAGMENT_LENGTH) {
      wholes.add(secret)
      continue
    }
    for (let start = 0; start + FRAGMENT_LENGTH <= secret.length; start++)
      fragments.add(secret.slice(start, start + FRAGMENT_LENGTH))
  }
  return { fragments, wholes: [...wholes] }
}

/**
 * Marks every position covered by a secret window, then replaces each covered run with one `***`. Overlapping
 * and adjacent matches (a key echoed twice, two keys side by side) merge into one run. Linear in the text for
 * the fragment scan: one 8-character slice and one set lookup per position.
 */
const maskSecrets = (text: string, index: SecretIndex): string => {
  if (index.fragments.size === 0 && index.wholes.length === 0) return text
  const folded = foldCase(text)
  const covered = new Uint8Array(text.length)
  let any = false
  if (index.fragments.size > 0) {
    for (let start = 0; start + FRAGMENT_LENGTH <= folded.length; start++) {
      if (index.fragments.has(folded.slice(start, start + FRAGMENT_LENGTH))) {
        covered.fill(1, start, start + FRAGMENT_LENGTH)
        any = true
      }
    }
  }
  for (const whole of index.wholes) {
    for (let at = folded.indexOf(whole); at !== -1; at = folded.indexOf(whole, at + 1)) {
      covered.fill(1, at, at + whole.length)
      any = true
    }
  }
  if (!any) return text
  let out = ""
  let runStart = 0
  for (let at = 0; at < text.length; ) {
    if (covered[at] === 0) {
      at++
      continue
    }
    out += text.slice(runStart, at) + MASK
    while (at < text.length && covered[at] === 1) at++
    runStart = at
  }
  return out + text.slice(runStart)
}

const SECRET_ASSIGNMENT =
  /\b((?:access[_-]?|refresh[_-]?|id[_-]?)?token|password|passwd|secret|client[_-]?secret|api[_-]?key|x-api-key|authorization)(\s*["']?\s*[=:]\s*["']?)(?!Bearer\b)([^\s"',;&}]+)/gi

/** Secret-looking values we were never told about: `Bearer <x>`, `token=<x>`, `sk-…` and Google `AIza…` keys. */
const maskPatterns = (text: string): string =>
  text
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, "Bearer ***")
    .replace(SECRET_ASSIGNMENT, (_match, name: string, sep: string) => `${name}${sep}***`)
    .replace(/\bsk-[A-Za-z0-9_-]{10,}/g, "sk-***")
    .replace(/\bAIza[0-9A-Za-z_-]{10,}/g, "AIza***")

/** Cuts to at most `maxLength` UTF-16 units plus `…`, never between the two halves of a surrogate pair. */
const cut = (text: string, maxLength: number): string => {
  if (text.length <= maxLength) return text
  let end = Math.max(0, maxLength)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

/**
 * Remote text made safe to show: every known secret (whole, any 8+ character slice, any case) and every
 * secret-looking pattern replaced by `***`, and only then, when `maxLength` is given, cut to that length.
 */
export const redact = (text: string, secrets: Iterable<string> = [], maxLength?: number): string => {
  const masked = maskPatterns(maskSecrets(text, indexSecrets(secrets)))
  return maxLength === undefined ? masked : cut(masked, maxLength)
}

/** Remote text on one line (runs of whitespace become one space), redacted, then cut. */
export const redactLine = (text: string, secrets: Iterable<string> = [], maxLength?: number): string =>
  redact(text.replace(/\s+/g, " ").trim(), secrets, maxLength)

const AWS_SECRET_VARS = ["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]

/** Every stored secret of an auth store: API keys, tokens, OAuth access and refresh tokens. */
export const storeSecrets = (store: AuthProfiles): ReadonlyArray<string> =>
  Object.values(store.profiles).flatMap((credential) =>
    credential.type === "api_key"
      ? [Redacted.value(credential.key)]
      : credential.type === "token"
        ? [Redacted.value(credential.token)]
        : [
            Redacted.value(credential.access),
            ...(credential.refresh ? [Redacted.value(credential.refresh)] : [])
          ]
  )

/** Every provider credential the environment holds (spec §5.1 variables and the AWS ones). */
export const envSecrets = (env: (name: string) => string | undefined): ReadonlyArray<string> =>
  [...Object.values(PROVIDER_ENV_VARS).flat(), ...AWS_SECRET_VARS].flatMap((name) => {
    const value = env(name)?.trim()
    return value ? [value] : []
  })

/** Header names that carry a credential (the rest, like `HTTP-Referer` or `X-Title`, are not secrets). */
const SECRET_HEADER = /auth|key|token|secret|cookie|session|password/i

const secretHeaderValues = (headers: Readonly<Record<string, string>> | undefined): ReadonlyArray<string> =>
  Object.entries(headers ?? {}).flatMap(([name, value]) => (SECRET_HEADER.test(name) ? [value] : []))

/**
 * Config secrets: each provider's `apiKey` (literal, or the variable it names) and the values of its headers
 * that carry a credential. Other header values stay out: a `https://…` referer would otherwise hide every URL.
 */
export const configSecrets = (
  config: ClawdbotConfig,
  env: (name: string) => string | undefined
): ReadonlyArray<string> =>
  Object.entries(config.models?.providers ?? {}).flatMap(([id, provider]) =>
    [
      configApiKey(normalizeProviderId(id), config, env) ?? "",
      ...secretHeaderValues(provider.headers),
      ...(provider.models ?? []).flatMap((model) => secretHeaderValues(model.headers))
    ].filter((value) => value.trim() !== "")
  )

/** Every secret a run knows of before it sends anything: the store's, the environment's and the config's. */
export const knownSecrets = (inputs: {
  readonly store?: AuthProfiles
  readonly config?: ClawdbotConfig
  readonly env: (name: string) => string | undefined
}): ReadonlyArray<string> => [
  ...new Set([
    ...(inputs.store ? storeSecrets(inputs.store) : []),
    ...(inputs.config ? configSecrets(inputs.config, inputs.env) : []),
    ...envSecrets(inputs.env)
  ])
]
