/**
 * The two scan probes (spec §3.9.7) as plain data: what is sent, and how an answer becomes a `ProbeOutcome`.
 * Pure; `run.ts` sends them through ProviderClient.
 */
import type { ProviderRequestError } from "../errors.js"
import { redactLine } from "../redact.js"
import type { ChatImage, ChatOptions, ChatOutcome, ToolSpec } from "../wire/types.js"
import type { ProbeOutcome } from "./select.js"

export const PING_TOOL: ToolSpec = {
  name: "ping",
  description: "Return OK.",
  parameters: { type: "object", properties: {} }
}

/** Tool probe: the model must call `ping`; 32 tokens, temperature 0. */
export const TOOL_PROBE: ChatOptions = {
  prompt: "Call the ping tool with {} and nothing else.",
  tools: [PING_TOOL],
  toolChoice: "required",
  maxTokens: 32,
  temperature: 0
}

/** A 1×1 PNG. */
export const PROBE_IMAGE: ChatImage = {
  mediaType: "image/png",
  base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+X3mIAAAAASUVORK5CYII="
}

/** Image probe: a text part and the PNG; 16 tokens, temperature 0. */
export const IMAGE_PROBE: ChatOptions = {
  prompt: "Reply with OK.",
  image: PROBE_IMAGE,
  maxTokens: 16,
  temperature: 0
}

export const NO_TOOL_CALL = "No tool call returned"

/** Longest error a scan result keeps (after redaction: see src/domain/redact.ts). */
export const SCAN_ERROR_LIMIT = 320

/** The reason an answer is not a usable reply, whole: `finished` redacts, then cuts it. */
export const outcomeError = (outcome: ChatOutcome): string | undefined => {
  switch (outcome._tag) {
    case "Reply":
      return outcome.finishReason === "error"
        ? `HTTP ${outcome.status}: the provider ended with an error`
        : undefined
    case "HttpError": {
      const detail = outcome.message ?? outcome.body
      return `HTTP ${outcome.status}${detail ? `: ${detail}` : ""}`
    }
    case "Malformed":
      return outcome.detail
  }
}

const finished = (
  latencyMs: number,
  error: string | undefined,
  secrets: ReadonlyArray<string>
): ProbeOutcome =>
  error === undefined
    ? { ok: true, latencyMs }
    : { ok: false, latencyMs, error: redactLine(error, secrets, SCAN_ERROR_LIMIT) }

/** Tool probe: ok only when at least one tool call came back. */
export const toolOutcome = (
  outcome: ChatOutcome,
  latencyMs: number,
  secrets: ReadonlyArray<string>
): ProbeOutcome =>
  finished(
    latencyMs,
    outcomeError(outcome) ??
      (outcome._tag === "Reply" && outcome.toolCalls.length === 0 ? NO_TOOL_CALL : undefined),
    secrets
  )

/** Image probe: ok only when a real completion came back (not an error status, error body or broken body). */
export const imageOutcome = (
  outcome: ChatOutcome,
  latencyMs: number,
  secrets: ReadonlyArray<string>
): ProbeOutcome => finished(latencyMs, outcomeError(outcome), secrets)

/** A request that got no answer at all. */
export const requestFailed = (
  error: ProviderRequestError,
  latencyMs: number,
  secrets: ReadonlyArray<string>
): ProbeOutcome => finished(latencyMs, error.message, secrets)

export const timedOut = (timeoutMs: number): ProbeOutcome => ({
  ok: false,
  latencyMs: timeoutMs,
  error: `Timed out after ${timeoutMs} ms`
})
