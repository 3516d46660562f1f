/**
 * A config with a wrong value or a misspelt key, through `bin/clawdbot` on a temp state dir (issue 13 item 6).
 * Run `node scripts/build.mjs` first (`npm test` does).
 */
import { describe, expect, it } from "@effect/vitest"
import { tempStateForTest } from "../support/tempState.js"

const API_KEY = "sk-proj-cfgSECRETcfgSECRETcfgSECRET-0042"

describe("config errors in the user's words (issue 13 item 6)", () => {
  it("a wrong type is one line per key: what is accepted and what it holds, no type text, no secret", async () => {
    const state = tempStateForTest()
    const text = `{
  agents: { defaults: { model: { primary: "openai/gpt-5", fallbacks: "openai/gpt-4o" } }, list: [{ model: 5 }] },
  models: { mode: "fast", providers: { openai: { apiKey: ["${API_KEY}"] } } },
}
`
    state.writeConfig(text)
    for (const args of [
      ["models", "status"],
      ["models", "fallbacks", "add", "openai/gpt-5-mini"]
    ]) {
      const result = await state.run(args)
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      expect(result.stderr).toBe(
        [
          `Error: Invalid config at ${state.configPath}`,
          '- agents.defaults.model.fallbacks: expected a list of "provider/model" strings, got a string ("openai/gpt-4o")',
          "- agents.list[0].id: missing; expected a string",
          '- agents.list[0].model: expected a "provider/model" string or { primary, fallbacks }, got a number',
          '- models.mode: expected "merge" or "replace", got a different string',
          "- models.providers.openai.apiKey: expected a string, got a list",
          ""
        ].join("\n")
      )
    }
    expect(state.readConfigText()).toBe(text)
  })

  it("a misspelt key is a warning naming the likely key, once per run; the command still works", async () => {
    const state = tempStateForTest()
    state.writeConfig({
      agents: {
        defaults: { modle: "openai/gpt-5", model: "anthropic/claude-opus-4-5", thinkingDefault: "low" }
      },
      gateway: { port: 18789 }
    })
    const status = await state.run(["models", "status", "--plain"])
    expect(status.code).toBe(0)
    expect(status.stdout).toBe("anthropic/claude-opus-4-5\n")
    const warning = `Warning: agents.defaults.modle in ${state.configPath} is not a key clawdbot reads; did you mean agents.defaults.model?\n`
    expect(status.stderr).toBe(warning)
    // An edit reads the config more than once: still one warning, and the key is kept as written.
    const set = await state.run(["models", "set", "openai/gpt-5"])
    expect(set.code).toBe(0)
    expect(set.stderr).toBe(warning)
    expect(state.readConfig().agents.defaults.modle).toBe("openai/gpt-5")
  })
})
