/** The legacy stores a missing `auth-profiles.json` imports (spec §1.4, issue 11 item 6), on real temp dirs. */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { upsertStoredProfile } from "../../src/domain/authEdit.js"
import * as ReporterLive from "../../src/layers/Reporter.js"
import { AuthStore } from "../../src/services/AuthStore.js"
import { liveStores, modeOf, tempState } from "../support/liveStores.js"
import type { TempState } from "../support/tempState.js"

const KEY = "sk-legacy-0123456789abcdefSECRET"
const TOKEN = "sk-ant-oat01-legacy0123456789SECRET"
const ACCESS = "oauth-access-0123456789SECRET"

const LEGACY = {
  openai: { type: "api_key", provider: "openai", key: KEY, email: "me@example.com" },
  // No provider of its own: the key names it.
  anthropic: { type: "token", token: TOKEN, expires: 4102444800000 },
  "openai-codex": {
    type: "oauth",
    access: ACCESS,
    refresh: "oauth-refresh-SECRET",
    expires: 4102444800000,
    accountId: "acct-1",
    unknownField: "dropped"
  },
  // Not a credential (the runtime cache may hold other things): left out, silently.
  settings: { theme: "dark" }
}

const legacyPath = (state: TempState) => path.join(state.agentDir, "auth.json")
const oauthPath = (dir: string) => path.join(dir, "oauth.json")

const writeFile = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}

/** The live AuthStore on `state`, warnings kept in `lines`. */
const withStore = <A, E>(
  state: TempState,
  use: (store: AuthStore["Type"]) => Effect.Effect<A, E>,
  vars: Readonly<Record<string, string>> = {}
) => {
  const lines: Array<string> = []
  const layer = Layer.merge(liveStores(state, vars), ReporterLive.layerMemory(lines))
  return Effect.map(Effect.provide(Effect.flatMap(AuthStore, use), layer), (value) => ({ value, lines }))
}

const storeOnDisk = (state: TempState) => JSON.parse(fs.readFileSync(state.authPath, "utf8"))

