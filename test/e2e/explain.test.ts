/** `models explain`, real binary on temp state dirs (run `node scripts/build.mjs` first). */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { runBin, type Sandbox, sandbox } from "../support/runBin.js"

const TOKEN = "sk-ant-oat01-ExplainE2eExplainE2e-0123456789"
const KEY = "sk-ant-api03-SpareE2eSpareE2eSpare-abcdefgh"
const ENV_KEY = "sk-ant-api03-EnvE2eEnvE2eEnvE2eEnv-98765432"
const OPENAI_KEY = "sk-proj-ConfigKeyConfigKeyConfig-0011223344"
const HOUR = 3_600_000
const NOW = Date.now()

const CONFIG = `{
  agents: {
    defaults: {
      model: { primary: "opus", fallbacks: ["fast", "google/gemini-3-pro"] },
      models: { "anthropic/claude-opus-4-5": {}, "openai/gpt-5-mini": { alias: "Fast" } }
    },
    list: [{ id: "main" }, { id: "cheap", model: { primary: "fast", fallbacks: [] } }]
  },
  models: { providers: { openai: { apiKey: "${OPENAI_KEY}" } } },
  auth: { order: { anthropic: ["anthropic:me", "anthropic:work", "anthropic:old"] } }
}`

const DOC = {
  version: 1,
  profiles: {
    "anthropic:work": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW + 72 * HOUR },
    "anthropic:me": { type: "oauth", provider: "anthropic", access: "a", refresh: "r", expires: NOW + HOUR },
    "anthropic:old": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW - HOUR },
    "anthropic:spare": { type: "api_key", provider: "anthropic", key: KEY }
  },
  usageStats: { "anthropic:me": { cooldownUntil: NOW + 10 * 60_000, errorCount: 2 } }
}

const seed = (box: Sandbox) => {
  mkdirSync(box.mainAgentDir, { recursive: true, mode: 0o700 })
  writeFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), JSON.stringify(DOC, null, 2), {
    mode: 0o600
  })
  writeFileSync(box.configPath, CONFIG)
}

