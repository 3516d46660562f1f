/**
 * `openai-codex-responses` (spec §7): ChatGPT sign-in (OAuth) against the Responses API of the ChatGPT backend,
 * `POST {base}/codex/responses` (`https://chatgpt.com/backend-api`), `Authorization: Bearer <access token>`,
 * `chatgpt-account-id`, `OpenAI-Beta: responses=experimental`, `originator`. The backend only streams, wants
 * `instructions` and `store: false`, and refuses `max_output_tokens` (pi-ai strips it too), so a probe cannot
 * cap its reply; it asks for one word. The answer is a Responses API stream: decoded as `openai-responses`.
 */
import * as Redacted from "effect/Redacted"
import * as OpenAiResponses from "./openaiResponses.js"
import { type ChatOptions, type ChatTarget, joinUrl, type WireAdapter, type WireRequest } from "./types.js"

export const CODEX_INSTRUCTIONS = "You are a helpful assistant. Answer briefly."
const ACCOUNT_CLAIM = "https://api.openai.com/auth"

/** `chatgpt_account_id` from an access token's JWT claims, if it is a JWT that has one. */
export const accountIdFromToken = (token: string): string | undefined => {
  const payload = token.split(".")[1]
  if (token.split(".").length !== 3 || payload === undefined) return undefined
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/")
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="))) as unknown
    const auth = (claims as Record<string, unknown> | null)?.[ACCOUNT_CLAIM] as
      | Record<string, unknown>
      | undefined
    const id = auth?.chatgpt_account_id
    return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined
  } catch {
    return undefined
  }
}

const accountOf = (target: ChatTarget): string | undefined =>
  target.credential.accountId ?? accountIdFromToken(Redacted.value(target.credential.secret))

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const base = OpenAiResponses.build(target, { ...options, stream: true })
  const { max_output_tokens: _, ...body } = base.body as Record<string, unknown>
  const account = accountOf(target)
  return {
    url: joinUrl(target.endpoint.baseUrl, "/codex/responses"),
    headers: {
      ...base.headers,
      "openai-beta": "responses=experimental",
      originator: "pi",
      ...(account !== undefined ? { "chatgpt-account-id": account } : {})
    },
    body: { ...body, instructions: CODEX_INSTRUCTIONS, store: false, stream: true }
  }
}

export const missing = (target: ChatTarget): string | undefined =>
  accountOf(target) === undefined
    ? "No ChatGPT account id: the profile has no accountId and the access token names none. Sign in again with `clawdbot models auth login --provider openai-codex`."
    : undefined

export const adapter: WireAdapter = { build, decode: OpenAiResponses.decode, missing }
