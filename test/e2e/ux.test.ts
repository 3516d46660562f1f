/**
 * End-to-end rough edges a first user hit (UX pass): each test spawns `bin/clawdbot` on a temp HOME and state dir.
 * Run `npm run build` first (`npm test` does).
 */

import * as fs from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { runCli } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

const API_KEY = "sk-proj-uxSECRETuxSECRETuxSECRET-0042"
const HEADER = "Bearer sk-hdrSECRETsk-hdrSECRET-0042"

describe("an invalid config never quotes its secrets (spec §1.1, README: secrets never in errors)", () => {
  it("a wrong value beside an apiKey names only its own key", async () => {
    const text = `{
  // hand-written
  models: { providers: { openai: { apiKey: "${API_KEY}", baseUrl: 5 } } },
}
`
    state.writeConfig(text)
    for (const args of [
      ["models", "status"],
      ["models", "set", "openai/gpt-5.2"]
    ]) {
      const result = await state.run(args)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain("- models.providers.openai.baseUrl: expected a string, got a number")
      expect(result.stderr).not.toContain("SECRET")
      expect(result.stderr).not.toContain("Expected undefined")
    }
    expect(state.readConfigText()).toBe(text)
  })

  it("a secret-bearing key of the wrong type is described, not quoted", async () => {
    state.writeConfig({
      models: { providers: { openai: { apiKey: [API_KEY], headers: HEADER } } },
      env: { vars: { OPENAI_API_KEY: { value: API_KEY } } }
    })
    const result = await state.run(["models", "list"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("models.providers.openai.apiKey: expected a string, got a list")
    expect(result.stderr).toContain(
      "models.providers.openai.headers: expected an object of strings, got a string"
    )
    expect(result.stderr).toContain("env.vars.OPENAI_API_KEY: expected a string, got an object")
    expect(result.stderr).not.toContain("SECRET")
  })
})

describe("status --probe-model (issue 3 item 8)", () => {
  it("a model of a provider without credentials is an error naming the flag and what exists", async () => {
    const result = await state.run(["models", "status", "--probe", "--probe-model", "opanai/gpt-5.2"], {
      ANTHROPIC_API_KEY: API_KEY
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim()).toBe(
      "Error: --probe-model opanai/gpt-5.2: no credentials are configured for opanai (providers with credentials: anthropic)."
    )
  })
})

describe("auth paste-token --profile-id (spec §1.4, §3.13)", () => {
  it("an id naming another provider is refused before the token is read; nothing is written", async () => {
    const result = await runCli(
      ["models", "auth", "paste-token", "--provider", "openai", "--profile-id", "anthropic:work"],
      { env: state.env, input: `${API_KEY}\n` }
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim()).toBe(
      'Error: Invalid --profile-id "anthropic:work": it must start with "openai:" to match --provider openai (e.g. openai:manual).'
    )
    expect(fs.existsSync(state.stateDir)).toBe(false)
  })

  it("a prefix that normalises to the provider is accepted", async () => {
    const result = await runCli(
      ["models", "auth", "paste-token", "--provider", "zai", "--profile-id", "Z.AI:work"],
      { env: state.env, input: `${API_KEY}\n` }
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Auth profile: Z.AI:work (zai/token)")
  })
})

describe("auth order: which agent (spec §1.3, §3.14)", () => {
  const config = `{
  // spec §1.2 shape, hand-written
  agents: {
    list: [
      { id: "main", default: true },
      { id: "work", default: true, agentDir: "~/work-agent" },
    ],
  },
}
`
  it("several default agents: a warning on stderr, the first wins, --json stays pure", async () => {
    state.writeConfig(config)
    const result = await state.run(["models", "auth", "order", "get", "--provider", "anthropic", "--json"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).agentId).toBe("main")
    expect(result.stderr).toBe(
      "Warning: several agents in agents.list have default: true (main, work); using the first, main.\n"
    )
  })

  it("an --agent that agents.list does not name is warned about, naming the known ones", async () => {
    state.writeConfig(config)
    const result = await state.run([
      "models",
      "auth",
      "order",
      "get",
      "--provider",
      "anthropic",
      "--agent",
      "wrok"
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Agent: wrok")
    expect(result.stderr).toBe(
      'Warning: agent "wrok" is not in agents.list (known: main, work); using its default dir.\n'
    )
    const known = await state.run([
      "models",
      "auth",
      "order",
      "get",
      "--provider",
      "anthropic",
      "--agent",
      "work"
    ])
    expect(known.stderr).toBe("")
    expect(known.stdout).toContain(`Auth file: ~/work-agent/auth-profiles.json`)
  })
})

describe("model references (spec §2.4)", () => {
  it.each([[["models", "set", ""]], [["models", "fallbacks", "add", "  "]]])(
    "a blank model in %j is called empty, not printed as nothing",
    async (args) => {
      const result = await state.run(args)
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(
        "Error: Invalid model reference: (empty). Use provider/model (e.g. anthropic/claude-opus-4-5) or an alias.\n"
      )
    }
  )
})

describe("auth help names what each flag takes (issue 5)", () => {
  it.each([
    [["paste-token"], ["--provider <id>", "--profile-id <id>", "--expires-in <duration>"]],
    [
      ["order", "set"],
      ["clawdbot models auth order set [<profileIds>...] [flags]", "--provider <id>"]
    ],
    [["list"], ["--provider <id>", "--agent <id>", "--json"]],
    [["remove"], ["clawdbot models auth remove [<profileId>...] [flags]", "-y, --yes", "--provider <id>"]],
    [["clear-cooldown"], ["clawdbot models auth clear-cooldown [<profileId>...] [flags]", "--all"]]
  ])("`models auth %j --help` shows ids and durations, not `text`", async (verb, labels) => {
    const result = await state.run(["models", "auth", ...verb, "--help"])
    expect(result.code).toBe(0)
    for (const label of labels) expect(result.stdout).toContain(label)
    expect(result.stdout).not.toMatch(/--[a-z-]+ <?text\b/)
  })

  it("`paste-token --help` says what a profile id looks like", async () => {
    const result = await state.run(["models", "auth", "paste-token", "--help"])
    expect(result.stdout.replace(/\s+/g, " ")).toContain(
      "Auth profile id, <provider>:<name> (default: <provider>:manual)"
    )
  })
})

describe("list with a configured Ollama that is down (issue 2 item 6)", () => {
  it("says so on stderr once, naming the URL and the key to fix; --json stays pure", async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = http.createServer()
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo
        probe.close(() => resolve(`http://127.0.0.1:${port}`))
      })
    })
    state.writeConfig({ models: { providers: { ollama: { baseUrl: closed } } } })
    const result = await state.run(["models", "list", "--all", "--local", "--json"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).count).toBe(0)
    expect(result.stderr).toBe(
      `Warning: could not list Ollama models from ${closed}/api/tags (not reachable); check that Ollama runs there, or set models.providers.ollama.baseUrl.\n`
    )
  })
})

describe("status probe options without --probe (spec §3.2)", () => {
  it("are reported as ignored on stderr; --json stays pure", async () => {
    const result = await state.run([
      "models",
      "status",
      "--probe-provider",
      "openai",
      "--probe-all-models",
      "--json"
    ])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).auth.probes).toBeUndefined()
    expect(result.stderr).toBe(
      "Warning: --probe-provider, --probe-all-models only apply with --probe; nothing was probed.\n"
    )
    const plain = await state.run(["models", "status", "--plain"])
    expect(plain.stderr).toBe("")
  })
})

