import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { ProviderRequestError } from "../../src/domain/errors.js"
import type { ProbePlan, ProbeTarget } from "../../src/domain/probe/types.js"
import type { ChatOutcome } from "../../src/domain/wire/types.js"
import * as ProviderClientLayer from "../../src/layers/ProviderClient.js"
import { runProbes } from "../../src/programs/probe.js"

const target = (label: string, secret = `sk-secret-${label}-0000`): ProbeTarget => ({
  provider: "openai",
  model: "openai/gpt-5.2",
  profileId: `openai:${label}`,
  label,
  source: "profile",
  mode: "api_key",
  needsRefresh: false,
  secretOrigin: `auth profile openai:${label}`,
  chat: {
    provider: "openai",
    model: "gpt-5.2",
    endpoint: { api: "openai-responses", baseUrl: "https://x.test/v1", headers: {} },
    credential: { kind: "api_key", secret: Redacted.make(secret) }
  }
})
const plan = (targets: ReadonlyArray<ProbeTarget>): ProbePlan => ({ planned: [], targets })
const settings = { timeout: Duration.seconds(8), concurrency: 2, maxTokens: 8 }
const selection = { profileIds: [], models: [], allModels: false }
const ok: ChatOutcome = { _tag: "Reply", status: 200, text: "OK", toolCalls: [] }

describe("running probes (§4 execution)", () => {
  it.effect("a provider that never answers: every target ends as `timeout` at the timeout", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(runProbes(plan([target("a"), target("b")]), settings, selection))
      yield* TestClock.adjust("8 seconds")
      const summary = yield* Fiber.join(fiber)
      expect(summary.results.map((r) => [r.label, r.status, r.latencyMs])).toEqual([
        ["a", "timeout", 8000],
        ["b", "timeout", 8000]
      ])
      expect(summary.durationMs).toBe(8000)
      expect(summary.options).toEqual({ profileIds: [], timeoutMs: 8000, concurrency: 2, maxTokens: 8 })
    }).pipe(Effect.provide(ProviderClientLayer.layerTest(() => Effect.never)))
  )

  it.effect("worst case is ⌈targets / concurrency⌉ × timeout", () =>
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        runProbes(plan(["a", "b", "c", "d", "e"].map((l) => target(l))), settings, selection)
      )
      yield* TestClock.adjust("16 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("8 seconds")
      const summary = yield* Fiber.join(fiber)
      expect(summary.durationMs).toBe(24_000)
    }).pipe(Effect.provide(ProviderClientLayer.layerTest(() => Effect.never)))
  )

  it.effect("never more than `concurrency` requests at once; results keep target order", () => {
    let active = 0
    let peak = 0
    const layer = ProviderClientLayer.layerTest((t) =>
      Effect.gen(function* () {
        active++
        peak = Math.max(peak, active)
        yield* Effect.sleep(Duration.millis(t.credential.kind === "api_key" ? 100 : 0))
        active--
        return ok
      })
    )
    return Effect.gen(function* () {
      const targets = Array.from({ length: 9 }, (_, i) => target(`t${i}`))
      const fiber = yield* Effect.fork(runProbes(plan(targets), { ...settings, concurrency: 3 }, selection))
      yield* TestClock.adjust("1 second")
      const summary = yield* Fiber.join(fiber)
      expect(peak).toBe(3)
      expect(summary.results.map((r) => r.label)).toEqual(targets.map((t) => t.label))
      expect(summary.durationMs).toBe(300)
    }).pipe(Effect.provide(layer))
  })

  it.effect("errors are classified and redacted; transport failures keep their reason", () =>
    Effect.gen(function* () {
      const summary = yield* runProbes(plan([target("bad"), target("down")]), settings, selection)
      expect(summary.results.map((r) => [r.status, r.error])).toEqual([
        ["auth", "HTTP 401 invalid_api_key: Incorrect API key provided: ***."],
        ["unknown", "https://x.test: connection refused (ECONNREFUSED)"]
      ])
    }).pipe(
      Effect.provide(
        ProviderClientLayer.layerTest((t) =>
          t.credential.secret && Redacted.value(t.credential.secret).includes("down")
            ? Effect.fail(
                new ProviderRequestError({
                  kind: "refused",
                  detail: "https://x.test: connection refused (ECONNREFUSED)"
                })
              )
            : Effect.succeed<ChatOutcome>({
                _tag: "HttpError",
                status: 401,
                type: "invalid_api_key",
                message: `Incorrect API key provided: ${Redacted.value(t.credential.secret)}.`,
                body: ""
              })
        )
      )
    )
  )

  it.effect("a refreshed access token echoed in a provider error is scrubbed like the planned secrets", () =>
    Effect.gen(function* () {
      const expired = { ...target("o"), mode: "oauth" as const, needsRefresh: true }
      const summary = yield* runProbes(plan([expired]), settings, selection, {
        refresh: () =>
          Effect.succeed({ kind: "oauth" as const, secret: Redacted.make("fresh-access-token-42") })
      })
      expect(summary.results[0]!.error).toBe("HTTP 403 permission_error: token *** lacks scope")
    }).pipe(
      Effect.provide(
        ProviderClientLayer.layerTest((t) =>
          Effect.succeed<ChatOutcome>({
            _tag: "HttpError",
            status: 403,
            type: "permission_error",
            message: `token ${Redacted.value(t.credential.secret)} lacks scope`,
            body: ""
          })
        )
      )
    )
  )

  it.effect("an expired OAuth target is refreshed first; a failed refresh is `auth` with the reason", () =>
    Effect.gen(function* () {
      const expired = { ...target("o"), mode: "oauth" as const, needsRefresh: true }
      const refreshed = yield* runProbes(plan([expired]), settings, selection, {
        refresh: () => Effect.succeed({ kind: "oauth" as const, secret: Redacted.make("fresh-token") })
      })
      expect(refreshed.results[0]!.status).toBe("ok")
      const failed = yield* runProbes(plan([expired]), settings, selection, {
        refresh: () => Effect.fail("token endpoint said invalid_grant")
      })
      expect(failed.results[0]).toMatchObject({
        status: "auth",
        error: "OAuth token refresh failed: token endpoint said invalid_grant"
      })
    }).pipe(
      Effect.provide(
        ProviderClientLayer.layerTest((t) =>
          Effect.succeed<ChatOutcome>(
            Redacted.value(t.credential.secret) === "fresh-token"
              ? ok
              : { _tag: "HttpError", status: 401, body: "" }
          )
        )
      )
    )
  )
})

