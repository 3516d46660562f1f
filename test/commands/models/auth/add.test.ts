import { existsSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { fakeBin, pathWith } from "../../../support/fakeBin.js"
import { hasScript, runPtySteps } from "../../../support/ptySteps.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const DOWN = "\x1b[B"
const ENTER = "\r"
const BACKSPACES = "\x7f".repeat(40)
const storeOf = (box: Sandbox) =>
  JSON.parse(readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8"))

describe.skipIf(!hasScript)("models auth add (spec §3.10) in a pseudo-terminal", () => {
  it("anthropic -> paste token -> default profile id -> expires in 12h -> hidden token", async () => {
    const box = sandbox()
    const before = Date.now()
    const result = await runPtySteps(box, ["models", "auth", "add"], {
      steps: [
        { when: "Token provider", send: ENTER },
        { when: "Token method", send: DOWN + ENTER },
        { when: "Profile id", send: ENTER },
        { when: "Does this token expire?", send: "y" },
        { when: "Expires in (duration)", send: `${BACKSPACES}12h${ENTER}` },
        { when: "Paste token for anthropic", send: `sk-ant-oat01-typed-secret${ENTER}` }
      ]
    })
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: anthropic:manual (anthropic/token)")
    expect(result.screen).not.toContain("typed-secret")
    const profile = storeOf(box).profiles["anthropic:manual"]
    expect(profile).toMatchObject({
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-typed-secret"
    })
    expect(profile.expires).toBeGreaterThanOrEqual(before + 12 * 3_600_000)
    expect(profile.expires).toBeLessThan(Date.now() + 12 * 3_600_000 + 60_000)
  })

  it("custom provider id (normalised), own profile id, an invalid duration is refused until corrected", async () => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "add"], {
      steps: [
        { when: "Token provider", send: DOWN + ENTER },
        { when: "Provider id", send: `My-Gateway${ENTER}` },
        { when: "Profile id", send: `${BACKSPACES}my-gateway:work${ENTER}` },
        { when: "Does this token expire?", send: "y" },
        { when: "Expires in (duration)", send: `${BACKSPACES}5x${ENTER}` },
        { when: "Invalid duration (e.g. 365d, 12h, 30m)", send: `${BACKSPACES}30m${ENTER}` },
        { when: "Paste token for my-gateway", send: `gw-token${ENTER}` }
      ]
    })
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: my-gateway:work (my-gateway/token)")
    expect(storeOf(box).profiles["my-gateway:work"]).toMatchObject({
      provider: "my-gateway",
      token: "gw-token"
    })
    expect(JSON.parse(readFileSync(box.configPath, "utf8")).auth.profiles["my-gateway:work"]).toEqual({
      provider: "my-gateway",
      mode: "token"
    })
  })

  it.each([
    ["the provider menu", [{ when: "Token provider", send: "\x03" }]],
    [
      "the token prompt (the last step)",
      [
        { when: "Token provider", send: ENTER },
        { when: "Token method", send: DOWN + ENTER },
        { when: "Profile id", send: ENTER },
        { when: "Does this token expire?", send: "n" },
        { when: "Paste token for anthropic", send: "half-typed\x03" }
      ]
    ]
  ])("Ctrl-C at %s cancels (exit 130) and writes nothing", async (_where, steps) => {
    const box = sandbox()
    const result = await runPtySteps(box, ["models", "auth", "add"], { steps })
    expect(result.code).toBe(130)
    expect(result.screen).toContain("Cancelled; nothing was changed.")
    expect(existsSync(box.stateDir)).toBe(false)
  })

  it("anthropic -> setup-token runs `claude setup-token` and imports its login", async () => {
    const box = sandbox()
    const bin = path.join(box.home, "fakebin")
    fakeBin(
      bin,
      "claude",
      `mkdir -p "$HOME/.claude" && printf '%s' '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-x","refreshToken":"r","expiresAt":4102444800000}}' > "$HOME/.claude/.credentials.json"`
    )
    const result = await runPtySteps(box, ["models", "auth", "add"], {
      env: { PATH: pathWith(bin) },
      steps: [
        { when: "Token provider", send: ENTER },
        { when: "Token method", send: ENTER }
      ]
    })
    expect(result.code).toBe(0)
    expect(result.screen).toContain("Auth profile: anthropic:claude-cli (anthropic/oauth)")
    expect(storeOf(box).profiles["anthropic:claude-cli"].type).toBe("oauth")
  })
})

describe("models auth add outside a terminal", () => {
  it("refuses and points at paste-token", async () => {
    const box = sandbox()
    const result = await runBin(box, ["models", "auth", "add"])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: models auth add requires an interactive TTY\./)
  })
})
