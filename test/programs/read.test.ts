/** The read programs on the shipped test layers: data back, nothing printed, per agent. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { checkCode, explain, list, modelChain, probe, status } from "../../src/index.js"
import * as ReporterLayers from "../../src/layers/Reporter.js"
import { runStatus } from "../../src/node.js"
import * as Testing from "../../src/testing.js"
import { withNoConsole } from "../support/noConsole.js"

const KEY_OK = "sk-test-ok-0123456789"
const KEY_LIMITED = "sk-test-limited-0123456789"

const config = {
  agents: {
    defaults: {
      model: { primary: "opus", fallbacks: ["openai/gpt-5.2"] },
      models: { "anthropic/claude-opus-4-5": { alias: "opus" }, "openai/gpt-5.2": {} }
    },
    list: [
      { id: "main", default: true },
      { id: "work", model: { primary: "openai/gpt-5.2", fallbacks: [] } }
    ]
  }
}
const store = (provider: string, key: string) => ({
  version: 1,
  profiles: { [`${provider}:default`]: { type: "api_key", provider, key } }
})

const layer = Testing.layer({
  config,
  auth: { main: store("anthropic", KEY_OK), work: store("openai", KEY_LIMITED) },
  provider: Testing.FakeProvider.layer({ byCredential: { [KEY_LIMITED]: "rate_limit" } })
})

describe("read programs return data and print nothing", () => {
  it.effect("modelChain resolves the default agent's chain and another agent's override", () =>
    Effect.gen(function* () {
      const main = yield* modelChain()
      expect(main.agentId).toBe("main")
      expect(main.primary).toMatchObject({ input: "opus", key: "anthropic/claude-opus-4-5", alias: "opus" })
      expect(main.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-5.2"])
      const work = yield* modelChain({ agentId: "work" })
      expect(work.primary.key).toBe("openai/gpt-5.2")
      expect(work.fallbacks).toEqual([])
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("status is the agent's view, from its own auth store; checkCode is a value", () =>
    Effect.gen(function* () {
      const main = yield* status()
      expect(main.resolvedDefault).toBe("anthropic/claude-opus-4-5")
      expect(main.auth.providers.map((p) => p.provider)).toContain("anthropic")
      const work = yield* status({ agentId: "work" })
      expect(work.resolvedDefault).toBe("openai/gpt-5.2")
      expect(work.fallbacks).toEqual([])
      expect(work.agentDir).toBe(`${Testing.TEST_HOME}/.clawdbot/agents/work/agent`)
      expect(checkCode(work)).toBe(0)
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("an unknown agent is a NotFound naming the agents that exist", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(status({ agentId: "wrok" }))
      expect(exit).toEqual(
        Exit.fail(
          expect.objectContaining({
            _tag: "NotFound",
            reason: 'Unknown agent "wrok". Known agents: main, work (agents.list in the config).'
          })
        )
      )
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("probe returns each result per credential through the fake provider", () =>
    Effect.gen(function* () {
      const main = yield* probe()
      expect(main.results.map((r) => [r.provider, r.status])).toEqual([["anthropic", "ok"]])
      const work = yield* probe({ agentId: "work" })
      expect(work.results.map((r) => [r.provider, r.profileId, r.status])).toEqual([
        ["openai", "openai:default", "rate_limit"]
      ])
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("list tags follow the agent's own model", () =>
    Effect.gen(function* () {
      const main = yield* list()
      expect(main.find((row) => row.key === "anthropic/claude-opus-4-5")?.tags).toContain("default")
      const work = yield* list({ agentId: "work" })
      expect(work.find((row) => row.key === "openai/gpt-5.2")?.tags).toContain("default")
      expect(work.find((row) => row.key === "anthropic/claude-opus-4-5")?.tags ?? []).not.toContain("default")
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect(
    "explain returns the agent's default as data; an invalid reference is an InvalidModelRef naming it",
    () =>
      Effect.gen(function* () {
        const main = yield* explain()
        expect(main).toMatchObject({
          agentId: "main",
          isDefault: true,
          key: "anthropic/claude-opus-4-5",
          alias: { name: "opus", kind: "user" },
          roles: [{ role: "default" }],
          credentials: { use: "anthropic:default" }
        })
        expect(main.fallbacks.map((step) => step.key)).toEqual(["openai/gpt-5.2"])
        const work = yield* explain({ agentId: "work", model: "OPUS" })
        expect(work).toMatchObject({
          key: "anthropic/claude-opus-4-5",
          roles: [],
          credentials: { use: null }
        })
        expect(JSON.stringify(work)).not.toContain(KEY_LIMITED.slice(4, 16))
        const exit = yield* Effect.exit(explain({ model: "openai/" }))
        expect(exit).toEqual(Exit.fail(expect.objectContaining({ _tag: "InvalidModelRef", raw: "openai/" })))
      }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("a probe's progress goes to the Reporter, never to the console", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      yield* probe().pipe(Effect.provide(ReporterLayers.layerMemory(lines)))
      expect(lines[0]).toBe("progress: Probing auth profiles…")
    }).pipe(withNoConsole, Effect.provide(layer))
  )

  it.effect("the no-console check can fail: the CLI's status command prints", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(withNoConsole(runStatus({ mode: "plain", check: false })))
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("a program printed through console.log")
    }).pipe(Effect.provide(layer))
  )
})
