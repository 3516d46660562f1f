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
  addImageFallback,
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
/** `${NAME}` as written in a config. */
const ref = (name: string) => `\${${name}}`

const layers = (config: object, vars: Readonly<Record<string, string>> = {}) => {
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
  ).pipe(Layer.provideMerge(EnvironmentLayers.layerTest({ HOME, ...vars }, { now: () => 0 })))
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
            // no built-in alias is written: both tools attach `gpt` on read (spec §2.5)
            models: { "openai/gpt-5.2": {} }
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
        alias: "fast",
        key: "groq/llama-3.3-70b",
        replaced: [],
        changed: true,
        aliases: { fast: "groq/llama-3.3-70b" }
      })
      const removed = yield* withNoConsole(removeFallback("openai/gpt-4o"))
      expect(removed.fallbacks).toEqual([])
      expect(yield* withNoConsole(removeAlias("FAST"))).toEqual({
        alias: "fast",
        key: "groq/llama-3.3-70b",
        aliases: {}
      })
    }).pipe(Effect.provide(layer))
  })
})

describe("edit programs say what they changed (issue 13 item 8)", () => {
  it.effect("set returns the previous model and whether it wrote; a repeat changes nothing", () => {
    const { layer, configStore } = layers({})
    return Effect.gen(function* () {
      const first = yield* withNoConsole(setModel("openai/gpt-5.2"))
      expect({ changed: first.changed, previous: first.previous }).toEqual({
        changed: true,
        previous: "anthropic/claude-opus-4-5"
      })
      const written = configStore.current()
      const again = yield* withNoConsole(setModel("openai/gpt-5.2"))
      expect({ changed: again.changed, previous: again.previous }).toEqual({
        changed: false,
        previous: "openai/gpt-5.2"
      })
      expect(configStore.current()).toBe(written)
    }).pipe(Effect.provide(layer))
  })

  it.effect("clearing empty fallbacks changes nothing; addAlias names the alias it replaced", () => {
    const { layer, configStore } = layers({})
    return Effect.gen(function* () {
      const initial = configStore.current()
      expect((yield* withNoConsole(clearImageFallbacks())).changed).toBe(false)
      expect(configStore.current()).toBe(initial)
      yield* withNoConsole(addAlias("fast", "openai/gpt-5-mini"))
      const renamed = yield* withNoConsole(addAlias("fast2", "openai/gpt-5-mini"))
      expect({ replaced: renamed.replaced, changed: renamed.changed }).toEqual({
        replaced: ["fast"],
        changed: true
      })
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

const allowlistOf = (doc: unknown) =>
  (doc as { agents?: { defaults?: { models?: Record<string, object> } } }).agents?.defaults?.models

describe("built-in aliases resolve as the reference attaches them (spec §2.5, issue 11 item 2)", () => {
  const withTargets = {
    agents: {
      defaults: {
        model: { primary: "openai/gpt-4o", fallbacks: ["gpt"] },
        models: { "anthropic/claude-sonnet-4-5": {}, "openai/gpt-5.2": {}, "openai/gpt-4o": {} }
      }
    }
  }

  it.effect(
    "`set sonnet` means the allowlisted Claude Sonnet; a hand-written `gpt` fallback is GPT-5.2; nothing is written for them",
    () => {
      const { layer, configStore } = layers(withTargets)
      return Effect.gen(function* () {
        const chain = yield* withNoConsole(setModel("sonnet"))
        expect(chain.primary.key).toBe("anthropic/claude-sonnet-4-5")
        expect(chain.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-5.2"])
        // `fallbacks add gpt` finds the entry `gpt` already there; `remove openai/gpt-5.2` removes it
        yield* withNoConsole(addFallback("gpt"))
        expect((configStore.current() as typeof withTargets).agents.defaults.model.fallbacks).toEqual(["gpt"])
        yield* withNoConsole(removeFallback("openai/gpt-5.2"))
        expect((configStore.current() as typeof withTargets).agents.defaults.model.fallbacks).toEqual([])
        expect(allowlistOf(configStore.current())).toEqual(withTargets.agents.defaults.models)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("`aliases add` refuses a name a built-in already gives another model (any case)", () => {
    const { layer, configStore } = layers(withTargets)
    return Effect.gen(function* () {
      const exit = yield* Effect.exit(withNoConsole(addAlias("Sonnet", "openai/gpt-4o")))
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain(
        "Alias Sonnet already points to anthropic/claude-sonnet-4-5."
      )
      expect(configStore.current()).toBe(withTargets)
    }).pipe(Effect.provide(layer))
  })

  it.effect('`aliases remove` of a built-in writes alias "" so neither tool re-attaches it', () => {
    const { layer, configStore } = layers(withTargets)
    return Effect.gen(function* () {
      const removed = yield* withNoConsole(removeAlias("SONNET"))
      expect(removed).toEqual({
        alias: "sonnet",
        key: "anthropic/claude-sonnet-4-5",
        aliases: { gpt: "openai/gpt-5.2" }
      })
      expect(allowlistOf(configStore.current())).toEqual({
        "anthropic/claude-sonnet-4-5": { alias: "" },
        "openai/gpt-5.2": {},
        "openai/gpt-4o": {}
      })
      // gone for good: `sonnet` is no longer an alias, later writes leave the entry as it is
      const set = yield* withNoConsole(setModel("anthropic/claude-sonnet-4-5"))
      expect(set.primary.alias).toBeUndefined()
      expect(allowlistOf(configStore.current())?.["anthropic/claude-sonnet-4-5"]).toEqual({ alias: "" })
      const missing = yield* Effect.exit(withNoConsole(removeAlias("sonnet")))
      expect(Exit.isFailure(missing) && String(missing.cause)).toContain("Alias not found: sonnet")
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    'removing a user alias that shadows a built-in keeps the name gone (the built-in target gets alias "")',
    () => {
      const { layer, configStore } = layers({
        agents: {
          defaults: {
            models: {
              "anthropic/claude-opus-4-5": {},
              "openrouter/anthropic/claude-opus-4.5": { alias: "Opus" }
            }
          }
        }
      })
      return Effect.gen(function* () {
        const removed = yield* withNoConsole(removeAlias("opus"))
        expect(removed).toEqual({ alias: "Opus", key: "openrouter/anthropic/claude-opus-4.5", aliases: {} })
        expect(allowlistOf(configStore.current())).toEqual({
          "anthropic/claude-opus-4-5": { alias: "" },
          "openrouter/anthropic/claude-opus-4.5": {}
        })
      }).pipe(Effect.provide(layer))
    }
  )
})

describe("$VAR references in fallback lists (issue 11 item 5)", () => {
  const config = {
    agents: {
      defaults: { model: { primary: "openai/gpt-4o", fallbacks: [`openai/${ref("FB")}`, "xai/grok-4"] } }
    }
  }

  it.effect(
    "add compares substituted values: no duplicate of an entry written with $FB; a real add keeps the reference text",
    () => {
      const { layer, configStore } = layers(config, { FB: "gpt-5.2" })
      return Effect.gen(function* () {
        const same = yield* withNoConsole(addFallback("openai/gpt-5.2"))
        expect(same.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-5.2", "xai/grok-4"])
        expect(configStore.current()).toBe(config)
        yield* withNoConsole(addFallback("groq/llama-3.3-70b"))
        expect((configStore.current() as typeof config).agents.defaults.model.fallbacks).toEqual([
          `openai/${ref("FB")}`,
          "xai/grok-4",
          "groq/llama-3.3-70b"
        ])
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("remove matches substituted values and keeps the reference text of the others", () => {
    const { layer, configStore } = layers(
      { agents: { defaults: { model: { fallbacks: [`openai/${ref("FB")}`, `xai/${ref("XAI_MODEL")}`] } } } },
      { FB: "gpt-5.2", XAI_MODEL: "grok-4" }
    )
    return Effect.gen(function* () {
      const left = yield* withNoConsole(removeFallback("openai/gpt-5.2"))
      expect(left.fallbacks.map((ref) => ref.key)).toEqual(["xai/grok-4"])
      expect(configStore.current()).toEqual({
        agents: { defaults: { model: { fallbacks: [`xai/${ref("XAI_MODEL")}`] } } }
      })
    }).pipe(Effect.provide(layer))
  })
})

describe("the first write of an allowlist keeps the primaries allowed (issue 11 item 7)", () => {
  it.effect("fallbacks add: the primary and image primary are allowlisted with the new fallback", () => {
    const { layer, configStore } = layers({
      agents: {
        defaults: {
          model: { primary: "anthropic/claude-opus-4-5" },
          imageModel: { primary: "google/gemini-3-pro-preview" }
        }
      }
    })
    return Effect.gen(function* () {
      yield* withNoConsole(addFallback("openai/gpt-5.2"))
      expect(allowlistOf(configStore.current())).toEqual({
        "anthropic/claude-opus-4-5": {},
        "google/gemini-3-pro-preview": {},
        "openai/gpt-5.2": {}
      })
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "a primary given as an alias or as a $VAR reference is allowlisted under its model key; an agent's own too",
    () => {
      const { layer, configStore } = layers(
        {
          agents: {
            defaults: { model: { primary: "sonnet" }, imageModel: { primary: ref("IMAGE") } },
            list: [{ id: "work", model: "openai/gpt-4o" }]
          }
        },
        { IMAGE: "google/gemini-3-flash-preview" }
      )
      return Effect.gen(function* () {
        yield* withNoConsole(addImageFallback("openai/gpt-5.2"))
        expect(Object.keys(allowlistOf(configStore.current()) ?? {})).toEqual([
          "anthropic/claude-sonnet-4-5",
          "google/gemini-3-flash-preview",
          "openai/gpt-4o",
          "openai/gpt-5.2"
        ])
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect(
    "aliases add and set-image keep the primary; without a primary no `undefined` key is written",
    () => {
      const withPrimary = layers({ agents: { defaults: { model: { primary: "xai/grok-4" } } } })
      const noPrimary = layers({ agents: { defaults: { model: { fallbacks: ["xai/grok-4"] } } } })
      return Effect.gen(function* () {
        yield* Effect.provide(withNoConsole(addAlias("fast", "groq/llama-3.3-70b")), withPrimary.layer)
        expect(allowlistOf(withPrimary.configStore.current())).toEqual({
          "xai/grok-4": {},
          "groq/llama-3.3-70b": { alias: "fast" }
        })
        yield* Effect.provide(withNoConsole(addFallback("openai/gpt-5.2")), noPrimary.layer)
        yield* Effect.provide(withNoConsole(setImageModel("google/gemini-3-pro-preview")), noPrimary.layer)
        expect(allowlistOf(noPrimary.configStore.current())).toEqual({
          "openai/gpt-5.2": {},
          "google/gemini-3-pro-preview": {}
        })
        expect(JSON.stringify(noPrimary.configStore.current())).not.toContain("undefined")
      })
    }
  )

  it.effect("set-image on a config with a primary and no allowlist keeps the primary allowed", () => {
    const { layer, configStore } = layers({ agents: { defaults: { model: { primary: "xai/grok-4" } } } })
    return Effect.gen(function* () {
      yield* withNoConsole(setImageModel("google/gemini-3-pro-preview"))
      expect(allowlistOf(configStore.current())).toEqual({
        "xai/grok-4": {},
        "google/gemini-3-pro-preview": {}
      })
    }).pipe(Effect.provide(layer))
  })
})
