/**
 * A fake model provider: a real HTTP server on 127.0.0.1:<random port> speaking anthropic-messages,
 * openai-completions (OpenRouter & co.), openai-responses (and the ChatGPT backend's `/codex/responses`, which
 * needs a `chatgpt-account-id`), google-generative-ai and Cloud Code Assist (`/v1internal:generateContent`, which
 * needs a `project`), streaming (SSE) and not, plus the Anthropic OAuth token endpoint, the GitHub Copilot token
 * exchange (`/copilot_internal/v2/token`: a request carrying Copilot's editor headers must bear a token it issued),
 * and the usage endpoints of spec §3.2.
 *
 * Failure modes are chosen per request by a marker in the credential (the key/token value) or in the model id:
 * `fake-<mode>` — e.g. key `sk-fake-429-0123456789` or model `fake-hang`. The `modes` option maps exact
 * credentials or model ids to a mode as well. Modes: ok, 401, 403, 402, 429, 529 (overloaded), 500, 400
 * (invalid request), quota (OpenAI insufficient_quota), credit (Anthropic "credit balance too low"), nomodel
 * (404: the model does not exist),
 * malformed (200 with a broken body), slow (answers after `slowMs`), hang (never answers), reset (destroys the
 * connection). Every request waits `latencyMs` first.
 *
 * The server counts requests in flight (and the maximum seen), keeps a log of requests, and tracks open
 * sockets, so a test can assert the concurrency bound and that no request was left open after a timeout.
 */
import * as http from "node:http"
import type { AddressInfo, Socket } from "node:net"

export const MODES = [
  "ok",
  "401",
  "403",
  "402",
  "429",
  "529",
  "500",
  "400",
  "quota",
  "credit",
  "nomodel",
  "malformed",
  "slow",
  "hang",
  "reset"
] as const
export type Mode = (typeof MODES)[number]

export type Protocol = "anthropic" | "openai-completions" | "openai-responses" | "google" | "cloudcode"

export interface FakeProviderOptions {
  /** Delay before every answer (ms). */
  readonly latencyMs?: number
  /** How long `slow` waits (ms). Default 1500. */
  readonly slowMs?: number
  /** Exact credential or model id -> mode (markers in the value work without this). */
  readonly modes?: Readonly<Record<string, Mode>>
  /** Delay before the OAuth token endpoint answers (ms), to make concurrent refreshes overlap. */
  readonly refreshDelayMs?: number
  /** Refresh tokens the token endpoint accepts (each once). Default: any starting with `rt-`. */
  readonly refreshTokens?: ReadonlyArray<string>
  /** Port to listen on (0 = random). */
  readonly port?: number
}

export interface LoggedRequest {
  readonly protocol: Protocol | "oauth-token" | "copilot-token" | "usage" | "unknown"
  readonly method: string
  readonly path: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: any
  readonly credential: string | undefined
  readonly mode: Mode
  /** Model requests in flight when this one arrived (itself excluded). */
  readonly inFlightAtArrival?: number
}

export interface FakeProvider {
  readonly url: string
  readonly port: number
  readonly requests: ReadonlyArray<LoggedRequest>
  /** Model requests being answered right now (hang/slow included; ends when answered or the client aborts). */
  readonly inFlight: () => number
  readonly maxInFlight: () => number
  /** TCP connections currently open. */
  readonly openSockets: () => number
  /** Requests whose client went away before an answer was sent (aborted). */
  readonly aborted: () => number
  /** How many times each refresh token was presented to the token endpoint. */
  readonly refreshCalls: ReadonlyMap<string, number>
  readonly reset: () => void
  readonly close: () => Promise<void>
}

const MARKER = new RegExp(`fake-(${MODES.join("|")})(?![0-9a-z])`, "i")

export const modeOf = (
  credential: string | undefined,
  model: string | undefined,
  modes: Readonly<Record<string, Mode>> = {}
): Mode => {
  for (const value of [credential, model]) {
    if (value === undefined) continue
    const exact = modes[value]
    if (exact) return exact
    const match = MARKER.exec(value)
    if (match) return match[1]!.toLowerCase() as Mode
  }
  return "ok"
}

