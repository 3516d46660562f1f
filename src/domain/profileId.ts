/**
 * The one rule for provider ids and auth profile ids we write (spec §1.4: `<provider>:<name>`, e.g.
 * `anthropic:claude-cli`, `openai:manual`, `openai-codex:user@example.com`). Stores written by others are read
 * as they are (and printed escaped); only ids we are about to store are checked. Pure.
 */
import * as Either from "effect/Either"
import { normalizeProviderId } from "./modelRef.js"
import { excerpt } from "./terminal.js"

/** Lower-case letters, digits, `.`, `_`, `-`; at most 64 (every provider id in the spec, `z.ai` before aliasing). */
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/
/**
 * Letters, digits and what an e-mail address may hold (RFC 5322 atext, `.`, `@`) plus `:`: names like `manual`,
 * `claude-cli` and the OAuth `<email>`; no whitespace, quotes, brackets or controls; at most 128.
 */
const PROFILE_NAME = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@:-]{1,128}$/

const shown = (raw: string) => `"${excerpt(raw, 80)}"`

export const PROVIDER_ID_RULE = "lower-case letters, digits, '.', '_' and '-' (e.g. openai, my-gateway)"

/** The normalised provider id, or why `raw` is not one (naming the value, escaped). */
export const validateProviderId = (raw: string, flag = "provider id"): Either.Either<string, string> => {
  const id = normalizeProviderId(raw)
  if (id === "") return Either.left(`Missing ${flag}.`)
  return PROVIDER_ID.test(id)
    ? Either.right(id)
    : Either.left(`Invalid ${flag} ${shown(raw.trim())}: use ${PROVIDER_ID_RULE}.`)
}

/**
 * `raw` trimmed if it is `<provider>:<name>` for `provider`, else why not. The name may not hold whitespace or
 * control characters: an id is a JSON key, a config key and a label printed on every `status`.
 */
export const validateProfileId = (
  raw: string,
  provider: string,
  names: { readonly flag: string; readonly provider: string } = {
    flag: "profile id",
    provider: "the provider"
  }
): Either.Either<string, string> => {
  const flag = names.flag
  const id = raw.trim()
  const colon = id.indexOf(":")
  const example = `${provider}:manual`
  if (colon === -1)
    return Either.left(`Invalid ${flag} ${shown(id)}: use <provider>:<name> (e.g. ${example}).`)
  // `auth order` and probes group profiles by provider; an id naming another provider only misleads (spec §1.4)
  if (normalizeProviderId(id.slice(0, colon)) !== provider)
    return Either.left(
      `Invalid ${flag} ${shown(id)}: it must start with "${provider}:" to match ${names.provider} ${provider} (e.g. ${example}).`
    )
  if (!PROFILE_NAME.test(id.slice(colon + 1)))
    return Either.left(
      `Invalid ${flag} ${shown(id)}: the name after "${provider}:" may use letters, digits and the characters of an e-mail address (no spaces or quotes), at most 128 (e.g. ${example}).`
    )
  return Either.right(id)
}
