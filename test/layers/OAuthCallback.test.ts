/** The loopback redirect server of `auth login` (live, real sockets): where it listens and what it accepts. */
import { existsSync, readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as OAuthCallbackLive from "../../src/layers/OAuthCallback.js"
import { OAuthCallback } from "../../src/services/OAuthCallback.js"

/** Local addresses (hex, as the kernel lists them) of the sockets listening on `port`. */
const listenersOn = (port: number) =>
  ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(
        (fields) =>
          fields[3] === "0A" && fields[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, "0")}`)
      )
      .map((fields) => fields[1]?.split(":")[0])
  )

const listen = (redirectUri: string) =>
  Effect.flatMap(OAuthCallback, (callback) => callback.listen("openai-codex", redirectUri, "good-state"))

describe("OAuthCallback (live)", () => {
  it.scoped.skipIf(!existsSync("/proc/net/tcp"))(
    "listens on 127.0.0.1 only, whatever host the redirect URI names",
    () =>
      Effect.gen(function* () {
        for (const host of ["localhost", "0.0.0.0", "[::]"]) {
          const listener = yield* listen(`http://${host}:0/auth/callback`)
          const port = Number(new URL(listener.redirectUri).port)
          // 0100007F is 127.0.0.1 in /proc/net/tcp's little-endian hex.
          expect(listenersOn(port)).toEqual(["0100007F"])
        }
      }).pipe(Effect.provide(OAuthCallbackLive.layer))
  )

  it.scoped(
    "a request with a missing or other state gets an error page; the real redirect still completes",
    () =>
      Effect.gen(function* () {
        const listener = yield* listen("http://127.0.0.1:0/auth/callback")
        const code = yield* Effect.fork(listener.code)
        for (const query of ["code=forged", "code=forged&state=other", "error=access_denied&state=other"]) {
          const page = yield* Effect.promise(() => fetch(`${listener.redirectUri}?${query}`))
          expect(page.status).toBe(400)
        }
        expect(yield* Fiber.poll(code)).toEqual(expect.objectContaining({ _tag: "None" }))
        const page = yield* Effect.promise(() => fetch(`${listener.redirectUri}?code=real&state=good-state`))
        expect(page.status).toBe(200)
        expect(yield* Fiber.join(code)).toBe("real")
      }).pipe(Effect.provide(OAuthCallbackLive.layer))
  )
})
