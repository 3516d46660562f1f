/**
 * `openai-completions` (spec §7): `POST {base}/chat/completions` with `Authorization: Bearer`. Serves OpenAI-
 * compatible providers too: OpenRouter, Groq, Cerebras, xAI, Mistral, z.ai, Ollama and custom ones; the few body
 * differences the reference makes per provider are in `compat`.
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
  type ChatOptions,
  type ChatOutcome,
  type ChatTarget,
  joinUrl,
  PROBE_PROMPT,
  type WireAdapter,
  type WireRequest
} from "./types.js"

const MAX_TOKENS_FIELD = new Set(["mistral", "chutes"])
const NO_STORE_FIELD = new Set(["cerebras", "xai", "mistral", "zai", "opencode", "chutes"])

/** Per-provider body differences (spec §7): `max_tokens` vs `max_completion_tokens`, `store: false`. */
export const compat = (provider: string) => ({
  maxTokensField: MAX_TOKENS_FIELD.has(provider) ? "max_tokens" : "max_completion_tokens",
  store: !NO_STORE_FIELD.has(provider)
})

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const { maxTokensField, store } = compat(target.provider)
  const text = options.prompt ?? PROBE_PROMPT
  const content =
    options.image === undefined
      ? text
      : [
          { type: "text", text },
          {
            type: "image_url",
            image_url: { url: `data:${options.image.mediaType};base64,${options.image.base64}` }
          }
        ]
  return {
    url: joinUrl(target.endpoint.baseUrl, "/chat/completions"),
    headers: {
      ...target.endpoint.headers,
      "content-type": "application/json",
      accept: options.stream ? "text/event-stream" : "application/json",
      authorization: `Bearer ${Redacted.value(target.credential.secret)}`
    },
    body: {
      model: target.model,
      messages: [{ role: "user", content }],
      [maxTokensField]: options.maxTokens,
      ...(store ? { store: false } : {}),
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.tools && options.tools.length > 0
        ? {
            tools: options.tools.map((tool) => ({
              type: "function",
              function: { name: tool.name, description: tool.description, parameters: tool.parameters }
            })),
            ...(options.toolChoice !== undefined ? { tool_choice: options.toolChoice } : {})
          }
        : {}),
      ...(options.stream ? { stream: true, stream_options: { include_usage: true } } : {})
    }
  }
}

const FunctionCall = Schema.Struct({
  name: Schema.optional(Schema.NullOr(Schema.String)),
  arguments: Schema.optional(Schema.NullOr(Schema.String))
})
const ToolCallSchema = Schema.Struct({
  index: Schema.optional(Schema.Number),
  function: Schema.optional(FunctionCall)
})
const Completion = Schema.Struct({
  choices: Schema.Array(
    Schema.Struct({
      message: Schema.Struct({
        content: Schema.optional(Schema.NullOr(Schema.String)),
        tool_calls: Schema.optional(Schema.NullOr(Schema.Array(ToolCallSchema)))
      }),
      finish_reason: Schema.optional(Schema.NullOr(Schema.String))
    })
  )
})
const Chunk = Schema.Struct({
  choices: Schema.optional(
    Schema.Array(
      Schema.Struct({
        delta: Schema.optional(
          Schema.Struct({
            content: Schema.optional(Schema.NullOr(Schema.String)),
            tool_calls: Schema.optional(Schema.NullOr(Schema.Array(ToolCallSchema)))
          })
        ),
        finish_reason: Schema.optional(Schema.NullOr(Schema.String))
      })
    )
  )
})
const decodeChunk = Schema.decodeUnknownEither(Chunk)

const decodeStream = (status: number, body: string): ChatOutcome => {
  let text = ""
  let finish: string | undefined
  let chunks = 0
  const calls = new Map<number, { name: string; arguments: string }>()
  for (const event of parseSse(body)) {
    if (event.data.trim() === "[DONE]") continue
    const json = parseJson(event.data)
    if (Either.isLeft(json)) return malformed(status, "Stream chunk is not JSON", json.left)
    if (typeof json.right === "object" && json.right !== null && "error" in json.right) {
      return httpError(status, event.data, errorFields(json.right))
    }
    const chunk = decodeChunk(json.right)
    if (Either.isLeft(chunk)) return malformed(status, "Unexpected stream chunk", event.data)
    chunks++
    for (const choice of chunk.right.choices ?? []) {
      text += choice.delta?.content ?? ""
      for (const call of choice.delta?.tool_calls ?? []) {
        const index = call.index ?? calls.size
        const entry = calls.get(index) ?? { name: "", arguments: "" }
        entry.name += call.function?.name ?? ""
        entry.arguments += call.function?.arguments ?? ""
        calls.set(index, entry)
      }
      if (choice.finish_reason) finish = choice.finish_reason
    }
  }
  if (chunks === 0) return malformed(status, "Stream ended without a chunk", body)
  return {
    _tag: "Reply",
    status,
    text,
    toolCalls: [...calls.values()],
    ...(finish ? { finishReason: finish } : {})
  }
}

export const decode = (status: number, contentType: string, body: string): ChatOutcome => {
  if (status < 200 || status >= 300) return httpError(status, body)
  if (isEventStream(contentType, body)) return decodeStream(status, body)
  const json = parseJson(body)
  // OpenRouter reports some upstream failures as a 200 with an `error` body.
  if (
    Either.isRight(json) &&
    typeof json.right === "object" &&
    json.right !== null &&
    "error" in json.right
  ) {
    const fields = errorFields(json.right)
    if (fields) return httpError(status, body, fields)
  }
  return Either.match(decodeJsonWith(Completion)(body), {
    onLeft: (reason) => malformed(status, "Unexpected chat completion", reason),
    onRight: (completion) => {
      const choice = completion.choices[0]
      if (choice === undefined) return malformed(status, "Unexpected chat completion", "no choices")
      return {
        _tag: "Reply",
        status,
        text: choice.message.content ?? "",
        toolCalls: (choice.message.tool_calls ?? []).map((call) => ({
          name: call.function?.name ?? "",
          arguments: call.function?.arguments ?? ""
        })),
        ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {})
      }
    }
  })
}

export const adapter: WireAdapter = { build, decode }
