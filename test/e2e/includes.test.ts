/**
 * Issue 11 item 1, end to end: a config built from `$include` files is read as one document by every command, and
 * an edit lands in the file that holds the key, keeping its comments; the main file keeps its `$include`.
 * Spawns `bin/clawdbot` (run `node scripts/build.mjs` first).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { startFakeOpenRouter } from "../support/fakeOpenRouter.mjs"
import { runCli } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

const MAIN = `// main config: the models and auth sections live in their own files
{
  $include: ["./conf/models.json5", "./conf/auth.json5"],
  gateway: { port: 18789 },
}
`
const MODELS = `// models, edited by hand
{
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-5", // first choice
        fallbacks: [
          "openai/gpt-5.2", // cheap
          "google/gemini-3-pro-preview",
        ],
      },
      models: {
        "anthropic/claude-opus-4-5": { alias: "big" }, // the big one
        "openai/gpt-5.2": { alias: "cheap" },
        "google/gemini-3-pro-preview": {},
      },
    },
  },
}
`
const AUTH = `// auth metadata (no secrets)
{
  auth: {
    profiles: {
      "anthropic:default": { provider: "anthropic", mode: "api_key" },
    },
  },
}
`

const file = (name: string) => path.join(state.stateDir, name)
const read = (name: string) => fs.readFileSync(file(name), "utf8")

const seed = () => {
  fs.mkdirSync(file("conf"), { recursive: true, mode: 0o700 })
  fs.writeFileSync(state.configPath, MAIN, { mode: 0o600 })
  fs.writeFileSync(file("conf/models.json5"), MODELS, { mode: 0o600 })
  fs.writeFileSync(file("conf/auth.json5"), AUTH, { mode: 0o600 })
}

const run = async (args: ReadonlyArray<string>, code = 0) => {
  const result = await state.run(args)
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code, stderr: expect.any(String) })
  return result
}

describe("$include on read (spec §1.1)", () => {
  it("status, list and fallbacks/aliases list see the included sections", async () => {
    seed()
    const status = JSON.parse((await run(["models", "status", "--json"])).stdout)
    expect(status).toMatchObject({
      defaultModel: "anthropic/claude-opus-4-5",
      fallbacks: ["openai/gpt-5.2", "google/gemini-3-pro-preview"],
      aliases: { big: "anthropic/claude-opus-4-5", cheap: "openai/gpt-5.2" },
      allowed: ["anthropic/claude-opus-4-5", "openai/gpt-5.2", "google/gemini-3-pro-preview"]
    })
    const list = JSON.parse((await run(["models", "list", "--json"])).stdout)
    expect(list.models.map((model: { key: string; tags: Array<string> }) => [model.key, model.tags])).toEqual(
      [
        ["anthropic/claude-opus-4-5", ["default", "configured", "alias:big"]],
        ["openai/gpt-5.2", ["fallback#1", "configured", "alias:cheap"]],
        // the reference attaches the built-in `gemini` to an allowlisted target without an alias (spec §2.5)
        ["google/gemini-3-pro-preview", ["fallback#2", "configured", "alias:gemini"]]
      ]
    )
    expect((await run(["models", "fallbacks", "list", "--plain"])).stdout).toBe(
      "openai/gpt-5.2\ngoogle/gemini-3-pro-preview\n"
    )
    expect((await run(["models", "aliases", "list", "--json"])).stdout).toContain('"cheap": "openai/gpt-5.2"')
  })

  it("a missing included file is one clear error naming it and who includes it; nothing is written", async () => {
    seed()
    fs.rmSync(file("conf/auth.json5"))
    const result = await run(["models", "fallbacks", "clear"], 1)
    expect(result.stderr).toBe(
      `Error: Invalid config at ${state.configPath}\n- $include "./conf/auth.json5" in ${state.configPath}: ${file("conf/auth.json5")} does not exist\n`
    )
    expect(read("clawdbot.json")).toBe(MAIN)
    expect(read("conf/models.json5")).toBe(MODELS)
  })
})

describe("$include on write: the edit lands in the file holding the key", () => {
  it("fallbacks clear empties the included list, keeping that file's comments; the main file is untouched", async () => {
    seed()
    await run(["models", "fallbacks", "clear"])
    expect(read("clawdbot.json")).toBe(MAIN)
    const models = read("conf/models.json5")
    expect(models).toContain("// models, edited by hand")
    expect(models).toContain('primary: "anthropic/claude-opus-4-5", // first choice')
    expect(models).toMatch(/fallbacks: \[\],/)
    expect(read("conf/auth.json5")).toBe(AUTH)
    expect((await run(["models", "fallbacks", "list", "--plain"])).stdout).toBe("")
  })

  it("aliases remove takes the alias out of the included file", async () => {
    seed()
    await run(["models", "aliases", "remove", "cheap"])
    const models = read("conf/models.json5")
    expect(models).not.toContain('alias: "cheap"')
    expect(models).toContain('"anthropic/claude-opus-4-5": { alias: "big" }, // the big one')
    expect(read("clawdbot.json")).toBe(MAIN)
    expect(JSON.parse((await run(["models", "aliases", "list", "--json"])).stdout).aliases).toEqual({
      big: "anthropic/claude-opus-4-5",
      gemini: "google/gemini-3-pro-preview"
    })
  })

  it("set changes the primary and allowlists the model in the included file", async () => {
    seed()
    await run(["models", "set", "openai/gpt-4o"])
    const models = read("conf/models.json5")
    expect(models).toContain('primary: "openai/gpt-4o", // first choice')
    expect(models).toContain('"openai/gpt-4o"')
    expect(read("clawdbot.json")).toBe(MAIN)
    expect(JSON.parse((await run(["models", "status", "--json"])).stdout).defaultModel).toBe("openai/gpt-4o")
  })

  it("fallbacks add, aliases add, set-image and image-fallbacks add write into the included file too", async () => {
    seed()
    await run(["models", "fallbacks", "add", "openai/gpt-4o"])
    await run(["models", "aliases", "add", "mini", "openai/gpt-4o"])
    await run(["models", "set-image", "openai/gpt-5.2"])
    await run(["models", "image-fallbacks", "add", "google/gemini-3-pro-preview"])
    expect(read("clawdbot.json")).toBe(MAIN)
    expect(read("conf/auth.json5")).toBe(AUTH)
    expect(read("conf/models.json5")).toContain("// the big one")
    expect(JSON.parse((await run(["models", "status", "--json"])).stdout)).toMatchObject({
      fallbacks: ["openai/gpt-5.2", "google/gemini-3-pro-preview", "openai/gpt-4o"],
      aliases: { mini: "openai/gpt-4o" },
      imageModel: "openai/gpt-5.2",
      imageFallbacks: ["google/gemini-3-pro-preview"]
    })
  })

  it("paste-token records the profile metadata in the included auth file, never the token", async () => {
    seed()
    const token = "sk-test-pasted-0123456789abcdefXYZ"
    const pasted = await runCli(["models", "auth", "paste-token", "--provider", "openai"], {
      env: state.env,
      input: `${token}\n`
    })
    expect({ code: pasted.code, stderr: pasted.stderr }).toEqual({ code: 0, stderr: "" })
    const auth = read("conf/auth.json5")
    expect(auth).toContain("// auth metadata (no secrets)")
    expect(auth).toContain('"openai:manual"')
    expect(auth).not.toContain(token)
    expect(read("clawdbot.json")).toBe(MAIN)
    expect(read("conf/models.json5")).toBe(MODELS)
  })
})

describe("$include with scan (spec §3.9)", () => {
  it("scan --yes --set-default writes fallbacks, primary and allowlist into the included file", async () => {
    const fake = await startFakeOpenRouter({ latencyMs: 5 })
    try {
      seed()
      const main = MAIN.replace(
        "gateway: { port: 18789 },",
        `gateway: { port: 18789 },\n  models: { providers: { openrouter: { baseUrl: "${fake.baseUrl}" } } },`
      )
      fs.writeFileSync(state.configPath, main, { mode: 0o600 })
      const result = await state.run(["models", "scan", "--yes", "--max-candidates", "2", "--set-default"], {
        OPENROUTER_API_KEY: "sk-or-v1-fake-key-0123456789abcdef"
      })
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
      expect(read("clawdbot.json")).toBe(main)
      const models = read("conf/models.json5")
      expect(models).toContain("// first choice")
      const status = JSON.parse((await run(["models", "status", "--json"])).stdout)
      expect(status.fallbacks).toHaveLength(2)
      expect(status.defaultModel).toBe(status.fallbacks[0])
      for (const key of status.fallbacks) expect(models).toContain(`"${key}"`)
    } finally {
      await fake.close()
    }
  })
})
