import { describe, expect, it } from "@effect/vitest"
import {
  keysToImport,
  parseEnvNul,
  planShellEnv,
  SHELL_ENV_DEFAULT_TIMEOUT_MS
} from "../../src/domain/shellEnv.js"

const envOf = (vars: Record<string, string>) => (name: string) => vars[name]

describe("planShellEnv (spec §5.3)", () => {
  it.each([
    [{}, undefined, "Off"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "0" }, undefined, "Off"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "nope" }, { enabled: false }, "Off"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1" }, undefined, "Run"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: " TRUE " }, undefined, "Run"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "yes" }, undefined, "Run"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "on" }, undefined, "Run"],
    [{}, { enabled: true }, "Run"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1", CLAWDBOT_DEFER_SHELL_ENV_FALLBACK: "true" }, undefined, "Skip"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1", OPENAI_API_KEY: "sk-set" }, undefined, "Skip"],
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1", SLACK_APP_TOKEN: "x" }, undefined, "Skip"],
    // a blank expected key does not count as set
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1", OPENAI_API_KEY: "  " }, undefined, "Run"],
    // a key outside the expected list does not skip
    [{ CLAWDBOT_LOAD_SHELL_ENV: "1", GROQ_API_KEY: "gsk" }, undefined, "Run"]
  ] as const)("%j + %j -> %s", (vars, settings, tag) => {
    expect(planShellEnv(envOf(vars), settings)._tag).toBe(tag)
  })

  it("shell: $SHELL else /bin/sh; timeout: config › CLAWDBOT_SHELL_ENV_TIMEOUT_MS › 15000", () => {
    expect(planShellEnv(envOf({ CLAWDBOT_LOAD_SHELL_ENV: "1" }), undefined)).toEqual({
      _tag: "Run",
      shell: "/bin/sh",
      timeoutMs: SHELL_ENV_DEFAULT_TIMEOUT_MS
    })
    expect(
      planShellEnv(envOf({ SHELL: "/bin/zsh", CLAWDBOT_SHELL_ENV_TIMEOUT_MS: "2500" }), { enabled: true })
    ).toEqual({ _tag: "Run", shell: "/bin/zsh", timeoutMs: 2500 })
    expect(
      planShellEnv(envOf({ CLAWDBOT_SHELL_ENV_TIMEOUT_MS: "2500" }), { enabled: true, timeoutMs: 900 })
    ).toMatchObject({ timeoutMs: 900 })
    expect(
      planShellEnv(envOf({ CLAWDBOT_SHELL_ENV_TIMEOUT_MS: "soon" }), { enabled: true, timeoutMs: -1 })
    ).toMatchObject({ timeoutMs: SHELL_ENV_DEFAULT_TIMEOUT_MS })
  })
})

describe("parseEnvNul", () => {
  it("splits on NUL, keeps `=` inside values and newlines in values, drops a banner", () => {
    const output =
      "Welcome!\nHave a nice day\nPATH=/bin:/usr/bin\0A=b=c\0MULTI=line1\nline2\0=bad\0noequals\0"
    expect(parseEnvNul(output)).toEqual({ PATH: "/bin:/usr/bin", A: "b=c", MULTI: "line1\nline2" })
  })
})

describe("keysToImport", () => {
  it("imports only expected keys the environment lacks, with non-blank values", () => {
    const shell = {
      OPENAI_API_KEY: "sk-shell",
      ANTHROPIC_API_KEY: "sk-ant-shell",
      GEMINI_API_KEY: "   ",
      GROQ_API_KEY: "gsk-shell",
      TELEGRAM_BOT_TOKEN: "tg"
    }
    expect(
      keysToImport(shell, envOf({ ANTHROPIC_API_KEY: "sk-ant-already", TELEGRAM_BOT_TOKEN: " " }))
    ).toEqual({
      OPENAI_API_KEY: "sk-shell",
      TELEGRAM_BOT_TOKEN: "tg"
    })
  })
})
