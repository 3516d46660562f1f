/**
 * Host-owned config (issue 10 item 4): the read and edit programs on ConfigStoreLayers.layerBackend (a host's
 * load/save pair) and ConfigStoreLayers.layerSubscriptionRef decode, substitute `${VAR}` and validate as the file
 * layer does, edit losslessly, and store nothing when an edit or a save fails. Nothing is printed.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import {
  addFallback,
  type ConfigDocument,
  type ConfigStore,
  ConfigStoreLayers,
  type ConfigWrite,
  clearFallbacks,
  type Environment,
  modelChain,
  status
} from "../../src/index.js"
import * as Testing from "../../src/testing.js"
import { withNoConsole } from "../support/noConsole.js"

const VARS = { PRIMARY_MODEL: "anthropic/claude-opus-4-5" }

/** `${NAME}`, as written in a config. */
const varRef = (name: string) => `\${${name}}`

/** The host's config layer with the shipped test Environment (fixed vars, no process env) and auth store. */
const withEnvironment = (config: Layer.Layer<ConfigStore, never, Environment>) =>
  Layer.merge(config, Testing.AuthMemory.make().layer).pipe(
    Layer.provideMerge(Testing.TestEnvironment.layer({ vars: VARS }))
  )

const HAND_EDITED = `// the host's own copy
{
  agents: {
    defaults: {
      // which model answers first
      model: { primary: "\${PRIMARY_MODEL}", fallbacks: ['openai/gpt-4o'] },
    },
  },
}
`

const keys = (refs: ReadonlyArray<{ readonly key: string }>) => refs.map((ref) => ref.key)

describe("layerBackend: a host's load/save pair over JSON5 text", () => {
  const backend = (initial: string, options: { readonly failSave?: boolean } = {}) =>
    Effect.gen(function* () {
      const stored = yield* Ref.make(initial)
      const saves: Array<ConfigWrite> = []
      const layer = ConfigStoreLayers.layerBackend({
        path: "host:clawdbot",
        load: Ref.get(stored),
        save: (next) =>
          options.failSave
            ? Effect.fail(new Error("bucket is read-only"))
            : Effect.sync(() => saves.push(next)).pipe(Effect.zipRight(Ref.set(stored, next.text)))
      })
      return { stored, saves, layer: withEnvironment(layer) }
    })

  it.effect(
    "reads substitute variables from the Environment; an edit returns the chain and saves text that keeps the comments",
    () =>
      Effect.gen(function* () {
        const { stored, saves, layer } = yield* backend(HAND_EDITED)
        const chain = yield* withNoConsole(modelChain()).pipe(Effect.provide(layer))
        expect(chain.primary.key).toBe("anthropic/claude-opus-4-5")
        expect(keys(chain.fallbacks)).toEqual(["openai/gpt-4o"])

        const refused = yield* Effect.flip(
          withNoConsole(addFallback("not a model ref")).pipe(Effect.provide(layer))
        )
        expect(refused._tag).toBe("InvalidModelRef")
        expect(saves).toEqual([])

        const added = yield* withNoConsole(addFallback("xai/grok-4")).pipe(Effect.provide(layer))
        expect(keys(added.fallbacks)).toEqual(["openai/gpt-4o", "xai/grok-4"])
        expect(saves).toHaveLength(1)
        const text = yield* Ref.get(stored)
        expect(text).toContain("// the host's own copy")
        expect(text).toContain("// which model answers first")
        // The reference is stored as written, not its value.
        expect(text).toContain(`primary: "${varRef("PRIMARY_MODEL")}"`)
        expect(text).toContain("'openai/gpt-4o'")
        expect(saves[0]?.document).toMatchObject({
          agents: { defaults: { model: { fallbacks: ["openai/gpt-4o", "xai/grok-4"] } } }
        })
      })
  )

  it.effect(
    "an invalid config is ConfigInvalid naming the source and the key, for reads and edits; nothing saved",
    () =>
      Effect.gen(function* () {
        const { saves, layer } = yield* backend(`{ agents: { defaults: { model: 42 } } }`)
        const readError = yield* Effect.flip(withNoConsole(status()).pipe(Effect.provide(layer)))
        expect(readError._tag).toBe("ConfigInvalid")
        expect(readError.message).toContain("Invalid config at host:clawdbot")
        expect(readError.message).toContain("agents.defaults.model")
        const editError = yield* Effect.flip(
          withNoConsole(addFallback("xai/grok-4")).pipe(Effect.provide(layer))
        )
        expect(editError._tag).toBe("ConfigInvalid")
        expect(saves).toEqual([])
      })
  )

  it.effect("a variable the Environment does not have is ConfigInvalid naming the key and the variable", () =>
    Effect.gen(function* () {
      const { layer } = yield* backend(`{ agents: { defaults: { model: "\${NOT_SET_ANYWHERE}" } } }`)
      const error = yield* Effect.flip(withNoConsole(modelChain()).pipe(Effect.provide(layer)))
      expect(error._tag).toBe("ConfigInvalid")
      expect(error.message).toContain('agents.defaults.model: Missing env var "NOT_SET_ANYWHERE"')
    })
  )

  it.effect(
    "a failing save is a StateFileError with the host's reason, and the stored text stays as it was",
    () =>
      Effect.gen(function* () {
        const { stored, layer } = yield* backend(HAND_EDITED, { failSave: true })
        const error = yield* Effect.flip(withNoConsole(addFallback("xai/grok-4")).pipe(Effect.provide(layer)))
        expect(error._tag).toBe("StateFileError")
        expect(error.message).toBe("Failed to write host:clawdbot: bucket is read-only")
        expect(yield* Ref.get(stored)).toBe(HAND_EDITED)
      })
  )
})