describe("set / fallbacks add of a model nobody knows (spec §3.4, §3.7)", () => {
  it("writes it (as the reference does) but warns on stderr; a known model is silent", async () => {
    const typo = await state.run(["models", "set", "gtp-5"])
    expect(typo.code).toBe(0)
    expect(typo.stdout).toContain("Default model: anthropic/gtp-5")
    expect(typo.stderr).toContain("Warning: anthropic/gtp-5 is not in the model catalog")
    const fallback = await state.run(["models", "fallbacks", "add", "opnai/gpt-5.2"])
    expect(fallback.code).toBe(0)
    expect(fallback.stderr).toBe(
      "Warning: provider opnai is not known; configure it under models.providers.opnai, or check the spelling.\n"
    )
    const known = await state.run(["models", "set-image", "openai/gpt-5.2"])
    expect(known.stderr).toBe("")
    // Models of the implicit providers (spec §1.5) are known, with or without their key in this shell.
    const implicit = await state.run(["models", "fallbacks", "add", "moonshot/kimi-k2-0905-preview"])
    expect(implicit.stderr).toBe("")
    const implicitTypo = await state.run(["models", "fallbacks", "add", "moonshot/kimi-k3"])
    expect(implicitTypo.stderr).toContain("Warning: moonshot/kimi-k3 is not in the model catalog")
  })
})
