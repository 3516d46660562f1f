/**
 * OAuth authorization code + PKCE (spec §3.11 step 5): a loopback server on 127.0.0.1 catches the redirect;
 * the URL is printed (and opened when a browser can reach this machine); a pasted redirect URL or code is
 * accepted too, whichever comes first. The code is exchanged with the verifier.
 */
import * as Prompt from "@effect/cli/Prompt"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import {
  type AuthMethod,
  isRemoteSession,
  oauthClient,
  type ProviderAuth
} from "../../../../domain/authProviders.js"
import { type Cancelled, LoginFailed } from "../../../../domain/errors.js"
import {
  authorizeUrl,
  jwtClaims,
  makePkce,
  parseRedirectInput,
  parseTokenResponse
} from "../../../../domain/oauthLogin.js"
import { ASSUMED_LIFETIME_SECONDS, labelClaim } from "../../../../domain/tokenGrant.js"
import { Environment } from "../../../../services/Environment.js"
import { OAuthCallback } from "../../../../services/OAuthCallback.js"
import { ProcessRunner } from "../../../../services/ProcessRunner.js"
import { runPrompt } from "../shared.js"
import { postForm } from "./http.js"
import type { LoginResult } from "./types.js"

/** Opens the URL in a browser when one can reach us; failures are ignored (the URL is printed anyway). */
const openBrowser = (url: string) =>
  Effect.flatMap(ProcessRunner, (runner) =>
    runner.run(process.platform === "darwin" ? "open" : "xdg-open", [url]).pipe(Effect.ignore)
  )

/** `waitMs`: how long to wait for the redirect or a paste (`auth login --timeout`). */
export const oauthPkceLogin = (provider: ProviderAuth, _method: AuthMethod, waitMs: number) =>
  Effect.scoped(
    Effect.gen(function* () {
      const env = yield* Environment
      const client = oauthClient(provider, env.get)
      if (client === undefined)
        return yield* new LoginFailed({ provider: provider.id, reason: "no OAuth client is configured" })
      const pkce = yield* makePkce
      const listener = yield* (yield* OAuthCallback).listen(provider.id, client.redirectUri, pkce.state).pipe(
        Effect.tapError((error) => Console.error(`${error.reason}; paste the redirect URL instead.`)),
        Effect.option
      )
      const redirectUri = listener._tag === "Some" ? listener.value.redirectUri : client.redirectUri
      const url = authorizeUrl({
        ...client,
        redirectUri,
        pkce,
        ...(client.extra ? { extra: client.extra } : {})
      })
      yield* Console.log(`Open this URL to sign in to ${provider.label}:\n\n${url}\n`)
      if (!isRemoteSession(env.get, process.platform) && env.get("CLAWDBOT_NO_BROWSER") === undefined)
        yield* Effect.forkScoped(openBrowser(url))

      // Input that is not this login's redirect gets one line saying why, then a fresh prompt.
      const pasted: Effect.Effect<string, Cancelled, Prompt.Prompt.Environment> = runPrompt(
        Prompt.text({ message: "Paste the redirect URL (or code) if the browser cannot reach this machine" })
      ).pipe(
        Effect.flatMap((value) =>
          Either.match(parseRedirectInput(value, pkce.state), {
            onLeft: (reason) =>
              Effect.zipRight(
                Console.error(reason),
                Effect.suspend(() => pasted)
              ),
            onRight: Effect.succeed
          })
        )
      )
      // A prompt cut short (the redirect arrived, or time ran out) leaves the cursor on its line: end that line.
      const prompted = pasted.pipe(Effect.onInterrupt(() => Console.log("")))
      const code = yield* (
        listener._tag === "Some" ? Effect.raceFirst(listener.value.code, prompted) : prompted
      ).pipe(
        Effect.timeoutFail({
          duration: Duration.millis(waitMs),
          onTimeout: () =>
            new LoginFailed({
              provider: provider.id,
              reason: `no sign-in arrived within ${Duration.format(Duration.millis(waitMs))} (neither the browser redirect nor a pasted URL); run the login again, with --timeout <duration> to wait longer`
            })
        })
      )

      const body = yield* postForm(provider.id, client.tokenUrl, {
        grant_type: "authorization_code",
        client_id: client.clientId,
        code,
        code_verifier: pkce.verifier,
        redirect_uri: redirectUri
      })
      const tokens = yield* Either.mapLeft(
        parseTokenResponse(body, env.now()),
        (reason) => new LoginFailed({ provider: provider.id, reason: `token exchange refused: ${reason}` })
      )
      const idClaims = jwtClaims(tokens.idToken)
      const accessClaims = jwtClaims(tokens.access)
      // Claims name the profile and are shown; one that could not be a label is dropped (default id instead).
      const email = labelClaim(idClaims.email, 254)
      const auth = accessClaims["https://api.openai.com/auth"] as { chatgpt_account_id?: unknown } | undefined
      const accountId = labelClaim(auth?.chatgpt_account_id, 200)
      return {
        profileId: email !== undefined ? `${provider.id}:${email}` : provider.defaultProfileId,
        credential: {
          type: "oauth",
          provider: provider.id,
          access: tokens.access,
          ...(tokens.refresh !== undefined ? { refresh: tokens.refresh } : {}),
          expires: tokens.expires ?? env.now() + ASSUMED_LIFETIME_SECONDS * 1000,
          ...(email !== undefined ? { email } : {}),
          ...(accountId !== undefined ? { accountId } : {}),
          clientId: client.clientId
        }
      } satisfies LoginResult
    })
  )
