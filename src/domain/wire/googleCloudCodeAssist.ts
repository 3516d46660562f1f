/**
 * `google-gemini-cli` (spec §7): Google's Cloud Code Assist API, used by google-gemini-cli
 * (`https://cloudcode-pa.googleapis.com`) and google-antigravity (`https://daily-cloudcode-pa.sandbox.googleapis.com`).
 * `POST {base}/v1internal:generateContent` (or `:streamGenerateContent?alt=sse`), the OAuth access token as
 * `Authorization: Bearer`, body `{project, model, request}` where `request` is a Gemini request and `project` the
 * profile's `projectId`. Each answer chunk is a Gemini response wrapped in `{response}`. Headers per client as
 * pi-ai sends them; Antigravity also marks the request as its agent's.
 */
import * as Redacted from "effect/Redacted"
import * as GoogleGenerativeAi from "./googleGenerativeAi.js"
import { type ChatOptions, type ChatTarget, joinUrl, type WireAdapter, type WireRequest } from "./types.js"

const CLIENT_METADATA = JSON.stringify({
  ideType: "IDE_UNSPECIFIED",
  platform: "PLATFORM_UNSPECIFIED",
  pluginType: "GEMINI"
})
const GEMINI_CLI_HEADERS = {
  "user-agent": "google-cloud-sdk vscode_cloudshelleditor/0.1",
  "x-goog-api-client": "gl-node/22.17.0",
  "client-metadata": CLIENT_METADATA
}
const ANTIGRAVITY_HEADERS = {
  "user-agent": "antigravity/1.11.5 darwin/arm64",
  "x-goog-api-client": "google-cloud-sdk vscode_cloudshelleditor/0.1",
  "client-metadata": CLIENT_METADATA
}

const isAntigravity = (target: ChatTarget) => target.provider === "google-antigravity"

export const build = (target: ChatTarget, options: ChatOptions): WireRequest => {
  const gemini = GoogleGenerativeAi.build(target, options)
  const method = options.stream ? "streamGenerateContent?alt=sse" : "generateContent"
  const antigravity = isAntigravity(target)
  return {
    url: joinUrl(target.endpoint.baseUrl, `/v1internal:${method}`),
    headers: {
      ...(antigravity ? ANTIGRAVITY_HEADERS : GEMINI_CLI_HEADERS),
      ...target.endpoint.headers,
      "content-type": "application/json",
      accept: options.stream ? "text/event-stream" : "application/json",
      authorization: `Bearer ${Redacted.value(target.credential.secret)}`
    },
    body: {
      project: target.credential.projectId,
      model: target.model,
      request: gemini.body,
      ...(antigravity ? { requestType: "agent", userAgent: "antigravity" } : { userAgent: "pi-coding-agent" })
    }
  }
}

const unwrap = (value: unknown): unknown =>
  typeof value === "object" && value !== null && "response" in value
    ? (value as { response: unknown }).response
    : value

export const missing = (target: ChatTarget): string | undefined =>
  target.credential.projectId === undefined || target.credential.projectId.trim() === ""
    ? `No Google Cloud project: the ${target.provider} profile has no projectId. Sign in again to ${target.provider}.`
    : undefined

export const adapter: WireAdapter = { build, decode: GoogleGenerativeAi.decodeWith(unwrap), missing }
