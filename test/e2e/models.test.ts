/**
 * End-to-end: spawns `bin/clawdbot` (the built bundle) with HOME and CLAWDBOT_STATE_DIR in a temp dir.
 * Run `npm run build` first (`npm test` does).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { hasScript, runPtySteps } from "../support/ptySteps.js"
import { decodeAsReference } from "../support/referenceConfig.js"
import { runBin, sandbox } from "../support/runBin.js"
import { runCli } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

const HOUR = 3_600_000
const OPENAI_KEY = "sk-proj-e2eSECRETe2eSECRETe2eSECRET-zz9876"
const OAUTH_ACCESS = "oauth-access-e2e-SECRET-0123456789abcdef"

/** Fails with the child's output when the exit code is unexpected, so a broken run explains itself. */
const expectCode = (result: { code: number | null; stdout: string; stderr: string }, code: number) => {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code, stderr: expect.any(String) })
  return result
}

const seedAnthropicOAuth = (expiresInMs: number) =>
  state.writeAuth({
    version: 1,
    profiles: {
      "anthropic:claude-cli": {
        type: "oauth",
        provider: "anthropic",
        access: OAUTH_ACCESS,
        refresh: "refresh-e2e-SECRET",
        expires: Date.now() + expiresInMs
      }
    }
  })

