/** Shared response reading for the wire adapters: SSE framing, JSON, provider error bodies. Pure. */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { ChatOutcome } from "./types.js"

export interface SseEvent {
  readonly event?: string
  readonly data: string
}

/** Splits an SSE body into events (`event:` + joined `data:` lines); comments and empty events dropped. */
export const parseSse = (body: string): ReadonlyArray<SseEvent> => {
  const events: Array<SseEvent> = []
  for (const block of body.replace(/\r\n?/g, "\n").split(/\n\n+/)) {
    let event: string | undefined
    const data: Array<string> = []
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue
      const colon = line.indexOf(":")
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "")
      if (field === "event") event = value
      else if (field === "data") data.push(value)
    }
    if (data.length > 0)
      events.push(event === undefined ? { data: data.join("\n") } : { event, data: data.join("\n") })
  }
  return events
}

export const isEventStream = (contentType: string, body: string): boolean =>
  contentType.toLowerCase().includes("text/event-stream") || /^(event|data):/m.test(body.slice(0, 200))

export const parseJson = (text: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(text) as unknown)
  } catch (error) {
    return Either.left(error instanceof Error ? error.message : String(error))
  }
}

const ErrorObject = Schema.Struct({
  type: Schema.optional(Schema.String),
  code: Schema.optional(Schema.Union(Schema.String, Schema.Number, Schema.Null)),
  status: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
})
/** `{error: {...}}` (OpenAI, Google, OpenRouter, Anthropic `{type: "error", error}`), or a top-level one. */
const ErrorBody = Schema.Union(
  Schema.Struct({ error: ErrorObject }),
  Schema.Array(Schema.Struct({ error: ErrorObject })),
  Schema.Struct({
    type: Schema.optional(Schema.String),
    message: Schema.String,
    code: ErrorObject.fields.code
  })
)
const decodeErrorBody = Schema.decodeUnknownEither(ErrorBody)

export interface ProviderErrorFields {
  readonly type?: string
  readonly code?: string
  readonly message?: string
}

/** Pulls `type`/`code`/`message` out of a provider error body (JSON value), if it has that shape. */
export const errorFields = (value: unknown): ProviderErrorFields | undefined => {
  const decoded = decodeErrorBody(value)
  if (Either.isLeft(decoded)) return undefined
  const body = decoded.right
  const error = Array.isArray(body) ? body[0]?.error : "error" in body ? body.error : body
  if (error === undefined) return undefined
  const type = error.type ?? ("status" in error ? error.status : undefined)
  const code = error.code === undefined || error.code === null ? undefined : String(error.code)
  return {
    ...(type !== undefined ? { type } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(error.message !== undefined ? { message: error.message } : {})
  }
}

/**
 * A non-2xx answer: the provider's error fields when the body has them, the raw text regardless. Nothing is cut
 * here (the body is already bounded when read): whoever shows it redacts first, then cuts (src/domain/redact.ts).
 */
export const httpError = (status: number, body: string, fields?: ProviderErrorFields): ChatOutcome => {
  const parsed = fields ?? Either.getOrUndefined(Either.map(parseJson(body), errorFields))
  return { _tag: "HttpError", status, ...parsed, body }
}

export const malformed = (status: number, what: string, detail: string): ChatOutcome => ({
  _tag: "Malformed",
  status,
  detail: `${what}: ${detail}`
})

/** Decodes JSON text with a schema; Left carries a short reason. */
export const decodeJsonWith =
  <A, I>(schema: Schema.Schema<A, I>) =>
  (text: string): Either.Either<A, string> =>
    Either.flatMap(parseJson(text), (value) =>
      Either.mapLeft(Schema.decodeUnknownEither(schema)(value), (error) =>
        error.message.split("\n").slice(0, 4).join(" ")
      )
    )
