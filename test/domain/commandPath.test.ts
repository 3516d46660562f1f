import { describe, expect, it } from "@effect/vitest"
import {
  type CommandTree,
  commandPathOf,
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
