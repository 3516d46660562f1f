// A fake OpenRouter: a real HTTP server on 127.0.0.1:<random port>. Plain JavaScript so the tests (TypeScript)
// and bench/scan.mjs (Node) share it; types in fakeOpenRouter.d.mts.
//
//   GET  <base>/models            the catalog (default: the real 2026-05-01 fixture, 371 models)
//   POST <base>/chat/completions  answers as OpenRouter would from the catalog entry of `model`:
//     - a request with `tools` -> a `ping` tool call if the model lists `tools` in supported_parameters,
//       else 404 "No endpoints found that support tool use"
//     - a request with an image part -> "OK" if `image` is among architecture.input_modalities,
//       else 404 "No endpoints found that support image input"
//     - a model not in the catalog -> 404; a wrong or missing key -> 401
//   `behaviour[modelId]` overrides one model: "hang", "500", "no-tool-call", "error-200", "echo-key", "slow".
//
// Every chat request waits `latencyMs` (or `latencyMsByModel[model]`; for tool probes `toolLatencyMsByModel[model]`)
// first. The server counts chat requests in flight (and the maximum seen),
// logs them, and counts aborted ones, so a test can check the concurrency bound and that timeouts abort.
import { readFileSync } from "node:fs"
import * as http from "node:http"

export const FIXTURE_URL = new URL("../fixtures/openrouter/models-2026-05-01.json", import.meta.url)

export const loadFixture = () => JSON.parse(readFileSync(FIXTURE_URL, "utf8"))

const json = (res, status, body) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  res.end(text)
}

const openRouterError = (res, status, message) => json(res, status, { error: { message, code: status } })

const completion = (model, message, finishReason) => ({
  id: `gen-${Math.random().toString(36).slice(2)}`,
  object: "chat.completion",
  created: Math.floor(Date.now() / 1000),
  model,
  choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 }
})

const hasImage = (body) =>
  Array.isArray(body?.messages) &&
  body.messages.some(
    (message) => Array.isArray(message?.content) && message.content.some((part) => part?.type === "image_url")
  )

/** @param {import("./fakeOpenRouter.d.mts").FakeOpenRouterOptions} options */
export const startFakeOpenRouter = async (options = {}) => {
  const catalog = options.catalog ?? loadFixture()
  const byId = new Map((catalog.data ?? []).map((entry) => [entry.id, entry]))
  const behaviour = { ...(options.behaviour ?? {}) }
  const latencyMs = options.latencyMs ?? 0
  const apiKey = options.apiKey ?? "sk-or-v1-fake-key-0123456789abcdef"
  const requests = []
  let inFlight = 0
  let maxInFlight = 0
  let aborted = 0
  let catalogStatus = options.catalogStatus ?? 200
  const sockets = new Set()

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    if (req.method === "GET" && url.pathname.endsWith("/models")) {
      requests.push({ kind: "models", path: url.pathname, headers: req.headers })
      if (catalogStatus !== 200) return openRouterError(res, catalogStatus, "Catalog unavailable")
      return json(res, 200, catalog)
    }
    if (req.method !== "POST" || !url.pathname.endsWith("/chat/completions")) {
      return openRouterError(res, 404, `Not found: ${url.pathname}`)
    }
    let raw = ""
    req.setEncoding("utf8")
    req.on("data", (chunk) => {
      raw += chunk
    })
    req.on("end", () => {
      let body
      try {
        body = JSON.parse(raw)
      } catch {
        return openRouterError(res, 400, "Invalid JSON body")
      }
      const kind = body.tools ? "tool" : hasImage(body) ? "image" : "chat"
      const logged = { kind, path: url.pathname, headers: req.headers, body, startedAt: Date.now() }
      requests.push(logged)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      let done = false
      const finish = () => {
        if (!done) {
          done = true
          inFlight--
          logged.finishedAt = Date.now()
        }
      }
      res.on("close", () => {
        if (!res.writableFinished) aborted++
        finish()
      })
      const mode = behaviour[body.model]
      if (mode === "hang") return
      const delay =
        ((kind === "tool" ? options.toolLatencyMsByModel?.[body.model] : undefined) ??
          options.latencyMsByModel?.[body.model] ??
          latencyMs) + (mode === "slow" ? (options.slowMs ?? 1500) : 0)
      setTimeout(() => {
        finish()
        answer(res, body, kind, mode, req.headers.authorization)
      }, delay)
    })
  })

  const answer = (res, body, kind, mode, authorization) => {
    const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]
    if (presented !== apiKey) {
      return openRouterError(res, 401, presented ? "User not found." : "No auth credentials found")
    }
    const entry = byId.get(body.model)
    if (entry === undefined) return openRouterError(res, 404, `No endpoints found for ${body.model}.`)
    if (mode === "500") return openRouterError(res, 500, "Internal Server Error")
    if (mode === "echo-key")
      return openRouterError(res, 400, `Provider rejected key ${presented} (Bearer ${presented})`)
    if (mode === "error-200") {
      return json(res, 200, { error: { message: "Upstream provider error", code: 502 }, user_id: "u" })
    }
    if (kind === "tool") {
      const tools = entry.supported_parameters ?? []
      if (!tools.includes("tools")) {
        return openRouterError(
          res,
          404,
          "No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/guides/routing/provider-selection"
        )
      }
      if (mode === "no-tool-call") return json(res, 200, completion(body.model, { content: "pong" }, "stop"))
      return json(
        res,
        200,
        completion(
          body.model,
          {
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "ping", arguments: "{}" } }]
          },
          "tool_calls"
        )
      )
    }
    if (kind === "image") {
      const inputs = entry.architecture?.input_modalities ?? []
      if (!inputs.includes("image")) {
        return openRouterError(res, 404, "No endpoints found that support image input")
      }
    }
    return json(res, 200, completion(body.model, { content: "OK" }, "stop"))
  }

  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve))
  const { port } = server.address()
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    apiKey,
    requests,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    aborted: () => aborted,
    setCatalogStatus: (status) => {
      catalogStatus = status
    },
    reset: () => {
      requests.length = 0
      maxInFlight = inFlight
      aborted = 0
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
