/**
 * The auth commands as library effects with in-memory layers: a host supplies stdin, stores and keychain;
 * nothing touches disk (HOME below does not exist and must not be created).
 */
import * as fs from "node:fs"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  AuthStoreLayers,
  authList,
  authOrder,
  ConfigStoreLayers,
  EnvironmentLayers,
  KeychainLayers,
  PathsLayers,
  removeAuthProfiles,
  runPasteToken,
  Settings,
  StdinLayers,
  setAuthOrder
} from "../src/node.js"

const HOME = "/nonexistent-clawdbot-auth-home"
const AGENT_DIR = `${HOME}/.clawdbot/agents/main/agent`
const NOW = Date.UTC(2026, 0, 23, 12, 0, 0)

const layers = (config: object, stdin: string) => {
  const configStore = ConfigStoreLayers.layerMemory(config as never)
  const authStore = AuthStoreLayers.layerMemory()
  const keychain = KeychainLayers.layerMemory("secret-service")
  const layer = Layer.mergeAll(
    configStore.layer,
    authStore.layer,
    keychain.layer,
    StdinLayers.layerTest(stdin),
    PathsLayers.layer,
    // Prompts need a terminal in their type; with a non-TTY Environment they never run.
    NodeTerminal.layer,
    NodeFileSystem.layer,
    NodePath.layer
  ).pipe(Layer.provideMerge(EnvironmentLayers.layerTest({ HOME }, { now: () => NOW })))
  return { layer, configStore, authStore, keychain }
}

describe("auth commands from a host runtime", () => {
  it.effect("paste-token, then order set/get, all in memory", () => {
    const { layer, configStore, authStore } = layers({}, "  tok-\r\n123\n")
    return Effect.gen(function* () {
      expect(yield* runPasteToken({ provider: "anthropic", expiresInMs: 3_600_000 })).toBe("anthropic:manual")
      expect(authStore.current(AGENT_DIR)?.profiles).toEqual({
        "anthropic:manual": {
          type: "token",
          provider: "anthropic",
          token: "tok-123",
          expires: NOW + 3_600_000
        }
      })
      expect(configStore.current()).toEqual({
        auth: { profiles: { "anthropic:manual": { provider: "anthropic", mode: "token" } } }
      })
      yield* setAuthOrder({ provider: "anthropic", profileIds: ["anthropic:manual"] })
      expect((yield* authOrder({ provider: "anthropic" })).order).toEqual(["anthropic:manual"])
      expect(fs.existsSync(HOME)).toBe(false)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "with auth.store keychain the secret goes to the host's keychain and the store keeps a keyRef",
    () => {
      const { layer, authStore, keychain } = layers({ auth: { store: "keychain" } }, "tok-456")
      return Effect.gen(function* () {
        yield* runPasteToken({ provider: "openai" })
        const profiles = (authStore.current(AGENT_DIR)?.profiles ?? {}) as Record<string, unknown>
        const stored = profiles["openai:manual"]
        expect(stored).toEqual({
          type: "token",
          provider: "openai",
          keyRef: { keychain: expect.stringMatching(/^clawdbot\/openai:manual@/), backend: "secret-service" }
        })
        expect([...keychain.items.values()]).toEqual([JSON.stringify({ token: "tok-456" })])
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect(
    "a host's Settings service opts in to the keychain; a host's own config is never migrated",
    () => {
      const { layer, authStore, configStore, keychain } = layers({ auth: { store: "file" } }, "tok-789")
      return Effect.gen(function* () {
        yield* runPasteToken({ provider: "openai" })
        const profiles = (authStore.current(AGENT_DIR)?.profiles ?? {}) as Record<string, any>
        expect(profiles["openai:manual"]?.keyRef?.backend).toBe("secret-service")
        expect([...keychain.items.values()]).toEqual([JSON.stringify({ token: "tok-789" })])
        // Only the CLI's clawdbot.json is shared with the reference; a host's config keeps what it holds.
        expect(configStore.current()).toMatchObject({ auth: { store: "file" } })
      }).pipe(
        Effect.provide(layer),
        Effect.provide(Layer.succeed(Settings, { authStore: Effect.succeed("keychain" as const) }))
      )
    }
  )

  it.effect(
    "auth list shows the keychain-stored profile; remove deletes its item, entry and config metadata",
    () => {
      const { layer, authStore, configStore, keychain } = layers({ auth: { store: "keychain" } }, "tok-789")
      return Effect.gen(function* () {
        yield* runPasteToken({ provider: "openai" })
        const listed = yield* authList({ provider: "openai" })
        expect(listed.credentials).toMatchObject([
          { id: "openai:manual", secretIn: "keychain", health: "static", position: 1, next: true }
        ])
        expect(JSON.stringify(listed)).not.toContain("tok-789")

        const removal = yield* removeAuthProfiles({ profileIds: ["openai:manual"] })
        expect(removal.removed).toMatchObject([
          { profileId: "openai:manual", keychain: { deleted: true, backend: "secret-service" } }
        ])
        expect(removal.configUpdated).toBe(true)
        expect(keychain.items.size).toBe(0)
        expect(authStore.current(AGENT_DIR)?.profiles).toEqual({})
        expect(configStore.current()).toEqual({ auth: { store: "keychain", profiles: {} } })
        expect(fs.existsSync(HOME)).toBe(false)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("remove of an unknown id fails naming the ids there, and changes nothing", () => {
    const { layer, authStore, keychain } = layers({ auth: { store: "keychain" } }, "tok-789")
    return Effect.gen(function* () {
      yield* runPasteToken({ provider: "openai" })
      const before = authStore.current(AGENT_DIR)
      const error = yield* Effect.flip(removeAuthProfiles({ profileIds: ["openai:manual", "openai:other"] }))
      expect(error.message).toBe(
        'Auth profile "openai:other" not found in ~/.clawdbot/agents/main/agent. Profiles there: openai:manual.'
      )
      expect(authStore.current(AGENT_DIR)).toBe(before)
      expect(keychain.items.size).toBe(1)
    }).pipe(Effect.provide(layer))
  })
})
