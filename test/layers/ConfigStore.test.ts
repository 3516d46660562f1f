import * as fs from "node:fs/promises"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { rawSelection, setFallbacks, setPrimary } from "../../src/domain/configEdit.js"
import { ConfigInvalid, NotFound } from "../../src/domain/errors.js"
import { ConfigStore } from "../../src/services/ConfigStore.js"
import { liveStores, modeOf, tempState } from "../support/liveStores.js"
import type { TempState } from "../support/tempState.js"

/** `${NAME}`, as written in a config file. */
const ref = (name: string) => `\${${name}}`

const ENV = { OPENAI_API_KEY: "sk-test-openai", TELEGRAM_BOT_TOKEN: "123:abc" }

const configStoreOn = (state: TempState, vars: Readonly<Record<string, string>> = ENV) =>
  Effect.provide(ConfigStore, liveStores(state, vars))

const writeConfig = (state: TempState, text: string) =>
  Effect.promise(async () => {
    await fs.mkdir(state.stateDir, { recursive: true, mode: 0o700 })
    await fs.writeFile(state.configPath, text, { mode: 0o600 })
  })

const readText = (file: string) => Effect.promise(() => fs.readFile(file, "utf8"))
const exists = (file: string) =>
  Effect.promise(() =>
    fs.access(file).then(
      () => true,
      () => false
    )
  )
const listDir = (dir: string) => Effect.promise(() => fs.readdir(dir).then((names) => names.sort()))
const mtimeOf = (file: string) => Effect.promise(() => fs.stat(file).then((stat) => stat.mtimeMs))

/** Adds a fallback the way `models fallbacks add` does (raw document in, raw document out). */
const addFallback = (key: string) =>
  ConfigStore.pipe(
    Effect.flatMap((store) =>
      store.modify((snapshot) =>
        Effect.succeed([
          setFallbacks(snapshot.raw, "model", [...rawSelection(snapshot.raw, "model").fallbacks, key]),
          undefined
        ] as const)
      )
    )
  )

const HAND_EDITED = `// Clawdbot config, edited by hand
{
  // which model answers first
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-5",
        fallbacks: ['openai/gpt-4o'], // tried in order
      },
      workspace: '~/clawd',
    },
  },
  /* secrets come from the environment */
  models: {
    providers: {
      openai: { baseUrl: "https://api.openai.com/v1", apiKey: "\${OPENAI_API_KEY}" },
    },
  },
  channels: { telegram: { enabled: true, botToken: "\${TELEGRAM_BOT_TOKEN}" } },
  gateway: { port: 18789, "bind": "loopback" },
}
`