/** Every file under the state dir with its content, to show nothing was written. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name)
        return [file, readFileSync(file, "utf8")]
      })
  )

const SECRETS = [TOKEN, KEY, ENV_KEY, OPENAI_KEY]
const expectNoSecret = (output: string) => {
  for (const secret of SECRETS) expect(output).not.toContain(secret.slice(12, 26))
}

describe("models explain, real binary", () => {
  it("explains the default in numbered steps: alias, key, catalog, allowlist, roles, credentials, fallbacks", async () => {
    const box = sandbox()
    seed(box)
    const before = snapshot(box.stateDir)
    const result = await runBin(box, ["models", "explain"], { env: { ANTHROPIC_API_KEY: ENV_KEY } })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines.slice(0, 5)).toEqual([
      "Agent: main",
      "1. Input: opus (the agent's default model, nothing given)",
      '2. Alias: "opus" is a built-in alias for anthropic/claude-opus-4-5 (attached to its allowlist entry)',
      "3. Normalisation: nothing changed",
      "4. Model: anthropic/claude-opus-4-5"
    ])
    expect(result.stdout).toContain("5. Catalog: Claude Opus 4.5")
    expect(result.stdout).toContain(
      "from the built-in (bundled) catalog\n   context 200k, input text+image, max output 64k, $5 in / $25 out per 1M tokens"
    )
    expect(result.stdout).toContain("6. Allowlist: allowed (in agents.defaults.models)")
    expect(result.stdout).toContain("7. Roles: default\n")
    expect(result.stdout).toContain(
      "   A run uses anthropic:work\n   1. anthropic:work  token  token:sk-ant-o...23456789  used first"
    )
    expect(result.stdout).toContain(
      "   2. anthropic:me  oauth  OAuth  cooldown 10m: skipped until then, tried last"
    )
    expect(result.stdout).toContain(
      "   - anthropic:old  token  token:sk-ant-o...23456789  skipped: token expired"
    )
    expect(result.stdout).toContain(
      "   - anthropic:spare  api_key  sk-ant-a...abcdefgh  skipped: not in auth.order"
    )
    expect(result.stdout).toContain(
      "   3. ANTHROPIC_API_KEY (env)  api_key  sk-ant-a...98765432  tried next if it fails"
    )
    expect(result.stdout).toContain(
      "9. Fallbacks tried after it: 1\n   1. openai/gpt-5-mini (alias Fast): credential models.providers.openai.apiKey\n   - google/gemini-3-pro-preview: skipped, not in the allowlist (agents.defaults.models)"
    )
    expectNoSecret(result.stdout)
    expect(snapshot(box.stateDir)).toEqual(before)
  })

  it("--json gives the same data; --agent explains that agent's default", async () => {
    const box = sandbox()
    seed(box)
    const result = await runBin(box, ["models", "explain", "--agent", "cheap", "--json"])
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout)
    expect(json).toMatchObject({
      agentId: "cheap",
      input: "fast",
      isDefault: true,
      alias: { name: "Fast", kind: "user", entry: "openai/gpt-5-mini" },
      key: "openai/gpt-5-mini",
      catalog: { source: "bundled", contextWindow: 400_000, cost: { input: 0.25, output: 2 } },
      allowlist: { configured: true, admitted: true, reason: "listed" },
      roles: [{ role: "default" }],
      credentials: { provider: "openai", use: "models.providers.openai.apiKey" },
      fallbackChain: "text",
      fallbacks: []
    })
    expectNoSecret(result.stdout)
  })

  it("an argument: normalisation said, a model the allowlist refuses and the catalog lacks", async () => {
    const box = sandbox()
    seed(box)
    const result = await runBin(box, ["models", "explain", "Z.AI/glm-nope", "--json"])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      input: "Z.AI/glm-nope",
      normalised: [{ part: "provider", from: "Z.AI", to: "zai" }],
      key: "zai/glm-nope",
      catalog: null,
      allowlist: { admitted: false, reason: "not-listed" },
      roles: [],
      credentials: { use: null, message: 'No API key found for provider "zai".' }
    })
    const text = await runBin(box, ["models", "explain", "Z.AI/glm-nope"])
    expect(text.stdout).toContain('3. Normalisation: provider "Z.AI" -> "zai"')
    expect(text.stdout).toContain("5. Catalog: not in the catalog")
    expect(text.stdout).toContain("6. Allowlist: NOT allowed: not in agents.defaults.models")
  })

  it("an invalid reference: one error naming it, non-zero exit, nothing on stdout", async () => {
    const box = sandbox()
    seed(box)
    const result = await runBin(box, ["models", "explain", "openai/"])
    expect(result.code).not.toBe(0)
    expect(result.stdout).toBe("")
    expect(result.stderr.trim()).toBe(
      'Error: Invalid model reference "openai/": use provider/model (e.g. anthropic/claude-opus-4-5) or an alias (`clawdbot models aliases list`).'
    )
    for (const [value, message] of [
      ["openai/gpt 5", 'Error: Invalid model reference "openai/gpt 5": it contains whitespace (U+0020).'],
      [
        "openai/\u001b]0;pwned\u0007gpt",
        'Error: Invalid model reference "openai/\\x1b]0;pwned\\x07gpt": it contains a control or invisible character (U+001B).'
      ]
    ]) {
      const refused = await runBin(box, ["models", "explain", value!, "--json"])
      expect(refused.code).not.toBe(0)
      expect(refused.stdout).toBe("")
      expect(refused.stderr.startsWith(message!)).toBe(true)
      expect(refused.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/)
    }
    const agent = await runBin(box, ["models", "explain", "--agent", "nobody"])
    expect(agent.code).not.toBe(0)
    expect(agent.stderr).toContain('Unknown agent "nobody"')
  })

  it("a model of the refreshed catalog says so", async () => {
    const box = sandbox()
    seed(box)
    mkdirSync(path.join(box.stateDir, "catalog"), { recursive: true, mode: 0o700 })
    const stored = {
      version: 1,
      fetchedAt: new Date(NOW).toISOString(),
      source: "https://models.dev/api.json",
      providers: ["openai"],
      models: [
        {
          provider: "openai",
          id: "gpt-9",
          name: "GPT-9",
          input: ["text"],
          contextWindow: 1_000_000,
          cost: { input: 1, output: 8 }
        }
      ]
    }
    writeFileSync(path.join(box.stateDir, "catalog", "models.json"), JSON.stringify(stored), { mode: 0o600 })
    const result = await runBin(box, ["models", "explain", "openai/gpt-9"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain(
      "5. Catalog: GPT-9, from the refreshed catalog (`models refresh`)\n   context 1000k, input text, max output unknown, $1 in / $8 out per 1M tokens"
    )
  })
})
