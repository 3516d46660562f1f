/**
 * GitHub Copilot (spec §7): the stored credential is a GitHub token. It is exchanged at
 * `GET https://api.github.com/copilot_internal/v2/token` for a short-lived Copilot token (`{token, expires_at}`),
 * whose `proxy-ep=proxy.<host>` field names the API (`https://api.<host>`, default
 * `https://api.individual.githubcopilot.com`). The chat request then goes out over the model's own protocol
 * (anthropic-messages, openai-completions, openai-responses) with `Authorization: Bearer <Copilot token>` and the
 * editor headers. Pure: the request for the exchange, reading its answer, and rewriting the chat request.
 * The Copilot token is not cached: a probe sends one exchange per target (the reference caches it on disk).
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { tokenUrlVar } from "../oauth.js"
import { decodeJsonWith, httpError, malformed } from "./decode.js"
import type { ChatOutcome, ChatTarget, WireRequest } from "./types.js"

export const COPILOT_TOKEN_URL = "https://api.github.com/copilot_internal/v2/token"
export const COPILOT_DEFAULT_BASE_URL = "https://api.individual.githubcopilot.com"

/** The exchange URL; `CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT` (an endpoint override: real environment only) moves it. */
export const copilotTokenUrl = (env: (name: string) => string | undefined): string =>
  env(tokenUrlVar("github-copilot"))?.trim() || COPILOT_TOKEN_URL

/** What VS Code's Copilot Chat sends (pi-ai's github-copilot headers). */
export const COPILOT_EDITOR_HEADERS: Readonly<Record<string, string>> = {
  "user-agent": "GitHubCopilotChat/0.35.0",
  "editor-version": "vscode/1.107.0",
  "editor-plugin-version": "copilot-chat/0.35.0",
  "copilot-integration-id": "vscode-chat"
}

/** `GET` the exchange URL with the GitHub token. Headers hold the secret: never print them. */
export const exchangeRequest = (url: string, target: ChatTarget): Omit<WireRequest, "body"> => ({
  url,
  headers: {
    ...COPILOT_EDITOR_HEADERS,
    accept: "application/json",
    authorization: `Bearer ${Redacted.value(target.credential.secret)}`
  }
})

const CopilotToken = Schema.Struct({ token: Schema.String.pipe(Schema.minLength(1)) })

/** The API base a Copilot token names: `proxy-ep=proxy.x.example` -> `https://api.x.example`. */
export const apiBaseFromToken = (token: string): string | undefined => {
  const endpoint = /(?:^|;)\s*proxy-ep=([^;\s]+)/.exec(token)?.[1]
  if (endpoint === undefined || !/^[a-z0-9.-]+(:\d+)?$/i.test(endpoint)) return undefined
  return `https://${endpoint.replace(/^proxy\./i, "api.")}`
}

/** The Copilot token from the exchange's answer, or the outcome to report (an error status, a body we cannot read). */
export const readExchange = (status: number, body: string): Either.Either<string, ChatOutcome> => {
  if (status < 200 || status >= 300) {
    const outcome = httpError(status, body)
    if (outcome._tag !== "HttpError") return Either.left(outcome)
    const said = outcome.message ?? body.replace(/\s+/g, " ").trim()
    return Either.left({ ...outcome, message: `Copilot token exchange failed${said ? `: ${said}` : ""}` })
  }
  return Either.match(decodeJsonWith(CopilotToken)(body), {
    onLeft: (reason) => Either.left(malformed(status, "Unexpected Copilot token exchange answer", reason)),
    onRight: ({ token }) => Either.right(token)
  })
}

/** The chat target with the Copilot token as its credential, sent to the API the token names (or the configured one). */
export const withCopilotToken = (target: ChatTarget, copilotToken: string): ChatTarget => {
  const fromToken = target.endpoint.tokenExchange?.baseFromToken ? apiBaseFromToken(copilotToken) : undefined
  return {
    ...target,
    endpoint: { ...target.endpoint, baseUrl: fromToken ?? target.endpoint.baseUrl },
    credential: { kind: "token", secret: Redacted.make(copilotToken) }
  }
}

/** Copilot authenticates with the Bearer token only, whatever the model's protocol would send. */
export const copilotHeaders = (
  headers: Readonly<Record<string, string>>,
  copilotToken: string
): Readonly<Record<string, string>> => {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !["x-api-key", "x-goog-api-key"].includes(name.toLowerCase()))
  )
  return {
    ...kept,
    ...COPILOT_EDITOR_HEADERS,
    "x-initiator": "user",
    "openai-intent": "conversation-edits",
    authorization: `Bearer ${copilotToken}`
  }
}
