import { describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { decodeAuthProfiles } from "../../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../../src/domain/config.js"
import { resolveScanKey } from "../../../src/domain/scan/key.js"

const NOW = 1_800_000_000_000
const store = (doc: object) => decodeAuthProfiles(doc)
const noEnv = () => undefined
const resolve = (input: { store?: object; config?: ClawdbotConfig; env?: Record<string, string> }) => {
  const key = resolveScanKey({
    store: store(input.store ?? {}),
    config: input.config ?? {},
    env: input.env ? (name) => input.env![name] : noEnv,
    now: NOW
  })
  return key && { secret: Redacted.value(key.secret), source: key.source }
}

describe("resolveScanKey (spec §3.9.1)", () => {
  const profiles = {
    profiles: {
      "openrouter:b": { type: "api_key", provider: "openrouter", key: "sk-or-b" },
      "openrouter:a": { type: "api_key", provider: "OpenRouter", key: "sk-or-a" },
      "anthropic:x": { type: "api_key", provider: "anthropic", key: "sk-ant" }
    }
  }

  it("profiles first (explicit order, else by id), then the env var, then the config apiKey", () => {
    const env = { OPENROUTER_API_KEY: " sk-or-env " }
    const config = { models: { providers: { openrouter: { apiKey: "sk-or-config" } } } }
    expect(resolve({ store: profiles, env, config })).toEqual({
      secret: "sk-or-a",
      source: "profile openrouter:a"
    })
    expect(resolve({ store: { ...profiles, order: { openrouter: ["openrouter:b"] } }, env })?.secret).toBe(
      "sk-or-b"
    )
    expect(resolve({ env, config })).toEqual({ secret: "sk-or-env", source: "env: OPENROUTER_API_KEY" })
    expect(resolve({ config })).toEqual({ secret: "sk-or-config", source: "config" })
    expect(resolve({})).toBeUndefined()
  })

  it("a profile in cooldown goes last; expired or empty credentials are skipped", () => {
    const cooled = { ...profiles, usageStats: { "openrouter:a": { cooldownUntil: NOW + 60_000 } } }
    expect(resolve({ store: cooled })?.secret).toBe("sk-or-b")
    const unusable = {
      profiles: {
        "openrouter:a": { type: "token", provider: "openrouter", token: "t", expires: NOW - 1 },
        "openrouter:b": { type: "api_key", provider: "openrouter", key: "  " }
      }
    }
    expect(resolve({ store: unusable, env: { OPENROUTER_API_KEY: "sk-or-env" } })?.source).toBe(
      "env: OPENROUTER_API_KEY"
    )
  })

  it("a config apiKey naming an env var is read from the environment; `!command` keys are not run", () => {
    const named = { models: { providers: { openrouter: { apiKey: "MY_OR_KEY" } } } }
    expect(resolve({ config: named, env: { MY_OR_KEY: "sk-or-named" } })?.secret).toBe("sk-or-named")
    expect(resolve({ config: named })).toBeUndefined()
    expect(
      resolve({ config: { models: { providers: { openrouter: { apiKey: "!pass show or" } } } } })
    ).toBeUndefined()
  })
})
