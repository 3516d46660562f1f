import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { JsonObject } from "../../src/domain/configEdit.js"
import * as AuthStoreLive from "../../src/layers/AuthStore.js"
import * as EnvironmentLive from "../../src/layers/Environment.js"
import * as KeychainLive from "../../src/layers/Keychain.js"
import * as PathsLive from "../../src/layers/Paths.js"
import { AuthStore } from "../../src/services/AuthStore.js"

const REF = { keychain: "clawdbot/openai-codex:me@x@12345678", backend: "file" }

/** The live store; the legacy files it would import from are under the test's own temp dir. */
const authStoreLive = (dir: string) =>
  AuthStoreLive.layer.pipe(
    Layer.provide(PathsLive.layer),
    Layer.provide(EnvironmentLive.layerTest({ HOME: dir, CLAWDBOT_STATE_DIR: path.join(dir, "state") }))
  )

const seeded = () => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "clawdbot-authstore-")), "agent")
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    path.join(dir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: { "openai-codex:me@x": { type: "oauth", provider: "openai-codex", expires: 1, keyRef: REF } }
    })
  )
  return dir
}

describe("AuthStore with keychain references", () => {
  it.effect(
    "reads resolve the ref; a write that puts new secrets beside it moves them into the keychain",
    () => {
      const keychain = KeychainLive.layerMemory("file")
      keychain.items.set(
        "clawdbot\u0000openai-codex:me@x@12345678",
        JSON.stringify({ access: "old-a", refresh: "old-r" })
      )
      const dir = seeded()
      return Effect.gen(function* () {
        const store = yield* AuthStore
        const before = yield* store.read(dir)
        const profile = before.profiles["openai-codex:me@x"]
        expect(profile?.type === "oauth" && Redacted.value(profile.access)).toBe("old-a")

        // What an OAuth refresh does: edit the raw profile in place.
        yield* store.modify(dir, (snapshot) => {
          const profiles = snapshot.raw.profiles as Record<string, JsonObject>
          const next = { ...profiles["openai-codex:me@x"], access: "new-a", expires: 2 }
          return Effect.succeed([
            { ...snapshot.raw, profiles: { ...profiles, "openai-codex:me@x": next } },
            undefined
          ] as const)
        })

        const text = readFileSync(path.join(dir, "auth-profiles.json"), "utf8")
        expect(text).not.toContain("new-a")
        expect(JSON.parse(text).profiles["openai-codex:me@x"]).toEqual({
          type: "oauth",
          provider: "openai-codex",
          expires: 2,
          keyRef: REF
        })
        expect(JSON.parse(keychain.items.get("clawdbot\u0000openai-codex:me@x@12345678") ?? "")).toEqual({
          access: "new-a",
          refresh: "old-r"
        })
        const after = (yield* store.read(dir)).profiles["openai-codex:me@x"]
        expect(after?.type === "oauth" && Redacted.value(after.access)).toBe("new-a")
      }).pipe(Effect.provide(authStoreLive(dir)), Effect.provide(keychain.layer))
    }
  )

  it.effect("without a keychain such a write fails instead of storing the secret in clear", () => {
    const dir = seeded()
    return Effect.gen(function* () {
      const store = yield* AuthStore
      const error = yield* store
        .modify(dir, (snapshot) => {
          const profiles = snapshot.raw.profiles as Record<string, JsonObject>
          const next = { ...profiles["openai-codex:me@x"], access: "new-a" }
          return Effect.succeed([
            { ...snapshot.raw, profiles: { ...profiles, "openai-codex:me@x": next } },
            undefined
          ] as const)
        })
        .pipe(Effect.flip)
      expect(error.message).toContain("no keychain is available")
      expect(readFileSync(path.join(dir, "auth-profiles.json"), "utf8")).not.toContain("new-a")
    }).pipe(Effect.provide(authStoreLive(dir)))
  })
})