describe("models status (spec §3.1, §3.2)", () => {
  it("prints the text layout for an empty state and exits 0", async () => {
    const result = expectCode(await state.run(["models", "status"]), 0)
    expect(result.stderr).toBe("")
    const lines = result.stdout.split("\n")
    expect(lines.slice(0, 8)).toEqual([
      `Config        : ${state.configPath}`,
      `Agent dir     : ${state.agentDir}`,
      "Default       : anthropic/claude-opus-4-5",
      "Fallbacks (0) : -",
      "Image model   : -",
      "Image fallbacks (0): -",
      "Aliases (0)   : -",
      "Configured models (0): all"
    ])
    expect(result.stdout).toContain("OAuth/token status\n- none\n")
    // a read-only command writes nothing
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("shortens paths under HOME to ~", async () => {
    const result = expectCode(
      await state.run(["models", "status"], { CLAWDBOT_STATE_DIR: `${state.home}/.clawdbot` }),
      0
    )
    expect(result.stdout).toContain("Config        : ~/.clawdbot/clawdbot.json\n")
    expect(result.stdout).toContain("Auth store    : ~/.clawdbot/agents/main/agent/auth-profiles.json\n")
  })

  it("--json writes pure, parseable JSON to stdout with absolute paths and no secrets", async () => {
    seedAnthropicOAuth(48 * HOUR)
    const result = expectCode(
      await state.run(["models", "status", "--json"], { OPENAI_API_KEY: OPENAI_KEY }),
      0
    )
    const parsed = JSON.parse(result.stdout)
    expect(parsed.configPath).toBe(state.configPath)
    expect(parsed.agentDir).toBe(state.agentDir)
    expect(parsed.auth.storePath).toBe(state.authPath)
    expect(parsed.resolvedDefault).toBe("anthropic/claude-opus-4-5")
    expect(parsed.auth.providers.map((p: any) => p.provider)).toEqual(["anthropic", "openai"])
    expect(parsed.auth.oauth.profiles[0].status).toBe("ok")
    expect(result.stdout).not.toContain(OPENAI_KEY)
    expect(result.stdout).not.toContain(OAUTH_ACCESS)
    expect(result.stdout).not.toContain("SECRET")
  })

  it("--plain prints only the resolved default", async () => {
    state.writeConfig({
      agents: { defaults: { model: { primary: "gpt" }, models: { "openai/gpt-5.2": { alias: "gpt" } } } }
    })
    const result = expectCode(await state.run(["models", "status", "--plain"]), 0)
    expect(result.stdout).toBe("openai/gpt-5.2\n")
  })

  it("--json with --plain is an error naming both flags", async () => {
    const result = await state.run(["models", "status", "--json", "--plain"])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe("Error: Choose either --json or --plain, not both.\n")
  })

  it("lists OAuth/token profiles by provider, then profile id, whatever the store's order", async () => {
    const token = (provider: string, hours: number) => ({
      type: "token",
      provider,
      token: `${OAUTH_ACCESS}-${provider}-${hours}`,
      expires: Date.now() + hours * HOUR
    })
    state.writeAuth({
      version: 1,
      profiles: {
        "openai-codex:zed": token("openai-codex", 70),
        "anthropic:work": token("anthropic", 71),
        "anthropic:home": token("anthropic", 72)
      }
    })
    const text = expectCode(await state.run(["models", "status"]), 0)
    expect(text.stdout).toContain(
      [
        "OAuth/token status",
        "- anthropic",
        "  - anthropic:home ok expires in 3d",
        "  - anthropic:work ok expires in 3d",
        "- openai-codex",
        "  - openai-codex:zed ok expires in 3d"
      ].join("\n")
    )
    const json = JSON.parse(expectCode(await state.run(["models", "status", "--json"]), 0).stdout)
    expect(json.auth.oauth.profiles.map((p: { profileId: string }) => p.profileId)).toEqual([
      "anthropic:home",
      "anthropic:work",
      "openai-codex:zed"
    ])
  })

  it("--check: 1 when an OAuth profile has no usable expiry (health `missing`, shown as unknown)", async () => {
    seedAnthropicOAuth(72 * HOUR)
    expectCode(await state.run(["models", "status", "--check"]), 0)
    state.writeAuth({
      version: 1,
      profiles: {
        "anthropic:claude-cli": { type: "oauth", provider: "anthropic", access: OAUTH_ACCESS, expires: 0 }
      }
    })
    const missing = expectCode(await state.run(["models", "status", "--check"]), 1)
    expect(missing.stdout).toContain("  - anthropic:claude-cli unknown expires unknown")
  })

  it("--check: 0 when all is well, 1 when an in-use provider lacks auth, 2 when a token is expiring", async () => {
    seedAnthropicOAuth(72 * HOUR)
    expectCode(await state.run(["models", "status", "--check"]), 0)

    seedAnthropicOAuth(3 * HOUR)
    const expiring = expectCode(await state.run(["models", "status", "--check"]), 2)
    expect(expiring.stdout).toContain("  - anthropic:claude-cli expiring expires in 3h")
    expect(expiring.stderr).toBe("")

    seedAnthropicOAuth(-HOUR)
    expectCode(await state.run(["models", "status", "--check", "--plain"]), 1)

    seedAnthropicOAuth(72 * HOUR)
    state.writeConfig({ agents: { defaults: { model: { fallbacks: ["openai/gpt-5.2"] } } } })
    const missing = expectCode(await state.run(["models", "status", "--check"]), 1)
    expect(missing.stdout).toContain(
      "Missing auth\n- openai Run `clawdbot models auth login --provider openai` or `clawdbot models auth paste-token --provider openai`, or set OPENAI_API_KEY."
    )
    // without --check the same state exits 0; suggested commands carry the profile (spec conventions)
    const profiled = expectCode(await state.run(["models", "status"], { CLAWDBOT_PROFILE: "work" }), 0)
    expect(profiled.stdout).toContain(
      "- openai Run `clawdbot --profile work models auth login --provider openai` or `clawdbot --profile work models auth paste-token --provider openai`, or set OPENAI_API_KEY."
    )
  })

  it("bare `models` runs status; --status-json and --status-plain select the output", async () => {
    const text = expectCode(await state.run(["models"]), 0)
    expect(text.stdout).toContain("Default       : anthropic/claude-opus-4-5\n")
    const json = expectCode(await state.run(["models", "--status-json"]), 0)
    expect(JSON.parse(json.stdout).resolvedDefault).toBe("anthropic/claude-opus-4-5")
    const plain = expectCode(await state.run(["models", "--status-plain"]), 0)
    expect(plain.stdout).toBe("anthropic/claude-opus-4-5\n")
    const both = await state.run(["models", "--status-json", "--status-plain"])
    expect(both.code).toBe(1)
    expect(both.stderr).toContain("Error: Choose either --json or --plain, not both.")
  })

  it("a config env var credential surfaces with source and mask (spec §5.2)", async () => {
    state.writeConfig({ env: { vars: { GROQ_API_KEY: "gsk_configSECRETvalue0123456789" } } })
    const result = expectCode(await state.run(["models", "status"]), 0)
    expect(result.stdout).toContain(
      "- groq effective=env:gsk_conf...23456789 | env=gsk_conf...23456789 | source=env: GROQ_API_KEY"
    )
    expect(result.stdout).not.toContain("SECRET")
  })
})

describe("status health list and config env (issue 11 items 3, 4, 10)", () => {
  const seedMixedStore = () =>
    state.writeAuth({
      version: 1,
      profiles: {
        "openai:default": { type: "api_key", provider: "openai", key: OPENAI_KEY },
        "anthropic:manual": { type: "token", provider: "anthropic", token: `${OAUTH_ACCESS}-token` },
        // no `expires`: the reference keeps such a profile and reports it as missing (spec §1.4, §6.1)
        "anthropic:claude-cli": {
          type: "oauth",
          provider: "anthropic",
          access: OAUTH_ACCESS,
          refresh: "r-SECRET"
        },
        "openai-codex:codex-cli": {
          type: "oauth",
          provider: "openai-codex",
          access: `${OAUTH_ACCESS}-codex`,
          refresh: "r-SECRET",
          expires: Date.now() + 72 * HOUR
        }
      }
    })

  it("--json lists every profile and every provider of the set, with their sources", async () => {
    seedMixedStore()
    state.writeConfig({ agents: { defaults: { model: { fallbacks: ["google/gemini-3-pro-preview"] } } } })
    const result = expectCode(await state.run(["models", "status", "--json"]), 0)
    const oauth = JSON.parse(result.stdout).auth.oauth
    expect(oauth.profiles.map((p: any) => [p.profileId, p.type, p.status, p.source])).toEqual([
      ["anthropic:claude-cli", "oauth", "missing", "claude-cli"],
      ["anthropic:manual", "token", "static", "store"],
      ["openai:default", "api_key", "static", "store"],
      ["openai-codex:codex-cli", "oauth", "ok", "codex-cli"]
    ])
    expect(oauth.providers.map((p: any) => [p.provider, p.status, p.profiles.length])).toEqual([
      ["anthropic", "expired", 2],
      ["google", "missing", 0],
      ["openai", "static", 1],
      ["openai-codex", "ok", 1]
    ])
    expect(result.stdout).not.toContain("SECRET")
  })

  it("the text block shows only OAuth/token profiles, with the CLI sources; --check fails on the missing expiry", async () => {
    seedMixedStore()
    const result = expectCode(await state.run(["models", "status", "--check"]), 1)
    expect(result.stdout).toContain(
      [
        "OAuth/token status",
        "- anthropic",
        "  - anthropic:claude-cli unknown expires unknown (claude-cli)",
        "  - anthropic:manual static",
        "- openai-codex",
        "  - openai-codex:codex-cli ok expires in 3d (codex-cli)",
        ""
      ].join("\n")
    )
    expect(result.stdout).not.toContain("  - openai:default")
  })

  it("a key directly under env is a provider credential: groq in use is covered (spec §5.2)", async () => {
    state.writeConfig({
      agents: { defaults: { model: { primary: "groq/llama-3.3-70b-versatile" } } },
      env: { GROQ_API_KEY: "gsk_topLevelSECRETvalue0123456789" }
    })
    const result = expectCode(await state.run(["models", "status", "--check"]), 0)
    expect(result.stdout).toContain(
      "- groq effective=env:gsk_topL...23456789 | env=gsk_topL...23456789 | source=env: GROQ_API_KEY"
    )
    expect(result.stdout).not.toContain("Missing auth")
    expect(result.stdout).not.toContain("SECRET")
    // the real environment still wins over the config
    const real = expectCode(
      await state.run(["models", "status", "--json"], { GROQ_API_KEY: "gsk_fromRealEnv_0123456789abcdef" }),
      0
    )
    expect(JSON.parse(real.stdout).auth.providers[0].env).toEqual({
      value: "gsk_from...89abcdef",
      source: "env: GROQ_API_KEY"
    })
  })
})

describe("shell env fallback in status (spec §5.3)", () => {
  const fakeShell = (body: string) => {
    const file = `${state.root}/fake-shell.sh`
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 })
    return file
  }

  it("imports missing expected keys from the login shell and labels them `shell env:`", async () => {
    const shell = fakeShell(
      `echo banner\nprintf 'OPENAI_API_KEY=${OPENAI_KEY}\\0GROQ_API_KEY=gsk-not-expected\\0'`
    )
    const result = expectCode(
      await state.run(["models", "status"], { CLAWDBOT_LOAD_SHELL_ENV: "1", SHELL: shell }),
      0
    )
    expect(result.stdout).toContain("Shell env     : on (applied: OPENAI_API_KEY)\n")
    expect(result.stdout).toContain(
      "- openai effective=env:sk-proj-...T-zz9876 | env=sk-proj-...T-zz9876 | source=shell env: OPENAI_API_KEY"
    )
    expect(result.stdout).not.toContain("groq")
    expect(result.stdout).not.toContain(OPENAI_KEY)
  })

  it("is skipped when an expected key is already set; on via config env.shellEnv.enabled", async () => {
    const shell = fakeShell("printf 'ANTHROPIC_API_KEY=sk-ant-from-shell-0123456789\\0'")
    state.writeConfig({ env: { shellEnv: { enabled: true } } })
    const skipped = expectCode(
      await state.run(["models", "status"], { SHELL: shell, OPENAI_API_KEY: OPENAI_KEY }),
      0
    )
    expect(skipped.stdout).toContain("Shell env     : on\n")
    expect(skipped.stdout).not.toContain("anthropic effective")
    const applied = expectCode(await state.run(["models", "status", "--json"], { SHELL: shell }), 0)
    expect(JSON.parse(applied.stdout).auth.shellEnvFallback).toEqual({
      enabled: true,
      appliedKeys: ["ANTHROPIC_API_KEY"]
    })
  })

  it("a failing shell is a warning on stderr; --json stdout stays pure and the exit code 0", async () => {
    const shell = fakeShell("exit 7")
    const result = expectCode(
      await state.run(["models", "status", "--json"], { CLAWDBOT_LOAD_SHELL_ENV: "yes", SHELL: shell }),
      0
    )
    expect(JSON.parse(result.stdout).auth.shellEnvFallback).toEqual({ enabled: true, appliedKeys: [] })
    expect(result.stderr).toBe(`[clawdbot] shell env fallback failed: ${shell} exited with code 7\n`)
  })
})