const protocolOf = (path: string): Protocol | undefined => {
  if (path.endsWith("/v1/messages")) return "anthropic"
  if (path.endsWith("/chat/completions")) return "openai-completions"
  if (path.endsWith("/responses")) return "openai-responses"
  if (/\/models\/[^/]+:(stream)?generateContent/i.test(path)) return "google"
  if (/\/v1internal:(stream)?generateContent$/i.test(path)) return "cloudcode"
  return undefined
}

const credentialOf = (protocol: Protocol, headers: http.IncomingHttpHeaders): string | undefined => {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1]
  if (protocol === "anthropic") return (headers["x-api-key"] as string | undefined) ?? bearer
  if (protocol === "google") return (headers["x-goog-api-key"] as string | undefined) ?? bearer
  if (protocol === "cloudcode") return bearer
  return bearer
}

interface ErrorSpec {
  readonly status: number
  readonly kind: string
  readonly message: string
}

/** The provider's error for a mode. The 401 message echoes the whole key, as a worst case for redaction. */
const errorSpec = (mode: Mode, protocol: Protocol, credential: string): ErrorSpec | undefined => {
  const anthropic = protocol === "anthropic"
  const google = protocol === "google" || protocol === "cloudcode"
  switch (mode) {
    case "401":
      return anthropic
        ? { status: 401, kind: "authentication_error", message: "invalid x-api-key" }
        : google
          ? {
              status: 401,
              kind: "UNAUTHENTICATED",
              message: "API key not valid. Please pass a valid API key."
            }
          : { status: 401, kind: "invalid_api_key", message: `Incorrect API key provided: ${credential}.` }
    case "403":
      return {
        status: 403,
        kind: anthropic ? "permission_error" : google ? "PERMISSION_DENIED" : "permission_denied",
        message: "Your API key does not have permission to use the specified resource."
      }
    case "402":
      return {
        status: 402,
        kind: "payment_required",
        message: "Insufficient credits. Add more using https://x/credits"
      }
    case "429":
      return {
        status: 429,
        kind: anthropic ? "rate_limit_error" : google ? "RESOURCE_EXHAUSTED" : "rate_limit_exceeded",
        message: "Rate limit reached for requests. Please try again later."
      }
    case "529":
      return { status: 529, kind: "overloaded_error", message: "Overloaded" }
    case "500":
      return { status: 500, kind: anthropic ? "api_error" : "server_error", message: "Internal server error" }
    case "400":
      return {
        status: 400,
        kind: anthropic ? "invalid_request_error" : google ? "INVALID_ARGUMENT" : "invalid_request_error",
        message: "messages.0.content: Input should be a valid list"
      }
    case "quota":
      return {
        status: 429,
        kind: "insufficient_quota",
        message:
          "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs."
      }
    case "nomodel":
      return {
        status: 404,
        kind: anthropic ? "not_found_error" : google ? "NOT_FOUND" : "model_not_found",
        message: "The model `fake-model` does not exist or you do not have access to it."
      }
    case "credit":
      return {
        status: 400,
        kind: "invalid_request_error",
        message:
          "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."
      }
    default:
      return undefined
  }
}

const errorBody = (protocol: Protocol, spec: ErrorSpec) => {
  if (protocol === "anthropic") return { type: "error", error: { type: spec.kind, message: spec.message } }
  if (protocol === "google" || protocol === "cloudcode")
    return { error: { code: spec.status, message: spec.message, status: spec.kind } }
  return {
    error: {
      message: spec.message,
      type: spec.kind,
      code: spec.status === 402 ? 402 : spec.kind,
      param: null
    }
  }
}

const sse = (events: ReadonlyArray<readonly [string | undefined, unknown]>) =>
  events
    .map(
      ([event, data]) =>
        `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`
    )
    .join("")

const REPLY = "OK"

