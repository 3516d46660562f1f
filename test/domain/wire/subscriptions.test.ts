/** The subscription protocols (spec §7): ChatGPT's Codex backend, Cloud Code Assist, GitHub Copilot's exchange. */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as GitHubCopilot from "../../../src/domain/wire/githubCopilot.js"
import * as CloudCodeAssist from "../../../src/domain/wire/googleCloudCodeAssist.js"
import * as OpenAiCodex from "../../../src/domain/wire/openaiCodexResponses.js"
import type { ChatCredential, ChatTarget } from "../../../src/domain/wire/types.js"

const target = (provider: string, api: string, baseUrl: string, credential: ChatCredential): ChatTarget => ({
  provider,
  model: "m-1",
  endpoint: { api, baseUrl, headers: {} },
  credential
})
const oauth = (secret: string, extra: Partial<ChatCredential> = {}): ChatCredential => ({
  kind: "oauth",
  secret: Redacted.make(secret),
  ...extra
})
const jwt = (claims: object) =>
  `h.${btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}.s`

describe("openai-codex-responses", () => {
  it("streams to {base}/codex/responses with the account header, instructions, and no max_output_tokens", () => {
    const req = OpenAiCodex.build(
      target(
        "openai-codex",
        "openai-codex-responses",
        "https://chatgpt.com/backend-api",
        oauth("at", { accountId: "acct-1" })
      ),
      { maxTokens: 8 }
    )
    expect(req.url).toBe("https://chatgpt.com/backend-api/codex/responses")
    expect(req.headers).toMatchObject({
      authorization: "Bearer at",
      "chatgpt-account-id": "acct-1",
      "openai-beta": "responses=experimental",
      accept: "text/event-stream"
    })
    const body = req.body as Record<string, unknown>
    expect(body).toMatchObject({
      model: "m-1",
      stream: true,
      store: false,
      instructions: OpenAiCodex.CODEX_INSTRUCTIONS
    })
    expect(body).not.toHaveProperty("max_output_tokens")
  })

  it("takes the account id from the access token's claim when the profile has none", () => {
    const token = jwt({ "https://api.openai.com/auth": { chatgpt_account_id: "acct-from-jwt" } })
    const codex = target("openai-codex", "openai-codex-responses", "https://x", oauth(token))
    expect(OpenAiCodex.build(codex, { maxTokens: 8 }).headers["chatgpt-account-id"]).toBe("acct-from-jwt")
    expect(OpenAiCodex.missing(codex)).toBeUndefined()
    expect(
      OpenAiCodex.missing(target("openai-codex", "openai-codex-responses", "https://x", oauth("opaque")))
    ).toMatch(/no accountId/)
  })
})