/**
 * The aliases the reference sees in a file: decoded with its strict rules, built-ins attached where `alias` is
 * undefined (spec §2.5), then indexed (§2.3: non-blank, trimmed). Written from the spec, not from src/.
 */
const referenceAliases = (file: string): Record<string, string> => {
  const decoded = decodeAsReference(file)
  if (Either.isLeft(decoded))
    throw new Error(`the reference would reject ${file}: ${decoded.left.join("; ")}`)
  const config = decoded.right as { agents?: { defaults?: { models?: Record<string, { alias?: string }> } } }
  const models = { ...config.agents?.defaults?.models }
  const builtins: Record<string, string> = {
    opus: "anthropic/claude-opus-4-5",
    sonnet: "anthropic/claude-sonnet-4-5",
    gpt: "openai/gpt-5.2",
    "gpt-mini": "openai/gpt-5-mini",
    gemini: "google/gemini-3-pro-preview",
    "gemini-flash": "google/gemini-3-flash-preview"
  }
  for (const [alias, target] of Object.entries(builtins)) {
    const entry = models[target]
    if (entry !== undefined && entry.alias === undefined) models[target] = { ...entry, alias }
  }
  return Object.fromEntries(
    Object.entries(models).flatMap(([key, entry]) => (entry.alias?.trim() ? [[entry.alias.trim(), key]] : []))
  )
}

describe("models set / set-image (spec §3.4, §3.5)", () => {
  it("set writes the canonical key, keeps fallbacks, allowlists it without writing the built-in alias", async () => {
    state.writeConfig({
      agents: { defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["xai/grok-4"] } } }
    })
    const result = expectCode(await state.run(["models", "set", "Anthropic/OPUS-4.5"]), 0)
    expect(result.stdout).toMatch(
      new RegExp(
        `^Updated ${state.configPath}\nDefault model: anthropic/claude-opus-4-5( \\(was [^)]+\\))?\n$`
      )
    )
    expect(state.readConfig().agents.defaults).toEqual({
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["xai/grok-4"] },
      models: { "anthropic/claude-opus-4-5": {} }
    })
    // ... which both tools read as `opus` (spec §2.5)
    expect(expectCode(await state.run(["models", "aliases", "list", "--plain"]), 0).stdout).toBe(
      "opus anthropic/claude-opus-4-5\n"
    )
  })

  it("--agent: set and fallbacks add edit that agent's own override; an unknown id is refused, nothing written", async () => {
    state.writeConfig({
      agents: {
        defaults: { model: { primary: "openai/gpt-5.2", fallbacks: ["xai/grok-4"] } },
        list: [{ id: "work", model: { primary: "openai/gpt-4o" } }]
      }
    })
    const set = expectCode(await state.run(["models", "set", "opus", "--agent", "work"]), 0)
    expect(set.stdout).toMatch(
      new RegExp(
        `^Updated ${state.configPath}\nDefault model: anthropic/claude-opus-4-5( \\(was [^)]+\\))?\n$`
      )
    )
    const added = expectCode(
      await state.run(["models", "fallbacks", "add", "openai/gpt-5.2", "--agent", "work"]),
      0
    )
    expect(added.stdout).toBe(`Updated ${state.configPath}\nFallbacks: xai/grok-4, openai/gpt-5.2\n`)
    const config = state.readConfig()
    expect(config.agents.list).toEqual([
      {
        id: "work",
        model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["xai/grok-4", "openai/gpt-5.2"] }
      }
    ])
    expect(config.agents.defaults.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: ["xai/grok-4"] })
    const before = fs.readFileSync(state.configPath, "utf8")
    const unknown = await state.run(["models", "set", "opus", "--agent", "wrok"])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('Unknown agent "wrok". Known agents: main, work')
    expect(fs.readFileSync(state.configPath, "utf8")).toBe(before)
  })

  it("set <alias> writes the resolved provider/model; set-image likewise", async () => {
    state.writeConfig({ agents: { defaults: { models: { "openai/gpt-5.2": { alias: "gpt" } } } } })
    expect(expectCode(await state.run(["models", "set", "GPT"]), 0).stdout).toContain(
      "Default model: openai/gpt-5.2 (was anthropic/claude-opus-4-5)\n"
    )
    expect(expectCode(await state.run(["models", "set-image", "gpt"]), 0).stdout).toContain(
      "Image model: openai/gpt-5.2 (was none)\n"
    )
    const defaults = state.readConfig().agents.defaults
    expect(defaults.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] })
    expect(defaults.imageModel).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] })
    expect(defaults.models).toEqual({ "openai/gpt-5.2": { alias: "gpt" } })
  })

  it("keeps comments, unknown keys and $VAR references in the file", async () => {
    state.writeConfig(`// my config
{
  gateway: { port: 18789 }, // keep me
  models: { providers: { openai: { apiKey: "\${OPENAI_API_KEY}" } } },
}
`)
    expectCode(await state.run(["models", "set", "openai/gpt-5.2"], { OPENAI_API_KEY: OPENAI_KEY }), 0)
    const text = state.readConfigText()
    expect(text).toContain("// my config")
    expect(text).toContain("// keep me")
    expect(text).toContain(`\${OPENAI_API_KEY}`)
    expect(text).not.toContain(OPENAI_KEY)
    expect(text).toContain('primary: "openai/gpt-5.2"')
  })

  it("an invalid reference is `Error: ...`, exit 1, no stack, file unchanged", async () => {
    state.writeConfig({ agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } })
    const before = state.readConfigText()
    for (const bad of ["openai/", "/gpt-5", "  "]) {
      const result = await state.run(["models", "set", bad])
      expect(result.code).toBe(1)
      expect(result.stdout).toBe("")
      expect(result.stderr).toMatch(/^Error: Invalid model reference: /)
      expect(result.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/)
      expect(result.stderr.trim().split("\n")).toHaveLength(1)
    }
    expect(state.readConfigText()).toBe(before)
  })
})

