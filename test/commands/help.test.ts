/** Help rendered from the command tree (issue 13 item 1): gh's shape, 80 columns, examples that parse. */
import * as CliConfig from "@effect/cli/CliConfig"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { root } from "../../src/cli.js"
import { EXAMPLES } from "../../src/commands/examples.js"
import { helpText } from "../../src/commands/help.js"
import { allCommands, commandSpec, findCommand } from "../../src/commands/spec.js"
import { stripStyling } from "../../src/domain/terminal.js"

const spec = commandSpec(root.descriptor)
const help = (path: ReadonlyArray<string>) => stripStyling(helpText(findCommand(spec, path)!))
const section = (text: string, title: string): ReadonlyArray<string> => {
  const lines = text.split("\n")
  const start = lines.indexOf(title)
  if (start === -1) return []
  const end = lines.findIndex((line, index) => index > start && line === "")
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

/** The argv of an example, from `clawdbot` on (`printenv X | clawdbot …` is parsed from `clawdbot`). */
const argvOf = (command: string): ReadonlyArray<string> => {
  const words = command.split(/\s+/)
  return words.slice(words.indexOf("clawdbot"))
}

describe("help (issue 13 item 1)", () => {
  it("every command's help fits 80 columns", () => {
    for (const command of allCommands(spec)) {
      for (const line of stripStyling(helpText(command)).split("\n")) {
        expect(line.length, `${command.path.join(" ")}: ${line}`).toBeLessThanOrEqual(80)
      }
    }
  })

  it("on a narrower terminal, help wraps to its width", () => {
    for (const command of allCommands(spec)) {
      for (const line of stripStyling(helpText(command, 60)).split("\n")) {
        expect(line.length, `${command.path.join(" ")}: ${line}`).toBeLessThanOrEqual(60)
      }
    }
  })

  it("the root: one line, USAGE, its commands, global flags, examples and a pointer to subcommand help", () => {
    const text = help([])
    expect(text.split("\n")[0]).toBe("Choose and check the AI models your assistant uses.")
    expect(section(text, "USAGE")).toEqual(["  clawdbot <command> <subcommand> [flags]"])
    expect(section(text, "COMMANDS")[0]).toMatch(/^ {2}models: +Choose, check and configure models/)
    const flags = section(text, "FLAGS").join("\n")
    for (const flag of ["--profile <name>", "--dev", "--version", "-h, --help", "--completions <shell>"]) {
      expect(flags).toContain(flag)
    }
    expect(text).not.toMatch(/--log-level|--wizard/)
    expect(section(text, "EXAMPLES")).toContain("  $ clawdbot models status")
    expect(section(text, "LEARN MORE").join(" ").replace(/\s+/g, " ").trim()).toBe(
      "Use `clawdbot <command> <subcommand> --help` for more information about a command."
    )
  })

  it("a group (`models auth`): its full path and its subcommands as an aligned list", () => {
    const text = help(["models", "auth"])
    expect(section(text, "USAGE")).toEqual(["  clawdbot models auth <command>"])
    const commands = section(text, "COMMANDS").filter((line) => /^ {2}\S/.test(line))
    const group = findCommand(spec, ["models", "auth"])!
    expect(commands.map((line) => line.trim().split(":")[0])).toEqual(
      group.children.map((child) => child.name)
    )
    // the descriptions start in one column, and show only the first sentence
    const columns = new Set(commands.map((line) => line.search(/(?<=: +)\S/)))
    expect(columns.size).toBe(1)
    expect(text).toContain("List the agent's credentials\n")
    expect(text).not.toContain("rotation position")
    expect(section(text, "EXAMPLES").length).toBeGreaterThan(0)
  })

  it("a verb (`models status`): USAGE with the full path, flags with value names and defaults, examples", () => {
    const text = help(["models", "status"])
    expect(section(text, "USAGE")).toEqual(["  clawdbot models status [flags]"])
    const flags = section(text, "FLAGS")
    expect(flags).toContainEqual(
      expect.stringMatching(/^ {2}--probe-timeout <ms> +Per-probe timeout in ms \(default 8000\)$/)
    )
    expect(flags).toContainEqual(
      expect.stringMatching(/^ {2}--probe-concurrency <n> +Concurrent probes \(default 2\)$/)
    )
    expect(flags).toContainEqual(expect.stringMatching(/^ {2}--json +Print JSON to stdout/))
    expect(flags.join("\n")).toMatch(/--probe-profile <id> +Only probe these auth profile ids \(repeatable/)
    expect(section(text, "INHERITED FLAGS")).toEqual([
      expect.stringMatching(/^ {2}-h, --help +Show help for command$/)
    ])
    expect(section(text, "EXAMPLES")).toContain("  $ clawdbot models status --probe --probe-provider openai")
    expect(text).not.toMatch(/A user-defined piece of text|This setting is optional|A true or false value/)
  })

  it("a verb with arguments shows them in USAGE and describes them", () => {
    const add = help(["models", "fallbacks", "add"])
    expect(section(add, "USAGE")).toEqual(["  clawdbot models fallbacks add <model> [flags]"])
    expect(section(add, "ARGUMENTS")).toEqual([
      expect.stringMatching(/^ {2}<model> +provider\/model or an alias$/)
    ])
    expect(section(help(["models", "auth", "order", "set"]), "USAGE")).toEqual([
      "  clawdbot models auth order set [<profileIds>...] [flags]"
    ])
  })

  it("every argument and option has a real description, and a value name that says what it takes", () => {
    for (const command of allCommands(spec)) {
      for (const item of [...command.args, ...command.options]) {
        const where = `${command.path.join(" ")} ${item.name}`
        expect(item.description, where).not.toBe("")
      }
      for (const option of command.options) {
        expect(option.value ?? "", `${command.path.join(" ")} ${option.name}`).not.toMatch(
          /^<(integer|float|value|choice|date)>$/
        )
      }
    }
  })

  it("every verb has examples of itself, and every example parses", async () => {
    const paths = new Set(allCommands(spec).map((command) => command.path.join(" ")))
    for (const key of Object.keys(EXAMPLES)) expect(paths, key).toContain(key)
    for (const command of allCommands(spec).filter((command) => command.children.length === 0)) {
      const own = (EXAMPLES[command.path.join(" ")] ?? []).filter((example) =>
        argvOf(example.command).join(" ").startsWith(command.path.join(" "))
      )
      expect(own.length, command.path.join(" ")).toBeGreaterThan(0)
    }
    for (const [key, examples] of Object.entries(EXAMPLES)) {
      for (const { command } of examples) {
        expect(command, key).not.toMatch(/["'\\]/) // split on spaces below: no quoting
        const argv = argvOf(command).filter((word, index, words) => {
          // `--profile <name>` is read by the edge before parsing (src/domain/globalFlags.ts)
          return word !== "--profile" && words[index - 1] !== "--profile"
        })
        const directive = await Effect.runPromise(
          Descriptor.parse(root.descriptor, argv, CliConfig.defaultConfig).pipe(
            Effect.either,
            Effect.provide(NodeContext.layer)
          )
        )
        expect(directive._tag, command).toBe("Right")
        if (directive._tag === "Right") {
          expect(directive.right._tag, command).toBe("UserDefined")
          if (directive.right._tag === "UserDefined") expect(directive.right.leftover, command).toEqual([])
        }
      }
    }
  })
})
