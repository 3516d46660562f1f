/** Issue 11 item 1: `$include` through the live ConfigStore, on real files in a temp state dir. */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { rawSelection, setFallbacks, setPrimary, updateIn } from "../../src/domain/configEdit.js"
import * as ConfigStoreLive from "../../src/layers/ConfigStore.js"
import * as EnvironmentLive from "../../src/layers/Environment.js"
import { ConfigStore } from "../../src/services/ConfigStore.js"
import { liveStores, modeOf, tempState } from "../support/liveStores.js"
import type { TempState } from "../support/tempState.js"

const seed = (state: TempState, files: Readonly<Record<string, string>>) =>
  Effect.sync(() => {
    fs.mkdirSync(state.stateDir, { recursive: true, mode: 0o700 })
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(state.stateDir, name)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, text, { mode: 0o600 })
    }
  })

const text = (state: TempState, name: string) => fs.readFileSync(path.join(state.stateDir, name), "utf8")

const storeOn = (state: TempState, vars: Readonly<Record<string, string>> = {}) =>
  Effect.provide(ConfigStore, liveStores(state, vars))

/** The error message of a failed effect (ConfigInvalid / StateFileError), or a note that it succeeded. */
const failureOf = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.exit(effect), (exit) =>
    Exit.isFailure(exit) ? String((exit.cause as any).error?.message ?? exit.cause) : "(succeeded)"
  )

const MAIN = `// my main config
{
  $include: "./conf/models.json5",
  gateway: { port: 18789 }, // keep
}
`
const MODELS = `// models, by hand
{
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-5", // first choice
        fallbacks: ["openai/gpt-5.2"],
      },
      models: { "anthropic/claude-opus-4-5": { alias: "opus" }, "openai/gpt-5.2": {} },
    },
  },
  env: { vars: { FB: "openai/gpt-4o" } },
}
`