describe("models aliases (spec §3.6)", () => {
  it("list: text, --plain, --json; none", async () => {
    expect(expectCode(await state.run(["models", "aliases", "list"]), 0).stdout).toBe(
      "Aliases (0):\n- none\n"
    )
    expect(
      JSON.parse(expectCode(await state.run(["models", "aliases", "list", "--json"]), 0).stdout)
    ).toEqual({
      aliases: {}
    })
    state.writeConfig({
      agents: {
        defaults: { models: { "openai/gpt-5.2": { alias: "gpt" }, "xai/grok-4": { alias: "grok" } } }
      }
    })
    expect(expectCode(await state.run(["models", "aliases", "list"]), 0).stdout).toBe(
      "Aliases (2):\n- gpt -> openai/gpt-5.2\n- grok -> xai/grok-4\n"
    )
    expect(expectCode(await state.run(["models", "aliases", "list", "--plain"]), 0).stdout).toBe(
      "gpt openai/gpt-5.2\ngrok xai/grok-4\n"
    )
    expect(
      JSON.parse(expectCode(await state.run(["models", "aliases", "list", "--json"]), 0).stdout)
    ).toEqual({
      aliases: { gpt: "openai/gpt-5.2", grok: "xai/grok-4" }
    })
    expect((await state.run(["models", "aliases", "list", "--json", "--plain"])).code).toBe(1)
  })

  it("add resolves the model (aliases allowed), creates the entry and prints the mapping", async () => {
    const add = expectCode(await state.run(["models", "aliases", "add", "fast", "groq/llama-3.3-70b"]), 0)
    expect(add.stdout).toBe(`Updated ${state.configPath}\nAlias fast -> groq/llama-3.3-70b\n`)
    const viaAlias = expectCode(await state.run(["models", "aliases", "add", "quick", "FAST"]), 0)
    expect(viaAlias.stdout).toContain("Alias quick -> groq/llama-3.3-70b\n")
    // the key's previous alias is replaced
    expect(state.readConfig().agents.defaults.models).toEqual({ "groq/llama-3.3-70b": { alias: "quick" } })
  })

  it("add: an alias owned by another model is a conflict (any case); file unchanged", async () => {
    state.writeConfig({ agents: { defaults: { models: { "openai/gpt-5.2": { alias: "gpt" } } } } })
    const before = state.readConfigText()
    const result = await state.run(["models", "aliases", "add", "GPT", "xai/grok-4"])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("Error: Alias GPT already points to openai/gpt-5.2.\n")
    expect(state.readConfigText()).toBe(before)
  })

  it("add/remove: invalid aliases give the spec's messages", async () => {
    const spaced = await state.run(["models", "aliases", "add", "my alias", "openai/gpt-5.2"])
    expect(spaced.code).toBe(1)
    expect(spaced.stderr).toBe(
      'Error: Alias "my alias" must use letters, numbers, dots, underscores, colons, or dashes.\n'
    )
    const empty = await state.run(["models", "aliases", "remove", " "])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toBe("Error: Alias cannot be empty.\n")
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("remove keeps the entry; the last one prints No aliases configured.; unknown -> not found", async () => {
    state.writeConfig({
      agents: { defaults: { models: { "openai/gpt-5.2": { alias: "gpt", params: { temperature: 0.2 } } } } }
    })
    const result = expectCode(await state.run(["models", "aliases", "remove", "GPT"]), 0)
    expect(result.stdout).toBe(
      `Updated ${state.configPath}\nRemoved alias gpt (openai/gpt-5.2)\nNo aliases configured.\n`
    )
    // `gpt` is also the built-in alias of this model: `alias: ""` keeps the reference from re-attaching it
    expect(state.readConfig().agents.defaults.models).toEqual({
      "openai/gpt-5.2": { alias: "", params: { temperature: 0.2 } }
    })
    const missing = await state.run(["models", "aliases", "remove", "gpt"])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe("Error: Alias not found: gpt\n")
  })

  it("`set opus` on a fresh config sets Claude Opus; the built-in alias is read, not written (§2.5)", async () => {
    const result = expectCode(await state.run(["models", "set", "opus"]), 0)
    expect(result.stdout).toContain("Default model: anthropic/claude-opus-4-5")
    expect(state.readConfig().agents.defaults).toEqual({
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: [] },
      models: { "anthropic/claude-opus-4-5": {} }
    })
    const status = JSON.parse(expectCode(await state.run(["models", "status", "--json"]), 0).stdout)
    expect(status.aliases).toEqual({ opus: "anthropic/claude-opus-4-5" })
  })

  it("a removed built-in alias stays removed after later writes, for both tools (fixes §8.6)", async () => {
    expectCode(await state.run(["models", "set", "anthropic/claude-opus-4-5"]), 0)
    const removed = expectCode(await state.run(["models", "aliases", "remove", "Opus"]), 0)
    expect(removed.stdout).toBe(
      `Updated ${state.configPath}\nRemoved alias opus (anthropic/claude-opus-4-5)\nNo aliases configured.\n`
    )
    expectCode(await state.run(["models", "set", "anthropic/claude-opus-4-5"]), 0)
    expectCode(await state.run(["models", "fallbacks", "add", "anthropic/claude-opus-4-5"]), 0)
    // the reference attaches a built-in only where `alias` is undefined: "" keeps it off
    expect(state.readConfig().agents.defaults.models).toEqual({ "anthropic/claude-opus-4-5": { alias: "" } })
    expect(referenceAliases(state.configPath)).toEqual({})
    expect(expectCode(await state.run(["models", "aliases", "list"]), 0).stdout).toBe(
      "Aliases (0):\n- none\n"
    )
  })

  it("a built-in target in the allowlist answers to its alias: set, fallbacks, list tags, status (issue 11 item 2)", async () => {
    state.writeConfig({
      agents: {
        defaults: {
          model: { primary: "sonnet", fallbacks: ["gpt"] },
          models: { "anthropic/claude-sonnet-4-5": {}, "openai/gpt-5.2": {} }
        }
      }
    })
    const status = JSON.parse(expectCode(await state.run(["models", "status", "--json"]), 0).stdout)
    expect(status).toMatchObject({
      defaultModel: "sonnet",
      resolvedDefault: "anthropic/claude-sonnet-4-5",
      aliases: { sonnet: "anthropic/claude-sonnet-4-5", gpt: "openai/gpt-5.2" }
    })
    const list = JSON.parse(expectCode(await state.run(["models", "list", "--json"]), 0).stdout)
    expect(list.models.map((row: { key: string; tags: Array<string> }) => [row.key, row.tags])).toEqual([
      ["anthropic/claude-sonnet-4-5", ["default", "configured", "alias:sonnet"]],
      ["openai/gpt-5.2", ["fallback#1", "configured", "alias:gpt"]]
    ])
    expect(expectCode(await state.run(["models", "set", "Sonnet"]), 0).stdout).toContain(
      "Default model: anthropic/claude-sonnet-4-5\n"
    )
    expect(
      expectCode(await state.run(["models", "fallbacks", "remove", "openai/gpt-5.2"]), 0).stdout
    ).toContain("Fallbacks: -\n")
    expect(state.readConfig().agents.defaults).toEqual({
      model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: [] },
      models: { "anthropic/claude-sonnet-4-5": {}, "openai/gpt-5.2": {} }
    })
    // the reference reads the same aliases from the file
    expect(referenceAliases(state.configPath)).toEqual({
      sonnet: "anthropic/claude-sonnet-4-5",
      gpt: "openai/gpt-5.2"
    })
  })
})

