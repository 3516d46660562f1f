import { describe, expect, it } from "@effect/vitest"
import { ProviderRequestError } from "../../../src/domain/errors.js"
import {
  IMAGE_PROBE,
  imageOutcome,
  NO_TOOL_CALL,
  requestFailed,
  TOOL_PROBE,
  timedOut,
  toolOutcome
} from "../../../src/domain/scan/probe.js"
import type { ChatOutcome } from "../../../src/domain/wire/types.js"

const reply = (toolCalls: number, finishReason = "stop"): ChatOutcome => ({
  _tag: "Reply",
  status: 200,
  text: toolCalls ? "" : "OK",
  toolCalls: Array.from({ length: toolCalls }, () => ({ name: "ping", arguments: "{}" })),
  finishReason
})
const notFound: ChatOutcome = {
  _tag: "HttpError",
  status: 404,
  message: "No endpoints found that support tool use",
  body: "{}"
}

describe("scan probes (spec §3.9.7)", () => {
  it("the tool probe requires the ping tool, 32 tokens, temperature 0; the image probe sends a 1x1 PNG", () => {
    expect(TOOL_PROBE).toMatchObject({
      prompt: "Call the ping tool with {} and nothing else.",
      toolChoice: "required",
      maxTokens: 32,
      temperature: 0,
      tools: [{ name: "ping", description: "Return OK." }]
    })
    expect(IMAGE_PROBE).toMatchObject({ prompt: "Reply with OK.", maxTokens: 16, temperature: 0 })
    expect(Buffer.from(IMAGE_PROBE.image!.base64, "base64").subarray(1, 4).toString()).toBe("PNG")
  })

  it("tool: ok only when a tool call came back; else the real error or `No tool call returned`", () => {
    expect(toolOutcome(reply(1), 120, [])).toEqual({ ok: true, latencyMs: 120 })
    expect(toolOutcome(reply(0), 120, [])).toEqual({ ok: false, latencyMs: 120, error: NO_TOOL_CALL })
    expect(toolOutcome(notFound, 40, [])).toEqual({
      ok: false,
      latencyMs: 40,
      error: "HTTP 404: No endpoints found that support tool use"
    })
  })

  it("image: ok only for a real completion, not an error status, an error finish or a broken body", () => {
    expect(imageOutcome(reply(0), 80, [])).toEqual({ ok: true, latencyMs: 80 })
    expect(imageOutcome(reply(0, "error"), 80, []).ok).toBe(false)
    expect(imageOutcome(notFound, 80, []).ok).toBe(false)
    expect(
      imageOutcome({ _tag: "Malformed", status: 200, detail: "Unexpected chat completion: x" }, 5, [])
    ).toEqual({ ok: false, latencyMs: 5, error: "Unexpected chat completion: x" })
  })

  it("errors never carry the key", () => {
    const key = "sk-or-v1-0123456789abcdef0123456789abcdef"
    const echoed: ChatOutcome = { _tag: "HttpError", status: 401, message: `Invalid key ${key}`, body: "" }
    expect(toolOutcome(echoed, 1, [key]).error).toBe("HTTP 401: Invalid key ***")
    expect(
      requestFailed(new ProviderRequestError({ kind: "refused", detail: `x ${key}` }), 1, [key]).error
    ).toBe("x ***")
    const bearer: ChatOutcome = {
      _tag: "HttpError",
      status: 400,
      message: "sent Bearer abc.def (retry)",
      body: ""
    }
    expect(imageOutcome(bearer, 1, []).error).toBe("HTTP 400: sent Bearer *** (retry)")
    expect(timedOut(500)).toEqual({ ok: false, latencyMs: 500, error: "Timed out after 500 ms" })
  })
})
