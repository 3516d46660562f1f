import { existsSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { fakeBin, pathWith } from "../../../support/fakeBin.js"
import { hasScript, runPtySteps } from "../../../support/ptySteps.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const FAR = 4_102_444_800_000
const creds = (refresh: boolean) =>
  JSON.stringify({
    claudeAiOauth: {
      accessToken: "sk-ant-oat01-from-claude",
      ...(refresh ? { refreshToken: "rt-from-claude" } : {}),
      expiresAt: FAR,
      scopes: ["user:inference"]
    }
  })

/** A fake `claude` that checks it got `setup-token` and a terminal, then writes the credentials file. */
const fakeClaude = (box: Sandbox, body: string) => {
  const dir = path.join(box.home, "fakebin")
  fakeBin(
    dir,
    "claude",
    `[ "$1" = "setup-token" ] || { echo "unexpected args: $*" >&2; exit 9; }
[ -t 0 ] && [ -t 1 ] || { echo "claude: no terminal" >&2; exit 3; }
echo ran > "$HOME/claude-ran"
${body}`
  )
  return dir
}
const writesCreds = (json: string) =>
  `mkdir -p "$HOME/.claude" && printf '%s' '${json}' > "$HOME/.claude/.credentials.json"`

const storeOf = (box: Sandbox) =>
  JSON.parse(readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8"))

describe.skipIf(!hasScript)("models auth setup-token (spec §3.12) in a pseudo-terminal", () => {
  it("runs `claude setup-token` on the terminal and imports an oauth login as anthropic:claude-cli", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, `echo "Visit https://claude.ai/oauth ..."\n${writesCreds(creds(true))}`)
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(bin) }
    })
    expect(result.screen).toContain("Visit https://claude.ai/oauth")
    expect(result.screen).toContain(
      "Updated ~/.clawdbot/clawdbot.json\nAuth profile: anthropic:claude-cli (anthropic/oauth)"
    )
    expect(result.code).toBe(0)
    expect(storeOf(box).profiles["anthropic:claude-cli"]).toEqual({
      type: "oauth",
      provider: "anthropic",
      access: "sk-ant-oat01-from-claude",
      refresh: "rt-from-claude",
      expires: FAR
    })
    const config = readFileSync(box.configPath, "utf8")
    expect(JSON.parse(config).auth.profiles["anthropic:claude-cli"]).toEqual({
      provider: "anthropic",
      mode: "oauth"
    })
    expect(config).not.toContain("sk-ant-oat01")
    expect(result.screen).not.toContain("rt-from-claude")
  })

  it("without a refresh token stores a token credential (config still says oauth)", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, writesCreds(creds(false)))
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(bin) }
    })
    expect(result.code).toBe(0)
    expect(storeOf(box).profiles["anthropic:claude-cli"]).toEqual({
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-from-claude",
      expires: FAR
    })
    expect(JSON.parse(readFileSync(box.configPath, "utf8")).auth.profiles["anthropic:claude-cli"].mode).toBe(
      "oauth"
    )
  })

  it("after the confirmation, `claude` reads the terminal itself (it owns stdin while it runs)", async () => {
    const box = sandbox()
    const bin = fakeClaude(
      box,
      `printf 'Paste code here: '; IFS= read -r code; echo "claude got: $code"\n${writesCreds(creds(true))}`
    )
    const result = await runPtySteps(box, ["models", "auth", "setup-token"], {
      env: { PATH: pathWith(bin) },
      steps: [
        { when: "Run `claude setup-token` now?", send: "y" },
        { when: "Paste code here:", send: "code-123\r" }
      ]
    })
    expect(result.screen).toContain("claude got: code-123")
    expect(result.code).toBe(0)
    expect(storeOf(box).profiles["anthropic:claude-cli"].type).toBe("oauth")
  })

  it("asks first; answering no runs nothing and writes nothing", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, writesCreds(creds(true)))
    const result = await runPtySteps(box, ["models", "auth", "setup-token"], {
      env: { PATH: pathWith(bin) },
      steps: [{ when: "Run `claude setup-token` now?", send: "n" }]
    })
    expect(result.code).toBe(0)
    expect(existsSync(path.join(box.home, "claude-ran"))).toBe(false)
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("Ctrl-C at the confirmation cancels with exit 130 and writes nothing", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, writesCreds(creds(true)))
    const result = await runPtySteps(box, ["models", "auth", "setup-token"], {
      env: { PATH: pathWith(bin) },
      steps: [{ when: "now?", send: "\x03" }]
    })
    expect(result.code).toBe(130)
    expect(existsSync(path.join(box.home, "claude-ran"))).toBe(false)
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("a failing `claude` is reported with its exit code and nothing is written", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, "echo 'login failed' >&2; exit 1")
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(bin) }
    })
    expect(result.code).toBe(1)
    expect(result.screen).toContain("login failed")
    expect(result.screen).toContain("Error: claude setup-token failed (exit 1)")
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("without `claude` on PATH suggests the Claude Code CLI or paste-token", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(path.join(box.home, "empty")) }
    })
    expect(result.code).toBe(1)
    expect(result.screen).toContain("`claude` was not found on PATH")
    expect(result.screen).toContain("Claude Code CLI")
    expect(result.screen).toContain("models auth paste-token --provider anthropic")
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("when `claude` succeeds but leaves no credentials, says which profile was expected", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, "true")
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(bin) }
    })
    expect(result.code).toBe(1)
    expect(result.screen).toContain(
      "Error: No Claude Code CLI credentials found after setup-token. Expected auth profile anthropic:claude-cli."
    )
  })

  it("on macOS reads the Keychain item `Claude Code-credentials` (fake `security`, secret never on argv)", async () => {
    const box = sandbox()
    const bin = fakeClaude(box, "true")
    fakeBin(
      bin,
      "security",
      `echo "$*" >> "$HOME/security-argv"
[ "$1" = "find-generic-password" ] && [ "$3" = "Claude Code-credentials" ] || exit 44
printf '%s\\n' '${creds(true)}'`
    )
    const result = await runPtySteps(box, ["models", "auth", "setup-token", "--yes"], {
      env: { PATH: pathWith(bin), CLAWDBOT_KEYCHAIN: "macos" }
    })
    expect(result.code).toBe(0)
    expect(storeOf(box).profiles["anthropic:claude-cli"].access).toBe("sk-ant-oat01-from-claude")
    expect(readFileSync(path.join(box.home, "security-argv"), "utf8")).toBe(
      "find-generic-password -s Claude Code-credentials -w\n"
    )
  })
})

describe("models auth setup-token outside a terminal", () => {
  it("refuses without a TTY, pointing at paste-token", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "setup-token", "--yes"])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: setup-token requires an interactive TTY\./)
    expect(result.stderr).toContain("paste-token")
  })

  it("refuses other providers", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "setup-token", "--provider", "openai"])
    expect(result.stderr).toBe(
      "Error: Only --provider anthropic is supported for setup-token (uses `claude setup-token`).\n"
    )
  })
})