describe.each([
  {
    verb: "fallbacks",
    field: "model",
    title: "Fallbacks",
    notFound: "Fallback not found",
    cleared: "Fallback list cleared."
  },
  {
    verb: "image-fallbacks",
    field: "imageModel",
    title: "Image fallbacks",
    notFound: "Image fallback not found",
    cleared: "Image fallback list cleared."
  }
])("models $verb (spec §3.7/3.8)", ({ verb, field, title, notFound, cleared }) => {
  it("list / add / remove / clear round trip", async () => {
    expect(expectCode(await state.run(["models", verb, "list"]), 0).stdout).toBe(`${title} (0):\n- none\n`)

    const add1 = expectCode(await state.run(["models", verb, "add", "openai/gpt-5.2"]), 0)
    expect(add1.stdout).toBe(`Updated ${state.configPath}\n${title}: openai/gpt-5.2\n`)
    state.writeConfig({
      ...state.readConfig(),
      agents: {
        defaults: {
          ...state.readConfig().agents.defaults,
          [field]: { primary: "anthropic/claude-opus-4-5", ...state.readConfig().agents.defaults[field] },
          models: { ...state.readConfig().agents.defaults.models, "xai/grok-4": { alias: "grok" } }
        }
      }
    })
    const add2 = expectCode(await state.run(["models", verb, "add", "grok"]), 0)
    expect(add2.stdout).toContain(`${title}: openai/gpt-5.2, xai/grok-4\n`)
    // an entry resolving to the same key is not added twice
    const again = expectCode(await state.run(["models", verb, "add", "OpenAI/gpt-5.2"]), 0)
    expect(again.stdout).toContain(`${title}: openai/gpt-5.2, xai/grok-4 (unchanged)\n`)

    expect(expectCode(await state.run(["models", verb, "list"]), 0).stdout).toBe(
      `${title} (2):\n- openai/gpt-5.2\n- xai/grok-4\n`
    )
    expect(expectCode(await state.run(["models", verb, "list", "--plain"]), 0).stdout).toBe(
      "openai/gpt-5.2\nxai/grok-4\n"
    )
    expect(JSON.parse(expectCode(await state.run(["models", verb, "list", "--json"]), 0).stdout)).toEqual({
      fallbacks: ["openai/gpt-5.2", "xai/grok-4"]
    })

    const config = state.readConfig().agents.defaults
    expect(config[field]).toEqual({
      primary: "anthropic/claude-opus-4-5",
      fallbacks: ["openai/gpt-5.2", "xai/grok-4"]
    })
    expect(Object.keys(config.models)).toEqual(["openai/gpt-5.2", "xai/grok-4"])

    const removed = expectCode(await state.run(["models", verb, "remove", "grok"]), 0)
    expect(removed.stdout).toBe(`Updated ${state.configPath}\n${title}: openai/gpt-5.2\n`)
    // the allowlist is untouched by remove
    expect(Object.keys(state.readConfig().agents.defaults.models)).toEqual(["openai/gpt-5.2", "xai/grok-4"])

    const missing = await state.run(["models", verb, "remove", "xai/grok-4"])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(`Error: ${notFound}: xai/grok-4\n`)

    const clear = expectCode(await state.run(["models", verb, "clear"]), 0)
    expect(clear.stdout).toBe(`Updated ${state.configPath}\n${cleared}\n`)
    expect(state.readConfig().agents.defaults[field]).toEqual({
      primary: "anthropic/claude-opus-4-5",
      fallbacks: []
    })
  })
  it("lists show $VAR references substituted; add and remove compare them so, and keep their text (issue 11 item 5)", async () => {
    const fb = "openai/$" + "{FB_MODEL}"
    state.writeConfig({ agents: { defaults: { [field]: { fallbacks: [fb] } } } })
    const env = { FB_MODEL: "gpt-5.2" }
    expect(expectCode(await state.run(["models", verb, "list"], env), 0).stdout).toBe(
      `${title} (1):\n- openai/gpt-5.2\n`
    )
    expect(expectCode(await state.run(["models", verb, "list", "--plain"], env), 0).stdout).toBe(
      "openai/gpt-5.2\n"
    )
    expect(
      JSON.parse(expectCode(await state.run(["models", verb, "list", "--json"], env), 0).stdout)
    ).toEqual({
      fallbacks: ["openai/gpt-5.2"]
    })
    const again = expectCode(await state.run(["models", verb, "add", "openai/gpt-5.2"], env), 0)
    expect(again.stdout).toBe(`${title}: openai/gpt-5.2 (unchanged)\n`)
    expectCode(await state.run(["models", verb, "add", "xai/grok-4"], env), 0)
    expect(state.readConfig().agents.defaults[field].fallbacks).toEqual([fb, "xai/grok-4"])
    expectCode(await state.run(["models", verb, "remove", "openai/gpt-5.2"], env), 0)
    expect(state.readConfig().agents.defaults[field].fallbacks).toEqual(["xai/grok-4"])
  })

  it("the first add on a config with a primary and no allowlist keeps the primaries allowed (issue 11 item 7)", async () => {
    state.writeConfig({
      agents: {
        defaults: { model: { primary: "xai/grok-4" }, imageModel: { primary: "google/gemini-3-pro-preview" } }
      }
    })
    expectCode(await state.run(["models", verb, "add", "openai/gpt-5.2"]), 0)
    expect(state.readConfig().agents.defaults.models).toEqual({
      "xai/grok-4": {},
      "google/gemini-3-pro-preview": {},
      "openai/gpt-5.2": {}
    })
  })
})

