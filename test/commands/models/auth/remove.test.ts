/**
 * `models auth remove`, real binary on temp state dirs: what goes (store entries, order, lastGood, usage, config
 * metadata, keychain items), what stays (comments in the config), and the confirmation rules.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { keychainAccount } from "../../../../src/programs/auth.js"
import { KEYS } from "../../../support/pty.js"
import { hasScript, runPtySteps } from "../../../support/ptySteps.js"
import { hasSecretService } from "../../../support/requirements.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const KEY = "sk-live-RemoveMeRemoveMeRemoveMe-0123456789"
const storePath = (box: Sandbox) => path.join(box.mainAgentDir, "auth-profiles.json")
const storeOf = (box: Sandbox) => JSON.parse(readFileSync(storePath(box), "utf8"))

const CONFIG = `// my config
{
  auth: {
    profiles: {
      "anthropic:a": { provider: "anthropic", mode: "token" }, // pasted
      "openai:o": { provider: "openai", mode: "api_key" },
    },
    order: { anthropic: ["anthropic:a", "anthropic:b"] },
  },
}
`

const seed = (box: Sandbox, profiles: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  mkdirSync(box.mainAgentDir, { recursive: true, mode: 0o700 })
  writeFileSync(storePath(box), JSON.stringify({ version: 1, profiles, ...extra }, null, 2), { mode: 0o600 })
  writeFileSync(box.configPath, CONFIG)
}
const PROFILES = {
  "anthropic:a": { type: "token", provider: "anthropic", token: KEY },
  "anthropic:b": { type: "api_key", provider: "anthropic", key: KEY },
  "openai:o": { type: "api_key", provider: "openai", key: KEY }
}
const EXTRA = {
  order: { anthropic: ["anthropic:a", "anthropic:b"] },
  lastGood: { anthropic: "anthropic:a" },
  usageStats: { "anthropic:a": { errorCount: 2, cooldownUntil: 1 }, "openai:o": { lastUsed: 5 } }
}
const remove = (box: Sandbox, ...args: Array<string>) => runBin(box, ["models", "auth", "remove", ...args])

describe("models auth remove, real binary", () => {
  it("--yes removes the profile everywhere and keeps the config's comments", async () => {
    const box = sandbox()
    seed(box, PROFILES, EXTRA)
    const result = await remove(box, "anthropic:a", "--yes")
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      "Removed auth profile anthropic:a (anthropic/token)\n" +
        "Updated ~/.clawdbot/agents/main/agent/auth-profiles.json\n" +
        "Updated ~/.clawdbot/clawdbot.json\n"
    )
    expect(storeOf(box)).toEqual({
      version: 1,
      profiles: { "anthropic:b": PROFILES["anthropic:b"], "openai:o": PROFILES["openai:o"] },
      order: { anthropic: ["anthropic:b"] },
      lastGood: {},
      usageStats: { "openai:o": { lastUsed: 5 } }
    })
    const config = readFileSync(box.configPath, "utf8")
    expect(config).toContain("// my config")
    expect(config).not.toContain('"anthropic:a"')
    expect(config).toContain('"openai:o": { provider: "openai", mode: "api_key" }')
    expect(config).toContain('order: { anthropic: ["anthropic:b"] }')
    expect(result.stdout + result.stderr).not.toContain(KEY.slice(0, 12))
  })

  it("--provider removes all of one provider; --json says what", async () => {
    const box = sandbox()
    seed(box, PROFILES, EXTRA)
    const result = await remove(box, "--provider", "Anthropic", "--yes", "--json")
    expect(result.stderr).toBe("")
    const out = JSON.parse(result.stdout)
    expect(out.removed).toEqual([
      { profileId: "anthropic:a", provider: "anthropic", type: "token" },
      { profileId: "anthropic:b", provider: "anthropic", type: "api_key" }
    ])
    expect(out.configUpdated).toBe(true)
    expect(Object.keys(storeOf(box).profiles)).toEqual(["openai:o"])
    expect(storeOf(box).order).toBeUndefined()
  })

  it("unknown ids: an error naming the ids that exist, and nothing written", async () => {
    const box = sandbox()
    seed(box, PROFILES, EXTRA)
    const before = readFileSync(storePath(box), "utf8")
    const unknown = await remove(box, "anthropic:a", "anthropic:zz", "--yes")
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe(
      'Error: Auth profile "anthropic:zz" not found in ~/.clawdbot/agents/main/agent. ' +
        "Profiles there: anthropic:a, anthropic:b, openai:o.\n"
    )
    const noProvider = await remove(box, "--provider", "google", "--yes")
    expect(noProvider.stderr).toContain(
      "No auth profiles for provider google in ~/.clawdbot/agents/main/agent."
    )
    const none = await remove(box, "--yes")
    expect(none.stderr).toContain("Missing profile ids.")
    const both = await remove(box, "anthropic:a", "--provider", "anthropic", "--yes")
    expect(both.stderr).toContain("not both")
    expect(readFileSync(storePath(box), "utf8")).toBe(before)
    expect(readFileSync(box.configPath, "utf8")).toBe(CONFIG)
  })

  it("without a terminal, --yes is required; nothing is written", async () => {
    const box = sandbox()
    seed(box, PROFILES, EXTRA)
    const before = readFileSync(storePath(box), "utf8")
    const result = await remove(box, "openai:o")
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "Error: Removing auth profiles needs confirmation: pass --yes to remove openai:o (openai/api_key) " +
        "(stdin is not a terminal). Nothing was removed.\n"
    )
    expect(readFileSync(storePath(box), "utf8")).toBe(before)
  })

  it("a profile in the 0600 file keychain loses its item too; another profile's item stays", async () => {
    const box = sandbox()
    const account = keychainAccount(box.mainAgentDir, "openai:kc")
    const other = keychainAccount(box.mainAgentDir, "openai:other")
    seed(box, {
      "openai:kc": {
        type: "api_key",
        provider: "openai",
        keyRef: { keychain: `clawdbot/${account}`, backend: "file" }
      },
      "openai:other": {
        type: "api_key",
        provider: "openai",
        keyRef: { keychain: `clawdbot/${other}`, backend: "file" }
      }
    })
    const keychainFile = path.join(box.stateDir, "keychain.json")
    writeFileSync(
      keychainFile,
      JSON.stringify({
        version: 1,
        items: { clawdbot: { [account]: '{"key":"k-1"}', [other]: '{"key":"k-2"}' } }
      }),
      { mode: 0o600 }
    )
    const result = await remove(box, "openai:kc", "--yes")
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain(
      `Removed auth profile openai:kc (openai/api_key)\n  Deleted keychain item clawdbot/${account} (file)\n`
    )
    expect(JSON.parse(readFileSync(keychainFile, "utf8")).items).toEqual({
      clawdbot: { [other]: '{"key":"k-2"}' }
    })
    expect(Object.keys(storeOf(box).profiles)).toEqual(["openai:other"])
  })
})

describe.skipIf(!hasScript)("models auth remove on a terminal", () => {
  it("asks first: n keeps everything, Ctrl-C cancels (exit 130) and writes nothing, y removes", async () => {
    const box = sandbox()
    seed(box, PROFILES, EXTRA)
    const before = readFileSync(storePath(box), "utf8")
    const question =
      "Remove auth profile openai:o (openai/api_key) from ~/.clawdbot/agents/main/agent/auth-profiles.json?"
    const declined = await runPtySteps(box, ["models", "auth", "remove", "openai:o"], {
      steps: [{ when: question, send: "n" }]
    })
    expect(declined.code).toBe(0)
    expect(declined.screen).toContain("Nothing removed.")
    const cancelled = await runPtySteps(box, ["models", "auth", "remove", "openai:o"], {
      steps: [{ when: question, send: KEYS.ctrlC }]
    })
    expect(cancelled.code).toBe(130)
    expect(readFileSync(storePath(box), "utf8")).toBe(before)
    expect(readFileSync(box.configPath, "utf8")).toBe(CONFIG)

    const accepted = await runPtySteps(box, ["models", "auth", "remove", "openai:o"], {
      steps: [{ when: question, send: "y" }]
    })
    expect(accepted.code).toBe(0)
    expect(accepted.screen).toContain("Removed auth profile openai:o (openai/api_key)")
    expect(storeOf(box).profiles["openai:o"]).toBeUndefined()
  })
})

const secretService = hasSecretService()

describe.skipIf(!secretService)("models auth remove: real Secret Service (gnome-keyring)", () => {
  const accounts: Array<string> = []
  afterAll(() => {
    for (const account of accounts)
      spawnSync("secret-tool", ["clear", "service", "clawdbot", "account", account])
  })

  it("deletes the keyring item of a keychain-stored profile; list showed its mask before", async () => {
    const box = sandbox()
    const account = keychainAccount(box.mainAgentDir, "anthropic:kr")
    accounts.push(account)
    const stored = spawnSync(
      "secret-tool",
      ["store", "--label", "clawdbot test", "service", "clawdbot", "account", account],
      { input: JSON.stringify({ token: KEY }) }
    )
    expect(stored.status).toBe(0)
    seed(box, {
      "anthropic:kr": {
        type: "token",
        provider: "anthropic",
        keyRef: { keychain: `clawdbot/${account}`, backend: "secret-service" }
      }
    })
    const env = { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }
    const list = await runBin(box, ["models", "auth", "list", "--json"], { env })
    const row = JSON.parse(list.stdout).credentials.find(
      (entry: { id: string }) => entry.id === "anthropic:kr"
    )
    expect(row).toMatchObject({
      secretIn: "keychain",
      health: "static",
      mask: `token:${KEY.slice(0, 8)}...${KEY.slice(-8)}`
    })

    const result = await runBin(box, ["models", "auth", "remove", "anthropic:kr", "--yes"], { env })
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain(`Deleted keychain item clawdbot/${account} (secret-service)`)
    const lookup = spawnSync("secret-tool", ["lookup", "service", "clawdbot", "account", account], {
      encoding: "utf8"
    })
    expect(lookup.stdout).toBe("")
    expect(existsSync(storePath(box)) && storeOf(box).profiles["anthropic:kr"]).toBeFalsy()
  })
})
