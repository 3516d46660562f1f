import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const seedStore = (dir: string, profiles: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  writeFileSync(path.join(dir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles, ...extra }), {
    mode: 0o600
  })
}
const storeOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, "auth-profiles.json"), "utf8"))

const PROFILES = {
  "anthropic:a": { type: "token", provider: "anthropic", token: "t-a" },
  "anthropic:b": { type: "api_key", provider: "anthropic", key: "k-b" },
  "openai:default": { type: "api_key", provider: "openai", key: "k-o" }
}

const order = (box: Sandbox, ...args: Array<string>) => runBin(box, ["models", "auth", "order", ...args])

describe("models auth order get|set|clear (spec §3.14), real binary", () => {
  it("get with no override, set (trimmed, deduped), get --json, clear", async () => {
    const box = sandbox()
    seedStore(box.mainAgentDir, PROFILES)
    const none = await order(box, "get", "--provider", "anthropic")
    expect(none.code).toBe(0)
    expect(none.stdout).toBe(
      "Agent: main\nProvider: anthropic\nAuth file: ~/.clawdbot/agents/main/agent/auth-profiles.json\nOrder override: (none)\n"
    )

    const set = await order(
      box,
      "set",
      "--provider",
      "anthropic",
      " anthropic:b ",
      "anthropic:a",
      "anthropic:b"
    )
    expect(set.stderr).toBe("")
    expect(set.stdout).toBe("Agent: main\nProvider: anthropic\nOrder override: anthropic:b, anthropic:a\n")
    expect(storeOf(box.mainAgentDir).order).toEqual({ anthropic: ["anthropic:b", "anthropic:a"] })
    expect(storeOf(box.mainAgentDir).profiles).toEqual(PROFILES)

    const json = await order(box, "get", "--provider", "anthropic", "--json")
    expect(JSON.parse(json.stdout)).toEqual({
      agentId: "main",
      agentDir: box.mainAgentDir,
      provider: "anthropic",
      authStorePath: "~/.clawdbot/agents/main/agent/auth-profiles.json",
      order: ["anthropic:b", "anthropic:a"]
    })

    const clear = await order(box, "clear", "--provider", "anthropic")
    expect(clear.stdout).toBe("Agent: main\nProvider: anthropic\nCleared per-agent order override.\n")
    expect(storeOf(box.mainAgentDir).order).toBeUndefined()
    const after = await order(box, "get", "--provider", "anthropic", "--json")
    expect(JSON.parse(after.stdout).order).toBeNull()
  })

  it("set prints a hand-edited profile id escaped, as get does", async () => {
    const box = sandbox()
    const hostile = "anthropic:x\u001b[2J\u001b]0;pwned\u0007"
    seedStore(box.mainAgentDir, { [hostile]: { type: "token", provider: "anthropic", token: "t-x" } })
    const set = await order(box, "set", "--provider", "anthropic", hostile)
    expect(set.code).toBe(0)
    expect(set.stdout).not.toContain("\u001b")
    expect(set.stdout).toContain("Order override: anthropic:x\\x1b[2J\\x1b]0;pwned\\x07\n")
    expect(storeOf(box.mainAgentDir).order).toEqual({ anthropic: [hostile] })
  })

  it("refuses unknown and wrong-provider ids and leaves the store unchanged", async () => {
    const box = sandbox()
    seedStore(box.mainAgentDir, PROFILES, { order: { anthropic: ["anthropic:a"] } })
    const before = readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8")

    const unknown = await order(box, "set", "--provider", "anthropic", "anthropic:a", "anthropic:nope")
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe(
      'Error: Auth profile "anthropic:nope" not found in ~/.clawdbot/agents/main/agent.\n'
    )

    const wrong = await order(box, "set", "--provider", "anthropic", "openai:default")
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toBe('Error: Auth profile "openai:default" is for openai, not anthropic.\n')

    const empty = await order(box, "set", "--provider", "anthropic", " ", "")
    expect(empty.code).toBe(1)
    expect(empty.stderr).toBe("Error: Missing profile ids. Provide one or more profile ids.\n")

    const blank = await order(box, "get", "--provider", " ")
    expect(blank.stderr).toBe("Error: Missing --provider.\n")

    expect(readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8")).toBe(before)
  })

  it("a profile whose provider is spelled another way (z.ai, Anthropic) belongs to the normalised provider", async () => {
    const box = sandbox()
    seedStore(box.mainAgentDir, {
      "zai:legacy": { type: "api_key", provider: "z.ai", key: "k-z" },
      "anthropic:caps": { type: "token", provider: "Anthropic", token: "t-c" }
    })
    const zai = await order(box, "set", "--provider", "zai", "zai:legacy")
    expect(zai.stderr).toBe("")
    expect(zai.stdout).toBe("Agent: main\nProvider: zai\nOrder override: zai:legacy\n")
    const anthropic = await order(box, "set", "--provider", "anthropic", "anthropic:caps")
    expect(anthropic.stderr).toBe("")
    expect(storeOf(box.mainAgentDir).order).toEqual({ zai: ["zai:legacy"], anthropic: ["anthropic:caps"] })
  })

  it("uses the per-agent dir: config agentDir, else <state>/agents/<id>/agent", async () => {
    const box = sandbox()
    const custom = path.join(box.home, "agents-elsewhere", "work")
    mkdirSync(box.stateDir, { recursive: true })
    writeFileSync(
      box.configPath,
      JSON.stringify({
        agents: { list: [{ id: "work", default: true, agentDir: "~/agents-elsewhere/work" }, { id: "ops" }] }
      })
    )
    seedStore(custom, { "openai:w": { type: "api_key", provider: "openai", key: "k" } })
    seedStore(path.join(box.stateDir, "agents", "ops", "agent"), {
      "openai:o": { type: "api_key", provider: "openai", key: "k" }
    })

    const work = await order(box, "set", "--provider", "openai", "openai:w")
    expect(work.stdout).toContain("Agent: work\n")
    expect(storeOf(custom).order).toEqual({ openai: ["openai:w"] })

    const ops = await order(box, "set", "--provider", "openai", "--agent", "ops", "openai:o")
    expect(ops.stdout).toContain("Agent: ops\n")
    expect(storeOf(path.join(box.stateDir, "agents", "ops", "agent")).order).toEqual({ openai: ["openai:o"] })

    const missing = await order(box, "set", "--provider", "openai", "--agent", "ops", "openai:w")
    expect(missing.stderr).toBe('Error: Auth profile "openai:w" not found in ~/.clawdbot/agents/ops/agent.\n')
  })
})
