import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "@effect/vitest"
import { hasScript, runPtySteps } from "../../../support/ptySteps.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const TOKEN = "sk-ant-oat01-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abcdefghijklmnopqrstuvwxyz0123456789AA"

const storeOf = (box: Sandbox) =>
  JSON.parse(readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8"))
const mode = (file: string) => statSync(file).mode & 0o777

describe("models auth paste-token (spec §3.13), real binary", () => {
  beforeAll(() => {
    expect(existsSync(new URL("../../../../dist/clawdbot.cjs", import.meta.url))).toBe(true)
  })

  it("stores a wrapped, CRLF-terminated token from a pipe as one compact token; config gets metadata only", async () => {
    const box = sandbox()
    const wrapped = `${TOKEN.slice(0, 40)}\r\n  ${TOKEN.slice(40, 70)}\r\n\t${TOKEN.slice(70)}\r\n`
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "Anthropic"], {
      input: wrapped
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      "Updated ~/.clawdbot/clawdbot.json\nAuth profile: anthropic:manual (anthropic/token)\n"
    )
    expect(storeOf(box).profiles["anthropic:manual"]).toEqual({
      type: "token",
      provider: "anthropic",
      token: TOKEN
    })
    const config = readFileSync(box.configPath, "utf8")
    expect(config).not.toContain(TOKEN.slice(0, 20))
    expect(JSON.parse(config).auth.profiles).toEqual({
      "anthropic:manual": { provider: "anthropic", mode: "token" }
    })
    expect(mode(path.join(box.mainAgentDir, "auth-profiles.json"))).toBe(0o600)
    expect(mode(box.configPath)).toBe(0o600)
    expect(mode(box.mainAgentDir)).toBe(0o700)
    expect(mode(box.stateDir)).toBe(0o700)
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(0, 20))
  })

  it("--expires-in sets expires = now + duration (default unit days) and --profile-id names the profile", async () => {
    const box = sandbox()
    const before = Date.now()
    const result = await runBin(
      box,
      [
        "models",
        "auth",
        "paste-token",
        "--provider",
        "openai",
        "--profile-id",
        "openai:work",
        "--expires-in",
        "2"
      ],
      { input: "tok-123\n" }
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Auth profile: openai:work (openai/token)")
    const saved = storeOf(box).profiles["openai:work"]
    expect(saved.token).toBe("tok-123")
    expect(saved.expires).toBeGreaterThanOrEqual(before + 2 * 86_400_000)
    expect(saved.expires).toBeLessThan(Date.now() + 2 * 86_400_000 + 60_000)
  })

  it.each([["5x"], ["0d"], [""], ["-3h"]])(
    "refuses --expires-in %j before reading or writing anything",
    async (value) => {
      const box = sandbox()
      const result = await runBin(
        box,
        ["models", "auth", "paste-token", "--provider", "anthropic", "--expires-in", value],
        { input: TOKEN }
      )
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/invalid duration/)
      expect(result.stderr).toContain("365d")
      expect(existsSync(box.stateDir)).toBe(false)
    }
  )

  it("an empty pipe is an error naming stdin, and writes nothing", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: " \r\n"
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: No token on stdin/)
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("a blank --provider is `Missing --provider.`", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "  "], { input: TOKEN })
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("Error: Missing --provider.\n")
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("moves the profile to the front of an existing auth.order list and keeps comments", async () => {
    const box = sandbox()
    mkdirSync(box.stateDir, { recursive: true })
    writeFileSync(
      box.configPath,
      `{
  // my settings
  auth: { order: { anthropic: ["anthropic:work", "anthropic:manual"] } },
}
`
    )
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN
    })
    expect(result.code).toBe(0)
    const text = readFileSync(box.configPath, "utf8")
    expect(text).toContain("// my settings")
    expect(text.replace(/\s/g, "")).toContain('anthropic:["anthropic:manual","anthropic:work"]')
    expect(text).not.toContain(TOKEN.slice(0, 20))
  })

  it("an invalid config fails before the token is stored", async () => {
    const box = sandbox()
    mkdirSync(box.stateDir, { recursive: true })
    writeFileSync(box.configPath, "{ auth: ")
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("Invalid config at")
    expect(existsSync(box.mainAgentDir)).toBe(false)
  })
})

describe.skipIf(!hasScript)("models auth paste-token on a terminal", () => {
  it("asks with a hidden prompt; the typed token is never echoed", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "paste-token", "--provider", "openrouter"], {
      steps: [{ when: "Paste token for openrouter", send: `sk-or-v1-typed secret\r` }]
    })
    expect(result.code).toBe(0)
    expect(result.screen).not.toContain("typed")
    expect(storeOf(box).profiles["openrouter:manual"].token).toBe("sk-or-v1-typedsecret")
  })

  it("Ctrl-C at the prompt writes nothing (exit 130)", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "paste-token", "--provider", "openrouter"], {
      steps: [{ when: "Paste token for openrouter", send: "abc\x03" }]
    })
    expect(result.code).toBe(130)
    expect(existsSync(box.stateDir)).toBe(false)
  })
})