/** A successful answer in the protocol's shape: `[contentType, body]`. */
const okBody = (protocol: Protocol, model: string, stream: boolean): readonly [string, string] => {
  switch (protocol) {
    case "anthropic":
      return stream
        ? [
            "text/event-stream",
            sse([
              ["message_start", { type: "message_start", message: { id: "msg_fake", model, content: [] } }],
              [
                "content_block_start",
                { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }
              ],
              [
                "content_block_delta",
                { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: REPLY } }
              ],
              ["content_block_stop", { type: "content_block_stop", index: 0 }],
              [
                "message_delta",
                { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 1 } }
              ],
              ["message_stop", { type: "message_stop" }]
            ])
          ]
        : [
            "application/json",
            JSON.stringify({
              id: "msg_fake",
              type: "message",
              role: "assistant",
              model,
              content: [{ type: "text", text: REPLY }],
              stop_reason: "end_turn",
              usage: { input_tokens: 10, output_tokens: 1 }
            })
          ]
    case "openai-completions":
      return stream
        ? [
            "text/event-stream",
            sse([
              [
                undefined,
                {
                  id: "c",
                  object: "chat.completion.chunk",
                  model,
                  choices: [{ index: 0, delta: { role: "assistant", content: REPLY } }]
                }
              ],
              [
                undefined,
                {
                  id: "c",
                  object: "chat.completion.chunk",
                  model,
                  choices: [{ index: 0, delta: {}, finish_reason: "stop" }]
                }
              ],
              [undefined, "[DONE]"]
            ])
          ]
        : [
            "application/json",
            JSON.stringify({
              id: "c",
              object: "chat.completion",
              model,
              choices: [{ index: 0, message: { role: "assistant", content: REPLY }, finish_reason: "stop" }]
            })
          ]
    case "openai-responses": {
      const response = {
        id: "resp_fake",
        object: "response",
        status: "completed",
        model,
        output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: REPLY }] }]
      }
      return stream
        ? [
            "text/event-stream",
            sse([
              [
                "response.created",
                { type: "response.created", response: { ...response, status: "in_progress", output: [] } }
              ],
              ["response.output_text.delta", { type: "response.output_text.delta", delta: REPLY }],
              ["response.completed", { type: "response.completed", response }]
            ])
          ]
        : ["application/json", JSON.stringify(response)]
    }
    case "google":
    case "cloudcode": {
      const gemini = {
        candidates: [{ content: { role: "model", parts: [{ text: REPLY }] }, finishReason: "STOP" }]
      }
      const chunk = protocol === "cloudcode" ? { response: gemini, traceId: "fake" } : gemini
      return stream
        ? ["text/event-stream", sse([[undefined, chunk]])]
        : ["application/json", JSON.stringify(chunk)]
    }
  }
}

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => {
      text += chunk
    })
    req.on("end", () => resolve(text))
    req.on("error", () => resolve(text))
  })

