/**
 * The library entry (issue 2 item 9): a host runtime runs `status` with its own layers. Everything here is in
 * memory: the HOME and state dir below do not exist and must not be created.
 */
import * as fs from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import {
  AuthStoreLayers,
  CatalogLayers,
  ConfigStoreLayers,
  EnvironmentLayers,
  ExitCode,
  PathsLayers,
  ProviderClientLayers,
  runAliasesAdd,
  runList,
  runSetPrimary,
  runStatus
} from "../src/node.js"

const HOME = "/nonexistent-clawdbot-home"
const STATE = `${HOME}/.clawdbot`
const AGENT_DIR = `${STATE}/agents/main/agent`
const NOW = Date.UTC(2026, 0, 23, 12, 0, 0)
const SECRET = "sk-ant-oat01-library-SECRET-0123456789abcdef"

const makeLayers = (config: object, authDoc: object | undefined, env: Record<string, string> = {}) => {
  const environment = EnvironmentLayers.layerTest({ HOME, ...env }, { now: () => NOW })
  const configStore = ConfigStoreLayers.layerMemory(config as any)
  const authStore = AuthStoreLayers.layerMemory(authDoc ? { [AGENT_DIR]: authDoc as any } : {})
  const layer = Layer.mergeAll(
    configStore.layer,
    authStore.layer,
    PathsLayers.layer,
    CatalogLayers.layerTest([]),
    ProviderClientLayers.layerTest(() => Effect.die("no network in library tests"))
  ).pipe(Layer.provideMerge(environment))
  return { layer, configStore, authStore }
}

/** Runs `effect` with console.log/error captured instead of printed. */
const captured = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const out: Array<string> = []
    const err: Array<string> = []
    const console = yield* Effect.console
    const exit = yield* effect.pipe(
      Effect.withConsole({
        ...console,
        log: (...args: ReadonlyArray<unknown>) => Effect.sync(() => out.push(args.join(" "))),
        error: (...args: ReadonlyArray<unknown>) => Effect.sync(() => err.push(args.join(" ")))
      }),
      Effect.exit
    )
    return { exit, stdout: out.join("\n"), stderr: err.join("\n") }
  })

const config = {
  agents: {
    defaults: {
      model: { primary: "opus", fallbacks: ["openai/gpt-5.2"] },
      models: { "anthropic/claude-opus-4-5": { alias: "opus" } }
    }
  }
}
const auth = {
  version: 1,
  profiles: {
    "anthropic:manual": { type: "token", provider: "anthropic", token: SECRET, expires: NOW + 3 * 3_600_000 }
  }
}

describe("library: runStatus with in-memory layers", () => {
  it.effect("returns the view and prints the text layout, touching no disk", () =>
    Effect.gen(function* () {
      const { layer } = makeLayers(config, auth, { OPENAI_API_KEY: "sk-proj-library-key-0123456789abcdef" })
      const result = yield* captured(runStatus({ mode: "text", check: false })).pipe(Effect.provide(layer))
      expect(Exit.isSuccess(result.exit)).toBe(true)
      const view = Exit.isSuccess(result.exit) ? result.exit.value : undefined
      expect(view?.resolvedDefault).toBe("anthropic/claude-opus-4-5")
      expect(view?.agentDir).toBe(AGENT_DIR)
      expect(view?.auth.providers.map((p) => p.provider)).toEqual(["anthropic", "openai"])
      expect(result.stdout.split("\n").slice(0, 4)).toEqual([
        "Config        : ~/.clawdbot/clawdbot.json",
        "Agent dir     : ~/.clawdbot/agents/main/agent",
        "Default       : anthropic/claude-opus-4-5 (from opus)",
        "Fallbacks (1) : openai/gpt-5.2"
      ])
      expect(result.stdout).toContain("  - anthropic:manual expiring expires in 3h")
      expect(result.stdout).not.toContain(SECRET)
      expect(result.stderr).toBe("")
      expect(fs.existsSync(HOME)).toBe(false)
    })
  )

  it.effect("--json and --plain modes print through the host's console", () =>
    Effect.gen(function* () {
      const { layer } = makeLayers(config, auth)
      const json = yield* captured(runStatus({ mode: "json", check: false })).pipe(Effect.provide(layer))
      expect(JSON.parse(json.stdout).auth.storePath).toBe(`${AGENT_DIR}/auth-profiles.json`)
      const plain = yield* captured(runStatus({ mode: "plain", check: false })).pipe(Effect.provide(layer))
      expect(plain.stdout).toBe("anthropic/claude-opus-4-5")
    })
  )

  it.effect("check: an expiring token fails with ExitCode 2, an in-use provider without auth with 1", () =>
    Effect.gen(function* () {
      const expiring = makeLayers({}, auth)
      const result = yield* captured(runStatus({ mode: "plain", check: true })).pipe(
        Effect.provide(expiring.layer)
      )
      expect(result.exit).toEqual(Exit.fail(new ExitCode({ code: 2 })))
      const missing = makeLayers(config, auth)
      const second = yield* captured(runStatus({ mode: "plain", check: true })).pipe(
        Effect.provide(missing.layer)
      )
      expect(second.exit).toEqual(Exit.fail(new ExitCode({ code: 1 })))
    })
  )

  it.effect("edits go to the in-memory store and status sees them", () =>
    Effect.gen(function* () {
      const { layer, configStore } = makeLayers({}, undefined)
      yield* captured(
        Effect.gen(function* () {
          yield* runAliasesAdd("fast", "groq/llama-3.3-70b")
          yield* runSetPrimary("model", "fast")
        })
      ).pipe(Effect.provide(layer))
      expect(configStore.current()).toEqual({
        agents: {
          defaults: {
            models: { "groq/llama-3.3-70b": { alias: "fast" } },
            model: { primary: "groq/llama-3.3-70b", fallbacks: [] }
          }
        }
      })
      const status = yield* captured(runStatus({ mode: "plain", check: false })).pipe(Effect.provide(layer))
      expect(status.stdout).toBe("groq/llama-3.3-70b")
      const list = yield* captured(runList({ mode: "plain", all: false, local: false })).pipe(
        Effect.provide(layer)
      )
      expect(list.stdout).toBe("groq/llama-3.3-70b")
      expect(fs.existsSync(HOME)).toBe(false)
    })
  )
})