describe("models list (spec §3.3)", () => {
  it("shows configured models with tags; --plain keys; --json parses", async () => {
    state.writeConfig({
      agents: {
        defaults: {
          model: { primary: "opus", fallbacks: ["openai/gpt-5.2"] },
          models: { "anthropic/claude-opus-4-5": { alias: "opus" }, "nope/ghost-model": {} }
        }
      }
    })
    const table = expectCode(await state.run(["models", "list"], { OPENAI_API_KEY: OPENAI_KEY }), 0)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^Model {37} Input {6}Ctx {6}MaxOut \$In\/M \$Out\/M Caps Local Auth {2}Tags$/)
    expect(lines[1]).toMatch(
      /^anthropic\/claude-opus-4-5 +\S+ +\d+k +\d+k +5 +25 +tri +no +no +default,configured,alias:opus$/
    )
    expect(lines[2]).toMatch(
      /^openai\/gpt-5\.2 +\S+ +\d+k +\d+k +[\d.]+ +[\d.]+ +t\S\S +no +yes +fallback#1$/
    )
    expect(lines[3]).toMatch(/^nope\/ghost-model +- +- +- +- +- +- +- +- +configured,missing$/)

    const plain = expectCode(await state.run(["models", "list", "--plain"]), 0)
    expect(plain.stdout).toBe("anthropic/claude-opus-4-5\nopenai/gpt-5.2\nnope/ghost-model\n")
    const json = JSON.parse(expectCode(await state.run(["models", "list", "--json"]), 0).stdout)
    expect(json.count).toBe(3)
    expect(json.models[2]).toMatchObject({
      key: "nope/ghost-model",
      missing: true,
      tags: ["configured", "missing"]
    })
  })

  it("--all --provider lists a provider's catalog; --local finds nothing without local models", async () => {
    const all = JSON.parse(
      expectCode(await state.run(["models", "list", "--all", "--provider", "Anthropic", "--json"]), 0).stdout
    )
    expect(all.count).toBeGreaterThan(3)
    expect(all.models.every((m: any) => m.key.startsWith("anthropic/"))).toBe(true)
    const local = expectCode(await state.run(["models", "list", "--local"]), 0)
    expect(local.stdout).toBe("No models found.\n")
  })
})

describe("models list: prices, capabilities, --search/--sort/--capability (issue 12 item 6)", () => {
  const LAB = {
    models: {
      providers: {
        lab: {
          baseUrl: "http://127.0.0.1:9/v1",
          models: [
            { id: "free-one", cost: { input: 0, output: 0 }, maxTokens: 4096, reasoning: false },
            { id: "unknown-one" }
          ]
        }
      }
    },
    agents: { defaults: { models: { "lab/free-one": {}, "lab/unknown-one": {} } } }
  }
  const listJson = async (args: ReadonlyArray<string>) =>
    JSON.parse(expectCode(await state.run(["models", "list", ...args, "--json"]), 0).stdout)

  it("--json: cost in USD per 1M tokens, maxTokens and capabilities; absent when the catalog does not know", async () => {
    state.writeConfig(LAB)
    const all = await listJson(["--all"])
    const byKey = new Map(all.models.map((m: any) => [m.key, m]))
    expect(byKey.get("anthropic/claude-opus-4-5")).toEqual({
      key: "anthropic/claude-opus-4-5",
      name: "Claude Opus 4.5 (latest)",
      input: "text+image",
      contextWindow: 200_000,
      local: false,
      available: false,
      tags: expect.arrayContaining(["default"]),
      missing: false,
      cost: { input: 5, output: 25 },
      maxTokens: 64_000,
      tools: true,
      reasoning: true,
      imageInput: true
    })
    // billed by subscription: pi-ai gives no price, so none is claimed (not 0)
    expect(byKey.get("github-copilot/claude-sonnet-4.5")).not.toHaveProperty("cost")
    // a custom model: what its config states (0 is a stated price), nothing more
    expect(byKey.get("lab/free-one")).toMatchObject({
      cost: { input: 0, output: 0 },
      maxTokens: 4096,
      reasoning: false
    })
    expect(byKey.get("lab/free-one")).not.toHaveProperty("tools")
    const unknown = byKey.get("lab/unknown-one") as object
    for (const field of ["cost", "maxTokens", "tools", "reasoning"]) expect(unknown).not.toHaveProperty(field)
  })

  it("--search, --capability and --sort combine with --all and --provider", async () => {
    state.writeConfig(LAB)
    const opus = await listJson(["--all", "--provider", "anthropic", "--search", "OPUS", "--sort", "price"])
    expect(opus.count).toBeGreaterThan(2)
    expect(
      opus.models.every((m: any) => m.key.startsWith("anthropic/") && /opus/i.test(m.key + m.name))
    ).toBe(true)
    const prices = opus.models.map((m: any) => m.cost.input)
    expect(prices).toEqual([...prices].sort((a: number, b: number) => a - b))

    const capable = await listJson(["--all", "--capability", "reasoning,image", "--capability", "tools"])
    expect(capable.count).toBeGreaterThan(10)
    expect(capable.models.every((m: any) => m.reasoning && m.imageInput && m.tools)).toBe(true)

    // configured mode: stated free first, unknown price last
    const configured = await listJson(["--sort", "price"])
    expect(configured.models.map((m: any) => m.key)).toEqual([
      "lab/free-one",
      "anthropic/claude-opus-4-5",
      "lab/unknown-one"
    ])
    const widest = await listJson(["--all", "--sort", "context"])
    const windows = widest.models.map((m: any) => m.contextWindow)
    expect(windows).toEqual([...windows].sort((a: number, b: number) => b - a))
  })

  it("bad --sort / --capability values: one line naming the flag, the value and the accepted ones", async () => {
    const sort = await state.run(["models", "list", "--sort", "cost"])
    expect({ code: sort.code, stdout: sort.stdout, stderr: sort.stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'Error: --sort: unknown value "cost". Use one of: name, price, context. See `clawdbot models list --help`.\n'
    })
    const capability = await state.run(["models", "list", "--all", "--capability", "tools,vision"])
    expect({ code: capability.code, stdout: capability.stdout, stderr: capability.stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'Error: --capability: unknown value "vision". Use one or more of: tools, image, reasoning. See `clawdbot models list --help`.\n'
    })
  })

  it("piped (not a terminal): no id is cut, whatever COLUMNS says", async () => {
    const plain = expectCode(await state.run(["models", "list", "--all", "--plain"]), 0)
      .stdout.trimEnd()
      .split("\n")
    expect(plain.some((key) => key.length > 42)).toBe(true)
    const table = expectCode(await state.run(["models", "list", "--all"], { COLUMNS: "60" }), 0)
    const lines = table.stdout.trimEnd().split("\n")
    expect(lines.slice(1).map((line) => line.split(" ")[0])).toEqual(plain)
    expect(table.stdout).not.toContain("...")
    expect(table.stdout).not.toContain("…")
  })
})