describe("google-gemini-cli (Cloud Code Assist)", () => {
  it("posts {project, model, request} with Bearer; Antigravity says it is its agent", () => {
    const gemini = CloudCodeAssist.build(
      target(
        "google-gemini-cli",
        "google-gemini-cli",
        "https://cloudcode-pa.googleapis.com/",
        oauth("ya29", { projectId: "p-1" })
      ),
      { maxTokens: 8 }
    )
    expect(gemini.url).toBe("https://cloudcode-pa.googleapis.com/v1internal:generateContent")
    expect(gemini.headers.authorization).toBe("Bearer ya29")
    expect(gemini.headers["x-goog-api-key"]).toBeUndefined()
    expect(gemini.body).toMatchObject({
      project: "p-1",
      model: "m-1",
      request: {
        contents: [{ role: "user", parts: [{ text: "Reply with OK. Do not use tools." }] }],
        generationConfig: { maxOutputTokens: 8 }
      }
    })
    const antigravity = CloudCodeAssist.build(
      target("google-antigravity", "google-gemini-cli", "https://x", oauth("ya29", { projectId: "p-1" })),
      { maxTokens: 8, stream: true }
    )
    expect(antigravity.url).toBe("https://x/v1internal:streamGenerateContent?alt=sse")
    expect(antigravity.headers["user-agent"]).toMatch(/^antigravity\//)
    expect(antigravity.body).toMatchObject({ requestType: "agent", userAgent: "antigravity" })
  })

  it("reads the {response}-wrapped answer, streamed or not, and errors as Google's", () => {
    const chunk = {
      response: { candidates: [{ content: { parts: [{ text: "OK" }] }, finishReason: "STOP" }] }
    }
    expect(CloudCodeAssist.adapter.decode(200, "application/json", JSON.stringify(chunk))).toMatchObject({
      _tag: "Reply",
      text: "OK"
    })
    expect(
      CloudCodeAssist.adapter.decode(200, "text/event-stream", `data: ${JSON.stringify(chunk)}\n\n`)
    ).toMatchObject({ _tag: "Reply", text: "OK" })
    expect(
      CloudCodeAssist.adapter.decode(
        429,
        "application/json",
        '{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}'
      )
    ).toMatchObject({ _tag: "HttpError", status: 429, type: "RESOURCE_EXHAUSTED" })
  })
})

describe("GitHub Copilot token exchange", () => {
  it("the Copilot token names the API host: proxy.* becomes api.*; anything odd is ignored", () => {
    expect(
      GitHubCopilot.apiBaseFromToken("tid=1;exp=2;proxy-ep=proxy.individual.githubcopilot.com;sku=x")
    ).toBe("https://api.individual.githubcopilot.com")
    expect(GitHubCopilot.apiBaseFromToken("tid=1;exp=2")).toBeUndefined()
    expect(GitHubCopilot.apiBaseFromToken("tid=1;proxy-ep=evil.example/@x")).toBeUndefined()
  })

  it("reads the exchange: a token, or the outcome to classify", () => {
    expect(GitHubCopilot.readExchange(200, '{"token":"tid=1","expires_at":2}')).toEqual(Either.right("tid=1"))
    const refused = GitHubCopilot.readExchange(401, '{"message":"Bad credentials"}')
    expect(Either.flip(refused)).toEqual(
      Either.right(
        expect.objectContaining({
          _tag: "HttpError",
          status: 401,
          message: "Copilot token exchange failed: Bad credentials"
        })
      )
    )
    expect(Either.isLeft(GitHubCopilot.readExchange(200, '{"nope":1}'))).toBe(true)
  })

  it("the chat request carries only the Copilot token, to the host it names unless the config set one", () => {
    const github = {
      ...target("github-copilot", "anthropic-messages", "https://configured", {
        kind: "token",
        secret: Redacted.make("gho_x")
      }),
      endpoint: {
        api: "anthropic-messages",
        baseUrl: "https://configured",
        headers: {},
        tokenExchange: { url: "https://u", baseFromToken: true }
      }
    }
    const exchanged = GitHubCopilot.withCopilotToken(github, "tid=1;proxy-ep=proxy.host.test")
    expect(exchanged.endpoint.baseUrl).toBe("https://api.host.test")
    expect(Redacted.value(exchanged.credential.secret)).toBe("tid=1;proxy-ep=proxy.host.test")
    const pinned = {
      ...github,
      endpoint: { ...github.endpoint, tokenExchange: { url: "https://u", baseFromToken: false } }
    }
    expect(GitHubCopilot.withCopilotToken(pinned, "tid=1;proxy-ep=proxy.host.test").endpoint.baseUrl).toBe(
      "https://configured"
    )
    const headers = GitHubCopilot.copilotHeaders({ "x-api-key": "tid=1", "anthropic-version": "v" }, "tid=1")
    expect(headers).toMatchObject({
      authorization: "Bearer tid=1",
      "copilot-integration-id": "vscode-chat",
      "anthropic-version": "v"
    })
    expect(headers).not.toHaveProperty("x-api-key")
  })
})