describe("AuthStore: legacy stores", () => {
  it.scopedLive(
    "a lone auth.json is imported as <provider>:default, written 0600 in a 0700 dir, and then removed",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        writeFile(legacyPath(state), JSON.stringify(LEGACY))
        const { value: snapshot, lines } = yield* withStore(state, (store) => store.read(state.agentDir))

        expect(Object.keys(snapshot.profiles).sort()).toEqual([
          "anthropic:default",
          "openai-codex:default",
          "openai:default"
        ])
        const openai = snapshot.profiles["openai:default"]
        expect(openai?.type === "api_key" && Redacted.value(openai.key)).toBe(KEY)
        expect(storeOnDisk(state)).toEqual({
          version: 1,
          profiles: {
            "openai:default": { type: "api_key", provider: "openai", key: KEY, email: "me@example.com" },
            "anthropic:default": {
              type: "token",
              provider: "anthropic",
              token: TOKEN,
              expires: 4102444800000
            },
            "openai-codex:default": {
              type: "oauth",
              provider: "openai-codex",
              access: ACCESS,
              refresh: "oauth-refresh-SECRET",
              expires: 4102444800000,
              accountId: "acct-1"
            }
          }
        })
        expect(modeOf(state.authPath)).toBe(0o600)
        expect(modeOf(state.agentDir)).toBe(0o700)
        expect(fs.existsSync(legacyPath(state))).toBe(false)
        expect(fs.readdirSync(state.agentDir)).toEqual(["auth-profiles.json"])
        expect(lines).toEqual([])
      })
  )

  it.scopedLive(
    "an existing auth-profiles.json wins: auth.json beside it is neither imported nor removed",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        // What a crash between the new store's write and the legacy file's removal leaves.
        state.writeAuth({
          version: 1,
          profiles: { "openai:default": { type: "api_key", provider: "openai", key: "sk-new" } }
        })
        writeFile(legacyPath(state), JSON.stringify({ openai: { type: "api_key", key: "sk-stale" } }))
        const before = fs.readFileSync(state.authPath, "utf8")
        const { value: snapshot } = yield* withStore(state, (store) => store.read(state.agentDir))
        const openai = snapshot.profiles["openai:default"]
        expect(openai?.type === "api_key" && Redacted.value(openai.key)).toBe("sk-new")
        expect(fs.readFileSync(state.authPath, "utf8")).toBe(before)
        expect(fs.existsSync(legacyPath(state))).toBe(true)
      })
  )

  it.scopedLive(
    "oauth.json entries import as oauth <provider>:default where auth.json has no such profile",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        writeFile(
          legacyPath(state),
          JSON.stringify({
            anthropic: { type: "api_key", provider: "anthropic", key: "sk-ant-from-auth-json" }
          })
        )
        const oauthFile = oauthPath(path.join(state.stateDir, "credentials"))
        const oauthText = JSON.stringify({
          anthropic: { access: "shadowed-access", refresh: "r", expires: 4102444800000 },
          "google-antigravity": { access: ACCESS, refresh: "r2", expires: 4102444800000, projectId: "p-1" }
        })
        writeFile(oauthFile, oauthText)
        yield* withStore(state, (store) => store.read(state.agentDir))
        expect(storeOnDisk(state).profiles).toEqual({
          "anthropic:default": { type: "api_key", provider: "anthropic", key: "sk-ant-from-auth-json" },
          "google-antigravity:default": {
            type: "oauth",
            provider: "google-antigravity",
            access: ACCESS,
            refresh: "r2",
            expires: 4102444800000,
            projectId: "p-1"
          }
        })
        // oauth.json is shared by every agent: it stays.
        expect(fs.readFileSync(oauthFile, "utf8")).toBe(oauthText)
        expect(fs.existsSync(legacyPath(state))).toBe(false)
      })
  )

  it.scopedLive("CLAWDBOT_OAUTH_DIR names where oauth.json is", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      const dir = path.join(state.root, "elsewhere")
      writeFile(
        oauthPath(dir),
        JSON.stringify({ "openai-codex": { access: ACCESS, expires: 4102444800000 } })
      )
      // One in the default place, which the variable overrides.
      writeFile(
        oauthPath(path.join(state.stateDir, "credentials")),
        JSON.stringify({ anthropic: { access: "a", expires: 1 } })
      )
      const { value: snapshot } = yield* withStore(state, (store) => store.read(state.agentDir), {
        CLAWDBOT_OAUTH_DIR: dir
      })
      expect(Object.keys(snapshot.profiles)).toEqual(["openai-codex:default"])
      expect(Object.keys(storeOnDisk(state).profiles)).toEqual(["openai-codex:default"])
    })
  )

  it.scopedLive("the first write of a missing store keeps the legacy credentials beside the new one", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      writeFile(legacyPath(state), JSON.stringify({ openai: { type: "api_key", key: KEY } }))
      yield* withStore(state, (store) =>
        store.modify(state.agentDir, (snapshot) =>
          Effect.succeed([
            upsertStoredProfile(snapshot.raw, "anthropic:manual", {
              type: "token",
              provider: "anthropic",
              token: TOKEN
            }),
            undefined
          ] as const)
        )
      )
      expect(Object.keys(storeOnDisk(state).profiles).sort()).toEqual(["anthropic:manual", "openai:default"])
      expect(fs.existsSync(legacyPath(state))).toBe(false)
    })
  )

  it.scopedLive(
    "an entry that cannot be imported keeps auth.json (nothing lost) and is named in a warning, never its value",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        const text = JSON.stringify({
          openai: { type: "api_key", key: KEY },
          anthropic: { type: "oauth", refresh: "sk-ant-refresh-SECRET" }
        })
        writeFile(legacyPath(state), text)
        const { value: snapshot, lines } = yield* withStore(state, (store) => store.read(state.agentDir))
        expect(Object.keys(snapshot.profiles)).toEqual(["openai:default"])
        expect(Object.keys(storeOnDisk(state).profiles)).toEqual(["openai:default"])
        expect(fs.readFileSync(legacyPath(state), "utf8")).toBe(text)
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain("(anthropic)")
        expect(lines[0]).toContain(`${legacyPath(state)} was kept`)
        expect(lines.join("\n")).not.toMatch(/SECRET/)
      })
  )

  const hostile: ReadonlyArray<readonly [string, (file: string) => void, RegExp]> = [
    [
      "malformed JSON",
      (file) => writeFile(file, `{"openai": {"type": "api_key", "key": "${KEY}"`),
      /not valid JSON/
    ],
    [
      "an array",
      (file) => writeFile(file, `[{"type": "api_key", "key": "${KEY}"}]`),
      /not an object at the top level/
    ],
    [
      "larger than 1 MiB",
      (file) =>
        writeFile(file, JSON.stringify({ openai: { type: "api_key", key: KEY, pad: "x".repeat(1 << 20) } })),
      /larger than 1 MiB/
    ],
    [
      "nested 10000 deep",
      (file) => writeFile(file, `${"[".repeat(10_000)}${"]".repeat(10_000)}`),
      /nested more than/
    ],
    [
      "not UTF-8",
      (file) => {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        fs.writeFileSync(file, Buffer.from(`{"openai": {"type": "api_key", "key": "sk-\xff"}}`, "latin1"))
      },
      /not valid UTF-8/
    ],
    [
      "a FIFO",
      (file) => {
        fs.mkdirSync(path.dirname(file), { recursive: true })
        execFileSync("mkfifo", [file])
      },
      /not a regular file/
    ],
    [
      "a directory",
      (file) => {
        fs.mkdirSync(file, { recursive: true })
      },
      /not a regular file/
    ]
  ]

  for (const [what, seed, reason] of hostile) {
    it.scopedLive(`an auth.json that is ${what} is reported, left as it is, and nothing is written`, () =>
      Effect.gen(function* () {
        const state = yield* tempState
        seed(legacyPath(state))
        const before = fs.lstatSync(legacyPath(state))
        const bytes = before.isFile() ? fs.readFileSync(legacyPath(state)) : undefined
        // oauth.json alone would be imported; with auth.json unreadable, the import waits until it is fixed.
        writeFile(
          oauthPath(path.join(state.stateDir, "credentials")),
          JSON.stringify({ "openai-codex": { access: ACCESS, expires: 4102444800000 } })
        )
        const { value: snapshot, lines } = yield* withStore(state, (store) => store.read(state.agentDir))
        expect(snapshot.profiles).toEqual({})
        expect(fs.existsSync(state.authPath)).toBe(false)
        expect(fs.lstatSync(legacyPath(state)).ino).toBe(before.ino)
        if (bytes !== undefined) expect(fs.readFileSync(legacyPath(state)).equals(bytes)).toBe(true)
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain(legacyPath(state))
        expect(lines[0]).toMatch(reason)
        expect(lines[0]).not.toMatch(/SECRET/)
      })
    )
  }

  it.scopedLive("two readers at once import once and both see the profiles", () =>
    Effect.gen(function* () {
      const state = yield* tempState
      writeFile(legacyPath(state), JSON.stringify({ openai: { type: "api_key", key: KEY } }))
      const { value: snapshots } = yield* withStore(state, (store) =>
        Effect.all([store.read(state.agentDir), store.read(state.agentDir)], { concurrency: 2 })
      )
      for (const snapshot of snapshots) expect(Object.keys(snapshot.profiles)).toEqual(["openai:default"])
      expect(Object.keys(storeOnDisk(state).profiles)).toEqual(["openai:default"])
      expect(fs.existsSync(legacyPath(state))).toBe(false)
    })
  )

  it.scopedLive(
    "another agent takes no legacy import when the main store has profiles (the reference's rule)",
    () =>
      Effect.gen(function* () {
        const state = yield* tempState
        state.writeAuth({
          version: 1,
          profiles: { "openai:main": { type: "api_key", provider: "openai", key: "k" } }
        })
        const workDir = path.join(state.stateDir, "agents", "work", "agent")
        const workLegacy = path.join(workDir, "auth.json")
        writeFile(workLegacy, JSON.stringify({ openai: { type: "api_key", key: "sk-stale-legacy" } }))
        const { value: snapshot } = yield* withStore(state, (store) => store.read(workDir))
        expect(snapshot.profiles).toEqual({})
        expect(fs.existsSync(path.join(workDir, "auth-profiles.json"))).toBe(false)
        expect(fs.existsSync(workLegacy)).toBe(true)
      })
  )
})