describe.skipIf(!hasScript)("models list on a terminal (issue 13 item 9)", () => {
  const lines = (screen: string) => screen.split("\n").filter((line) => line.trim() !== "")

  it("a 60-column terminal: every line fits; the ids stay whole while they fit", async () => {
    const result = await runPtySteps(sandbox(), ["models", "list", "--all", "--provider", "anthropic"], {
      columns: 60
    })
    expect(result.code).toBe(0)
    const shown = lines(result.screen)
    expect(shown[0]).toMatch(/^Model /)
    expect(shown.length).toBeGreaterThan(10)
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(60)
    for (const line of shown.slice(1)) expect(line).toMatch(/^anthropic\/claude-\S+[^…] /)
  })

  it("a 100-column terminal: ids longer than 42 are whole (the spec's table cut them at any width)", async () => {
    const box = sandbox()
    const keys = (
      await runBin(box, ["models", "list", "--all", "--provider", "openrouter", "--plain"])
    ).stdout
      .trimEnd()
      .split("\n")
    expect(Math.max(...keys.map((key) => key.length))).toBeGreaterThan(42)
    const result = await runPtySteps(box, ["models", "list", "--all", "--provider", "openrouter"], {
      columns: 100
    })
    const shown = lines(result.screen)
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(100)
    expect(shown.slice(1).map((line) => line.split(" ")[0])).toEqual(keys)
  })

  it("a 200-column terminal shows every column, sized to its cells", async () => {
    const result = await runPtySteps(sandbox(), ["models", "list", "--all", "--provider", "anthropic"], {
      columns: 200
    })
    const header = lines(result.screen)[0]!
    expect(header.split(/ +/)).toEqual([
      "Model",
      "Input",
      "Ctx",
      "MaxOut",
      "$In/M",
      "$Out/M",
      "Caps",
      "Local",
      "Auth",
      "Tags"
    ])
    // sized to the cells, not the spec's fixed 42-column Model
    expect(header.indexOf("Input")).toBeLessThan(42)
  })

  it("a 40-column terminal: a long id is cut in the middle, the line fits", async () => {
    const result = await runPtySteps(sandbox(), ["models", "list", "--all", "--provider", "openrouter"], {
      columns: 40
    })
    const shown = lines(result.screen)
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(40)
    expect(shown.some((line) => /^openrouter\/\S+…\S+$/.test(line))).toBe(true)
  })
})

