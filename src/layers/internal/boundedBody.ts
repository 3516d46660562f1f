/**
 * Every HTTP response body the tool reads goes through `readBounded` (issue 9 item 5): it reads the response's
 * byte stream up to a limit and then stops, which ends the stream and aborts the request (the socket is closed,
 * nothing more is received). Past the limit the caller gets the bytes read so far and `truncated: true`, and
 * classifies from those: a 401 with a 600 MB body is still `auth`.
 *
 * The limit counts the bytes the HttpClient hands us. The CLI's node:http client does not decompress (it sends
 * no Accept-Encoding and passes a gzip answer through as bytes); a host's client that does (fetch) hands us
 * decompressed bytes, so the limit holds against a gzip bomb either way.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"

const MiB = 1024 * 1024

/** Every answer here (chat replies of a few tokens, errors, tokens, usage, Ollama tags) is far below 1 MiB. */
export const BODY_LIMIT = MiB

/**
 * OpenRouter's model catalog is the one large answer: 430 KB for 371 models (test/fixtures/openrouter, May 2026),
 * ~1.2 KB a model. 32 MiB is ~75 times that (~28k models of the same shape), while a runaway answer costs at most
 * 32 MiB of bytes plus its parse before it is refused.
 */
export const CATALOG_BODY_LIMIT = 32 * MiB

export interface BoundedBody {
  /** The body as UTF-8 text (a character cut by the limit becomes U+FFFD). */
  readonly text: string
  /** The body went on past the limit: `text` is its first `limit` bytes and the rest was never read. */
  readonly truncated: boolean
}

/** `1 MiB`, `32 MiB`: a limit as a user reads it. */
export const formatLimit = (limit: number): string =>
  limit % MiB === 0 ? `${limit / MiB} MiB` : `${limit} bytes`

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** Reads at most `limit` bytes of the body; stops reading (and aborts the request) as soon as it is past. */
export const readBounded = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number = BODY_LIMIT
): Effect.Effect<BoundedBody, HttpClientError.ResponseError> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    let truncated = false
    return response.stream.pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.sync(() => {
          const room = limit - size
          if (chunk.length > room) {
            truncated = true
            if (room > 0) chunks.push(chunk.subarray(0, room))
            size = limit
            return false
          }
          chunks.push(chunk)
          size += chunk.length
          return true
        })
      ),
      Effect.map(() => ({ text: new TextDecoder().decode(concat(chunks, size)), truncated }))
    )
  })

/** JSON of a bounded body; Left says why there is none (over the limit, not JSON). */
export const parseBoundedJson = (
  body: BoundedBody,
  limit: number = BODY_LIMIT
): Either.Either<unknown, string> => {
  if (body.truncated) return Either.left(`the answer is larger than ${formatLimit(limit)}`)
  try {
    return Either.right(JSON.parse(body.text) as unknown)
  } catch {
    return Either.left("the answer is not JSON")
  }
}
