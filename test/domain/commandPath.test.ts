import { describe, expect, it } from "@effect/vitest"
import { root } from "../../src/cli.js"
import { commandSpec } from "../../src/commands/spec.js"
import {
  type CommandTree,
  commandPathOf,
  findUnknownFlag,
  findUnknownSubcommand,
  unknownSubcommandMessage,
  usageErrorMessage
} from "../../src/domain/commandPath.js"

const leaf = (name: string): CommandTree => ({ name, children: [] })
const tree: CommandTree = {
  name: "clawdbot",
  children: [
    {
      name: "models",
      children: [leaf("status"), leaf("set"), { name: "aliases", children: [leaf("list"), leaf("add")] }]
    }
  ]
}

describe("findUnknownSubcommand", () => {
  it.each([
    [["models", "stauts"], ["clawdbot", "models"], "stauts"],
    [["models", "aliases", "rm", "x"], ["clawdbot", "models", "aliases"], "rm"],
    [["--completions", "bash", "modles"], ["clawdbot"], "modles"],
    [["models", "--status-json", "lst"], ["clawdbot", "models"], "lst"]
  ])("%j -> %j / %s", (args, path, word) => {
    expect(findUnknownSubcommand(tree, args)).toMatchObject({ path, word })
  })

  it.each([
    [[]],
    [["models"]],
    [["models", "set", "anthropic/x"]],
    [["models", "aliases", "add", "a", "b"]],
    [["--completions", "bash"]],
    [["--log-level", "debug", "models", "status"]],
    [["models", "--", "whatever"]]
  ])("%j is a known path", (args) => {
    expect(findUnknownSubcommand(tree, args)).toBeUndefined()
  })

  it("the message names the word, the command it follows and the choices", () => {
    expect(unknownSubcommandMessage(findUnknownSubcommand(tree, ["models", "aliases", "rm"])!)).toBe(
      'Unknown command "rm" for "clawdbot models aliases". Use one of: list, add.'
    )
  })
})

describe("usage errors (issue 2 item 8: one clear line)", () => {
  const small: CommandTree = {
    name: "clawdbot",
    children: [
      {
        name: "models",
        children: [
          { name: "set", children: [] },
          { name: "status", children: [] }
        ]
      }
    ]
  }
  it("the command path stops at the first word that is not a subcommand, skipping options", () => {
    expect(commandPathOf(small, ["--log-level", "debug", "models", "set", "x"])).toEqual([
      "clawdbot",
      "models",
      "set"
    ])
    expect(commandPathOf(small, ["models", "--json", "status"])).toEqual(["clawdbot", "models", "status"])
  })
  it("the library's text becomes one sentence pointing at --help", () => {
    expect(usageErrorMessage("Missing argument <model>\n\n", ["clawdbot", "models", "set"])).toBe(
      "Missing argument <model>. See `clawdbot models set --help`."
    )
    expect(usageErrorMessage("--x must be > 0.", ["clawdbot"])).toBe(
      "--x must be > 0. See `clawdbot --help`."
    )
  })
})

describe("findUnknownFlag (issue 13 item 4)", () => {
  const spec = commandSpec(root.descriptor)

  it.each([
    [["models", "list", "--sort", "price", "--capability=tools", "--json"]],
    [["models", "status", "--probe-timeout=5", "--probe-provider", "--weird-but-a-value"]],
    [["models", "set", "--", "--not-a-flag"]],
    [["--log-level", "debug", "models", "status", "--help"]],
    [["models", "scan", "--no-probe", "-h"]],
    [["--version"]],
    // an unknown command is reported on its own, not as the flag after it
    [["models", "stauts", "--json"]]
  ])("%j has no unknown flag", (args) => {
    expect(findUnknownFlag(spec, args)).toBeUndefined()
  })

  it.each([
    [
      ["models", "status", "--probe-timout", "5"],
      ["clawdbot", "models", "status"],
      "--probe-timout",
      ["--probe-timeout"]
    ],
    [["models", "set", "x", "--json"], ["clawdbot", "models", "set"], "--json", []],
    [["models", "--json"], ["clawdbot", "models"], "--json", ["--status-json"]],
    [["-V"], ["clawdbot"], "-V", ["--version"]],
    [
      ["models", "list", "--sort=price", "--sotr", "name"],
      ["clawdbot", "models", "list"],
      "--sotr",
      ["--sort"]
    ]
  ])("%j -> %j %s, suggesting %j", (args, path, flag, suggestions) => {
    expect(findUnknownFlag(spec, args)).toEqual({ path, flag, suggestions })
  })
})

describe("unknown command suggestions", () => {
  it("suggests the closest command instead of listing them all", () => {
    expect(unknownSubcommandMessage(findUnknownSubcommand(tree, ["models", "stauts"])!)).toBe(
      'Unknown command "stauts" for "clawdbot models". Did you mean "status"?'
    )
    expect(unknownSubcommandMessage(findUnknownSubcommand(tree, ["models", "aliases", "ad"])!)).toBe(
      'Unknown command "ad" for "clawdbot models aliases". Did you mean "add"?'
    )
  })
})