describe("errors and the edge (spec §1.1, issue 2 item 8)", () => {
  it("flag and argument errors are one `Error:` line naming the command to ask for help", async () => {
    const missing = await state.run(["models", "set"])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe("Error: Missing argument <model>. See `clawdbot models set --help`.\n")
    const bad = await state.run(["models", "status", "--probe-timeout", "abc"])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe(
      "Error: --probe-timeout must be a positive number (ms). See `clawdbot models status --help`.\n"
    )
    expect(bad.stdout).toBe("")
    const noValue = await state.run(["models", "list", "--provider"])
    expect(noValue.code).toBe(1)
    expect(noValue.stderr).toBe(
      "Error: --provider needs a value <name>. See `clawdbot models list --help`.\n"
    )
    const extra = await state.run(["models", "set", "openai/gpt-5.2", "extra"])
    expect(extra.stderr).toBe("Error: Unexpected argument 'extra'. See `clawdbot models set --help`.\n")
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("a failed edit on a fresh machine leaves nothing on disk, not even the state dir", async () => {
    for (const args of [
      ["models", "set", " "],
      ["models", "aliases", "remove", "nope"],
      ["models", "fallbacks", "remove", "openai/gpt-5.2"]
    ]) {
      const result = await state.run(args)
      expect(result.code).toBe(1)
      expect(fs.existsSync(state.stateDir)).toBe(false)
    }
    expectCode(await state.run(["models", "fallbacks", "add", "openai/gpt-5.2"]), 0)
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual(["openai/gpt-5.2"])
  })

  it("a broken config names file, line and column, exits ≠ 0 and stays byte-identical", async () => {
    const broken = '{\n  agents: {\n    defaults: { model: "openai/gpt-5.2", },,\n  }\n}\n'
    state.writeConfig(broken)
    for (const args of [
      ["models", "status"],
      ["models", "set", "openai/gpt-5.2"],
      ["models", "fallbacks", "add", "xai/grok-4"]
    ]) {
      const result = await state.run(args)
      expect(result.code).not.toBe(0)
      expect(result.stdout).toBe("")
      expect(result.stderr).toContain(`Error: Invalid config at ${state.configPath}`)
      expect(result.stderr).toMatch(/line 3, column \d+/)
      expect(result.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/)
    }
    expect(state.readConfigText()).toBe(broken)
    expect(fs.existsSync(`${state.configPath}.bak`)).toBe(false)
  })

  it("a config of the wrong shape names the key", async () => {
    state.writeConfig({ agents: { defaults: { model: { fallbacks: "openai/gpt-5.2" } } } })
    const result = await state.run(["models", "status"])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("agents.defaults.model")
  })

  it.each([
    [["models", "stauts"], 'Error: Unknown command "stauts" for "clawdbot models". Did you mean "status"?\n'],
    [["mdoels", "list"], 'Error: Unknown command "mdoels" for "clawdbot". Did you mean "models"?\n'],
    [
      ["models", "aliases", "rm", "gpt"],
      'Error: Unknown command "rm" for "clawdbot models aliases". Use one of: list, add, remove.'
    ]
  ])("a mistyped subcommand %j names the right command", async (args, message) => {
    const result = await state.run(args)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr.startsWith(message)).toBe(true)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
  })

  it.each([
    [
      ["models", "status", "--probe-timout", "5"],
      'Error: Unknown flag --probe-timout for "clawdbot models status". Did you mean --probe-timeout?\n'
    ],
    [
      ["models", "status", "--probe-timout=5"],
      'Error: Unknown flag --probe-timout for "clawdbot models status". Did you mean --probe-timeout?\n'
    ],
    [
      ["models", "set", "openai/gpt-5.2", "--json"],
      'Error: Unknown flag --json for "clawdbot models set". See `clawdbot models set --help`.\n'
    ],
    [
      ["models", "set", "--json", "openai/gpt-5.2"],
      'Error: Unknown flag --json for "clawdbot models set". See `clawdbot models set --help`.\n'
    ],
    [["models", "--json"], 'Error: Unknown flag --json for "clawdbot models". Did you mean --status-json?\n'],
    [["-V"], 'Error: Unknown flag -V for "clawdbot". Did you mean --version?\n']
  ])("an unknown flag %j is named, with the flag it likely meant", async (args, message) => {
    const result = await state.run(args)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe(message)
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("an unknown flag exits 1 without a stack trace", async () => {
    const result = await state.run(["models", "status", "--frobnicate"])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toContain("--frobnicate")
    expect(result.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/)
  })

  it("`clawdbot --completions bash` prints a completion script", async () => {
    const result = expectCode(await state.run(["--completions", "bash"]), 0)
    expect(result.stdout).toContain("complete")
    expect(result.stdout).toContain("models")
  })

  it("a value-taking flag typed last without its value is an error naming it, not ignored", async () => {
    // `--capability` is repeatable: @effect/cli took it as given zero times, and listed every model
    const capability = expectCode(await state.run(["models", "list", "--capability"]), 1)
    expect(capability.stdout).toBe("")
    expect(capability.stderr).toBe(
      "Error: --capability needs a value <tools|image|reasoning>. See `clawdbot models list --help`.\n"
    )
    const timeout = expectCode(await state.run(["models", "status", "--probe", "--probe-timeout"]), 1)
    expect(timeout.stderr).toBe(
      "Error: --probe-timeout needs a value <ms>. See `clawdbot models status --help`.\n"
    )
    // a flag without a value, last, is fine
    expectCode(await state.run(["models", "list", "--all"]), 0)
  })

  it("help is unstyled when piped, styled with FORCE_COLOR (spec conventions)", async () => {
    const piped = expectCode(await state.run(["models", "aliases", "--help"]), 0)
    expect(piped.stdout).not.toContain("\u001b[")
    expect(piped.stdout).toContain("USAGE")
    const forced = expectCode(await state.run(["models", "aliases", "--help"], { FORCE_COLOR: "1" }), 0)
    expect(forced.stdout).toContain("\u001b[")
  })

  it.each([
    [
      ["models", "--help"],
      [
        "status",
        "list",
        "set",
        "set-image",
        "aliases",
        "fallbacks",
        "image-fallbacks",
        "docs.clawd.bot/cli/models"
      ]
    ],
    [
      ["models", "status", "--help"],
      ["--json", "--plain", "--check", "Exit 1 if"]
    ],
    [
      ["models", "list", "--help"],
      ["--all", "--local", "--provider <name>", "--json", "--plain"]
    ],
    [
      ["models", "fallbacks", "--help"],
      ["list", "add", "remove", "clear"]
    ]
  ])("%j explains itself", async (args, words) => {
    const result = expectCode(await state.run(args), 0)
    for (const word of words) expect(result.stdout).toContain(word)
  })
})

describe("global --profile / --dev and .env files (spec §1.1)", () => {
  it("--profile keeps its own state dir, and missing-auth hints carry the profile", async () => {
    const env = { HOME: state.home }
    const set = expectCode(await runCli(["--profile", "work", "models", "set", "openai/gpt-5.2"], { env }), 0)
    expect(set.stdout).toContain("Updated ~/.clawdbot-work/clawdbot.json")
    expect(fs.existsSync(path.join(state.home, ".clawdbot"))).toBe(false)
    const status = expectCode(await runCli(["--profile", "work", "models", "status"], { env }), 0)
    expect(status.stdout).toContain("Config        : ~/.clawdbot-work/clawdbot.json")
    expect(status.stdout).toContain("clawdbot --profile work models auth login --provider openai")
    const bad = await runCli(["--profile", "../x", "models", "status"], { env })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^Error: Invalid --profile "..\/x"/)
  })

  it("./.env then <stateDir>/.env fill unset variables and never override the environment", async () => {
    const cwd = path.join(state.root, "work")
    fs.mkdirSync(cwd)
    fs.mkdirSync(state.stateDir, { recursive: true })
    fs.writeFileSync(path.join(cwd, ".env"), "GROQ_API_KEY=gsk_fromCwdDotEnv_0123456789abcdef\n")
    fs.writeFileSync(
      path.join(state.stateDir, ".env"),
      "OPENAI_API_KEY=sk-fromStateDotEnv-0123456789abcdef\nGROQ_API_KEY=gsk_fromStateDotEnv_0123456789\nXAI_API_KEY=xai-fromStateDotEnv-zzzzzzzz\n"
    )
    const result = expectCode(
      await runCli(["models", "status", "--json"], {
        env: { ...state.env, XAI_API_KEY: "xai-fromRealEnv-0123456789abcdef" },
        cwd
      }),
      0
    )
    const providers = JSON.parse(result.stdout).auth.providers as Array<{
      provider: string
      env?: { value: string }
    }>
    const envValue = (id: string) => providers.find((p) => p.provider === id)?.env?.value
    expect(envValue("groq")).toBe("gsk_from...89abcdef") // ./.env wins over <stateDir>/.env (…23456789)
    expect(envValue("openai")).toBe("sk-fromS...89abcdef")
    expect(envValue("xai")).toBe("xai-from...89abcdef") // the real env wins over the file's (…zzzzzzzz)
  })
})
