/** A config that cannot be read says why in the user's words (issue 13 item 6): live store on a temp dir. */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { setFallbacks } from "../../src/domain/configEdit.js"
import * as ReporterLive from "../../src/layers/Reporter.js"
import { ConfigStore } from "../../src/services/ConfigStore.js"
import { liveStores, tempState } from "../support/liveStores.js"
import { tempStateForTest } from "../support/tempState.js"

const TEN_MB = 10 * 1024 * 1024

/** The store over a temp state whose config holds `text`. */
const storeWith = (text: string, vars: Readonly<Record<string, string>> = {}) =>
  Effect.gen(function* () {
    const state = yield* tempState
    state.writeConfig(text)
    return { state, store: yield* Effect.provide(ConfigStore, liveStores(state, vars)) }
  })

/** The issue lines of the error that reading `text` gives. */
const readError = (text: string) =>
  Effect.flatMap(storeWith(text), ({ store }) => Effect.flip(store.read)).pipe(
    Effect.map((error) => ({ issues: error._tag === "ConfigInvalid" ? error.issues : [error.message] }))
  )

describe("config parse errors in the user's words (issue 13 item 6)", () => {
  it.scopedLive("a top level that is not an object says what it is, not `Expected e, but got e.`", () =>
    Effect.gen(function* () {
      for (const [text, kind] of [
        ['["anthropic/claude-opus-4-5"]', "a list"],
        ['"anthropic/claude-opus-4-5"', "a string"],
        ["42", "a number"]
      ] as const) {
        const error = yield* readError(text)
        expect(error.issues).toEqual([`JSON5 parse failed: the top level must be an object, got ${kind}`])
      }
    })
  )

  it.scopedLive("a file cut short says the file ends early, not `Unexpected token ''`", () =>
    Effect.gen(function* () {
      const error = yield* readError('{\n  agents: { defaults: { model: "openai/gpt-5" }\n')
      expect(error.issues).toEqual([
        "JSON5 parse failed at line 3, column 1: the file ends early (a closing bracket or a value is missing)"
      ])
    })
  )

  it.scopedLive(
    "a file of only comments reads as {}, and an edit keeps the comments above the new JSON",
    () =>
      Effect.gen(function* () {
        const comments = "// everything commented out for now\n// { agents: { defaults: {} } }\n"
        const { state, store } = yield* storeWith(comments)
        expect((yield* store.read).config).toEqual({})
        yield* store.modify((snapshot) =>
          Effect.succeed([setFallbacks(snapshot.raw, "model", ["openai/gpt-5"]), undefined] as const)
        )
        const text = state.readConfigText()
        expect(text.startsWith(comments)).toBe(true)
        expect(text).toContain('\n{\n  "agents": {\n')
        expect((yield* store.read).config.agents?.defaults?.model).toEqual({ fallbacks: ["openai/gpt-5"] })
      })
  )

  it.scopedLive(
    "a 10 MB string value parses (no 'Maximum call stack size exceeded'); an unclosed one names the line",
    () =>
      Effect.gen(function* () {
        const huge = "x".repeat(TEN_MB)
        const { store } = yield* storeWith(
          `{ notes: "${huge}", agents: { defaults: { model: 'openai/gpt-5' } }, more: '${huge}' }`
        )
        expect((yield* store.read).config.agents?.defaults?.model).toBe("openai/gpt-5")
        const error = yield* readError(`{\n  agents: {},\n  notes: "${huge}\n}`)
        expect(error.issues).toEqual([
          "JSON5 parse failed at line 3, column 10: a string is not closed on its line"
        ])
      }),
    { timeout: 60_000 }
  )
})

describe("a value of the wrong type (issue 13 item 6)", () => {
  it.scopedLive(`a model ref is shown as written, but never a value a \${VAR} put there`, () =>
    Effect.gen(function* () {
      const secret = "sk-proj-SECRET/0123456789abcdef"
      const { store } = yield* storeWith(
        `{ agents: { defaults: { model: { fallbacks: "openai/gpt-4o" }, imageModel: { fallbacks: "\${OPENAI_API_KEY}" } } } }`,
        { OPENAI_API_KEY: secret }
      )
      const error = yield* Effect.flip(store.read)
      expect(error._tag === "ConfigInvalid" ? error.issues : error.message).toEqual([
        'agents.defaults.model.fallbacks: expected a list of "provider/model" strings, got a string ("openai/gpt-4o")',
        'agents.defaults.imageModel.fallbacks: expected a list of "provider/model" strings, got a string'
      ])
    })
  )
})

describe("a misspelt config key (issue 13 item 6)", () => {
  it.scopedLive(
    "is warned about through the Reporter, once per store however often it is read or edited",
    () =>
      Effect.gen(function* () {
        const { state, store } = yield* storeWith('{ agents: { defaults: { modle: "openai/gpt-5" } } }')
        const lines: Array<string> = []
        const reported = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
          Effect.provide(effect, ReporterLive.layerMemory(lines))
        yield* reported(store.read)
        yield* reported(store.read)
        yield* reported(
          store.modify((snapshot) =>
            Effect.succeed([setFallbacks(snapshot.raw, "model", ["openai/gpt-5"]), undefined] as const)
          )
        )
        expect(lines).toEqual([
          `Warning: agents.defaults.modle in ${state.configPath} is not a key clawdbot reads; did you mean agents.defaults.model?`
        ])
        expect(state.readConfigText()).toContain('modle: "openai/gpt-5"')
      })
  )
})

describe("a generated 10 MB config through the CLI", () => {
  it("status reads it", { timeout: 60_000 }, async () => {
    const state = tempStateForTest()
    state.writeConfig(
      JSON.stringify({ agents: { defaults: { model: "openai/gpt-5" } }, notes: "x".repeat(TEN_MB) })
    )
    const result = await state.run(["models", "status", "--plain"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toBe("openai/gpt-5\n")
  })
})
