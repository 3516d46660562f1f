/**
 * OAuthRefresh on real files and HTTP: a per-profile cross-process lock (`<agentDir>/.oauth-refresh-<id>.lock`,
 * proper-lockfile via stateFile.withFileLock), a re-read of the store under it, the token request, and the new
 * tokens written back through AuthStore.modify (its own lock, atomic write).
 */
import * as path from "node:path"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { oauthAccessExpired, storableCredential } from "../domain/authProfiles.js"
import type { JsonObject } from "../domain/configEdit.js"
import { OAuthRefreshFailed } from "../domain/errors.js"
import { normalizeProviderId } from "../domain/modelRef.js"
import {
  decodeTokenResponse,
  refreshedEntry,
  refreshLockName,
  refreshRequest,
  tokenEndpointFor,
  tokenUrlVar
} from "../domain/oauth.js"
import { knownSecrets, redactLine } from "../domain/redact.js"
import { AuthStore } from "../services/AuthStore.js"
import { Environment } from "../services/Environment.js"
import { OAuthRefresh } from "../services/OAuthRefresh.js"
import { BODY_LIMIT, formatLimit, readBounded } from "./internal/boundedBody.js"
import { ensurePrivateDir, withFileLock } from "./internal/stateFile.js"

/** Longest token-endpoint error kept (after redaction: see src/domain/redact.ts). */
const REFRESH_ERROR_LIMIT = 300

const objectAt = (value: unknown): JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : {}

export const layer: Layer.Layer<OAuthRefresh, never, AuthStore | Environment | HttpClient.HttpClient> =
  Layer.effect(
    OAuthRefresh,
    Effect.gen(function* () {
      const store = yield* AuthStore
      const environment = yield* Environment
      const http = yield* HttpClient.HttpClient

      const fail = (profileId: string) => (reason: string) => new OAuthRefreshFailed({ profileId, reason })

      /** The profile under the lock, and every secret of the store and env (to redact the endpoint's answer). */
      const current = (agentDir: string, profileId: string) =>
        Effect.flatMap(store.read(agentDir), (snapshot) => {
          const credential = snapshot.profiles[profileId]
          return credential?.type === "oauth"
            ? Effect.succeed([credential, knownSecrets({ store: snapshot, env: environment.get })] as const)
            : Effect.fail(fail(profileId)("the profile is not an OAuth profile in the auth store"))
        })

      const refresh = (agentDir: string, profileId: string) =>
        Effect.gen(function* () {
          yield* ensurePrivateDir(agentDir, false)
          return yield* withFileLock(
            path.join(agentDir, refreshLockName(profileId)),
            Effect.gen(function* () {
              // Under the lock: another process may have refreshed while we waited.
              const [credential, secrets] = yield* current(agentDir, profileId)
              if (
                !oauthAccessExpired(credential, environment.now()) &&
                Redacted.value(credential.access).trim() !== ""
              ) {
                return credential
              }
              const refreshToken = credential.refresh ? Redacted.value(credential.refresh).trim() : ""
              if (refreshToken === "") return yield* fail(profileId)("no refresh token; log in again")
              const provider = normalizeProviderId(credential.provider)
              const endpoint = tokenEndpointFor(provider, environment.get)
              if (endpoint === undefined) {
                return yield* fail(profileId)(
                  `refreshing ${provider} tokens is not supported; run \`clawdbot models auth login --provider ${provider}\``
                )
              }
              const [contentType, body] = refreshRequest(endpoint, refreshToken, credential.clientId)
              const response = yield* HttpClientRequest.post(endpoint.url).pipe(
                HttpClientRequest.setHeader("accept", "application/json"),
                HttpClientRequest.bodyText(body, contentType),
                http.execute,
                Effect.flatMap((res) =>
                  Effect.map(readBounded(res), (body) =>
                    body.truncated
                      ? Either.left(
                          `token endpoint answered HTTP ${res.status} with a body larger than ${formatLimit(BODY_LIMIT)}`
                        )
                      : decodeTokenResponse(res.status, body.text)
                  )
                ),
                Effect.mapError(() =>
                  fail(profileId)(
                    `could not reach ${new URL(endpoint.url).origin} (set ${tokenUrlVar(provider)} to override)`
                  )
                )
              )
              if (Either.isLeft(response)) {
                return yield* fail(profileId)(redactLine(response.left, secrets, REFRESH_ERROR_LIMIT))
              }
              // The provider has rotated the tokens: from here on, saving them must not be interrupted.
              const now = environment.now()
              return yield* store
                .modify(agentDir, (snapshot) => {
                  const profiles = objectAt(snapshot.raw.profiles)
                  const entry = refreshedEntry(objectAt(profiles[profileId]), response.right, now)
                  const next = { ...snapshot.raw, profiles: { ...profiles, [profileId]: entry } }
                  const saved = storableCredential(entry)
                  return Either.isRight(saved) && saved.right.type === "oauth"
                    ? Effect.succeed([next, saved.right] as const)
                    : Effect.fail(
                        fail(profileId)(
                          `the refreshed profile could not be stored (${Either.isLeft(saved) ? saved.left : "not an OAuth profile"}); nothing was written`
                        )
                      )
                })
                .pipe(Effect.uninterruptible)
            })
          )
        }).pipe(Effect.withSpan("OAuthRefresh.refresh", { attributes: { profileId } }))

      return OAuthRefresh.of({ refresh })
    })
  )
