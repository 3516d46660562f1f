/**
 * Every command a message suggests exists (issue 13 item 7): the commands are collected from the source text (a
 * backticked `clawdbot …`, or the argument of a `command("…")` builder), and each must give `--help` through the
 * built `bin/clawdbot` and list the flags the message names. A future message naming a command this tool does not
 * have (the reference's `clawdbot configure`) fails here. Run `npm run build` first.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { tempStateForTest } from "../support/tempState.js"

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "src")

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith(".ts") ? [full] : []
  })

/** A suggested command: the words of its path and the flags it names. */
interface Suggested {
  readonly words: ReadonlyArray<string>
  readonly flags: ReadonlyArray<string>
  readonly where: string
}

/** `models auth login --provider ${provider}` -> words and flags; placeholders (`<id>`, `${x}`, `...`) end the path. */
const parse = (text: string, where: string): Suggested | undefined => {
  const tokens = text.trim().split(/\s+/)
  // `--profile <name>` is the global flag the builder inserts; it is not part of the command path.
  if (tokens[0] === "--profile") tokens.splice(0, 2)
  const words: Array<string> = []
  for (const token of tokens) {
    if (!/^[a-z][a-z0-9-]*$/.test(token)) break
    words.push(token)
  }
  const flags = tokens.filter((token) => token.startsWith("--")).map((token) => token.replace(/=.*$/, ""))
  return words.length === 0 ? undefined : { words, flags, where }
}

const collect = (): ReadonlyArray<Suggested> => {
  const found = new Map<string, Suggested>()
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, "utf8")
    const lines = text.split("\n")
    lines.forEach((line, index) => {
      const where = `${path.relative(SRC, file)}:${index + 1}`
      // In a message: `clawdbot models refresh`, \`clawdbot …\`, `pbpaste | clawdbot …`.
      const inText = [...line.matchAll(/(?:`|\| )clawdbot ((?:[^`\\]|\\(?!`))*)/g)].map((m) => m[1] ?? "")
      // Built for CLAWDBOT_PROFILE: command("models refresh"), command(`models list --provider ${p}`).
      const built = [...line.matchAll(/\bcommand\(\s*(["`])((?:(?!\1).)*)\1\s*\)/g)].map((m) => m[2] ?? "")
      for (const suggestion of [...inText, ...built]) {
        const parsed = parse(suggestion, where)
        if (parsed !== undefined) found.set(`${parsed.words.join(" ")} ${parsed.flags.join(" ")}`, parsed)
      }
    })
  }
  return [...found.values()]
}

/** The first line under the help's USAGE heading. */
const usageLine = (help: string): string => {
  const lines = help.split("\n")
  const heading = lines.findIndex((line) => line.trim() === "USAGE")
  return lines.slice(heading + 1).find((line) => line.trim() !== "") ?? ""
}

describe("suggested commands (issue 13 item 7)", () => {
  it("every command a message suggests parses with the real CLI and has the flags it names", async () => {
    const suggested = collect()
    const paths = suggested.map((s) => s.words.join(" "))
    // The collector must see the hints it exists for, or it would pass on nothing.
    expect(paths).toEqual(
      expect.arrayContaining(["models auth login", "models auth paste-token", "models refresh"])
    )
    const state = tempStateForTest()
    const results = await Promise.all(
      suggested.map(async (s) => ({ s, result: await state.run([...s.words, "--help"]) }))
    )
    const broken = results.flatMap(({ s, result }) => {
      const name = `clawdbot ${s.words.join(" ")} (${s.where})`
      if (result.code !== 0) return [`${name}: --help exited ${result.code}: ${result.stderr.trim()}`]
      // An unknown word before `--help` shows the root's help (exit 0), so the usage line must name the command.
      const usage = usageLine(result.stdout)
      const last = s.words.at(-1) ?? ""
      if (!usage.split(/[\s$]+/).includes(last))
        return [`${name}: --help shows another command (${usage.trim()})`]
      const missing = s.flags.filter((flag) => flag !== "--help" && !result.stdout.includes(flag))
      return missing.length === 0 ? [] : [`${name}: no ${missing.join(", ")} in its help`]
    })
    expect(broken).toEqual([])
  }, 120_000)
})