describe("ConfigStore (live, on a temp dir)", () => {
  it.scopedLive("a missing file reads as {} and reading creates nothing", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* configStoreOn(state)
      const snapshot = yield* store.read
      expect(snapshot).toMatchObject({ path: state.configPath, exists: false, raw: {}, config: {} })
      expect(yield* exists(state.stateDir)).toBe(false)
    })
  )

  it.scopedLive(
    "a broken file is an error naming the file, line and column; modify leaves it byte-identical",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const broken = '{\n  agents: {\n    defaults: { model: "anthropic/claude-opus-4-5" }\n  },,\n}\n'
        yield* writeConfig(state, broken)
        const store = yield* configStoreOn(state)

        const readError = yield* Effect.flip(store.read)
        expect(readError).toBeInstanceOf(ConfigInvalid)
        expect(readError.message).toContain(state.configPath)
        expect(readError.message).toMatch(/JSON5 parse failed at line 4, column 5/)

        const modifyError = yield* Effect.flip(
          addFallback("openai/gpt-4o").pipe(Effect.provideService(ConfigStore, store))
        )
        expect(modifyError._tag).toBe("ConfigInvalid")
        expect(modifyError.message).toContain(state.configPath)
        expect(yield* readText(state.configPath)).toBe(broken)
        expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json"])
      })
  )

  it.scopedLive("a parse error never quotes the file's text (it may hold API keys)", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* configStoreOn(state)
      const secret = "sk-live-0123456789SECRET"
      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        [
          `{ models: { providers: { openai: { apiKey: "ok" } } } } "${secret}"`,
          /line 1, column 57: Unexpected text/
        ],
        [`{ apiKey: "ok" } ${secret.replaceAll("-", "_")}`, /line 1, column 18: Unexpected text/],
        [`{\n  apiKey: "${secret}\\q"\n}`, /line 2, column 11: Invalid string \(Bad escaped character\)/]
      ]
      for (const [text, expected] of cases) {
        yield* writeConfig(state, text)
        const error = yield* Effect.flip(store.read)
        expect(error.message).toMatch(expected)
        expect(error.message).not.toMatch(/sk.live|SECRET/)
      }
    })
  )

  it.scopedLive("a top level that is not an object is a clear error", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, '["anthropic/claude-opus-4-5"]\n')
      const error = yield* Effect.flip((yield* configStoreOn(state)).read)
      expect(error.message).toContain(state.configPath)
      expect(error.message).toMatch(/object/)
    })
  )

  it.scopedLive(
    "reserved words are valid unquoted keys (`default: true` in agents.list) and stay unquoted",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const text = `{\n  agents: { list: [{ id: "work", default: true }] },\n  import: { delete: 1 },\n}\n`
        yield* writeConfig(state, text)
        const store = yield* configStoreOn(state)
        const snapshot = yield* store.read
        expect(snapshot.config.agents?.list).toEqual([{ id: "work", default: true }])
        yield* addFallback("openai/gpt-5.2").pipe(Effect.provideService(ConfigStore, store))
        const after = yield* readText(state.configPath)
        expect(after).toContain(`list: [{ id: "work", default: true }]`)
        expect(after).toContain("import: { delete: 1 }")
      })
  )

  it.scopedLive(`an edit keeps comments, key order, unknown sections and \${VAR} references as written`, () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const store = yield* configStoreOn(state)
      yield* addFallback("google/gemini-2.5-pro").pipe(Effect.provideService(ConfigStore, store))

      const after = (yield* readText(state.configPath)).split("\n")
      const before = HAND_EDITED.split("\n")
      expect(after).toHaveLength(before.length)
      const changed = after.flatMap((line, index) => (line === before[index] ? [] : [line]))
      expect(changed).toHaveLength(1)
      expect(changed[0]).toMatch(
        /^ {8}fallbacks: \['openai\/gpt-4o', ['"]google\/gemini-2\.5-pro['"]\], \/\/ tried in order$/
      )

      const snapshot = yield* store.read
      expect(snapshot.raw).toMatchObject({
        models: { providers: { openai: { apiKey: ref("OPENAI_API_KEY") } } },
        channels: { telegram: { enabled: true, botToken: ref("TELEGRAM_BOT_TOKEN") } },
        gateway: { port: 18789, bind: "loopback" }
      })
      expect(snapshot.config.models?.providers?.openai?.apiKey).toBe("sk-test-openai")
      expect(snapshot.config.agents?.defaults?.model).toEqual({
        primary: "anthropic/claude-opus-4-5",
        fallbacks: ["openai/gpt-4o", "google/gemini-2.5-pro"]
      })
    })
  )

  it.scopedLive(
    "values an edit does not touch stay byte-for-byte as written (quotes, numbers, escapes)",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const text = [
          "{",
          '  "agents": { "defaults": { "model": { "primary": "anthropic/claude-opus-4-5", "fallbacks": [] } } },',
          "  extra: {",
          "    single: 'it is single',",
          '    double: "it is double",',
          '    unicode: "caf\\u00e9 \\/ tab\\t",',
          "    hex: 0x1F,",
          "    decimal: 1.50,",
          "    exponent: 1e3,",
          "    leading: .5,",
          "    positive: +1,",
          "    list: [ 'a', \"b\", 0x10 ],",
          "  },",
          "}",
          ""
        ].join("\n")
        yield* writeConfig(state, text)
        const store = yield* configStoreOn(state)
        yield* store.modify((snapshot) =>
          Effect.succeed([setPrimary(snapshot.raw, "model", "openai/gpt-4o"), undefined] as const)
        )
        expect(yield* readText(state.configPath)).toBe(
          text.replace('"primary": "anthropic/claude-opus-4-5"', '"primary": "openai/gpt-4o"')
        )
      })
  )

  it.scopedLive("removing list entries takes their own comment and line, and keeps the rest", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const lines = [
        "{",
        "  agents: {",
        "    defaults: {",
        "      model: {",
        "        fallbacks: [",
        "          'openai/gpt-4o', // fast",
        "          // long context",
        "          'google/gemini-2.5-pro',",
        "          'xai/grok-4', // last resort",
        "        ],",
        "      },",
        "    },",
        "  },",
        "}",
        ""
      ]
      yield* writeConfig(state, lines.join("\n"))
      const store = yield* configStoreOn(state)
      const setTo = (fallbacks: ReadonlyArray<string>) =>
        store.modify((snapshot) =>
          Effect.succeed([setFallbacks(snapshot.raw, "model", fallbacks), undefined] as const)
        )
      yield* setTo(["openai/gpt-4o", "xai/grok-4"])
      expect(yield* readText(state.configPath)).toBe(
        lines.filter((_, index) => index !== 6 && index !== 7).join("\n")
      )
      yield* setTo([])
      expect(yield* readText(state.configPath)).toBe(
        [...lines.slice(0, 4), "        fallbacks: [],", ...lines.slice(10)].join("\n")
      )
    })
  )

  it.scopedLive("a strict JSON file stays strict JSON when its last entries are removed", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const doc = {
        agents: {
          defaults: {
            model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-4o", "xai/grok-4"] },
            models: { "openai/gpt-4o": { alias: "gpt" }, "xai/grok-4": { alias: "grok" } }
          }
        }
      }
      yield* writeConfig(state, `${JSON.stringify(doc, null, 2)}\n`)
      const store = yield* configStoreOn(state)
      yield* store.modify((snapshot) =>
        Effect.succeed([
          {
            agents: {
              defaults: {
                model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-4o"] },
                models: { "openai/gpt-4o": { alias: "gpt" } }
              }
            }
          },
          snapshot.exists
        ] as const)
      )
      const text = yield* readText(state.configPath)
      const expected = {
        agents: {
          defaults: {
            model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-4o"] },
            models: { "openai/gpt-4o": { alias: "gpt" } }
          }
        }
      }
      expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`)
    })
  )

  it.scopedLive("an empty `{}` file is written afresh as 2-space JSON", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, "{}\n")
      yield* addFallback("openai/gpt-4o").pipe(Effect.provide(liveStores(state)))
      expect(yield* readText(state.configPath)).toBe(
        `${JSON.stringify({ agents: { defaults: { model: { fallbacks: ["openai/gpt-4o"] } } } }, null, 2)}\n`
      )
    })
  )

  it.scopedLive("a missing env var is an error naming the variable and the key path", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const store = yield* configStoreOn(state, { TELEGRAM_BOT_TOKEN: "123:abc" })
      const error = yield* Effect.flip(store.read)
      expect(error._tag).toBe("ConfigInvalid")
      expect(error.message).toContain(state.configPath)
      expect(error.message).toContain('models.providers.openai.apiKey: Missing env var "OPENAI_API_KEY"')
      expect(error.message).not.toContain("TELEGRAM_BOT_TOKEN")
    })
  )

  it.scopedLive("a new file is written 0600 in a 0700 dir, ending in a newline", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* addFallback("openai/gpt-4o").pipe(Effect.provide(liveStores(state)))
      expect(modeOf(state.stateDir)).toBe(0o700)
      expect(modeOf(state.configPath)).toBe(0o600)
      const text = yield* readText(state.configPath)
      expect(text.endsWith("}\n")).toBe(true)
      expect(JSON.parse(text)).toEqual({ agents: { defaults: { model: { fallbacks: ["openai/gpt-4o"] } } } })
      // Nothing to back up on the first write, and no temp file or lock left behind.
      expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json"])
    })
  )

  it.scopedLive("`.bak` holds the previous content, 0600", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const layer = liveStores(state, ENV)
      yield* addFallback("google/gemini-2.5-pro").pipe(Effect.provide(layer))
      const first = yield* readText(state.configPath)
      expect(yield* readText(`${state.configPath}.bak`)).toBe(HAND_EDITED)
      yield* addFallback("xai/grok-4").pipe(Effect.provide(layer))
      expect(yield* readText(`${state.configPath}.bak`)).toBe(first)
      expect(modeOf(`${state.configPath}.bak`)).toBe(0o600)
      expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json", "clawdbot.json.bak"])
    })
  )

  it.scopedLive("an edit that fails writes nothing and releases the lock", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const store = yield* configStoreOn(state)
      const before = yield* mtimeOf(state.configPath)
      const exit = yield* Effect.exit(
        store.modify(() => Effect.fail(new NotFound({ reason: "Fallback not found: x/y" })))
      )
      expect(Exit.isFailure(exit)).toBe(true)
      expect(yield* readText(state.configPath)).toBe(HAND_EDITED)
      expect(yield* mtimeOf(state.configPath)).toBe(before)
      expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json"])
      // The lock was released: the next edit goes through.
      yield* addFallback("xai/grok-4").pipe(Effect.provideService(ConfigStore, store))
      expect(rawSelection((yield* store.read).raw, "model").fallbacks).toContain("xai/grok-4")
    })
  )

  it.scopedLive("an edit whose result fails validation writes nothing and says what is wrong", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const store = yield* configStoreOn(state)
      const error = yield* Effect.flip(
        store.modify((snapshot) =>
          Effect.succeed([
            { ...snapshot.raw, agents: { defaults: { model: { primary: 42 } } } },
            undefined
          ] as const)
        )
      )
      expect(error._tag).toBe("ConfigInvalid")
      expect(error.message).toContain("Config validation failed: agents.defaults.model")
      expect(yield* readText(state.configPath)).toBe(HAND_EDITED)
      expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json"])
    })
  )

  it.scopedLive("an edit that changes nothing does not rewrite the file", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* writeConfig(state, HAND_EDITED)
      const store = yield* configStoreOn(state)
      const before = yield* mtimeOf(state.configPath)
      const result = yield* store.modify((snapshot) =>
        Effect.succeed([setFallbacks(snapshot.raw, "model", ["openai/gpt-4o"]), "same"] as const)
      )
      expect(result).toBe("same")
      expect(yield* mtimeOf(state.configPath)).toBe(before)
      expect(yield* listDir(state.stateDir)).toEqual(["clawdbot.json"])
    })
  )

  it.scopedLive("a no-op edit of a missing file creates nothing", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* configStoreOn(state)
      yield* store.modify((snapshot) => Effect.succeed([snapshot.raw, undefined] as const))
      expect(yield* exists(state.configPath)).toBe(false)
    })
  )

  it.scopedLive("a symlinked config (dotfiles) is written through the link, which stays a link", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const real = path.join(state.home, "dotfiles", "clawdbot.json5")
      yield* Effect.promise(async () => {
        await fs.mkdir(path.dirname(real), { recursive: true })
        await fs.writeFile(real, HAND_EDITED)
        await fs.mkdir(state.stateDir, { recursive: true })
        await fs.symlink(real, state.configPath)
      })
      yield* addFallback("xai/grok-4").pipe(Effect.provide(liveStores(state, ENV)))
      expect((yield* Effect.promise(() => fs.lstat(state.configPath))).isSymbolicLink()).toBe(true)
      expect(yield* readText(real)).toContain("fallbacks: ['openai/gpt-4o', 'xai/grok-4'], // tried in order")
      expect(yield* readText(`${state.configPath}.bak`)).toBe(HAND_EDITED)
      expect(yield* listDir(path.dirname(real))).toEqual(["clawdbot.json5"])
    })
  )

  it.scopedLive("CLAWDBOT_CONFIG_PATH elsewhere: the file's own dir is created 0700", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const configPath = path.join(state.home, "elsewhere", "nested", "my.json5")
      yield* addFallback("openai/gpt-4o").pipe(
        Effect.provide(liveStores(state, { CLAWDBOT_CONFIG_PATH: configPath }))
      )
      expect(modeOf(path.dirname(configPath))).toBe(0o700)
      expect(modeOf(configPath)).toBe(0o600)
    })
  )
})
