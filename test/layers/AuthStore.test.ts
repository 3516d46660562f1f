import * as fs from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type { JsonObject } from "../../src/domain/configEdit.js"
import { NotFound } from "../../src/domain/errors.js"
import { AuthStore } from "../../src/services/AuthStore.js"
import { liveStores, modeOf, tempState } from "../support/liveStores.js"
import type { TempState } from "../support/tempState.js"

const SECRET = "sk-live-0123456789abcdefSECRET"

const STORE = {
  version: 1,
  profiles: {
    "openai:default": { type: "api_key", provider: "openai", key: SECRET },
    "anthropic:manual": {
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-abc",
      expires: 1769000000000
    },
    "anthropic:claude-cli": {
      type: "oauth",
      provider: "anthropic",
      access: "access-token",
      refresh: "refresh-token",
      expires: 1737600000000
    },
    // Not usable: unknown type, missing provider, not an object. Kept on disk all the same.
    "future:thing": { type: "passkey", provider: "future", blob: "x" },
    "broken:noprovider": { type: "api_key", key: "k" },
    "broken:string": "nope"
  },
  order: { anthropic: [" anthropic:manual ", ""], openai: [] },
  lastGood: { anthropic: "anthropic:manual" },
  usageStats: { "anthropic:manual": { lastUsed: 1, errorCount: 2, failureCounts: { billing: 1 } } },
  somethingNewer: { kept: true }
}

const authStoreOn = (state: TempState) => Effect.provide(AuthStore, liveStores(state))

const seed = (state: TempState, text: string) =>
  Effect.sync(() => {
    fs.mkdirSync(state.agentDir, { recursive: true })
    fs.writeFileSync(state.authPath, text)
  })

const readText = (file: string) => Effect.sync(() => fs.readFileSync(file, "utf8"))
const listDir = (dir: string) => Effect.sync(() => fs.readdirSync(dir).sort())

/** Sets `order[provider]` on the raw document, as `models auth order set` does. */
const setOrder = (provider: string, ids: ReadonlyArray<string>) => (raw: JsonObject) => ({
  ...raw,
  order: { ...(raw.order as JsonObject | undefined), [provider]: ids }
})

