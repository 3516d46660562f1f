/** Form POSTs to OAuth endpoints; any answer's JSON body is returned (errors arrive as 400 + JSON). */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { LoginFailed } from "../../../../domain/errors.js"
import { envSecrets, redactLine } from "../../../../domain/redact.js"
import { BODY_LIMIT, formatLimit, readBounded } from "../../../../layers/internal/boundedBody.js"
import { Environment } from "../../../../services/Environment.js"

/** One endpoint call; interrupting it aborts the request. */
const REQUEST_TIMEOUT = Duration.seconds(30)

/** Form fields that are secrets an endpoint could echo back in its error. */
const SECRET_FIELDS = ["code", "code_verifier", "device_code", "refresh_token", "client_secret"]
/** Longest OAuth `error` / `error_description` kept (after redaction: see src/domain/redact.ts). */
const ERROR_TEXT_LIMIT = 300

/**
 * The endpoint's `error` and `error_description` end up in the login's error message: redacted (the form's
 * secrets, the environment's credentials) and cut here, where they enter, so every caller shows them safely.
 */
const safeErrorFields = (value: unknown, secrets: ReadonlyArray<string>): unknown => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value
  const doc = { ...(value as Record<string, unknown>) }
  for (const field of ["error", "error_description"]) {
    const text = doc[field]
    if (typeof text === "string") doc[field] = redactLine(text, secrets, ERROR_TEXT_LIMIT)
  }
  return doc
}

export const postForm = (provider: string, url: string, form: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const env = yield* Environment
    const secrets = [...SECRET_FIELDS.flatMap((field) => form[field] ?? []), ...envSecrets(env.get)]
    const response = yield* client.execute(
      HttpClientRequest.post(url).pipe(HttpClientRequest.acceptJson, HttpClientRequest.bodyUrlParams(form))
    )
    const body = yield* readBounded(response)
    if (body.truncated)
      return yield* new LoginFailed({
        provider,
        reason: `${new URL(url).host} answered HTTP ${response.status} with a body larger than ${formatLimit(BODY_LIMIT)}`
      })
    try {
      return safeErrorFields(JSON.parse(body.text) as unknown, secrets)
    } catch {
      // Some endpoints (GitHub without Accept) answer form-encoded.
      if (body.text.includes("="))
        return safeErrorFields(Object.fromEntries(new URLSearchParams(body.text)), secrets)
      return yield* new LoginFailed({
        provider,
        reason: `${new URL(url).host} answered HTTP ${response.status} without JSON`
      })
    }
  }).pipe(
    Effect.timeoutFail({
      duration: REQUEST_TIMEOUT,
      onTimeout: () =>
        new LoginFailed({
          provider,
          reason: `${new URL(url).host} did not answer within ${Duration.format(REQUEST_TIMEOUT)}`
        })
    }),
    Effect.catchTags({
      RequestError: (error) =>
        Effect.fail(
          new LoginFailed({ provider, reason: `cannot reach ${new URL(url).host} (${error.reason})` })
        ),
      ResponseError: (error) =>
        Effect.fail(
          new LoginFailed({ provider, reason: `bad response from ${new URL(url).host} (${error.reason})` })
        )
    })
  )
