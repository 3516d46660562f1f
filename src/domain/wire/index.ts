/**
 * The wire adapter for an `api` (spec §7). OpenRouter and other OpenAI-compatible providers use `openai-completions`;
 * GitHub Copilot uses its models' own protocols after a token exchange (githubCopilot.ts).
 */
import * as Option from "effect/Option"
import * as AnthropicMessages from "./anthropicMessages.js"
import * as GoogleCloudCodeAssist from "./googleCloudCodeAssist.js"
import * as GoogleGenerativeAi from "./googleGenerativeAi.js"
import * as OpenAiCodexResponses from "./openaiCodexResponses.js"
import * as OpenAiCompletions from "./openaiCompletions.js"
import * as OpenAiResponses from "./openaiResponses.js"
import type { WireAdapter } from "./types.js"

const ADAPTERS: Readonly<Record<string, WireAdapter>> = {
  "anthropic-messages": AnthropicMessages.adapter,
  "openai-completions": OpenAiCompletions.adapter,
  "openai-responses": OpenAiResponses.adapter,
  "google-generative-ai": GoogleGenerativeAi.adapter,
  "openai-codex-responses": OpenAiCodexResponses.adapter,
  "google-gemini-cli": GoogleCloudCodeAssist.adapter
}

/** APIs we can talk to directly. */
export const SUPPORTED_APIS: ReadonlyArray<string> = Object.keys(ADAPTERS)

export const adapterFor = (api: string): Option.Option<WireAdapter> => Option.fromNullable(ADAPTERS[api])