describe("a target whose request HTTP cannot carry (issue 9 item 2)", () => {
  it.effect(
    "a control character in a key or a config header is that target's `format`; the others are sent",
    () => {
      const sent: Array<string> = []
      const layer = ProviderClientLayer.layerTest((t) =>
        Effect.sync(() => {
          sent.push(Redacted.value(t.credential.secret))
          return ok
        })
      )
      const badHeader: ProbeTarget = {
        ...target("hdr"),
        chat: {
          ...target("hdr").chat,
          endpoint: { ...target("hdr").chat.endpoint, headers: { "X-Team": "a\nb" } }
        }
      }
      return Effect.gen(function* () {
        const summary = yield* runProbes(
          plan([
            target("good"),
            target("bad", "sk-bad\u0001secret-0000"),
            badHeader,
            target("lf", "sk-x\r\ny")
          ]),
          settings,
          selection
        )
        expect(summary.results.map((r) => [r.label, r.status, r.error])).toEqual([
          ["good", "ok", undefined],
          [
            "bad",
            "format",
            "The key from auth profile openai:bad cannot be sent in an HTTP header: it contains a control character (U+0001). Store it again."
          ],
          [
            "hdr",
            "format",
            'Header "X-Team" from models.providers.openai.headers cannot be sent: it contains a control character (U+000A).'
          ],
          [
            "lf",
            "format",
            "The key from auth profile openai:lf cannot be sent in an HTTP header: it contains a control character (U+000D). Store it again."
          ]
        ])
        expect(sent).toEqual(["sk-secret-good-0000"])
      }).pipe(Effect.provide(layer))
    }
  )
})
