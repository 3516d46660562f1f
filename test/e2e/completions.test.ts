/**
 * `clawdbot --completions <shell>` in the real shells (issue 13 item 3): each script comes from `bin/clawdbot`
 * (run `node scripts/build.mjs` first) and is loaded into bash, zsh and fish, which are asked to complete nested
 * verbs, flags and enum flag values. zsh and fish are skipped where missing locally; CI installs them (.ci/run).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { requirement } from "../support/requirements.js"
import { BIN } from "../support/runCli.js"

const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"], { stdio: "ignore" }).status === 0
const hasZsh = requirement("zsh", has("zsh"), "Debian package zsh; .ci/run installs it")
const hasFish = requirement("fish", has("fish"), "Debian package fish; .ci/run installs it")

const ZSH_HARNESS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "support",
  "zshComplete.zsh"
)

let scratch: string
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-completions-"))
})
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** The script `clawdbot --completions <shell>` prints, saved to a file the shell sources. */
const scriptFor = (shell: string): string => {
  const result = spawnSync(BIN, ["--completions", shell], {
    encoding: "utf8",
    env: { PATH: process.env.PATH }
  })
  expect(result.stderr).toBe("")
  expect(result.status).toBe(0)
  const file = path.join(scratch, `clawdbot.${shell}`)
  fs.writeFileSync(file, result.stdout)
  return file
}

const run = (command: string, args: ReadonlyArray<string>) => {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH }
  })
  expect(result.stderr).toBe("")
  expect(result.status).toBe(0)
  return result.stdout
}

describe("bash", () => {
  /** What bash's completion function for `clawdbot` offers for `line` (the cursor at its end). */
  const complete = (line: string): ReadonlyArray<string> => {
    const script = scriptFor("bash")
    // COMP_WORDS as bash splits the line (a trailing space starts a new, empty word; `=` is a word of its own).
    const words = line.replace(/=/g, " = ").split(/ +/)
    const harness = [
      `source ${JSON.stringify(script)}`,
      `spec=$(complete -p clawdbot) || exit 3`,
      `fn=\${spec#*-F }; fn=\${fn%% *}`,
      `COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")})`,
      `COMP_CWORD=${words.length - 1}`,
      `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}`,
      `"$fn" clawdbot "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"`,
      `printf '%s\\n' "\${COMPREPLY[@]}"`
    ].join("\n")
    return run("bash", ["--norc", "--noprofile", "-c", harness]).split("\n").filter(Boolean)
  }

  it("registers a completion function for clawdbot", () => {
    const script = scriptFor("bash")
    expect(run("bash", ["--norc", "-c", `source ${JSON.stringify(script)}; complete -p clawdbot`])).toMatch(
      /^complete -F \S+ clawdbot\n$/
    )
  })

  it("completes nested verbs, including names with a dash", () => {
    expect(complete("clawdbot mo")).toEqual(["models"])
    expect(complete("clawdbot models fa")).toEqual(["fallbacks"])
    expect(complete("clawdbot models fallbacks ")).toEqual(["list", "add", "remove", "clear"])
    expect(complete("clawdbot models set-")).toEqual(["set-image"])
    expect(complete("clawdbot models auth order ")).toEqual(["get", "set", "clear"])
    expect(complete("clawdbot --profile work models image-")).toEqual(["image-fallbacks"])
  })

  it("completes the flags of the verb typed, and enum values", () => {
    expect(complete("clawdbot models status --pro")).toEqual([
      "--probe",
      "--probe-provider",
      "--probe-profile",
      "--probe-timeout",
      "--probe-concurrency",
      "--probe-max-tokens",
      "--probe-model",
      "--probe-all-models"
    ])
    expect(complete("clawdbot models set --")).toEqual(["--agent", "--help"])
    expect(complete("clawdbot models list --sort ")).toEqual(["name", "price", "context"])
    expect(complete("clawdbot models list --sort=pr")).toEqual(["price"])
    expect(complete("clawdbot models list --capability ")).toEqual(["tools", "image", "reasoning"])
    expect(complete("clawdbot --completions ")).toEqual(["bash", "zsh", "fish"])
    expect(complete("clawdbot models auth login --provider open")).toEqual([
      "openai",
      "openai-codex",
      "openrouter"
    ])
  })

  it("a value of a flag is not taken for a command word", () => {
    // the profile named "models": the command word is still to come
    expect(complete("clawdbot --profile models ")).toEqual(["models"])
    expect(complete("clawdbot models list --provider ")).toEqual([])
  })
})

describe.runIf(hasZsh)("zsh", () => {
  /** What an interactive zsh showed for each line after TAB then Enter (test/support/zshComplete.zsh). */
  const typeInZsh = (lines: ReadonlyArray<string>): ReadonlyArray<string> => {
    const dir = fs.mkdtempSync(path.join(scratch, "zdotdir-"))
    const out = run("zsh", ["-f", ZSH_HARNESS, scriptFor("zsh"), dir, ...lines])
    return out.split(/^=== \d+$/m).slice(1)
  }

  it("loads after compinit without a word on stderr", () => {
    const script = scriptFor("zsh")
    const dump = path.join(scratch, "zcompdump")
    expect(
      run("zsh", [
        "-f",
        "-c",
        `autoload -U compinit; compinit -u -d ${dump}; source ${script}; print -r -- $_comps[clawdbot]`
      ])
    ).toBe("_clawdbot\n")
  })

  it("TAB completes nested verbs, flags and enum values in an interactive zsh", () => {
    const [verb, dashed, sortValues, flag, inlineValue] = typeInZsh([
      "clawdbot models fa",
      "clawdbot models set-",
      "clawdbot models list --sort ",
      "clawdbot models status --probe-t",
      "clawdbot models list --sort=p"
    ])
    expect(verb).toContain("<<models fallbacks>>")
    expect(dashed).toContain("<<models set-image>>")
    // ambiguous: the candidates are listed under the line
    expect(sortValues).toMatch(/context\s+name\s+price/)
    expect(flag).toContain("<<models status --probe-timeout>>")
    expect(inlineValue).toContain("<<models list --sort=price>>")
  })
})

describe.runIf(hasFish)("fish", () => {
  /** `complete -C` asks fish what it would offer for the line; candidates come with a tab and a description. */
  const complete = (line: string): ReadonlyArray<string> =>
    run("fish", ["--no-config", "-c", `source ${scriptFor("fish")}; complete -C ${JSON.stringify(line)}`])
      .split("\n")
      .filter(Boolean)
      .map((candidate) => candidate.split("\t")[0]!)

  it("completes nested verbs, flags and enum values", () => {
    expect(complete("clawdbot models fa")).toEqual(["fallbacks"])
    expect(complete("clawdbot models set-")).toEqual(["set-image"])
    expect(complete("clawdbot models auth order ")).toEqual(["clear", "get", "set"])
    expect(complete("clawdbot models status --probe-t")).toEqual(["--probe-timeout"])
    expect(complete("clawdbot models list --sort ")).toEqual(["context", "name", "price"])
    expect(complete("clawdbot models list --sort=p")).toEqual(["--sort=price"])
    expect(complete("clawdbot --completions ")).toEqual(["bash", "fish", "zsh"])
  })
})

describe("--completions", () => {
  it("names the shells it supports when given another", () => {
    const result = spawnSync(BIN, ["--completions", "sh"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH }
    })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe('Error: --completions: no completion for "sh". Use one of: bash, zsh, fish.\n')
  })
})
