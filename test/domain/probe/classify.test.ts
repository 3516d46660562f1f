import { describe, expect, it } from "@effect/vitest"
import { ProviderRequestError } from "../../../src/domain/errors.js"
import { classifyMessage, classifyOutcome, classifyRequestError } from "../../../src/domain/probe/classify.js"
import { redact } from "../../../src/domain/redact.js"
import type { ChatOutcome } from "../../../src/domain/wire/types.js"

const http = (
  status: number,
  fields: { type?: string; code?: string; message?: string } = {},
  body = ""
): ChatOutcome => ({
  _tag: "HttpError",
  status,
  ...fields,
  body
})

describe("classification (§4, issue 3 scope 3)", () => {
  it.each([
    ["401 anthropic", http(401, { type: "authentication_error", message: "invalid x-api-key" }), "auth"],
    ["403", http(403, { type: "permission_error", message: "no" }), "auth"],
    ["402 OpenRouter", http(402, { code: "402", message: "Insufficient credits" }), "billing"],
    ["429 rate limit", http(429, { type: "rate_limit_error", message: "slow down" }), "rate_limit"],
    [
      "429 OpenAI insufficient_quota",
      http(429, { type: "insufficient_quota", message: "You exceeded your current quota" }),
      "billing"
    ],
    [
      "429 OpenRouter code 429 'Payment required' (issue 14 item 1)",
      http(429, { code: "429", message: "Payment required" }),
      "billing"
    ],
    [
      "429 rate-limit type saying the credit balance is too low",
      http(429, { type: "rate_limit_error", message: "Your credit balance is too low to access the API." }),
      "billing"
    ],
    ["429 without JSON saying Payment Required", http(429, {}, "Payment Required"), "billing"],
    [
      "429 OpenAI rate limit that links to billing stays a rate limit",
      http(429, {
        type: "requests",
        code: "rate_limit_exceeded",
        message:
          "Rate limit reached for gpt-4o on requests per min (RPM): Limit 3. You can increase your rate limit by adding a payment method at https://platform.openai.com/account/billing."
      }),
      "rate_limit"
    ],
    ["529 overloaded", http(529, { type: "overloaded_error", message: "Overloaded" }), "rate_limit"],
    [
      "200 stream error overloaded",
      http(200, { type: "overloaded_error", message: "Overloaded" }),
      "rate_limit"
    ],
    [
      "400 credit balance",
      http(400, {
        type: "invalid_request_error",
        message: "Your credit balance is too low to access the Anthropic API."
      }),
      "billing"
    ],
    [
      "400 invalid request",
      http(400, {
        type: "invalid_request_error",
        message: "messages.0.content: Input should be a valid list"
      }),
      "format"
    ],
    ["408", http(408, {}, "Request Timeout"), "timeout"],
    ["500", http(500, { type: "api_error", message: "Internal server error" }), "unknown"],
    ["500 with no JSON body", http(500, {}, "<html>Bad gateway</html>"), "unknown"],
    [
      "429 Google RESOURCE_EXHAUSTED",
      http(429, { type: "RESOURCE_EXHAUSTED", code: "429", message: "Resource has been exhausted" }),
      "rate_limit"
    ],
    ["reply", { _tag: "Reply", status: 200, text: "OK", toolCalls: [] } as ChatOutcome, "ok"],
    ["malformed 200", { _tag: "Malformed", status: 200, detail: "Unexpected JSON" } as ChatOutcome, "format"]
  ])("%s", (_name, outcome, status) => {
    expect(classifyOutcome(outcome).status).toBe(status)
  })

  it("error detail names the status, the provider's error type and message", () => {
    expect(
      classifyOutcome(http(401, { type: "authentication_error", message: "invalid x-api-key" })).error
    ).toBe("HTTP 401 authentication_error: invalid x-api-key")
  })

  it("refused and DNS failures are unknown with the reason; a reset is a timeout (§4 step 3)", () => {
    expect(
      classifyRequestError(
        new ProviderRequestError({ kind: "refused", detail: "http://x: connection refused (ECONNREFUSED)" })
      )
    ).toEqual({
      status: "unknown",
      error: "http://x: connection refused (ECONNREFUSED)"
    })
    expect(classifyRequestError(new ProviderRequestError({ kind: "dns", detail: "d" })).status).toBe(
      "unknown"
    )
    expect(classifyRequestError(new ProviderRequestError({ kind: "reset", detail: "d" })).status).toBe(
      "timeout"
    )
  })

  it.each([
    ["Rate limit reached", "rate_limit"],
    ["429 Too Many Requests", "rate_limit"],
    ["tool_use_id mismatch", "format"],
    ["Payment Required", "billing"],
    ["billing: please upgrade your plan", "billing"],
    ["context deadline exceeded", "timeout"],
    ["Invalid API key", "auth"],
    ["token has expired", "auth"],
    ["something else", "unknown"]
  ])("message %j -> %s", (message, status) => {
    expect(classifyMessage(message)).toBe(status)
  })
})

describe("redaction (§4)", () => {
  it("removes known secrets, Bearer values, key=value secrets, sk- and AIza keys", () => {
    const text =
      'Incorrect API key provided: my-custom-secret-value. Authorization: Bearer abc.def-ghi api_key=hunter2hunter token: "tok123456" sk-proj-ABCDEFGHIJKLmnop AIzaSyA1234567890abcdef'
    const out = redact(text, ["my-custom-secret-value"])
    expect(out).not.toContain("my-custom-secret-value")
    expect(out).not.toContain("abc.def-ghi")
    expect(out).not.toContain("hunter2hunter")
    expect(out).not.toContain("tok123456")
    expect(out).not.toContain("ABCDEFGHIJKL")
    expect(out).not.toContain("SyA1234567890")
    expect(out).toContain("Bearer ***")
    expect(out).toContain("sk-***")
  })

  it("leaves ordinary messages alone", () => {
    expect(redact("HTTP 401 authentication_error: invalid x-api-key")).toBe(
      "HTTP 401 authentication_error: invalid x-api-key"
    )
    expect(redact("max_tokens: 8 is too small")).toBe("max_tokens: 8 is too small")
  })
})
