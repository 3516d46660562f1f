/**
 * OAuthCallback on node:http, bound to 127.0.0.1 (never another interface). node:http is imported when a login
 * listens, not at start-up (every other command would pay ~4 ms to load it).
 *
 * A request without this login's `state`, or with another, gets an error page and is otherwise ignored: the
 * server keeps waiting for the real redirect (the caller's timeout ends the wait). Failing the login instead
 * would let any page the browser visits, or any local process, cancel it with one request.
 */
import type { AddressInfo } from "node:net"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { LoginFailed } from "../domain/errors.js"
import { OAuthCallback } from "../services/OAuthCallback.js"

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body>`

const listen = (provider: string, redirectUri: string, state: string) =>
  Effect.gen(function* () {
    const target = new URL(redirectUri)
    const wantedPort = target.port === "" ? (target.protocol === "https:" ? 443 : 80) : Number(target.port)
    const done = yield* Deferred.make<string, LoginFailed>()
    const http = yield* Effect.promise(() => import("./internal/nodeHttp.js"))
    const server = http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1")
      if (url.pathname !== target.pathname) {
        response.writeHead(404).end()
        return
      }
      const send = (status: number, title: string, text: string) =>
        response
          .writeHead(status, { "content-type": "text/html; charset=utf-8", connection: "close" })
          .end(page(title, text))
      if (url.searchParams.get("state") !== state) {
        send(
          400,
          "Sign-in not accepted",
          "This redirect belongs to a different login attempt. Return to the terminal."
        )
        return
      }
      const error = url.searchParams.get("error")
      const code = url.searchParams.get("code")
      if (error !== null || code === null || code === "") {
        send(400, "Sign-in failed", "Return to the terminal for details.")
        Deferred.unsafeDone(
          done,
          Effect.fail(new LoginFailed({ provider, reason: error ?? "the redirect carried no code" }))
        )
        return
      }
      send(200, "Signed in", "You can close this tab and return to the terminal.")
      Deferred.unsafeDone(done, Effect.succeed(code))
    })
    yield* Effect.acquireRelease(
      Effect.async<void, LoginFailed>((resume) => {
        server.once("error", (error: NodeJS.ErrnoException) =>
          resume(
            Effect.fail(
              new LoginFailed({
                provider,
                reason: `cannot listen on 127.0.0.1:${wantedPort} for the redirect (${error.code ?? error.message})`
              })
            )
          )
        )
        server.listen(wantedPort, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
          server.closeAllConnections()
        })
    )
    const bound = (server.address() as AddressInfo).port
    const actual = new URL(redirectUri)
    actual.port = String(bound)
    return { redirectUri: actual.toString(), code: Deferred.await(done) }
  })

export const layer = Layer.succeed(OAuthCallback, { listen })
