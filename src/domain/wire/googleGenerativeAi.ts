/**
 * `google-generative-ai` (spec §7): `POST {base}/models/{model}:generateContent` (or
 * `:streamGenerateContent?alt=sse`), key in `x-goog-api-key`; an OAuth token goes in `Authorization: Bearer`.
 */
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { errorFields, httpError, isEventStream, malformed, parseJson, parseSse } from "./decode.js"
import {
  type ChatOptions,
  type ChatOutcome,
  type ChatTarget,
  joinUrl,
  PROBE_PROMPT,
  type ToolCall,
  type WireAdapter,
  type WireRequest
} from "./types.js"

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const secret = Redacted.value(target.credential.secret)
  const method = options.stream ? "streamGenerateContent?alt=sse" : "generateContent"
  const parts: Array<unknown> = [{ text: options.prompt ?? PROBE_PROMPT }]
  if (options.image)
    parts.push({ inlineData: { mimeType: options.image.mediaType, data: options.image.base64 } })
  return {
    url: joinUrl(target.endpoint.baseUrl, `/models/${encodeURIComponent(target.model)}:${method}`),
    headers: {
      ...target.endpoint.headers,
      "content-type": "application/json",
      accept: options.stream ? "text/event-stream" : "application/json",
      ...(target.credential.kind === "oauth"
        ? { authorization: `Bearer ${secret}` }
        : { "x-goog-api-key": secret })
    },
    body: {
      contents: [{ role: "user", parts }],
      generationConfig: {
        maxOutputTokens: options.maxTokens,
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {})
      },
      ...(options.tools && options.tools.length > 0
        ? {
            tools: [
              {
                functionDeclarations: options.tools.map((tool) => ({
                  name: tool.name,
                  description: tool.description,
                  parameters: tool.parameters
                }))
              }
            ]
          }
        : {})
    }
  }
}

const GenerateResponse = Schema.Struct({
  candidates: Schema.optional(
    Schema.Array(
      Schema.Struct({
        content: Schema.optional(
          Schema.Struct({
            parts: Schema.optional(
              Schema.Array(
                Schema.Struct({
                  text: Schema.optional(Schema.String),
                  thought: Schema.optional(Schema.Boolean),
                  functionCall: Schema.optional(
                    Schema.Struct({ name: Schema.String, args: Schema.optional(Schema.Unknown) })
                  )
                })
              )
            )
          })
        ),
        finishReason: Schema.optional(Schema.String)
      })
    )
  ),
  promptFeedback: Schema.optional(Schema.Struct({ blockReason: Schema.optional(Schema.String) }))
})
type GenerateResponse = typeof GenerateResponse.Type
const decodeChunk = Schema.decodeUnknownEither(GenerateResponse)

const collect = (chunks: ReadonlyArray<GenerateResponse>, status: number): ChatOutcome => {
  let text = ""
  let finish: string | undefined
  const calls: Array<ToolCall> = []
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0]
    for (const part of candidate?.content?.parts ?? []) {
      if (part.text !== undefined && part.thought !== true) text += part.text
      if (part.functionCall)
        calls.push({ name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) })
    }
    finish = candidate?.finishReason ?? chunk.promptFeedback?.blockReason ?? finish
  }
  return { _tag: "Reply", status, text, toolCalls: calls, ...(finish ? { finishReason: finish } : {}) }
}

type Unwrap = (value: unknown) => unknown

const decodeStream = (status: number, body: string, unwrap: Unwrap): ChatOutcome => {
  const chunks: Array<GenerateResponse> = []
  for (const event of parseSse(body)) {
    const json = parseJson(event.data)
    if (Either.isLeft(json)) return malformed(status, "Gemini stream chunk is not JSON", json.left)
    if (typeof json.right === "object" && json.right !== null && "error" in json.right) {
      return httpError(status, event.data, errorFields(json.right))
    }
    const chunk = decodeChunk(unwrap(json.right))
    if (Either.isLeft(chunk)) return malformed(status, "Unexpected Gemini stream chunk", event.data)
    chunks.push(chunk.right)
  }
  if (chunks.length === 0) return malformed(status, "Gemini stream ended without a chunk", body)
  return collect(chunks, status)
}

/**
 * Reads a Gemini answer whose chunks are `unwrap`ped first (Cloud Code Assist wraps each in `{response}`):
 * an error status, an SSE stream, or one JSON body.
 */
export const decodeWith =
  (unwrap: Unwrap) =>
  (status: number, contentType: string, body: string): ChatOutcome => {
    if (status < 200 || status >= 300) return httpError(status, body)
    if (isEventStream(contentType, body)) return decodeStream(status, body, unwrap)
    return Either.match(
      Either.flatMap(parseJson(body), (json) =>
        Either.mapLeft(decodeChunk(unwrap(json)), (error) => error.message.split("\n").slice(0, 4).join(" "))
      ),
      {
        onLeft: (reason) => malformed(status, "Unexpected Gemini response", reason),
        onRight: (response) => collect([response], status)
      }
    )
  }

export const decode = decodeWith((value) => value)

export const adapter: WireAdapter = { build, decode }