describe("AuthStore (live, on a temp dir)", () => {
  it.scopedLive("a missing file reads as an empty store and reading creates nothing", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* authStoreOn(state)
      const snapshot = yield* store.read(state.agentDir)
      expect(snapshot).toMatchObject({ path: state.authPath, exists: false, profiles: {}, order: {} })
      expect(fs.existsSync(state.stateDir)).toBe(false)
    })
  )

  it.scopedLive("lenient load: unusable entries are skipped, order lists trimmed", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* seed(state, JSON.stringify(STORE, null, 2))
      const snapshot = yield* (yield* authStoreOn(state)).read(state.agentDir)
      expect(Object.keys(snapshot.profiles).sort()).toEqual([
        "anthropic:claude-cli",
        "anthropic:manual",
        "openai:default"
      ])
      const openai = snapshot.profiles["openai:default"]
      expect(openai?.type === "api_key" && Redacted.value(openai.key)).toBe(SECRET)
      expect(snapshot.order).toEqual({ anthropic: ["anthropic:manual"] })
      expect(snapshot.lastGood).toEqual({ anthropic: "anthropic:manual" })
      expect(snapshot.usageStats["anthropic:manual"]?.errorCount).toBe(2)
    })
  )

  it.scopedLive("an unrelated modify keeps every entry it could not decode, and unknown keys", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* seed(state, JSON.stringify(STORE, null, 2))
      const store = yield* authStoreOn(state)
      yield* store.modify(state.agentDir, (snapshot) =>
        Effect.succeed([setOrder("openai", ["openai:default"])(snapshot.raw), undefined] as const)
      )
      const written = JSON.parse(yield* readText(state.authPath))
      expect(written).toEqual({ ...STORE, order: { ...STORE.order, openai: ["openai:default"] } })
      expect((yield* store.read(state.agentDir)).order.openai).toEqual(["openai:default"])
    })
  )

  it.scopedLive("a new store is written 0600 in a 0700 agent dir, with version 1", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* authStoreOn(state)
      yield* store.modify(state.agentDir, (snapshot) =>
        Effect.succeed([
          {
            ...snapshot.raw,
            profiles: { "openai:default": { type: "api_key", provider: "openai", key: SECRET } }
          },
          undefined
        ] as const)
      )
      expect(modeOf(state.agentDir)).toBe(0o700)
      expect(modeOf(state.authPath)).toBe(0o600)
      const text = yield* readText(state.authPath)
      expect(text.endsWith("\n")).toBe(true)
      expect(JSON.parse(text)).toEqual({
        version: 1,
        profiles: { "openai:default": { type: "api_key", provider: "openai", key: SECRET } }
      })
      expect(yield* listDir(state.agentDir)).toEqual(["auth-profiles.json"])
    })
  )

  it.scopedLive("an existing agent dir is tightened to 0700 and a 0644 store rewritten 0600", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* seed(state, JSON.stringify(STORE))
      fs.chmodSync(state.agentDir, 0o755)
      fs.chmodSync(state.authPath, 0o644)
      yield* (yield* authStoreOn(state)).modify(state.agentDir, (snapshot) =>
        Effect.succeed([setOrder("openai", ["openai:default"])(snapshot.raw), undefined] as const)
      )
      expect(modeOf(state.agentDir)).toBe(0o700)
      expect(modeOf(state.authPath)).toBe(0o600)
      expect(modeOf(`${state.authPath}.bak`)).toBe(0o600)
    })
  )

  it.scopedLive("damaged JSON is an error naming the file and where, never an empty store", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const damaged = `{\n  "version": 1,\n  "profiles": {\n    "openai:default": { "type": "api_key", "key": ${SECRET} }\n  }\n}\n`
      yield* seed(state, damaged)
      const store = yield* authStoreOn(state)

      const readError = yield* Effect.flip(store.read(state.agentDir))
      expect(readError._tag).toBe("StateFileError")
      expect(readError.message).toContain(state.authPath)
      expect(readError.message).toContain("not valid JSON at line 4, column 51")

      let editCalled = false
      const modifyError = yield* Effect.flip(
        store.modify(state.agentDir, (snapshot) => {
          editCalled = true
          return Effect.succeed([snapshot.raw, undefined] as const)
        })
      )
      expect(modifyError._tag).toBe("StateFileError")
      expect(editCalled).toBe(false)
      expect(yield* readText(state.authPath)).toBe(damaged)
      expect(yield* listDir(state.agentDir)).toEqual(["auth-profiles.json"])
    })
  )

  it.scopedLive("a parse error never quotes the file's text (it holds secrets)", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const store = yield* authStoreOn(state)
      const damaged = [
        `{"profiles":{"openai:default":{"key":${SECRET}}}}`,
        `${SECRET}`,
        `{"profiles":{"openai:default":{"key":"${SECRET}"}}} ${SECRET}`,
        `{"profiles":{"openai:default":{"key":"${SECRET}`
      ]
      for (const text of damaged) {
        yield* seed(state, text)
        const error = yield* Effect.flip(store.read(state.agentDir))
        expect(error.message).toContain("not valid JSON")
        expect(error.message).not.toMatch(/sk-l|SECRET/)
      }
    })
  )

  it.scopedLive("the top level must be an object", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      yield* seed(state, "[]\n")
      const error = yield* Effect.flip((yield* authStoreOn(state)).read(state.agentDir))
      expect(error.message).toContain(state.authPath)
      expect(error.message).toContain("must be an object")
    })
  )

  it.scopedLive("`.bak` holds the previous content", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const original = JSON.stringify(STORE, null, 2)
      yield* seed(state, original)
      const store = yield* authStoreOn(state)
      yield* store.modify(state.agentDir, (snapshot) =>
        Effect.succeed([setOrder("openai", ["openai:default"])(snapshot.raw), undefined] as const)
      )
      expect(yield* readText(`${state.authPath}.bak`)).toBe(original)
      const first = yield* readText(state.authPath)
      yield* store.modify(state.agentDir, (snapshot) =>
        Effect.succeed([setOrder("anthropic", ["anthropic:claude-cli"])(snapshot.raw), undefined] as const)
      )
      expect(yield* readText(`${state.authPath}.bak`)).toBe(first)
      expect(yield* listDir(state.agentDir)).toEqual(["auth-profiles.json", "auth-profiles.json.bak"])
    })
  )

  it.scopedLive("a failing edit writes nothing and releases the lock; a no-op edit keeps the file", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const original = `${JSON.stringify(STORE, null, 2)}\n`
      yield* seed(state, original)
      const store = yield* authStoreOn(state)
      const mtime = fs.statSync(state.authPath).mtimeMs
      const error = yield* Effect.flip(
        store.modify(state.agentDir, () => Effect.fail(new NotFound({ reason: "No such profile" })))
      )
      expect(error._tag).toBe("NotFound")
      yield* store.modify(state.agentDir, (snapshot) => Effect.succeed([snapshot.raw, undefined] as const))
      expect(yield* readText(state.authPath)).toBe(original)
      expect(fs.statSync(state.authPath).mtimeMs).toBe(mtime)
      expect(yield* listDir(state.agentDir)).toEqual(["auth-profiles.json"])
    })
  )
})
