import { describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as AnthropicMessages from "../../../src/domain/wire/anthropicMessages.js"
import * as GoogleGenerativeAi from "../../../src/domain/wire/googleGenerativeAi.js"
import * as OpenAiCompletions from "../../../src/domain/wire/openaiCompletions.js"
import * as OpenAiResponses from "../../../src/domain/wire/openaiResponses.js"
import type { ChatCredential, ChatTarget } from "../../../src/domain/wire/types.js"

const target = (
  provider: string,
  api: string,
  baseUrl: string,
  credential: ChatCredential,
  model = "m-1"
): ChatTarget => ({ provider, model, endpoint: { api, baseUrl, headers: { "x-extra": "1" } }, credential })
const key = (secret: string): ChatCredential => ({ kind: "api_key", secret: Redacted.make(secret) })

describe("anthropic-messages (§7)", () => {
  it("an API key goes in x-api-key, no Bearer, no Claude Code system block", () => {
    const req = AnthropicMessages.build(
      target("anthropic", "anthropic-messages", "https://api.anthropic.com/", key("sk-ant-api03-k")),
      { maxTokens: 8 }
    )
    expect(req.url).toBe("https://api.anthropic.com/v1/messages")
    expect(req.headers["x-api-key"]).toBe("sk-ant-api03-k")
    expect(req.headers.authorization).toBeUndefined()
    expect(req.headers["anthropic-version"]).toBe("2023-06-01")
    expect(req.headers["x-extra"]).toBe("1")
    expect(req.body).toEqual({
      model: "m-1",
      max_tokens: 8,
      messages: [{ role: "user", content: "Reply with OK. Do not use tools." }]
    })
  })

  it("a setup-token (sk-ant-oat) goes in Authorization: Bearer with the Claude Code betas and system block", () => {
    const req = AnthropicMessages.build(
      target("anthropic", "anthropic-messages", "https://api.anthropic.com", {
        kind: "token",
        secret: Redacted.make("sk-ant-oat01-abc")
      }),
      { maxTokens: 8, stream: true }
    )
    expect(req.headers.authorization).toBe("Bearer sk-ant-oat01-abc")
    expect(req.headers["x-api-key"]).toBeUndefined()
    expect(req.headers["anthropic-beta"]).toMatch(/^claude-code-20250219,oauth-2025-04-20/)
    expect(req.headers["user-agent"]).toBe("claude-cli/2.1.2 (external, cli)")
    expect(req.headers["x-app"]).toBe("cli")
    expect(req.body).toMatchObject({
      system: [{ type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." }],
      stream: true
    })
  })

  it("decodes text, tool use, SSE streams, error events and bodies", () => {
    expect(
      AnthropicMessages.decode(
        200,
        "application/json",
        JSON.stringify({
          content: [
            { type: "text", text: "OK" },
            { type: "tool_use", id: "t", name: "ping", input: { a: 1 } }
          ],
          stop_reason: "tool_use"
        })
      )
    ).toEqual({
      _tag: "Reply",
      status: 200,
      text: "OK",
      toolCalls: [{ name: "ping", arguments: '{"a":1}' }],
      finishReason: "tool_use"
    })
    const stream = [
      "event: message_start",
      'data: {"type":"message_start","message":{}}',
      "",
      "event: content_block_delta",
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"O"}}',
      "",
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"K"}}',
      "",
      'data: {"type":"message_delta","delta":{"stop_reason":"end_turn"}}',
      ""
    ].join("\n")
    expect(AnthropicMessages.decode(200, "text/event-stream", stream)).toMatchObject({
      _tag: "Reply",
      text: "OK",
      finishReason: "end_turn"
    })
    const overloaded =
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'
    expect(AnthropicMessages.decode(200, "text/event-stream", overloaded)).toMatchObject({
      _tag: "HttpError",
      status: 200,
      type: "overloaded_error",
      message: "Overloaded"
    })
    expect(
      AnthropicMessages.decode(
        401,
        "application/json",
        '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}'
      )
    ).toMatchObject({
      _tag: "HttpError",
      status: 401,
      type: "authentication_error",
      message: "invalid x-api-key"
    })
    expect(AnthropicMessages.decode(200, "application/json", "{not json")._tag).toBe("Malformed")
  })
})

