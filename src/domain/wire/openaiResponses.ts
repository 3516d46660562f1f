/**
 * `openai-responses` (spec §7): `POST {base}/responses` with `Authorization: Bearer`. The API rejects
 * `max_output_tokens` below 16, so a smaller budget (the probe default is 8) is raised to 16 — a probe must not
 * fail as `format` for asking too little.
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

export const MIN_OUTPUT_TOKENS = 16

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const text = options.prompt ?? PROBE_PROMPT
  const content = [
    { type: "input_text", text },
    ...(options.image === undefined
      ? []
      : [
          { type: "input_image", image_url: `data:${options.image.mediaType};base64,${options.image.base64}` }
        ])
  ]
  return {
    url: joinUrl(target.endpoint.baseUrl, "/responses"),
    headers: {
      ...target.endpoint.headers,
      "content-type": "application/json",
      accept: options.stream ? "text/event-stream" : "application/json",
      authorization: `Bearer ${Redacted.value(target.credential.secret)}`
    },
    body: {
      model: target.model,
      input: [{ role: "user", content }],
      max_output_tokens: Math.max(MIN_OUTPUT_TOKENS, options.maxTokens),
      store: false,
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      ...(options.tools && options.tools.length > 0
        ? {
            tools: options.tools.map((tool) => ({
              type: "function",
              name: tool.name,
              description: tool.description,
              parameters: tool.parameters
            }))
          }
        : {}),
      ...(options.stream ? { stream: true } : {})
    }
  }
}

const Response = Schema.Struct({
  status: Schema.optional(Schema.String),
  output: Schema.Array(
    Schema.Struct({
      type: Schema.String,
      name: Schema.optional(Schema.String),
      arguments: Schema.optional(Schema.String),
      content: Schema.optional(
        Schema.Array(Schema.Struct({ type: Schema.String, text: Schema.optional(Schema.String) }))
      )
    })
  ),
  error: Schema.optional(
    Schema.NullOr(
      Schema.Struct({ code: Schema.optional(Schema.String), message: Schema.optional(Schema.String) })
    )
  ),
  incomplete_details: Schema.optional(
    Schema.NullOr(Schema.Struct({ reason: Schema.optional(Schema.String) }))
  )
})
type Response = typeof Response.Type
const decodeResponse = Schema.decodeUnknownEither(Response)

const fromResponse = (status: number, response: Response, raw: string): ChatOutcome => {
  if (response.status === "failed" && response.error) {
    return httpError(status, raw, {
      ...(response.error.code ? { code: response.error.code, type: response.error.code } : {}),
      ...(response.error.message ? { message: response.error.message } : {})
    })
  }
  const finish = response.incomplete_details?.reason ?? response.status
  return {
    _tag: "Reply",
    status,
    text: response.output
      .flatMap((item) => (item.type === "message" ? (item.content ?? []) : []))
      .flatMap((part) => (part.type === "output_text" && part.text ? [part.text] : []))
      .join(""),
    toolCalls: response.output.flatMap((item) =>
      item.type === "function_call" ? [{ name: item.name ?? "", arguments: item.arguments ?? "" }] : []
    ),
    ...(finish ? { finishReason: finish } : {})
  }
}

const decodeStream = (status: number, body: string): ChatOutcome => {
  let text = ""
  for (const event of parseSse(body)) {
    if (event.data.trim() === "[DONE]") continue
    const json = parseJson(event.data)
    if (Either.isLeft(json)) return malformed(status, "Responses stream event is not JSON", json.left)
    const value = json.right as { type?: unknown; delta?: unknown; response?: unknown }
    if (value?.type === "error") return httpError(status, event.data, errorFields(value))
    if (value?.type === "response.output_text.delta" && typeof value.delta === "string") text += value.delta
    if (
      value?.type === "response.completed" ||
      value?.type === "response.incomplete" ||
      value?.type === "response.failed"
    ) {
      const response = decodeResponse(value.response)
      if (Either.isLeft(response)) return malformed(status, "Unexpected Responses event", event.data)
      const outcome = fromResponse(status, response.right, event.data)
      return outcome._tag === "Reply" && outcome.text === "" ? { ...outcome, text } : outcome
    }
  }
  return malformed(status, "Responses stream ended without a final response", body)
}

export const decode = (status: number, contentType: string, body: string): ChatOutcome => {
  if (status < 200 || status >= 300) return httpError(status, body)
  if (isEventStream(contentType, body)) return decodeStream(status, body)
  return Either.match(decodeJsonWith(Response)(body), {
    onLeft: (reason) => malformed(status, "Unexpected Responses API answer", reason),
    onRight: (response) => fromResponse(status, response, body)
  })
}

export const adapter: WireAdapter = { build, decode }