const parse = (text: string): any => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const startFakeProvider = (options: FakeProviderOptions = {}): Promise<FakeProvider> => {
  const requests: Array<LoggedRequest> = []
  const sockets = new Set<Socket>()
  const refreshCalls = new Map<string, number>()
  const spentRefreshTokens = new Set<string>()
  let inFlight = 0
  let maxInFlight = 0
  let aborted = 0
  let issued = 0
  const timers = new Set<NodeJS.Timeout>()
  const later = (ms: number, run: () => void) => {
    if (ms <= 0) return run()
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }

  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!
    const text = await readBody(req)
    const body = parse(text)

    if (req.method === "POST" && path.endsWith("/oauth/token")) {
      const token: string | undefined = body?.refresh_token
      requests.push({
        protocol: "oauth-token",
        method: "POST",
        path,
        headers: req.headers,
        body,
        credential: token,
        mode: "ok"
      })
      if (token !== undefined) refreshCalls.set(token, (refreshCalls.get(token) ?? 0) + 1)
      later(options.refreshDelayMs ?? 0, () => {
        const known = options.refreshTokens
          ? options.refreshTokens.includes(token ?? "")
          : token?.startsWith("rt-")
        if (body?.grant_type !== "refresh_token" || !token || !known || spentRefreshTokens.has(token)) {
          res.writeHead(400, { "content-type": "application/json" }).end(
            JSON.stringify({
              error: "invalid_grant",
              error_description: "Refresh token is invalid or already used"
            })
          )
          return
        }
        spentRefreshTokens.add(token)
        issued++
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            access_token: `sk-ant-oat01-fake-refreshed-${issued}-${token.slice(3)}`,
            refresh_token: `rt-next-${issued}-${token.slice(3)}`,
            expires_in: 28800,
            token_type: "Bearer"
          })
        )
      })
      return
    }

    /** A usage request: the credential after `scheme` in Authorization, its failure mode, recorded. */
    const usageRequest = (scheme: "Bearer" | "token") => {
      const credential = new RegExp(`^${scheme}\\s+(.+)$`, "i").exec(req.headers.authorization ?? "")?.[1]
      const mode = modeOf(credential, undefined, options.modes)
      requests.push({
        protocol: "usage",
        method: req.method ?? "",
        path,
        headers: req.headers,
        body,
        credential,
        mode
      })
      return { credential, mode }
    }
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value))
    /** Answers a usage request from `answer` when its Bearer token is good; a failure mode gets its status. */
    const usage = (answer: () => unknown) => {
      const { credential, mode } = usageRequest("Bearer")
      if (mode === "hang") return
      const send = () => {
        if ((mode === "ok" || mode === "slow") && credential) json(200, answer())
        else json(mode === "403" ? 403 : mode === "429" ? 429 : 401, { error: { message: "nope" } })
      }
      if (mode === "slow") later(options.slowMs ?? 1500, send)
      else send()
    }
    const isoIn = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 60_000).toISOString()
    const secondsIn = (hours: number) => Math.floor((Date.now() + hours * 3_600_000) / 1000) + 60

    if (req.method === "GET" && path.endsWith("/copilot_internal/v2/token")) {
      const credential = /^(?:token|Bearer)\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]
      const mode = modeOf(credential, undefined, options.modes)
      requests.push({
        protocol: "copilot-token",
        method: "GET",
        path,
        headers: req.headers,
        body,
        credential,
        mode
      })
      if (mode === "hang") return
      if (!credential || mode === "401" || mode === "403") {
        json(mode === "403" ? 403 : 401, {
          message: "Bad credentials",
          documentation_url: "https://docs.github.com/rest"
        })
        return
      }
      // The GitHub token rides inside the Copilot token, so its failure marker reaches the chat request.
      json(200, {
        token: `tid=fake;exp=${secondsIn(0.5)};sku=free;proxy-ep=proxy.fake.invalid;gh=${credential}`,
        expires_at: secondsIn(0.5),
        refresh_in: 1500
      })
      return
    }

    if (req.method === "GET" && path.endsWith("/backend-api/wham/usage")) {
      if (!req.headers["chatgpt-account-id"]) {
        usageRequest("Bearer")
        json(400, { detail: "missing account" })
        return
      }
      usage(() => ({
        plan_type: "plus",
        rate_limit: {
          allowed: true,
          primary_window: { used_percent: 35, limit_window_seconds: 18_000, reset_at: secondsIn(2) },
          secondary_window: { used_percent: 10, limit_window_seconds: 86_400, reset_at: secondsIn(30) }
        }
      }))
      return
    }
    if (req.method === "POST" && path.endsWith("/v1internal:retrieveUserQuota")) {
      usage(() => ({
        buckets: [
          { modelId: "gemini-2.5-pro", remainingFraction: 0.75, resetTime: isoIn(20) },
          { modelId: "gemini-2.5-pro-preview", remainingFraction: 0.6, resetTime: isoIn(20) },
          { modelId: "gemini-2.5-flash", remainingFraction: 0.9, resetTime: isoIn(20) }
        ]
      }))
      return
    }
    if (req.method === "POST" && path.endsWith("/v1internal:loadCodeAssist")) {
      usage(() => ({
        currentTier: { id: "standard-tier", name: "Gemini Code Assist" },
        cloudaicompanionProject: "fake-project-123",
        availablePromptCredits: 300,
        planInfo: { monthlyPromptCredits: 1000 }
      }))
      return
    }
    if (req.method === "POST" && path.endsWith("/v1internal:fetchAvailableModels")) {
      if (body?.project !== "fake-project-123") {
        usageRequest("Bearer")
        json(403, { error: { message: "project required" } })
        return
      }
      usage(() => ({
        models: {
          "gemini-3-pro-high": { quotaInfo: { remainingFraction: 0.4, resetTime: isoIn(3) } },
          "claude-sonnet-4-5": { quotaInfo: { remainingFraction: 1, resetTime: isoIn(3) } },
          chat_20706: { quotaInfo: { remainingFraction: 0 } }
        }
      }))
      return
    }
    if (req.method === "GET" && path.endsWith("/v1/api/openplatform/coding_plan/remains")) {
      usage(() => ({
        model_remains: [
          {
            model_name: "MiniMax-M2",
            start_time: Date.now() - 3_600_000,
            end_time: Date.now() + 4 * 3_600_000 + 60_000,
            current_interval_total_count: 1500,
            current_interval_usage_count: 600
          }
        ],
        base_resp: { status_code: 0, status_msg: "success" }
      }))
      return
    }
    if (req.method === "GET" && path.endsWith("/api/monitor/usage/quota/limit")) {
      usage(() => ({
        code: 200,
        msg: "Operation successful",
        success: true,
        data: {
          limits: [
            {
              type: "TOKENS_LIMIT",
              unit: 3,
              number: 5,
              percentage: 12,
              nextResetTime: Date.now() + 3_600_000 * 2
            },
            { type: "TIME_LIMIT", unit: 5, number: 1, usage: 1000, currentValue: 250, percentage: 25 }
          ]
        }
      }))
      return
    }

    if (req.method === "GET" && path.endsWith("/api/oauth/usage")) {
      const { credential, mode } = usageRequest("Bearer")
      if (mode === "hang") return
      if (mode !== "ok" || !credential) {
        res
          .writeHead(mode === "403" ? 403 : 401, { "content-type": "application/json" })
          .end('{"error":"nope"}')
        return
      }
      const inHours = (h: number) => new Date(Date.now() + h * 3_600_000 + 60_000).toISOString()
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          five_hour: { utilization: 38, resets_at: inHours(3) },
          seven_day: { utilization: 20, resets_at: inHours(98) },
          seven_day_opus: null
        })
      )
      return
    }

    if (req.method === "GET" && path.endsWith("/copilot_internal/user")) {
      const { credential, mode } = usageRequest("token")
      if (mode !== "ok" || !credential) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"message":"Bad credentials"}')
        return
      }
      const reset = new Date(Date.now() + 10 * 24 * 3_600_000)
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          copilot_plan: "individual",
          quota_reset_date: reset.toISOString().slice(0, 10),
          quota_snapshots: {
            chat: { percent_remaining: 100, unlimited: true },
            completions: { percent_remaining: 100, unlimited: true },
            premium_interactions: {
              percent_remaining: 72.5,
              unlimited: false,
              entitlement: 300,
              remaining: 217
            }
          }
        })
      )
      return
    }

    const protocol = protocolOf(path)
    if (req.method !== "POST" || protocol === undefined) {
      requests.push({
        protocol: "unknown",
        method: req.method ?? "",
        path,
        headers: req.headers,
        body,
        credential: undefined,
        mode: "ok"
      })
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"Not found"}}')
      return
    }
    const credential = credentialOf(protocol, req.headers)
    const model: string | undefined =
      protocol === "google" ? decodeURIComponent(/\/models\/([^/:]+):/.exec(path)?.[1] ?? "") : body?.model
    /** What the real service would refuse before looking at the key: the parts each protocol requires. */
    const refusal = ((): ErrorSpec | undefined => {
      if (req.headers["copilot-integration-id"] !== undefined && !credential?.startsWith("tid=")) {
        return {
          status: 401,
          kind: "unauthorized",
          message: "IDE token expired: unauthorized: token expired"
        }
      }
      if (path.endsWith("/codex/responses") && !req.headers["chatgpt-account-id"]) {
        return { status: 400, kind: "invalid_request_error", message: "Missing chatgpt-account-id header" }
      }
      if (protocol === "cloudcode" && !body?.project) {
        return {
          status: 400,
          kind: "INVALID_ARGUMENT",
          message: "Request contains an invalid argument: project"
        }
      }
      return undefined
    })()
    const mode = modeOf(credential, model, options.modes)
    const stream = body?.stream === true || path.includes(":streamGenerateContent")
    requests.push({
      protocol,
      method: "POST",
      path,
      headers: req.headers,
      body,
      credential,
      mode,
      inFlightAtArrival: inFlight
    })

    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    let done = false
    const finish = () => {
      if (done) return
      done = true
      inFlight--
    }
    res.on("finish", finish)
    res.on("close", () => {
      if (!res.writableFinished) aborted++
      finish()
    })

    later(options.latencyMs ?? 0, () => {
      if (res.destroyed) return
      if (mode === "hang") return
      if (mode === "reset") {
        req.socket.destroy()
        return
      }
      const answer = () => {
        if (res.destroyed) return
        if (refusal) {
          res
            .writeHead(refusal.status, { "content-type": "application/json" })
            .end(JSON.stringify(errorBody(protocol, refusal)))
          return
        }
        if (!credential) {
          const spec = errorSpec("401", protocol, "")!
          res
            .writeHead(401, { "content-type": "application/json" })
            .end(JSON.stringify(errorBody(protocol, spec)))
          return
        }
        // Anthropic refuses OAuth tokens without the oauth beta flag: checks our §7 headers for real.
        // (Copilot's API, which speaks the Messages API with its own tokens, does not.)
        if (
          protocol === "anthropic" &&
          req.headers["copilot-integration-id"] === undefined &&
          /^Bearer /i.test(req.headers.authorization ?? "") &&
          !String(req.headers["anthropic-beta"] ?? "").includes("oauth-2025-04-20")
        ) {
          res.writeHead(401, { "content-type": "application/json" }).end(
            JSON.stringify(
              errorBody(protocol, {
                status: 401,
                kind: "authentication_error",
                message: "OAuth authentication is currently not supported."
              })
            )
          )
          return
        }
        if (mode === "malformed") {
          res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" })
          res.end(stream ? 'data: {"choices": [\n\n' : '{"id": "x", "content": [')
          return
        }
        const spec = errorSpec(mode, protocol, credential)
        if (spec) {
          res
            .writeHead(spec.status, { "content-type": "application/json" })
            .end(JSON.stringify(errorBody(protocol, spec)))
          return
        }
        const [contentType, payload] = okBody(protocol, model ?? "", stream)
        res.writeHead(200, { "content-type": contentType }).end(payload)
      }
      if (mode === "slow") later(options.slowMs ?? 1500, answer)
      else answer()
    })
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        inFlight: () => inFlight,
        maxInFlight: () => maxInFlight,
        openSockets: () => sockets.size,
        aborted: () => aborted,
        refreshCalls,
        reset: () => {
          requests.length = 0
          maxInFlight = inFlight
          aborted = 0
          refreshCalls.clear()
        },
        close: () =>
          new Promise<void>((done) => {
            for (const timer of timers) clearTimeout(timer)
            timers.clear()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

/** Polls `check` until it holds or `ms` passes (for asserting server-side effects of a client abort). */
export const eventually = async (check: () => boolean, ms = 2000): Promise<boolean> => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return check()
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released), for "connection refused". */
export const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = http.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
