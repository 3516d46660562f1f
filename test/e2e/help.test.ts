/**
 * Help, --version and the options @effect/cli adds on its own, through the real `bin/clawdbot` (issue 13 items 1
 * and 2). Run `npm run build` first (`npm test` does).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { BIN } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

const VERSION = JSON.parse(
  fs.readFileSync(path.join(path.dirname(BIN), "..", "package.json"), "utf8")
).version

const widest = (text: string) => Math.max(...text.split("\n").map((line) => line.length))

describe("help (issue 13 item 1)", () => {
  it("`clawdbot --help` is the root help: full-path usage, the commands, examples, at most 80 columns", async () => {
    const result = await state.run(["--help"])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    expect(result.stdout).toMatch(
      /^Choose and check the AI models your assistant uses\.\n\nUSAGE\n {2}clawdbot <command> <subcommand> \[flags\]\n/
    )
    expect(result.stdout).toMatch(/\nCOMMANDS\n {2}models: /)
    expect(result.stdout).toContain("\nEXAMPLES\n  # ")
    expect(result.stdout).toContain("\nLEARN MORE\n  Use `clawdbot <command> <subcommand> --help`")
    expect(widest(result.stdout)).toBeLessThanOrEqual(80)
  })

  it("a verb's help: copyable usage with the full path, flags with value names and defaults, examples", async () => {
    const result = await state.run(["models", "status", "--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("USAGE\n  clawdbot models status [flags]\n")
    expect(result.stdout).toMatch(/\n {2}--probe-timeout <ms> +Per-probe timeout in ms \(default 8000\)\n/)
    expect(result.stdout).toMatch(/\nEXAMPLES\n( {2}[#$] .*\n)+/)
    expect(result.stdout).not.toMatch(
      /A user-defined piece of text|This setting is optional|--probe-timeout text/
    )
    expect(widest(result.stdout)).toBeLessThanOrEqual(80)

    const add = await state.run(["models", "fallbacks", "add", "--help"])
    expect(add.stdout).toContain("USAGE\n  clawdbot models fallbacks add <model> [flags]\n")
  })

  it("a group's help lists its subcommands once each, by name", async () => {
    const result = await state.run(["models", "auth", "--help"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("USAGE\n  clawdbot models auth <command>\n")
    for (const verb of ["add", "login", "paste-token", "order", "list", "remove", "clear-cooldown"]) {
      expect(result.stdout).toMatch(new RegExp(`\\n {2}${verb}: +\\S`))
    }
    expect(result.stdout).not.toContain("auth auth")
    expect(widest(result.stdout)).toBeLessThanOrEqual(80)
  })

  it.each([
    [[]],
    [["models"]],
    [["models", "auth"]],
    [["models", "status"]],
    [["models", "auth", "order", "set"]]
  ])("`clawdbot help %j` prints the same as `--help` and `-h` there", async (words) => {
    const viaHelp = await state.run(["help", ...words])
    const viaFlag = await state.run([...words, "--help"])
    const viaShort = await state.run([...words, "-h"])
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toContain("USAGE\n")
    expect(viaFlag.stdout).toBe(viaHelp.stdout)
    expect(viaShort.stdout).toBe(viaHelp.stdout)
  })

  it.each([[[]], [["models", "auth"]], [["models", "auth", "order"]], [["models", "fallbacks"]]])(
    "a group named alone (%j) shows its help, like gh",
    async (words) => {
      const bare = await state.run(words)
      expect(bare.code).toBe(0)
      expect(bare.stdout).toBe((await state.run(["help", ...words])).stdout)
    }
  )

  it("--help after a verb's arguments and flag values still shows that verb's help", async () => {
    const result = await state.run(["models", "status", "--probe-provider", "openai", "--help"])
    expect(result.stdout).toContain("USAGE\n  clawdbot models status [flags]\n")
    const set = await state.run(["models", "set", "openai/gpt-5.2", "-h"])
    expect(set.stdout).toContain("USAGE\n  clawdbot models set <model> [flags]\n")
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("help for a command that does not exist is an error naming it", async () => {
    const result = await state.run(["help", "models", "stauts"])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^Error: Unknown command "stauts" for "clawdbot models"/)
  })
})

describe("no dead options (issue 13 item 2)", () => {
  it("--version prints the version and one newline", async () => {
    const result = await state.run(["--version"])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`${VERSION}\n`)
  })

  it.each([
    [["--log-level", "debug", "models", "status"], "--log-level"],
    [["models", "status", "--log-level=debug"], "--log-level"],
    [["models", "set", "openai/gpt-5.2", "--log-level", "debug"], "--log-level"],
    [["--wizard"], "--wizard"],
    [["models", "--wizard"], "--wizard"]
  ])("%j is refused with an error naming the option, at once", async (args, option) => {
    const result = await state.run(args)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe(
      `Error: Unknown option ${option}: clawdbot has no such option. See \`clawdbot --help\`.\n`
    )
    expect(fs.existsSync(state.configPath)).toBe(false)
  })

  it("no help lists them", async () => {
    for (const args of [["--help"], ["models", "--help"], ["models", "set", "--help"]]) {
      const result = await state.run(args)
      expect(result.stdout).not.toMatch(/--log-level|--wizard/)
    }
  })

  it("`--completions bash` still prints a completion script", async () => {
    const result = await state.run(["--completions", "bash"])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("complete")
  })
})

/** `sh -c 'clawdbot … | head -1'`: a real pipe whose reader goes away early. */
const pipedToHead = (args: ReadonlyArray<string>) =>
  spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" "$@" | head -1`, "sh", ...args], {
    env: { PATH: process.env.PATH, ...state.env },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: 60_000,
    killSignal: "SIGKILL"
  })

describe("output piped to `head -1` (issue 13 item 2)", () => {
  it.each([[["--help"]], [["models", "list", "--all"]], [["models", "auth", "--help"]], [["--wizard"]]])(
    "%j never crashes with a stack",
    (args) => {
      const result = pipedToHead(args)
      expect(result.status).not.toBeNull()
      expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /)
      expect(result.stdout.split("\n").length).toBeLessThanOrEqual(2)
    }
  )
})
