import { describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as OpenAiCompletions from "../../../src/domain/wire/openaiCompletions.js"

describe("openai-completions tool_choice", () => {
  const target = {
    provider: "openrouter",
    model: "google/gemma-4-31b-it:free",
    endpoint: { api: "openai-completions", baseUrl: "https://openrouter.ai/api/v1", headers: {} },
    credential: { kind: "api_key" as const, secret: Redacted.make("sk-or-x") }
  }
  const tool = { name: "ping", description: "Return OK.", parameters: { type: "object", properties: {} } }

  it("is sent with the tools when asked for", () => {
    const body = OpenAiCompletions.build(target, { maxTokens: 32, tools: [tool], toolChoice: "required" })
      .body as Record<string, unknown>
    expect(body.tool_choice).toBe("required")
    expect(body.max_completion_tokens).toBe(32)
  })

  it("is left out otherwise, and never sent without tools", () => {
    const plain = OpenAiCompletions.build(target, { maxTokens: 8, tools: [tool] }).body as Record<
      string,
      unknown
    >
    const none = OpenAiCompletions.build(target, { maxTokens: 8, toolChoice: "required" }).body as Record<
      string,
      unknown
    >
    expect("tool_choice" in plain).toBe(false)
    expect("tool_choice" in none).toBe(false)
  })
})
