/**
 * Device authorization grant (RFC 8628; spec `login-github-copilot`): show a code, poll the token endpoint at
 * the interval the server gives (1 to 60 s; slower on `slow_down`) until it answers, the code expires or `waitMs`
 * (`--timeout`) has passed, whichever comes first: at most one poll a second, for a bounded time.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type AuthMethod, deviceClient, type ProviderAuth } from "../../../../domain/authProviders.js"
import { LoginFailed } from "../../../../domain/errors.js"
import {
  parseDeviceCode,
  parseDevicePoll,
  slowerPollInterval,
  type TokenSet
} from "../../../../domain/oauthLogin.js"
import { sanitizeText } from "../../../../domain/terminal.js"
import { Environment } from "../../../../services/Environment.js"
import { postForm } from "./http.js"
import type { LoginResult } from "./types.js"

const GRANT = "urn:ietf:params:oauth:grant-type:device_code"

export const deviceCodeLogin = (provider: ProviderAuth, _method: AuthMethod, waitMs: number) =>
  Effect.gen(function* () {
    const env = yield* Environment
    const client = deviceClient(provider, env.get)
    if (client === undefined)
      return yield* new LoginFailed({ provider: provider.id, reason: "no device client is configured" })
    const device = yield* Either.mapLeft(
      parseDeviceCode(
        yield* postForm(provider.id, client.deviceCodeUrl, {
          client_id: client.clientId,
          scope: client.scope
        })
      ),
      (reason) => new LoginFailed({ provider: provider.id, reason: `device code refused: ${reason}` })
    )
    yield* Console.log(sanitizeText(`Open ${device.verificationUri} and enter the code: ${device.userCode}`))
    yield* Console.log("Waiting for you to approve…")

    const poll = (
      interval: number
    ): Effect.Effect<TokenSet, LoginFailed, Environment | HttpClient.HttpClient> =>
      Effect.gen(function* () {
        yield* Effect.sleep(Duration.seconds(interval))
        const answer = parseDevicePoll(
          yield* postForm(provider.id, client.tokenUrl, {
            client_id: client.clientId,
            device_code: device.deviceCode,
            grant_type: GRANT
          }),
          env.now()
        )
        switch (answer._tag) {
          case "Done":
            return answer.tokens
          case "Pending":
            return yield* poll(interval)
          case "SlowDown":
            return yield* poll(slowerPollInterval(interval))
          case "Failed":
            return yield* new LoginFailed({ provider: provider.id, reason: answer.reason })
        }
      })
    const codeExpiresFirst = device.expiresIn * 1000 <= waitMs
    const tokens = yield* poll(device.interval).pipe(
      Effect.timeoutFail({
        duration: Duration.millis(Math.min(device.expiresIn * 1000, waitMs)),
        onTimeout: () =>
          new LoginFailed({
            provider: provider.id,
            reason: codeExpiresFirst
              ? "the code expired before it was approved; run the login again"
              : `the code was not approved within ${Duration.format(Duration.millis(waitMs))}; run the login again, with --timeout <duration> to wait longer`
          })
      })
    )
    return {
      profileId: provider.defaultProfileId,
      credential: {
        type: "token",
        provider: provider.id,
        token: tokens.access,
        ...(tokens.expires !== undefined ? { expires: tokens.expires } : {})
      }
    } satisfies LoginResult
  })
