/** API key method: a hidden prompt, stored as an `api_key` profile `<provider>:default`. */
import * as Prompt from "@effect/cli/Prompt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { AuthMethod, ProviderAuth } from "../../../../domain/authProviders.js"
import { compactSecret } from "../../../../domain/httpHeader.js"
import { runPrompt, validateSecretInput } from "../shared.js"
import type { LoginResult } from "./types.js"

export const apiKeyLogin = (provider: ProviderAuth, method: AuthMethod) =>
  Effect.map(
    runPrompt(
      Prompt.hidden({
        message: `Enter ${method.label}`,
        validate: validateSecretInput("key")
      })
    ),
    (secret): LoginResult => ({
      profileId: provider.defaultProfileId,
      credential: { type: "api_key", provider: provider.id, key: compactSecret(Redacted.value(secret)) }
    })
  )