describe("ConfigStore with $include (live files)", () => {
  it.scopedLive(
    "reads through nested includes; a VAR reference in an included file is substituted after expansion",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        yield* seed(state, {
          "clawdbot.json": MAIN,
          "conf/models.json5": MODELS.replace(
            'fallbacks: ["openai/gpt-5.2"]',
            '$include: "./fallbacks.json5"'
          ),
          "conf/fallbacks.json5": `{ primary: "anthropic/claude-opus-4-5", fallbacks: ["\${FALLBACK}"] }`
        })
        const store = yield* storeOn(state, { FALLBACK: "openai/gpt-5.2" })
        const snapshot = yield* store.read
        expect(snapshot.config.agents?.defaults?.model).toEqual({
          primary: "anthropic/claude-opus-4-5",
          fallbacks: ["openai/gpt-5.2"]
        })
        expect((snapshot.raw as any).agents.defaults.model.fallbacks).toEqual([`\${FALLBACK}`])
        expect((snapshot.raw as any).gateway).toEqual({ port: 18789 })
      })
  )

  it.scopedLive("an edit lands in the included file with its comments; the main file is not rewritten", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* seed(state, { "clawdbot.json": MAIN, "conf/models.json5": MODELS })
      const mainBefore = fs.statSync(state.configPath).mtimeMs
      const store = yield* storeOn(state)
      yield* store.modify((snapshot) =>
        Effect.succeed([
          setFallbacks(setPrimary(snapshot.raw, "model", "openai/gpt-5.2"), "model", []),
          undefined
        ] as const)
      )
      expect(text(state, "clawdbot.json")).toBe(MAIN)
      expect(fs.statSync(state.configPath).mtimeMs).toBe(mainBefore)
      const models = text(state, "conf/models.json5")
      expect(models).toContain("// models, by hand")
      expect(models).toContain('primary: "openai/gpt-5.2", // first choice')
      expect(models).toContain("fallbacks: [],")
      expect(modeOf(path.join(state.stateDir, "conf/models.json5"))).toBe(0o600)
      expect(text(state, "conf/models.json5.bak")).toBe(MODELS)
      expect(fs.readdirSync(path.join(state.stateDir, "conf")).sort()).toEqual([
        "models.json5",
        "models.json5.bak"
      ])
      expect(rawSelection((yield* store.read).raw, "model")).toEqual({
        primary: "openai/gpt-5.2",
        fallbacks: []
      })
    })
  )

  it.scopedLive(
    "one edit that touches two files (as login --set-default does) writes both, each keeping its text",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        yield* seed(state, { "clawdbot.json": MAIN, "conf/models.json5": MODELS })
        const store = yield* storeOn(state)
        yield* store.modify((snapshot) =>
          Effect.succeed([
            updateIn(
              setPrimary(snapshot.raw, "model", "openai/gpt-5.2"),
              ["auth", "profiles", "openai:default"],
              () => ({
                provider: "openai",
                mode: "api_key"
              })
            ),
            undefined
          ] as const)
        )
        const main = text(state, "clawdbot.json")
        expect(main).toContain("// my main config")
        expect(main).toContain('$include: "./conf/models.json5"')
        expect(main).toContain("gateway: { port: 18789 }, // keep")
        expect(main).toContain('"openai:default"')
        expect(text(state, "clawdbot.json.bak")).toBe(MAIN)
        expect(text(state, "conf/models.json5")).toContain('primary: "openai/gpt-5.2", // first choice')
        expect(text(state, "conf/models.json5")).not.toContain("openai:default")
      })
  )

  it.scopedLive("sibling keys override the include on read and own the key on write", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const main = `{ $include: "./conf/models.json5", agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } }\n`
      yield* seed(state, { "clawdbot.json": main, "conf/models.json5": MODELS })
      const store = yield* storeOn(state)
      const before = yield* store.read
      expect(rawSelection(before.raw, "model")).toEqual({
        primary: "openai/gpt-5.2",
        fallbacks: ["openai/gpt-5.2"]
      })
      expect(Object.keys((before.raw as any).agents.defaults.models)).toEqual([
        "anthropic/claude-opus-4-5",
        "openai/gpt-5.2"
      ])
      yield* store.modify((snapshot) =>
        Effect.succeed([setPrimary(snapshot.raw, "model", "google/gemini-3-pro-preview"), undefined] as const)
      )
      expect(text(state, "clawdbot.json")).toContain('primary: "google/gemini-3-pro-preview"')
      expect(text(state, "conf/models.json5")).toBe(MODELS)
    })
  )

  it.scopedLive(
    "an array of includes merges; editing the concatenated array is refused and writes nothing",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const files = {
          "clawdbot.json": `{ $include: ["./a.json5", "./b.json5"] }\n`,
          "a.json5": `{ agents: { defaults: { model: { primary: "a/1", fallbacks: ["a/2"] } } } }\n`,
          "b.json5": `{ agents: { defaults: { model: { fallbacks: ["b/2"] } } } }\n`
        }
        yield* seed(state, files)
        const store = yield* storeOn(state)
        expect(rawSelection((yield* store.read).raw, "model")).toEqual({
          primary: "a/1",
          fallbacks: ["a/2", "b/2"]
        })
        const failure = yield* failureOf(
          store.modify((snapshot) =>
            Effect.succeed([setFallbacks(snapshot.raw, "model", []), undefined] as const)
          )
        )
        expect(failure).toContain(
          `agents.defaults.model.fallbacks is concatenated by $include from ${path.join(state.stateDir, "a.json5")}, ${path.join(state.stateDir, "b.json5")}`
        )
        expect(failure).toContain("nothing was written")
        for (const [name, content] of Object.entries(files)) expect(text(state, name)).toBe(content)
        expect(fs.readdirSync(state.stateDir).sort()).toEqual(["a.json5", "b.json5", "clawdbot.json"])
      })
  )

  const failing: ReadonlyArray<{
    readonly name: string
    readonly files: (state: TempState) => Record<string, string>
    readonly setUp?: (state: TempState) => void
    readonly message: (state: TempState) => string
  }> = [
    {
      name: "a missing included file (as written, resolved, and who includes it)",
      files: () => ({ "clawdbot.json": `{ agents: { $include: "./nope.json5" } }` }),
      message: (state) =>
        `$include "./nope.json5" in ${state.configPath}: ${path.join(state.stateDir, "nope.json5")} does not exist`
    },
    {
      name: "a cycle",
      files: () => ({
        "clawdbot.json": `{ $include: "./a.json5" }`,
        "a.json5": `{ $include: "./b.json5" }`,
        "b.json5": `{ $include: "./a.json5" }`
      }),
      message: (state) => {
        const at = (name: string) => path.join(state.stateDir, name)
        return `$include cycle: ${state.configPath} -> ${at("a.json5")} -> ${at("b.json5")} -> ${at("a.json5")}`
      }
    },
    {
      name: "a parse error in an included file (its own path, line and column, no quoted secret)",
      files: () => ({
        "clawdbot.json": `{ $include: "./m.json5" }`,
        "m.json5": `{\n  a: 1,\n  b: sk-secret-123\n}`
      }),
      message: (state) =>
        `$include "./m.json5" in ${state.configPath}: ${path.join(state.stateDir, "m.json5")}: JSON5 parse failed at line 3, column 6`
    },
    {
      name: "an included file of only comments (issue 13 item 6: said so, not `Unexpected token ''`)",
      files: () => ({
        "clawdbot.json": `{ agents: { $include: "./agents.json5" } }`,
        "agents.json5": "// moved to the main file\n"
      }),
      message: (state) =>
        `$include "./agents.json5" in ${state.configPath}: ${path.join(state.stateDir, "agents.json5")}: JSON5 parse failed: it holds only comments, no value`
    },
    {
      name: "an included file over 2 MiB",
      files: () => ({
        "clawdbot.json": `{ $include: "./big.json5" }`,
        "big.json5": `{ a: "${"x".repeat(2 * 1024 * 1024)}" }`
      }),
      message: (state) => `cannot read ${path.join(state.stateDir, "big.json5")}: it is larger than 2 MiB`
    },
    {
      name: "a FIFO as include target (refused at once, not read forever)",
      files: () => ({ "clawdbot.json": `{ $include: "./pipe.json5" }` }),
      setUp: (state) => execFileSync("mkfifo", [path.join(state.stateDir, "pipe.json5")]),
      message: (state) =>
        `cannot read ${path.join(state.stateDir, "pipe.json5")}: it is a named pipe (FIFO), not a regular file`
    },
    {
      name: "a non-string item in an include array",
      files: () => ({ "clawdbot.json": `{ agents: { $include: ["./a.json5", 42] } }`, "a.json5": "{}" }),
      message: (state) => `$include in ${state.configPath} at agents: item 2 must be a path, got a number`
    }
  ]

  for (const { name, files, setUp, message } of failing) {
    it.scopedLive(`${name}: ConfigInvalid on read and on edit, nothing written`, () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const seeded = files(state)
        yield* seed(state, seeded)
        setUp?.(state)
        const store = yield* storeOn(state)
        const onRead = yield* failureOf(store.read)
        expect(onRead).toContain(`Invalid config at ${state.configPath}`)
        expect(onRead).toContain(message(state))
        expect(onRead).not.toContain("sk-secret")
        expect(onRead.split("\n")).toHaveLength(2)
        const onEdit = yield* failureOf(
          store.modify((snapshot) =>
            Effect.succeed([setPrimary(snapshot.raw, "model", "x/y"), undefined] as const)
          )
        )
        expect(onEdit).toContain(message(state))
        for (const [file, content] of Object.entries(seeded)) expect(text(state, file)).toBe(content)
      })
    )
  }

  it.effect("a host layer (no files to resolve against) refuses a document with $include, clearly", () =>
    Effect.gen(function* () {
      const memory = ConfigStoreLive.layerMemory({ agents: { $include: "./a.json5" } } as never)
      const failure = yield* failureOf(
        Effect.flatMap(ConfigStore, (store) => store.read).pipe(
          Effect.provide(memory.layer),
          Effect.provide(EnvironmentLive.layerTest({}))
        )
      )
      expect(failure).toContain("$include: this config source does not follow includes")
    })
  )
})