describe("layerSubscriptionRef: the config in a ref the host watches", () => {
  const document = {
    agents: { defaults: { model: { primary: varRef("PRIMARY_MODEL"), fallbacks: [] as Array<string> } } }
  }

  /** Runs `use` while a subscriber collects the ref's first `count` values (the current one first). */
  const watching = <A, E, R>(
    ref: SubscriptionRef.SubscriptionRef<ConfigDocument>,
    count: number,
    use: Effect.Effect<A, E, R>
  ) =>
    Effect.gen(function* () {
      const subscribed = yield* Deferred.make<void>()
      const seen = yield* ref.changes.pipe(
        Stream.tap(() => Deferred.succeed(subscribed, undefined)),
        Stream.take(count),
        Stream.runCollect,
        Effect.fork
      )
      yield* Deferred.await(subscribed)
      const result = yield* use
      return { result, seen: Array.from(yield* Fiber.join(seen)) }
    })

  it.effect("an edit returns the new chain and a subscriber sees the new document", () =>
    Effect.gen(function* () {
      const ref = yield* SubscriptionRef.make<ConfigDocument>(document)
      const layer = withEnvironment(ConfigStoreLayers.layerSubscriptionRef(ref))
      const { result, seen } = yield* watching(
        ref,
        2,
        withNoConsole(addFallback("openai/gpt-4o")).pipe(Effect.provide(layer))
      )
      expect(result.primary.key).toBe("anthropic/claude-opus-4-5")
      expect(keys(result.fallbacks)).toEqual(["openai/gpt-4o"])
      expect(seen[0]).toBe(document)
      expect(seen[1]).toEqual({
        agents: {
          defaults: {
            model: { primary: varRef("PRIMARY_MODEL"), fallbacks: ["openai/gpt-4o"] },
            // the first allowlist keeps the primary (its reference resolved) allowed (issue 11 item 7)
            models: { "anthropic/claude-opus-4-5": {}, "openai/gpt-4o": {} }
          }
        }
      })
      expect(yield* SubscriptionRef.get(ref)).toEqual(seen[1])
    })
  )

  it.effect("an edit that fails or changes nothing leaves the ref as it was and publishes nothing", () =>
    Effect.gen(function* () {
      const ref = yield* SubscriptionRef.make<ConfigDocument>(document)
      const layer = withEnvironment(ConfigStoreLayers.layerSubscriptionRef(ref))
      const { seen } = yield* watching(
        ref,
        2,
        Effect.gen(function* () {
          const refused = yield* Effect.flip(addFallback("not a model ref"))
          expect(refused._tag).toBe("InvalidModelRef")
          expect(yield* SubscriptionRef.get(ref)).toBe(document)
          // The document has no fallbacks, so clearing them changes nothing.
          const cleared = yield* clearFallbacks()
          expect(cleared.fallbacks).toEqual([])
          yield* addFallback("openai/gpt-4o")
        }).pipe(withNoConsole, Effect.provide(layer))
      )
      // The first change a subscriber sees after the current value is the first real edit.
      expect(seen[0]).toBe(document)
      expect(seen[1]).toMatchObject({ agents: { defaults: { model: { fallbacks: ["openai/gpt-4o"] } } } })
    })
  )

  it.effect("a ref holding JSON5 text keeps its comments through an edit", () =>
    Effect.gen(function* () {
      const ref = yield* SubscriptionRef.make(HAND_EDITED)
      const layer = withEnvironment(ConfigStoreLayers.layerSubscriptionRef(ref))
      const chain = yield* withNoConsole(addFallback("xai/grok-4")).pipe(Effect.provide(layer))
      expect(keys(chain.fallbacks)).toEqual(["openai/gpt-4o", "xai/grok-4"])
      const text = yield* SubscriptionRef.get(ref)
      expect(text).toContain("// which model answers first")
      expect(text).toMatch(/fallbacks: \['openai\/gpt-4o', 'xai\/grok-4'\]/)
    })
  )

  it.effect("an invalid document is ConfigInvalid naming the key", () =>
    Effect.gen(function* () {
      const ref = yield* SubscriptionRef.make<ConfigDocument>({ agents: { defaults: { model: 42 } } })
      const layer = withEnvironment(ConfigStoreLayers.layerSubscriptionRef(ref, { path: "bot-db:config" }))
      const error = yield* Effect.flip(withNoConsole(modelChain()).pipe(Effect.provide(layer)))
      expect(error._tag).toBe("ConfigInvalid")
      expect(error.message).toContain("Invalid config at bot-db:config")
      expect(error.message).toContain("agents.defaults.model")
    })
  )
})
