/**
 * ProviderClient on `@effect/platform`'s HttpClient: build with src/domain/wire, send, decode.
 * `layer` takes any HttpClient from context; `layerNodeHttp` (the CLI's) brings its own node:http client.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { ProviderRequestError } from "../domain/errors.js"
import { redact } from "../domain/redact.js"
import * as GitHubCopilot from "../domain/wire/githubCopilot.js"
import { adapterFor, SUPPORTED_APIS } from "../domain/wire/index.js"
import type { ChatOptions, ChatOutcome, ChatTarget, WireAdapter, WireRequest } from "../domain/wire/types.js"
import { ProviderClient } from "../services/ProviderClient.js"
import { BODY_LIMIT, type BoundedBody, formatLimit, readBounded } from "./internal/boundedBody.js"
import * as NodeHttpClientLazy from "./NodeHttpClientLazy.js"

/**
 * The exchanged Copilot token is a secret the caller never saw, so it cannot redact it: a provider error that
 * echoes it has it replaced here.
 */
const scrubOutcome = (outcome: ChatOutcome, secret: string): ChatOutcome => {
  switch (outcome._tag) {
    case "Reply":
      return outcome
    case "Malformed":
      return { ...outcome, detail: redact(outcome.detail, [secret]) }
    case "HttpError":
      return {
        ...outcome,
        body: redact(outcome.body, [secret]),
        ...(outcome.message !== undefined ? { message: redact(outcome.message, [secret]) } : {})
      }
  }
}

/**
 * A body cut at the read limit is decoded like any other (an error status still classifies by status and the
 * text read); a success that could not be read says why, instead of blaming the provider's format alone.
 */
const overLimit = (body: BoundedBody, outcome: ChatOutcome): ChatOutcome =>
  body.truncated && outcome._tag === "Malformed"
    ? {
        ...outcome,
        detail: `the answer is larger than ${formatLimit(BODY_LIMIT)} (read no further): ${outcome.detail}`
      }
    : outcome

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return "(invalid URL)"
  }
}

/** The innermost `code` (`ECONNREFUSED`, `ENOTFOUND`, ...) of a fetch failure: `TypeError("fetch failed")`.cause. */
const errorCode = (cause: unknown): string | undefined => {
  let current: unknown = cause
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === "string" && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

const KIND_BY_CODE: Readonly<Record<string, ProviderRequestError["kind"]>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  ECONNRESET: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  UND_ERR_CLOSED: "reset",
  ERR_TLS_CERT_ALTNAME_INVALID: "tls",
  CERT_HAS_EXPIRED: "tls"
}
const DESCRIPTION: Readonly<Record<string, string>> = {
  refused: "connection refused",
  dns: "host not found (DNS)",
  reset: "connection reset",
  tls: "TLS error"
}

/** Turns a transport failure into a typed error naming the origin and the OS code, never headers or body. */
export const transportError = (url: string, error: HttpClientError.HttpClientError): ProviderRequestError => {
  const origin = originOf(url)
  if (error._tag === "RequestError" && error.reason === "InvalidUrl") {
    return new ProviderRequestError({ kind: "invalid_url", detail: `Invalid provider URL for ${origin}` })
  }
  const code = errorCode(error.cause)
  const kind = (code && KIND_BY_CODE[code]) || "transport"
  const what = DESCRIPTION[kind] ?? "request failed"
  return new ProviderRequestError({ kind, detail: `${origin}: ${what}${code ? ` (${code})` : ""}` })
}

export const make = (client: HttpClient.HttpClient) => {
  const send = (
    adapter: WireAdapter,
    target: ChatTarget,
    options: ChatOptions,
    finish: (wire: WireRequest) => WireRequest = (wire) => wire
  ): Effect.Effect<ChatOutcome, ProviderRequestError> => {
    const wire = finish(adapter.build(target, options))
    return HttpClientRequest.post(wire.url).pipe(
      HttpClientRequest.setHeaders(wire.headers),
      HttpClientRequest.bodyUnsafeJson(wire.body),
      client.execute,
      Effect.flatMap((response) =>
        Effect.map(readBounded(response), (body) =>
          overLimit(body, adapter.decode(response.status, response.headers["content-type"] ?? "", body.text))
        )
      ),
      Effect.mapError((error) => transportError(wire.url, error))
    )
  }

  /** GitHub Copilot: the GitHub token buys a Copilot token, which the chat request then carries (spec §7). */
  const exchangeThenSend = (
    adapter: WireAdapter,
    target: ChatTarget,
    options: ChatOptions,
    exchangeUrl: string
  ): Effect.Effect<ChatOutcome, ProviderRequestError> => {
    const exchange = GitHubCopilot.exchangeRequest(exchangeUrl, target)
    return HttpClientRequest.get(exchange.url).pipe(
      HttpClientRequest.setHeaders(exchange.headers),
      client.execute,
      Effect.flatMap((response) =>
        Effect.map(readBounded(response), (body) =>
          Either.mapLeft(GitHubCopilot.readExchange(response.status, body.text), (outcome) =>
            overLimit(body, outcome)
          )
        )
      ),
      Effect.mapError((error) => transportError(exchange.url, error)),
      Effect.flatMap(
        Either.match({
          onLeft: Effect.succeed,
          onRight: (copilotToken) =>
            send(adapter, GitHubCopilot.withCopilotToken(target, copilotToken), options, (wire) => ({
              ...wire,
              headers: GitHubCopilot.copilotHeaders(wire.headers, copilotToken)
            })).pipe(Effect.map((outcome) => scrubOutcome(outcome, copilotToken)))
        })
      )
    )
  }

  const chat = (target: ChatTarget, options: ChatOptions): Effect.Effect<ChatOutcome, ProviderRequestError> =>
    Option.match(adapterFor(target.endpoint.api), {
      onNone: () =>
        Effect.fail(
          new ProviderRequestError({
            kind: "unsupported",
            detail: `API "${target.endpoint.api}" is not supported for direct requests (supported: ${SUPPORTED_APIS.join(", ")})`
          })
        ),
      onSome: (adapter) => {
        const exchange = target.endpoint.tokenExchange
        return (
          exchange ? exchangeThenSend(adapter, target, options, exchange.url) : send(adapter, target, options)
        ).pipe(
          Effect.withSpan("ProviderClient.chat", {
            attributes: { provider: target.provider, api: target.endpoint.api, model: target.model }
          })
        )
      }
    })
  return ProviderClient.of({ chat })
}

export const layer: Layer.Layer<ProviderClient, never, HttpClient.HttpClient> = Layer.effect(
  ProviderClient,
  Effect.map(HttpClient.HttpClient, make)
)

/**
 * The CLI's ProviderClient: `make` over the lazily loaded node:http client (src/layers/NodeHttpClientLazy.ts).
 * Why not fetch: Node's fetch (undici) costs ~130 ms on its first request and ~20-30 ms more per request than
 * node:http here, which put the 40-target bench at 1.2× its ideal (bench/README.md).
 */
export const layerNodeHttp: Layer.Layer<ProviderClient> = layer.pipe(Layer.provide(NodeHttpClientLazy.layer))

/** A ProviderClient answering from a function, for tests that need no HTTP. */
export const layerTest = (
  answer: (target: ChatTarget, options: ChatOptions) => Effect.Effect<ChatOutcome, ProviderRequestError>
): Layer.Layer<ProviderClient> => Layer.succeed(ProviderClient, ProviderClient.of({ chat: answer }))
