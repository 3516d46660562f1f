/**
 * The edit programs on in-memory layers: each returns the new state, prints nothing, and per agent edits the
 * agent's own override when it has one, else the defaults (src/programs/edit.ts).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import {
  AuthStoreLayers,
  addAlias,
  addFallback,
  authOrder,
  CatalogLayers,
  ConfigStoreLayers,
  clearImageFallbacks,
  EnvironmentLayers,
  KeychainLayers,
  PathsLayers,
  pasteToken,
  ReporterLayers,
  removeAlias,
  removeFallback,
  setAuthOrder,
  setImageModel,
  setModel
} from "../../src/node.js"
import { withNoConsole } from "../support/noConsole.js"

const HOME = "/nonexistent-clawdbot-edit-home"

const layers = (config: object) => {
  const configStore = ConfigStoreLayers.layerMemory(config as never)
  const authStore = AuthStoreLayers.layerMemory()
  const warnings: Array<string> = []
  const reporter = { layer: ReporterLayers.layerMemory(warnings), messages: () => warnings }
  const layer = Layer.mergeAll(
    configStore.layer,
    authStore.layer,
    PathsLayers.layer,
    CatalogLayers.layerTest([]),
    reporter.layer,
    KeychainLayers.layerMemory().layer
  ).pipe(Layer.provideMerge(EnvironmentLayers.layerTest({ HOME }, { now: () => 0 })))
  return { layer, configStore, authStore, reporter }
}

const agents = {
  agents: {
    defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["openai/gpt-4o"] } },
    list: [
      { id: "work", model: { primary: "anthropic/claude-sonnet-4-5" } },
      { id: "home", workspace: "~/home" }
    ]
  }
}

describe("edit programs return the new state and print nothing", () => {
  it.effect("setModel returns the chain; an unknown model is reported, not printed", () => {
    const { layer, configStore, reporter } = layers({})
    return Effect.gen(function* () {
      const chain = yield* withNoConsole(setModel("openai/gpt-5.2"))
      expect(chain.agentId).toBe("main")
      expect(chain.primary).toMatchObject({ key: "openai/gpt-5.2", provider: "openai", model: "gpt-5.2" })
      expect(configStore.current()).toEqual({
        agents: {
          defaults: {
            model: { primary: "openai/gpt-5.2", fallbacks: [] },
            models: { "openai/gpt-5.2": { alias: "gpt" } }
          }
        }
      })
      // The test catalog is empty, so the model is unknown: one warning, through the Reporter.
      expect(reporter.messages()).toEqual([
        "Warning: provider openai is not known; configure it under models.providers.openai, or check the spelling."
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("fallbacks and aliases return the new list and map", () => {
    const { layer } = layers({})
    return Effect.gen(function* () {
      const added = yield* withNoConsole(addFallback("openai/gpt-4o"))
      expect(added.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-4o"])
      expect(yield* withNoConsole(addAlias("fast", "groq/llama-3.3-70b"))).toEqual({
        fast: "groq/llama-3.3-70b"
      })
      const removed = yield* withNoConsole(removeFallback("openai/gpt-4o"))
      expect(removed.fallbacks).toEqual([])
      expect(yield* withNoConsole(removeAlias("FAST"))).toEqual({})
    }).pipe(Effect.provide(layer))
  })
})

describe("per-agent edits", () => {
  it.effect("a listed agent with its own model override: the override is edited, the defaults stay", () => {
    const { layer, configStore } = layers(agents)
    return Effect.gen(function* () {
      const chain = yield* withNoConsole(setModel("openai/gpt-5-mini", { agentId: "work" }))
      expect(chain.agentId).toBe("work")
      expect(chain.primary.key).toBe("openai/gpt-5-mini")
      const doc = configStore.current() as typeof agents
      expect(doc.agents.list[0]).toEqual({ id: "work", model: { primary: "openai/gpt-5-mini" } })
      expect(doc.agents.defaults.model).toEqual(agents.agents.defaults.model)
      // It inherited the defaults' fallbacks; adding one keeps them and gives the agent its own list.
      const withFallback = yield* withNoConsole(addFallback("xai/grok-4", { agentId: "work" }))
      expect(withFallback.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-4o", "xai/grok-4"])
      expect((configStore.current() as typeof agents).agents.defaults.model.fallbacks).toEqual([
        "openai/gpt-4o"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a listed agent without an override edits the defaults (what it uses)", () => {
    const { layer, configStore } = layers(agents)
    return Effect.gen(function* () {
      const chain = yield* withNoConsole(setImageModel("openai/gpt-5.2", { agentId: "home" }))
      expect(chain.imageModel?.key).toBe("openai/gpt-5.2")
      const doc = configStore.current() as { agents: { defaults: { imageModel: unknown }; list: unknown } }
      expect(doc.agents.defaults.imageModel).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] })
      expect(doc.agents.list).toEqual(agents.agents.list)
      // `work` has a model override but no imageModel one: its image edits go to the defaults too.
      const cleared = yield* withNoConsole(clearImageFallbacks({ agentId: "work" }))
      expect(cleared.imageModel?.key).toBe("openai/gpt-5.2")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an unknown agent id fails naming the known ids, and nothing is written", () => {
    const { layer, configStore } = layers(agents)
    return Effect.gen(function* () {
      const exit = yield* Effect.exit(withNoConsole(setModel("openai/gpt-5.2", { agentId: "wrok" })))
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain(
        'Unknown agent "wrok". Known agents: main, work, home'
      )
      expect(configStore.current()).toBe(agents)
    }).pipe(Effect.provide(layer))
  })
})

describe("auth programs", () => {
  it.effect(
    "pasteToken returns the profile's public info, never the secret; order returns the new order",
    () => {
      const { layer } = layers({})
      return Effect.gen(function* () {
        const info = yield* withNoConsole(
          pasteToken({ provider: "anthropic", token: Redacted.make("tok-SECRET-123"), expiresInMs: 1000 })
        )
        expect(info).toMatchObject({
          agentId: "main",
          profileId: "anthropic:manual",
          provider: "anthropic",
          mode: "token",
          expires: 1000
        })
        expect(JSON.stringify(info)).not.toContain("SECRET")
        const set = yield* withNoConsole(
          setAuthOrder({ provider: "anthropic", profileIds: ["anthropic:manual"] })
        )
        expect(set).toMatchObject({ agentId: "main", provider: "anthropic", order: ["anthropic:manual"] })
        expect((yield* withNoConsole(authOrder({ provider: "anthropic" }))).order).toEqual([
          "anthropic:manual"
        ])
      }).pipe(Effect.provide(layer))
    }
  )
})