describe("openai-completions (§7)", () => {
  it("Bearer auth, max_completion_tokens and store:false by default; OpenRouter is the same protocol", () => {
    const req = OpenAiCompletions.build(
      target("openrouter", "openai-completions", "https://openrouter.ai/api/v1", key("sk-or-v1-x"), "a/b"),
      { maxTokens: 8, stream: true }
    )
    expect(req.url).toBe("https://openrouter.ai/api/v1/chat/completions")
    expect(req.headers.authorization).toBe("Bearer sk-or-v1-x")
    expect(req.body).toMatchObject({
      model: "a/b",
      max_completion_tokens: 8,
      store: false,
      stream: true,
      stream_options: { include_usage: true }
    })
  })

  it("mistral uses max_tokens and no store field", () => {
    const req = OpenAiCompletions.build(target("mistral", "openai-completions", "https://x/v1", key("k")), {
      maxTokens: 8
    })
    expect(req.body).toMatchObject({ max_tokens: 8 })
    expect(req.body).not.toHaveProperty("store")
  })

  it("tools and images are sent in OpenAI shape; tool calls come back assembled from a stream", () => {
    const req = OpenAiCompletions.build(target("openai", "openai-completions", "https://x/v1", key("k")), {
      maxTokens: 8,
      tools: [{ name: "ping", description: "d", parameters: { type: "object" } }],
      image: { mediaType: "image/png", base64: "AAA" }
    })
    expect(req.body).toMatchObject({
      tools: [{ type: "function", function: { name: "ping" } }],
      messages: [
        {
          content: [{ type: "text" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAA" } }]
        }
      ]
    })
    const stream = [
      'data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"ping","arguments":"{\\"a\\""}}]}}]}',
      'data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]},"finish_reason":"tool_calls"}]}',
      "data: [DONE]",
      ""
    ].join("\n\n")
    expect(OpenAiCompletions.decode(200, "text/event-stream", stream)).toEqual({
      _tag: "Reply",
      status: 200,
      text: "",
      toolCalls: [{ name: "ping", arguments: '{"a":1}' }],
      finishReason: "tool_calls"
    })
  })

  it("reads OpenAI error bodies (insufficient_quota) and a 200 with an error body", () => {
    const body =
      '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}'
    expect(OpenAiCompletions.decode(429, "application/json", body)).toMatchObject({
      _tag: "HttpError",
      status: 429,
      type: "insufficient_quota",
      code: "insufficient_quota"
    })
    expect(
      OpenAiCompletions.decode(200, "application/json", '{"error":{"message":"No credits","code":402}}')
    ).toMatchObject({ _tag: "HttpError", status: 200, code: "402", message: "No credits" })
    expect(OpenAiCompletions.decode(200, "application/json", '{"choices":"nope"}')._tag).toBe("Malformed")
  })
})

describe("openai-responses (§7)", () => {
  it("POST /responses with max_output_tokens raised to the API minimum of 16", () => {
    const req = OpenAiResponses.build(
      target("openai", "openai-responses", "https://api.openai.com/v1", key("k")),
      {
        maxTokens: 8
      }
    )
    expect(req.url).toBe("https://api.openai.com/v1/responses")
    expect(req.body).toMatchObject({ max_output_tokens: 16, input: [{ role: "user" }] })
  })

  it("decodes output text, function calls and failed streams", () => {
    expect(
      OpenAiResponses.decode(
        200,
        "application/json",
        JSON.stringify({
          status: "completed",
          output: [
            { type: "reasoning" },
            { type: "message", content: [{ type: "output_text", text: "OK" }] },
            { type: "function_call", name: "ping", arguments: "{}" }
          ]
        })
      )
    ).toMatchObject({ _tag: "Reply", text: "OK", toolCalls: [{ name: "ping", arguments: "{}" }] })
    const failed =
      'event: response.failed\ndata: {"type":"response.failed","response":{"status":"failed","output":[],"error":{"code":"rate_limit_exceeded","message":"slow down"}}}\n\n'
    expect(OpenAiResponses.decode(200, "text/event-stream", failed)).toMatchObject({
      _tag: "HttpError",
      code: "rate_limit_exceeded"
    })
  })
})

describe("google-generative-ai (§7)", () => {
  it("key in x-goog-api-key, generateContent or streamGenerateContent?alt=sse", () => {
    const base = "https://generativelanguage.googleapis.com/v1beta"
    const plain = GoogleGenerativeAi.build(target("google", "google-generative-ai", base, key("AIza")), {
      maxTokens: 8
    })
    expect(plain.url).toBe(`${base}/models/m-1:generateContent`)
    expect(plain.headers["x-goog-api-key"]).toBe("AIza")
    expect(plain.body).toMatchObject({ generationConfig: { maxOutputTokens: 8 } })
    const stream = GoogleGenerativeAi.build(target("google", "google-generative-ai", base, key("AIza")), {
      maxTokens: 8,
      stream: true
    })
    expect(stream.url).toBe(`${base}/models/m-1:streamGenerateContent?alt=sse`)
  })

  it("decodes candidates and RESOURCE_EXHAUSTED errors", () => {
    expect(
      GoogleGenerativeAi.decode(
        200,
        "text/event-stream",
        'data: {"candidates":[{"content":{"parts":[{"text":"O"}]}}]}\r\n\r\ndata: {"candidates":[{"content":{"parts":[{"text":"K"}]},"finishReason":"STOP"}]}\r\n\r\n'
      )
    ).toMatchObject({ _tag: "Reply", text: "OK", finishReason: "STOP" })
    expect(
      GoogleGenerativeAi.decode(
        429,
        "application/json",
        '{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}'
      )
    ).toMatchObject({ _tag: "HttpError", status: 429, type: "RESOURCE_EXHAUSTED", code: "429" })
  })
})