describe("library: runStatus with probes through a host's ProviderClient", () => {
  it.effect("probes go through the ProviderClient it is given; the auth store is not written", () =>
    Effect.gen(function* () {
      const environment = EnvironmentLayers.layerTest({ HOME }, { now: () => NOW })
      const authStore = AuthStoreLayers.layerMemory({ [AGENT_DIR]: auth as any })
      const sent: Array<string> = []
      const layer = Layer.mergeAll(
        ConfigStoreLayers.layerMemory(config as any).layer,
        authStore.layer,
        PathsLayers.layer,
        CatalogLayers.layerTest([]),
        ProviderClientLayers.layerTest((target) =>
          Effect.sync(() => {
            sent.push(`${target.provider}/${target.model} ${target.endpoint.api}`)
            return { _tag: "Reply", status: 200, text: "OK", toolCalls: [] } as const
          })
        )
      ).pipe(Layer.provideMerge(environment))
      const settings = { timeout: Duration.seconds(1), concurrency: 2, maxTokens: 8 }
      const result = yield* captured(
        runStatus({
          mode: "json",
          check: false,
          probe: { profileIds: [], models: [], allModels: false, settings }
        })
      ).pipe(Effect.provide(layer))
      const probes = JSON.parse(result.stdout).auth.probes
      expect(probes.results.map((r: any) => [r.label, r.status, r.model])).toEqual([
        ["anthropic:manual", "ok", "anthropic/claude-opus-4-5"]
      ])
      expect(sent).toEqual(["anthropic/claude-opus-4-5 anthropic-messages"])
      expect(authStore.current(AGENT_DIR)).toBe(auth)
      expect(result.stdout).not.toContain(SECRET)
    })
  )

  it.effect("on a terminal, progress goes to stderr; stdout holds only the report", () =>
    Effect.gen(function* () {
      const environment = EnvironmentLayers.layerTest({ HOME }, { now: () => NOW, tty: true })
      const layer = Layer.mergeAll(
        ConfigStoreLayers.layerMemory(config as any).layer,
        AuthStoreLayers.layerMemory({ [AGENT_DIR]: auth as any }).layer,
        PathsLayers.layer,
        CatalogLayers.layerTest([]),
        ProviderClientLayers.layerTest(() =>
          Effect.succeed({
            _tag: "HttpError",
            status: 429,
            type: "rate_limit_error",
            message: "slow",
            body: ""
          } as const)
        )
      ).pipe(Layer.provideMerge(environment))
      const settings = { timeout: Duration.seconds(1), concurrency: 2, maxTokens: 8 }
      const result = yield* captured(
        runStatus({
          mode: "text",
          check: false,
          probe: { profileIds: [], models: [], allModels: false, settings }
        })
      ).pipe(Effect.provide(layer))
      expect(result.stderr).toContain("Probing auth profiles…")
      expect(result.stderr).toContain("Probing anthropic (anthropic:manual) [1/1]")
      expect(result.stdout).not.toContain("Probing")
      expect(result.stdout).toContain("  - anthropic:manual (token) rate_limit ")
    })
  )
})
