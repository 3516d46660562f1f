/** Misspelt keys in the sections this tool reads (issue 13 item 6). */
import { describe, expect, it } from "@effect/vitest"
import { misspeltKeys, misspeltKeyWarning } from "../../src/domain/configKeys.js"
import { editDistance } from "../../src/domain/suggest.js"

describe("misspeltKeys", () => {
  it("names a near miss with the key it is likely to be, wherever the schema knows the place", () => {
    expect(
      misspeltKeys({
        agents: {
          defaults: { modle: "openai/gpt-5", models: { "openai/gpt-5": { alais: "g" } } },
          list: [{ id: "work", imagemodel: "openai/gpt-5" }]
        },
        models: { providers: { openai: { baseURL: "https://example.test", apikey: "sk-x" } } },
        auth: { profiles: { "anthropic:me": { provider: "anthropic", mdoe: "token" } } }
      })
    ).toEqual([
      { path: "agents.defaults.modle", suggestion: "agents.defaults.model" },
      {
        path: 'agents.defaults.models["openai/gpt-5"].alais',
        suggestion: 'agents.defaults.models["openai/gpt-5"].alias'
      },
      { path: "agents.list[0].imagemodel", suggestion: "agents.list[0].imageModel" },
      { path: "models.providers.openai.baseURL", suggestion: "models.providers.openai.baseUrl" },
      { path: "models.providers.openai.apikey", suggestion: "models.providers.openai.apiKey" },
      { path: 'auth.profiles["anthropic:me"].mdoe', suggestion: 'auth.profiles["anthropic:me"].mode' }
    ])
  })

  it("keys far from any known one, env variables and top-level sections are left alone", () => {
    expect(
      misspeltKeys({
        agent: {},
        agnets: {},
        gateway: { prot: 1 },
        agents: { defaults: { thinkingDefault: "low", sandbox: {}, heartbeat: {}, model: "a/b" } },
        models: { bedrockDiscovery: {}, providers: { local: { compat: {} } } },
        env: { MODEL: "x", vars: { MODLE: "y" } }
      })
    ).toEqual([])
  })

  it("counts a swap of two neighbours as one edit", () => {
    expect(editDistance("modle", "model")).toBe(1)
    expect(editDistance("model", "models")).toBe(1)
    expect(editDistance("api", "auth")).toBe(3)
  })

  it("words the warning as the CLI prints it", () => {
    expect(
      misspeltKeyWarning(
        { path: "agents.defaults.modle", suggestion: "agents.defaults.model" },
        "/home/u/.clawdbot/clawdbot.json"
      )
    ).toBe(
      "Warning: agents.defaults.modle in /home/u/.clawdbot/clawdbot.json is not a key clawdbot reads; did you mean agents.defaults.model?"
    )
  })
})
