/**
 * `anthropic-messages` (spec §7): `POST {base}/v1/messages`. An API key goes in `x-api-key`; an OAuth or
 * setup-token (`sk-ant-oat…`) goes in `Authorization: Bearer` with the Claude Code beta flags, user agent and
 * system block the API requires for such tokens.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import {
  decodeJsonWith,
  errorFields,
  httpError,
  isEventStream,
  malformed,
  parseJson,
  parseSse
} from "./decode.js"
import {
  type ChatCredential,
  type ChatOptions,
  type ChatOutcome,
  type ChatTarget,
  joinUrl,
  PROBE_PROMPT,
  type ToolCall,
  type WireAdapter,
  type WireRequest
} from "./types.js"

export const ANTHROPIC_VERSION = "2023-06-01"
export const CLAUDE_CODE_SYSTEM = "You are Claude Code, Anthropic's official CLI for Claude."
const KEY_BETAS = "fine-grained-tool-streaming-2025-05-14,interleaved-thinking-2025-05-14"
const OAUTH_BETAS = `claude-code-20250219,oauth-2025-04-20,${KEY_BETAS}`

/** OAuth access tokens and setup-tokens authenticate as Bearer (spec §7: key contains `sk-ant-oat`). */
export const usesBearer = (credential: ChatCredential): boolean =>
  credential.kind === "oauth" || Redacted.value(credential.secret).includes("sk-ant-oat")

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const bearer = usesBearer(target.credential)
  const secret = Redacted.value(target.credential.secret)
  const text = options.prompt ?? PROBE_PROMPT
  const content =
    options.image === undefined
      ? text
      : [
          {
            type: "image",
            source: { type: "base64", media_type: options.image.mediaType, data: options.image.base64 }
          },
          { type: "text", text }
        ]
  return {
    url: joinUrl(target.endpoint.baseUrl, "/v1/messages"),
    headers: {
      ...target.endpoint.headers,
      "content-type": "application/json",
      accept: options.stream ? "text/event-stream" : "application/json",
      "anthropic-version": ANTHROPIC_VERSION,
      "anthropic-dangerous-direct-browser-access": "true",
      ...(bearer
        ? {
            authorization: `Bearer ${secret}`,
            "anthropic-beta": OAUTH_BETAS,
            "user-agent": "claude-cli/2.1.2 (external, cli)",
            "x-app": "cli"
          }
        : { "x-api-key": secret, "anthropic-beta": KEY_BETAS })
    },
    body: {
      model: target.model,
      max_tokens: options.maxTokens,
      ...(bearer ? { system: [{ type: "text", text: CLAUDE_CODE_SYSTEM }] } : {}),
      messages: [{ role: "user", content }],
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.tools && options.tools.length > 0
        ? {
            tools: options.tools.map((tool) => ({
              name: tool.name,
              description: tool.description,
              input_schema: tool.parameters
            }))
          }
        : {}),
      ...(options.stream ? { stream: true } : {})
    }
  }
}

const Message = Schema.Struct({
  content: Schema.Array(
    Schema.Struct({
      type: Schema.String,
      text: Schema.optional(Schema.String),
      name: Schema.optional(Schema.String),
      input: Schema.optional(Schema.Unknown)
    })
  ),
  stop_reason: Schema.optional(Schema.NullOr(Schema.String))
})

const reply = (text: string, toolCalls: ReadonlyArray<ToolCall>, finishReason: string | null | undefined) =>
  ({
    _tag: "Reply",
    status: 200,
    text,
    toolCalls,
    ...(finishReason ? { finishReason } : {})
  }) as const

const StreamEvent = Schema.Struct({
  type: Schema.String,
  content_block: Schema.optional(
    Schema.Struct({ type: Schema.String, name: Schema.optional(Schema.String) })
  ),
  delta: Schema.optional(
    Schema.Struct({
      type: Schema.optional(Schema.String),
      text: Schema.optional(Schema.String),
      partial_json: Schema.optional(Schema.String),
      stop_reason: Schema.optional(Schema.NullOr(Schema.String))
    })
  )
})
const decodeEvent = Schema.decodeUnknownEither(StreamEvent)

const decodeStream = (status: number, body: string): ChatOutcome => {
  let text = ""
  let finish: string | null | undefined
  const calls: Array<{ name: string; arguments: string }> = []
  let sawMessage = false
  for (const event of parseSse(body)) {
    const json = parseJson(event.data)
    if (Either.isLeft(json)) return malformed(status, "Anthropic stream event is not JSON", json.left)
    if (event.event === "error" || (json.right as { type?: unknown })?.type === "error") {
      return httpError(status, event.data, errorFields(json.right))
    }
    const decoded = decodeEvent(json.right)
    if (Either.isLeft(decoded)) return malformed(status, "Unexpected Anthropic stream event", event.data)
    const e = decoded.right
    if (e.type === "message_start") sawMessage = true
    if (e.type === "content_block_start" && e.content_block?.type === "tool_use") {
      calls.push({ name: e.content_block.name ?? "", arguments: "" })
    }
    if (e.type === "content_block_delta" && e.delta) {
      if (e.delta.text !== undefined) text += e.delta.text
      const last = calls.at(-1)
      if (e.delta.partial_json !== undefined && last) last.arguments += e.delta.partial_json
    }
    if (e.type === "message_delta" && e.delta?.stop_reason !== undefined) finish = e.delta.stop_reason
  }
  if (!sawMessage) return malformed(status, "Anthropic stream ended without a message", body)
  return { ...reply(text, calls, finish), status }
}

export const decode = (status: number, contentType: string, body: string): ChatOutcome => {
  if (status < 200 || status >= 300) return httpError(status, body)
  if (isEventStream(contentType, body)) return decodeStream(status, body)
  const json = parseJson(body)
  if (Either.isRight(json) && (json.right as { type?: unknown })?.type === "error") {
    return httpError(status, body, errorFields(json.right))
  }
  return Either.match(decodeJsonWith(Message)(body), {
    onLeft: (reason) => malformed(status, "Unexpected Anthropic response", reason),
    onRight: (message) => ({
      ...reply(
        message.content
          .flatMap((block) => (block.type === "text" && block.text ? [block.text] : []))
          .join(""),
        message.content.flatMap((block) =>
          block.type === "tool_use"
            ? [{ name: block.name ?? "", arguments: JSON.stringify(block.input ?? {}) }]
            : []
        ),
        message.stop_reason
      ),
      status
    })
  })
}

export const adapter: WireAdapter = { build, decode }
