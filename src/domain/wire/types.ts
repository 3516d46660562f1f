/**
 * What a direct chat request needs and what comes back (spec §7). Pure data: the builders in this folder turn a
 * `ChatTarget` + `ChatOptions` into a `WireRequest`, and a response (status + body text) into a `ChatOutcome`.
 * Nothing here sends anything; `ProviderClient` does.
 */
import type * as Redacted from "effect/Redacted"

/** Where requests for a provider go: its wire protocol (`api`), base URL and extra headers. */
export interface ChatEndpoint {
  readonly api: string
  readonly baseUrl: string
  readonly headers: Readonly<Record<string, string>>
  /**
   * GitHub Copilot (spec §7): the credential is a GitHub token to exchange at `url` for a Copilot token first.
   * `baseFromToken`: send the chat request to the API base the Copilot token names (its `proxy-ep`), unless
   * the user's config set a base URL of its own.
   */
  readonly tokenExchange?: { readonly url: string; readonly baseFromToken: boolean }
}

/** The secret a request authenticates with. `kind` follows the profile type (env OAuth tokens are `oauth`). */
export interface ChatCredential {
  readonly kind: "api_key" | "token" | "oauth"
  readonly secret: Redacted.Redacted<string>
  /** Google Cloud project (gemini-cli style OAuth), if any. */
  readonly projectId?: string
  /** ChatGPT account (openai-codex OAuth): the profile's `accountId`, else the access token's claim. */
  readonly accountId?: string
}

export interface ChatTarget {
  /** Normalised provider id (`openrouter`, `anthropic`, ...): some providers need small body differences. */
  readonly provider: string
  /** Model id as the provider knows it (no `provider/` prefix). */
  readonly model: string
  readonly endpoint: ChatEndpoint
  readonly credential: ChatCredential
}

/** A function the model may call; `parameters` is a JSON Schema object. */
export interface ToolSpec {
  readonly name: string
  readonly description: string
  readonly parameters: Readonly<Record<string, unknown>>
}

export interface ChatImage {
  /** e.g. `image/png` */
  readonly mediaType: string
  readonly base64: string
}

export interface ChatOptions {
  readonly maxTokens: number
  /** The user message; defaults to `PROBE_PROMPT`. */
  readonly prompt?: string
  readonly tools?: ReadonlyArray<ToolSpec>
  /** `required`: the model must call one of `tools` (openai-completions `tool_choice`). Default: provider's. */
  readonly toolChoice?: "auto" | "required"
  /** Sent with the user message. */
  readonly image?: ChatImage
  readonly temperature?: number
  /** Ask for an SSE stream (what the reference does); the reply is read whole either way. Default false. */
  readonly stream?: boolean
}

export const PROBE_PROMPT = "Reply with OK. Do not use tools."

/** A built request: POST `url` with JSON `body`. Headers hold the secret: never print them. */
export interface WireRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

export interface ToolCall {
  readonly name: string
  /** Arguments as the model sent them (JSON text, possibly partial). */
  readonly arguments: string
}

/**
 * A decoded answer. `Reply`: the provider answered (text and/or tool calls). `HttpError`: a non-2xx status, or
 * an error event inside a 2xx stream; `type`/`code`/`message` come from the provider's error body when it has
 * one, `body` is the raw text as read (bounded by the reader, not cut; it may echo request data: redact it, then
 * cut it, before showing, src/domain/redact.ts). `Malformed`: a 2xx whose body we could not read as the protocol
 * says.
 */
export type ChatOutcome =
  | {
      readonly _tag: "Reply"
      readonly status: number
      readonly text: string
      readonly toolCalls: ReadonlyArray<ToolCall>
      readonly finishReason?: string
    }
  | {
      readonly _tag: "HttpError"
      readonly status: number
      readonly type?: string
      readonly code?: string
      readonly message?: string
      readonly body: string
    }
  | { readonly _tag: "Malformed"; readonly status: number; readonly detail: string }

/** One protocol: how to build its request and read its response. */
export interface WireAdapter {
  readonly build: (target: ChatTarget, options: ChatOptions) => WireRequest
  readonly decode: (status: number, contentType: string, body: string) => ChatOutcome
  /** Why a request cannot be made with this credential (a part the protocol needs is missing), else undefined. */
  readonly missing?: (target: ChatTarget) => string | undefined
}

export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, "")}${path}`
