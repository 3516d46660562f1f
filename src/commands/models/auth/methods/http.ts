/** Form POSTs to OAuth endpoints; any answer's JSON body is returned (errors arrive as 400 + JSON). */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { LoginFailed } from "../../../../domain/errors.js"

/** One endpoint call; interrupting it aborts the request. */
const REQUEST_TIMEOUT = Duration.seconds(30)

export const postForm = (provider: string, url: string, form: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    const response = yield* client.execute(
      HttpClientRequest.post(url).pipe(HttpClientRequest.acceptJson, HttpClientRequest.bodyUrlParams(form))
    )
    const text = yield* response.text
    try {
      return JSON.parse(text) as unknown
    } catch {
      // Some endpoints (GitHub without Accept) answer form-encoded.
      if (text.includes("=")) return Object.fromEntries(new URLSearchParams(text))
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
