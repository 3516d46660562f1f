/**
 * What a probe's outcome means (spec §4 "Status", issue 3 scope 3). Pure. Details are returned whole: the caller
 * redacts, then cuts them (src/domain/redact.ts), so a key echoed across the cut cannot leak.
 *
 * Typed facts first (HTTP status, provider error type/code, transport error kind), then the reference's message
 * rules for what is left: 401/403 auth; 402 billing; 429 rate_limit unless it names a billing state
 * (`insufficient_quota`, "Payment required", "credit balance", ...: billing); 529/overloaded rate_limit; 408 timeout; a 400 about credit balance billing, other 400 invalid-request format;
 * connection refused / DNS unknown with that reason; a malformed 2xx body format; a 404/400 saying the model does not
 * exist no_model.
 */
import type { ProviderRequestError } from "../errors.js"
import type { ChatOutcome } from "../wire/types.js"
import type { ProbeStatus } from "./types.js"

export interface Classified {
  readonly status: ProbeStatus
  readonly error?: string
}

const RATE_LIMIT = [
  "rate_limit",
  "rate limit",
  "too many requests",
  "exceeded your current quota",
  "resource has been exhausted",
  "quota exceeded",
  "resource_exhausted",
  "usage limit",
  "overloaded_error",
  "overloaded"
]
const FORMAT = ["string should match pattern", "tool_use.id", "tool_use_id", "invalid request format"]
const BILLING = [
  "payment required",
  "insufficient credits",
  "insufficient_quota",
  "credit balance",
  "plans & billing"
]
const TIMEOUT = ["timeout", "timed out", "deadline exceeded", "request was aborted", "request aborted"]
const AUTH = [
  "invalid api key",
  "invalid_api_key",
  "invalid x-api-key",
  "incorrect api key",
  "invalid token",
  "authentication",
  "re-authenticate",
  "oauth token refresh failed",
  "unauthorized",
  "forbidden",
  "access denied",
  "expired",
  "token has expired",
  "no credentials found",
  "no api key found"
]

const has = (text: string, needles: ReadonlyArray<string>) => needles.some((needle) => text.includes(needle))

/** The reference's message rules (spec §4 step 4), for errors without a decisive status. */
export const classifyMessage = (message: string): ProbeStatus => {
  const text = message.toLowerCase()
  if (/image dimensions|image exceeds|image.*too large/.test(text)) return "unknown"
  // OpenAI's quota error says "exceeded your current quota" but is a billing state, not a rate limit.
  if (text.includes("insufficient_quota")) return "billing"
  if (has(text, RATE_LIMIT) || /\b429\b/.test(text)) return "rate_limit"
  if (has(text, FORMAT)) return "format"
  if (
    /\b402\b/.test(text) ||
    has(text, BILLING) ||
    (text.includes("billing") && /upgrade|credits|payment|plan/.test(text))
  )
    return "billing"
  if (has(text, TIMEOUT)) return "timeout"
  if (has(text, AUTH) || /\b40[13]\b/.test(text)) return "auth"
  return "unknown"
}

type HttpError = Extract<ChatOutcome, { _tag: "HttpError" }>

/** A 404/400 saying the model does not exist (or is not offered): the probe model is wrong, not the credential. */
const namesMissingModel = (text: string): boolean =>
  text.includes("model_not_found") ||
  (/\bmodel\b/.test(text) &&
    /not[ _]found|does not exist|no such model|unknown model|not supported/.test(text))

/** The whole detail (status, provider error type, message or body); never cut here, see the header. */
const describeHttp = (error: HttpError): string => {
  const kind = error.type ?? error.code
  const head = error._tag === "HttpError" && error.status >= 300 ? `HTTP ${error.status}` : "Stream error"
  if (error.message !== undefined) return `${head}${kind ? ` ${kind}` : ""}: ${error.message}`
  const body = error.body.replace(/\s+/g, " ").trim()
  return body === "" ? head : `${head}: ${body}`
}

export const classifyHttpError = (error: HttpError): Classified => {
  const detail = describeHttp(error)
  const facts = `${error.type ?? ""} ${error.code ?? ""} ${error.message ?? ""}`.toLowerCase()
  const said = `${facts} ${error.message === undefined ? error.body : ""}`
  const byMessage = classifyMessage(said)
  const status = ((): ProbeStatus => {
    if (facts.includes("insufficient_quota")) return "billing"
    if ((error.status === 404 || error.status === 400) && namesMissingModel(said.toLowerCase()))
      return "no_model"
    switch (error.status) {
      case 401:
      case 403:
        return "auth"
      case 402:
        return "billing"
      case 408:
        return "timeout"
      case 429:
        // A 429 that names a billing state is one (OpenRouter: code 429 "Payment required"; a rate-limit type
        // saying the credit balance is too low), whatever else its fields say. Only the exact phrases: OpenAI's
        // plain rate-limit message links to its billing page and mentions a payment method.
        return has(said.toLowerCase(), BILLING) ? "billing" : "rate_limit"
      case 529:
        return "rate_limit"
      case 400:
      case 422:
        return byMessage === "unknown" ? "format" : byMessage
      default:
        return byMessage
    }
  })()
  return { status, error: detail }
}

export const classifyOutcome = (outcome: ChatOutcome): Classified => {
  switch (outcome._tag) {
    case "Reply":
      return { status: "ok" }
    case "HttpError":
      return classifyHttpError(outcome)
    case "Malformed":
      return { status: "format", error: `Malformed response (HTTP ${outcome.status}): ${outcome.detail}` }
  }
}

/** No HTTP answer: refused/DNS -> unknown with the reason; a reset -> timeout (spec §4 step 3: ECONNRESET). */
export const classifyRequestError = (error: ProviderRequestError): Classified => ({
  status: error.kind === "reset" ? "timeout" : "unknown",
  error: error.detail
})

export const timedOut = (timeoutMs: number): Classified => ({
  status: "timeout",
  error: `No answer within ${timeoutMs}ms (--probe-timeout)`
})

/** An OAuth refresh that failed before the probe could run (spec §6.1; issue 3 scope 6). */
export const refreshFailed = (reason: string): Classified => ({
  status: "auth",
  error: `OAuth token refresh failed: ${reason}`
})
