/** `models auth list` and `auth clear-cooldown`, real binary on temp state dirs. */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const TOKEN = "sk-ant-oat01-ListListListListListList-0123456789"
const KEY = "sk-proj-ListKeyListKeyListKey-abcdefghij"
const ENV_KEY = "AIzaSy-ListEnvListEnvListEnv-0123456789"
const HOUR = 3_600_000
const NOW = Date.now()

const storePath = (box: Sandbox) => path.join(box.mainAgentDir, "auth-profiles.json")
const seed = (box: Sandbox, doc: Record<string, unknown>, config = "{}") => {
  mkdirSync(box.mainAgentDir, { recursive: true, mode: 0o700 })
  writeFileSync(storePath(box), JSON.stringify({ version: 1, ...doc }, null, 2), { mode: 0o600 })
  writeFileSync(box.configPath, config)
}

const DOC = {
  profiles: {
    "anthropic:manual": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW + 72 * HOUR },
    "anthropic:me@x.com": {
      type: "oauth",
      provider: "anthropic",
      access: "a",
      refresh: "r",
      expires: NOW + HOUR
    },
    "anthropic:old": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW - HOUR },
    "openai:default": { type: "api_key", provider: "openai", key: KEY },
    "openai:kc": {
      type: "api_key",
      provider: "openai",
      keyRef: { keychain: "clawdbot/openai:kc@00000000", backend: "file" }
    }
  },
  usageStats: {
    "anthropic:me@x.com": { cooldownUntil: NOW + 10 * 60_000, errorCount: 2, lastUsed: 7 },
    "openai:default": {
      disabledUntil: NOW + 2 * HOUR,
      disabledReason: "billing",
      errorCount: 1,
      failureCounts: { billing: 1 },
      lastFailureAt: NOW
    }
  }
}

describe("models auth list, real binary", () => {
  it("every credential with health, expiry, where the secret is, rotation and cooldown; masks only", async () => {
    const box = sandbox()
    seed(box, DOC, '{ models: { providers: { openai: { apiKey: "sk-config-0123456789abcdef" } } } }')
    const result = await runBin(box, ["models", "auth", "list"], { env: { GEMINI_API_KEY: ENV_KEY } })
    expect(result.stderr).toBe("")
    const lines = result.stdout.split("\n")
    expect(lines.slice(0, 3)).toEqual([
      "Agent: main",
      "Auth file: ~/.clawdbot/agents/main/agent/auth-profiles.json",
      ""
    ])
    const rows = lines.slice(4, -1).map((line) => line.split(/ {2,}/))
    expect(lines[3]!.split(/ {2,}/)).toEqual([
      "Provider",
      "Credential",
      "Type",
      "Value",
      "Health",
      "Expires",
      "Secret in",
      "Order",
      "State"
    ])
    expect(rows).toEqual([
      [
        "anthropic",
        "anthropic:manual",
        "token",
        `token:${TOKEN.slice(0, 8)}...${TOKEN.slice(-8)}`,
        "ok",
        "in 3d",
        "file",
        "1 (next)",
        "ready"
      ],
      ["anthropic", "anthropic:me@x.com", "oauth", "OAuth", "expiring", "in 1h", "file", "2", "cooldown 10m"],
      [
        "anthropic",
        "anthropic:old",
        "token",
        `token:${TOKEN.slice(0, 8)}...${TOKEN.slice(-8)}`,
        "expired",
        "expired",
        "file",
        "-",
        "skipped: token expired"
      ],
      [
        "google",
        "env:GEMINI_API_KEY",
        "api_key",
        `${ENV_KEY.slice(0, 8)}...${ENV_KEY.slice(-8)}`,
        "static",
        "-",
        "env",
        "1 (next)",
        "ready"
      ],
      [
        "openai",
        "openai:default",
        "api_key",
        `${KEY.slice(0, 8)}...${KEY.slice(-8)}`,
        "static",
        "-",
        "file",
        "1",
        "disabled:billing 2h"
      ],
      [
        "openai",
        "openai:kc",
        "api_key",
        "missing",
        "missing",
        "-",
        "keychain.json",
        "-",
        "skipped: secret missing"
      ],
      [
        "openai",
        "config:models.providers.openai.apiKey",
        "api_key",
        "sk-confi...89abcdef",
        "static",
        "-",
        "config",
        "2 (next)",
        "ready"
      ]
    ])
    for (const secret of [TOKEN, KEY, ENV_KEY, "sk-config-0123456789abcdef"])
      expect(result.stdout).not.toContain(secret.slice(0, 12))
  })

  it("--json with --provider; no secret in it", async () => {
    const box = sandbox()
    seed(box, DOC)
    const result = await runBin(box, ["models", "auth", "list", "--provider", "OpenAI", "--json"])
    expect(result.stderr).toBe("")
    const out = JSON.parse(result.stdout)
    expect(out).toMatchObject({ agentId: "main", authStorePath: storePath(box) })
    expect(out.credentials.map((row: { id: string }) => row.id)).toEqual(["openai:default", "openai:kc"])
    expect(out.credentials[0]).toMatchObject({
      source: "profile",
      health: "static",
      secretIn: "file",
      position: 1,
      next: false,
      unusable: { kind: "disabled", reason: "billing" }
    })
    expect(out.credentials[1]).toMatchObject({
      secretIn: "keychain",
      keychain: { item: "clawdbot/openai:kc@00000000", backend: "file" },
      position: null,
      skipped: "secret missing"
    })
    expect(result.stdout).not.toContain(KEY.slice(0, 12))
  })

  it("an unknown --agent is an error naming the agents; a bad --provider too", async () => {
    const box = sandbox()
    seed(box, DOC)
    const agent = await runBin(box, ["models", "auth", "list", "--agent", "nope"])
    expect(agent.code).toBe(1)
    expect(agent.stderr).toBe(
      'Error: Unknown agent "nope". Known agents: main (agents.list in the config).\n'
    )
    const provider = await runBin(box, ["models", "auth", "list", "--provider", " "])
    expect(provider.stderr).toBe("Error: Missing --provider.\n")
  })

  it("hostile profile ids are escaped", async () => {
    const box = sandbox()
    seed(box, { profiles: { "openai:x\u001b[2J": { type: "api_key", provider: "openai", key: KEY } } })
    const result = await runBin(box, ["models", "auth", "list"])
    expect(result.stdout).not.toContain("\u001b")
    expect(result.stdout).toContain("openai:x\\x1b[2J")
  })
})

