import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import {
  agentChoiceWarnings,
  agentDirOf,
  agentSelection,
  configForAgent,
  defaultAgentId,
  knownAgentIds,
  lookupAgentId,
  modelChainOf,
  normalizeAgentId,
  resolveAgentId
} from "../../src/domain/agents.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"

const config: ClawdbotConfig = {
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] },
      imageModel: "openai/gpt-5.2",
      models: { "anthropic/claude-opus-4-5": { alias: "opus" } }
    },
    list: [
      { id: "main" },
      { id: "work", default: true, model: { primary: "openai/gpt-5.2" }, agentDir: "~/work-agent" },
      {
        id: "Night Shift",
        model: { primary: "google/gemini-3-pro", fallbacks: [] },
        imageModel: "google/gemini-3-pro"
      },
      { id: "plain", model: "zai/glm-4.7" }
    ]
  }
}

const paths = { home: "/home/u", agentDirOf: (id: string) => `/state/agents/${id}/agent` }

describe("agent ids (spec §1.3)", () => {
  it.each([
    ["work", "work"],
    ["  Work_2 ", "Work_2"],
    ["Night Shift", "night-shift"],
    ["--!!--", "main"],
    ["x".repeat(70), "x".repeat(64)]
  ])("normalizeAgentId(%j) = %j", (raw, expected) => {
    expect(normalizeAgentId(raw)).toBe(expected)
  })

  it("the default agent is the first default: true, else the first entry, else main", () => {
    expect(defaultAgentId(config)).toBe("work")
    expect(defaultAgentId({ agents: { list: [{ id: "a" }, { id: "b" }] } })).toBe("a")
    expect(defaultAgentId({})).toBe("main")
  })

  it("a requested id is normalised; a missing or blank one is the default agent", () => {
    expect(resolveAgentId(config, "Night Shift")).toBe("night-shift")
    expect(resolveAgentId(config)).toBe("work")
    expect(resolveAgentId(config, "  ")).toBe("work")
  })

  it("known ids are main plus every listed agent, once each", () => {
    expect(knownAgentIds(config)).toEqual(["main", "work", "night-shift", "plain"])
    expect(knownAgentIds({})).toEqual(["main"])
  })

  it("an unknown agent is refused with a message naming the ids that exist", () => {
    expect(lookupAgentId(config, "wrok")).toEqual(
      Either.left(
        'Unknown agent "wrok". Known agents: main, work, night-shift, plain (agents.list in the config).'
      )
    )
    expect(lookupAgentId(config, "plain")).toEqual(Either.right("plain"))
    expect(lookupAgentId(config)).toEqual(Either.right("work"))
  })

  it("warns about several defaults and about an --agent the list does not name", () => {
    const twoDefaults: ClawdbotConfig = {
      agents: {
        list: [
          { id: "a", default: true },
          { id: "b", default: true }
        ]
      }
    }
    expect(agentChoiceWarnings(twoDefaults)).toEqual([
      "Warning: several agents in agents.list have default: true (a, b); using the first, a."
    ])
    expect(agentChoiceWarnings(config, "main")).toEqual([])
    expect(agentChoiceWarnings(config, "ghost")).toEqual([
      'Warning: agent "ghost" is not in agents.list (known: main, work, night-shift, plain); using its default dir.'
    ])
  })
})

describe("agentSelection: an agent's own model over agents.defaults", () => {
  it("an agent without an override sees the defaults", () => {
    expect(agentSelection(config, "main")).toEqual({
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] },
      imageModel: "openai/gpt-5.2"
    })
  })

  it("the agent's primary wins and the default fallbacks stay when it names none", () => {
    expect(agentSelection(config, "work").model).toEqual({
      primary: "openai/gpt-5.2",
      fallbacks: ["openai/gpt-5.2"]
    })
  })

  it("an explicit empty fallbacks list turns the default fallbacks off; imageModel is overridden too", () => {
    expect(agentSelection(config, "night-shift")).toEqual({
      model: { primary: "google/gemini-3-pro", fallbacks: [] },
      imageModel: { primary: "google/gemini-3-pro" }
    })
  })

  it("a bare string override sets only the primary", () => {
    expect(agentSelection(config, "plain").model).toEqual({
      primary: "zai/glm-4.7",
      fallbacks: ["openai/gpt-5.2"]
    })
  })

  it("configForAgent puts the agent's selection in agents.defaults and keeps everything else", () => {
    const seen = configForAgent(config, "work")
    expect(seen.agents?.defaults?.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: ["openai/gpt-5.2"] })
    expect(seen.agents?.defaults?.imageModel).toBe("openai/gpt-5.2")
    expect(seen.agents?.defaults?.models).toEqual(config.agents?.defaults?.models)
    expect(seen.agents?.list).toBe(config.agents?.list)
    expect(configForAgent(config, "main")).toBe(config)
  })
})

describe("agentDirOf (spec §1.3)", () => {
  it("uses agents.list[].agentDir with ~ expanded, else <state>/agents/<id>/agent", () => {
    expect(agentDirOf(config, "work", paths)).toBe("/home/u/work-agent")
    expect(agentDirOf(config, "plain", paths)).toBe("/state/agents/plain/agent")
    expect(agentDirOf(config, "ghost", paths)).toBe("/state/agents/ghost/agent")
  })
})

describe("modelChainOf: the agent's chain, resolved through aliases", () => {
  it("resolves the default agent's override and the defaults' aliases", () => {
    const chain = modelChainOf(config, "main")
    expect(chain.primary).toEqual({
      input: "anthropic/claude-opus-4-5",
      key: "anthropic/claude-opus-4-5",
      provider: "anthropic",
      model: "claude-opus-4-5"
    })
    expect(chain.fallbacks.map((ref) => ref.key)).toEqual(["openai/gpt-5.2"])
    expect(chain.imageModel?.key).toBe("openai/gpt-5.2")
    expect(modelChainOf(config, "work").primary.key).toBe("openai/gpt-5.2")
    expect(modelChainOf(config, "night-shift")).toMatchObject({ agentId: "night-shift", fallbacks: [] })
  })

  it("an alias resolves to its key and keeps the alias; an unset primary is the built-in default", () => {
    const aliased: ClawdbotConfig = {
      agents: {
        defaults: {
          model: { fallbacks: ["opus", "not a ref/"] },
          models: { "anthropic/claude-opus-4-5": { alias: "opus" } }
        }
      }
    }
    const chain = modelChainOf(aliased, "main")
    expect(chain.primary.key).toBe("anthropic/claude-opus-4-5")
    expect(chain.fallbacks).toEqual([
      {
        input: "opus",
        key: "anthropic/claude-opus-4-5",
        provider: "anthropic",
        model: "claude-opus-4-5",
        alias: "opus"
      }
    ])
    expect(chain.imageModel).toBeNull()
  })
})
