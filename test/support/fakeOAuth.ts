/**
 * A fake OAuth provider on 127.0.0.1 (port 0): authorization code + PKCE (S256, verified at the token
 * endpoint), refresh, and the device flow. It records what it saw so tests can check the client's side of the
 * protocol; `tokenAnswer` turns it hostile.
 */
import { createHash } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url")
export const fakeJwt = (claims: Record<string, unknown>) =>
  `${b64url(JSON.stringify({ alg: "none" }))}.${b64url(JSON.stringify(claims))}.sig`

export interface FakeOAuth {
  readonly url: string
  readonly authorizeRequests: Array<URLSearchParams>
  readonly tokenRequests: Array<URLSearchParams>
  readonly devicePolls: Array<number>
  /** Set to make the token endpoint refuse the next exchange. */
  refuseExchange: boolean
  /** The device flow answers `authorization_pending` this many times before granting. */
  pendingPolls: number
  /** Fields laid over every granted token answer (code exchange, refresh, device), e.g. `{ expires_in: 1e308 }`. */
  tokenAnswer: Record<string, unknown>
  readonly close: () => Promise<void>
}

/** Environment that points `auth login --provider openai-codex` at the fake (loopback redirect on a free port). */
export const codexLoginEnv = (fake: FakeOAuth) => ({
  CLAWDBOT_OPENAI_CODEX_AUTHORIZE_URL: `${fake.url}/oauth/authorize`,
  CLAWDBOT_OPENAI_CODEX_TOKEN_URL: `${fake.url}/oauth/token`,
  CLAWDBOT_OPENAI_CODEX_REDIRECT_URI: "http://127.0.0.1:0/auth/callback"
})

/** Environment that points the GitHub Copilot device flow at the fake. */
export const copilotLoginEnv = (fake: FakeOAuth) => ({
  CLAWDBOT_GITHUB_COPILOT_DEVICE_CODE_URL: `${fake.url}/login/device/code`,
  CLAWDBOT_GITHUB_COPILOT_TOKEN_URL: `${fake.url}/login/oauth/access_token`
})

export const ACCESS_CLAIMS = { "https://api.openai.com/auth": { chatgpt_account_id: "acct-42" } }

export const startFakeOAuth = async (): Promise<FakeOAuth> => {
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>()
  const readBody = (req: http.IncomingMessage) =>
    new Promise<URLSearchParams>((resolve) => {
      let text = ""
      req.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8")
      })
      req.on("end", () => resolve(new URLSearchParams(text)))
    })
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))

  const state: FakeOAuth = {
    url: "",
    authorizeRequests: [],
    tokenRequests: [],
    devicePolls: [],
    refuseExchange: false,
    pendingPolls: 1,
    tokenAnswer: {},
    close: async () => undefined
  }
  let codeCounter = 0
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    if (req.method === "GET" && url.pathname === "/oauth/authorize") {
      state.authorizeRequests.push(url.searchParams)
      const p = url.searchParams
      if (p.get("response_type") !== "code" || p.get("code_challenge_method") !== "S256") {
        json(res, 400, { error: "invalid_request" })
        return
      }
      const code = `code-${++codeCounter}`
      codes.set(code, {
        challenge: p.get("code_challenge") ?? "",
        redirectUri: p.get("redirect_uri") ?? "",
        clientId: p.get("client_id") ?? ""
      })
      const back = new URL(p.get("redirect_uri") ?? "")
      back.searchParams.set("code", code)
      back.searchParams.set("state", p.get("state") ?? "")
      res.writeHead(302, { location: back.toString() }).end()
      return
    }
    if (req.method === "POST" && url.pathname === "/oauth/token") {
      const form = await readBody(req)
      state.tokenRequests.push(form)
      if (form.get("grant_type") === "refresh_token") {
        json(res, 200, {
          access_token: `access-after-${form.get("refresh_token")}`,
          refresh_token: `next-${form.get("refresh_token")}`,
          expires_in: 3600,
          ...state.tokenAnswer
        })
        return
      }
      const issued = codes.get(form.get("code") ?? "")
      const verifier = form.get("code_verifier") ?? ""
      const challenge = createHash("sha256").update(verifier).digest("base64url")
      if (
        state.refuseExchange ||
        issued === undefined ||
        form.get("grant_type") !== "authorization_code" ||
        challenge !== issued.challenge ||
        form.get("redirect_uri") !== issued.redirectUri ||
        form.get("client_id") !== issued.clientId
      ) {
        json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" })
        return
      }
      codes.delete(form.get("code") ?? "")
      json(res, 200, {
        access_token: fakeJwt(ACCESS_CLAIMS),
        refresh_token: "refresh-secret-1",
        id_token: fakeJwt({ email: "me@example.com" }),
        expires_in: 3600,
        token_type: "Bearer",
        ...state.tokenAnswer
      })
      return
    }
    if (req.method === "POST" && url.pathname === "/login/device/code") {
      const form = await readBody(req)
      if (form.get("client_id") === null) {
        json(res, 400, { error: "invalid_client" })
        return
      }
      json(res, 200, {
        device_code: "dev-code-1",
        user_code: "WXYZ-1234",
        verification_uri: `${state.url}/login/device`,
        interval: 1,
        expires_in: 60
      })
      return
    }
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const form = await readBody(req)
      state.devicePolls.push(Date.now())
      if (
        form.get("device_code") !== "dev-code-1" ||
        form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:device_code"
      ) {
        json(res, 400, { error: "invalid_grant" })
        return
      }
      if (state.devicePolls.length <= state.pendingPolls) {
        json(res, 200, { error: "authorization_pending" })
        return
      }
      json(res, 200, {
        access_token: "gho_device_secret_token",
        token_type: "bearer",
        scope: "read:user",
        ...state.tokenAnswer
      })
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  })
}