describe("models auth clear-cooldown, real binary", () => {
  it("clears the failure fields under the lock, keeps lastUsed, says what was in force", async () => {
    const box = sandbox()
    seed(box, DOC)
    const result = await runBin(box, ["models", "auth", "clear-cooldown", "--all"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toBe(
      "Cleared anthropic:me@x.com: cooldown 10m, 2 errors\n" +
        "Cleared openai:default: disabled:billing 2h, 1 error\n" +
        "Updated ~/.clawdbot/agents/main/agent/auth-profiles.json\n"
    )
    const store = JSON.parse(readFileSync(storePath(box), "utf8"))
    expect(store.usageStats).toEqual({ "anthropic:me@x.com": { lastUsed: 7 } })
    expect(store.profiles).toEqual(DOC.profiles)
    const list = await runBin(box, ["models", "auth", "list", "--provider", "openai", "--json"])
    expect(JSON.parse(list.stdout).credentials[0]).toMatchObject({ next: true, position: 1 })
  })

  it("by id and by provider; nothing to clear writes nothing", async () => {
    const box = sandbox()
    seed(box, DOC)
    const one = await runBin(box, ["models", "auth", "clear-cooldown", "openai:default", "--json"])
    expect(JSON.parse(one.stdout).cleared).toMatchObject([
      {
        profileId: "openai:default",
        fields: ["disabledUntil", "disabledReason", "errorCount", "failureCounts", "lastFailureAt"]
      }
    ])
    const before = readFileSync(storePath(box), "utf8")
    const mtime = statSync(storePath(box)).mtimeMs
    const again = await runBin(box, ["models", "auth", "clear-cooldown", "--provider", "openai"])
    expect(again.stdout).toBe(
      "Nothing to clear: no cooldown, disable or error count on the profiles of openai.\n"
    )
    const clean = await runBin(box, ["models", "auth", "clear-cooldown", "anthropic:manual"])
    expect(clean.stdout).toBe("Nothing to clear: no cooldown, disable or error count on anthropic:manual.\n")
    expect(readFileSync(storePath(box), "utf8")).toBe(before)
    expect(statSync(storePath(box)).mtimeMs).toBe(mtime)
  })

  it("no selector, or an unknown id: a clear error, nothing written", async () => {
    const box = sandbox()
    seed(box, DOC)
    const before = readFileSync(storePath(box), "utf8")
    const none = await runBin(box, ["models", "auth", "clear-cooldown"])
    expect(none.code).toBe(1)
    expect(none.stderr).toBe(
      "Error: Say which cooldowns to clear: profile ids, --provider <id> (all of one provider) or --all.\n"
    )
    const unknown = await runBin(box, ["models", "auth", "clear-cooldown", "openai:nope"])
    expect(unknown.stderr).toContain(
      'Error: Auth profile "openai:nope" not found in ~/.clawdbot/agents/main/agent.'
    )
    const mixed = await runBin(box, ["models", "auth", "clear-cooldown", "--all", "--provider", "openai"])
    expect(mixed.stderr).toContain("not several")
    expect(readFileSync(storePath(box), "utf8")).toBe(before)
  })
})
