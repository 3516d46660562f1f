/** The command tree read from the @effect/cli definitions (src/commands/spec.ts): what help and completions show. */
import { describe, expect, it } from "@effect/vitest"
import { root } from "../../src/cli.js"
import { allCommands, commandSpec, findCommand } from "../../src/commands/spec.js"

const spec = commandSpec(root.descriptor)

describe("commandSpec", () => {
  it("reads every command of the tree, with its full path", () => {
    const paths = allCommands(spec).map((command) => command.path.join(" "))
    expect(paths).toEqual(
      expect.arrayContaining([
        "clawdbot",
        "clawdbot models",
        "clawdbot models status",
        "clawdbot models set-image",
        "clawdbot models fallbacks add",
        "clawdbot models image-fallbacks clear",
        "clawdbot models auth order set",
        "clawdbot models refresh"
      ])
    )
    // every command has a description a user can read
    for (const command of allCommands(spec)) expect(command.description, command.path.join(" ")).not.toBe("")
  })

  it("reads options with their value names, choices and defaults, and arguments", () => {
    const status = findCommand(spec, ["models", "status"])!
    const timeout = status.options.find((option) => option.name === "--probe-timeout")
    expect(timeout).toMatchObject({ value: expect.stringMatching(/^<.+>$/), repeatable: false })
    expect(status.options.find((option) => option.name === "--json")).toMatchObject({ repeatable: false })
    expect(status.options.find((option) => option.name === "--json")?.value).toBeUndefined()
    expect(status.options.find((option) => option.name === "--probe-profile")?.repeatable).toBe(true)

    const add = findCommand(spec, ["models", "fallbacks", "add"])!
    expect(add.args).toEqual([
      expect.objectContaining({ name: "<model>", optional: false, repeatable: false })
    ])

    const list = findCommand(spec, ["models", "list"])!
    expect(list.options.map((option) => option.name)).toEqual(
      expect.arrayContaining([
        "--all",
        "--local",
        "--provider",
        "--search",
        "--sort",
        "--capability",
        "--json"
      ])
    )
  })

  it("knows the values of options checked by their own rule (withChoices), for completions", () => {
    const option = (path: ReadonlyArray<string>, name: string) =>
      findCommand(spec, path)!.options.find((candidate) => candidate.name === name)
    expect(option(["models", "list"], "--sort")?.choices).toEqual(["name", "price", "context"])
    expect(option(["models", "list"], "--capability")).toMatchObject({
      choices: ["tools", "image", "reasoning"],
      repeatable: true
    })
    expect(option(["models", "auth", "login"], "--provider")?.choices).toContain("github-copilot")
    // a free-text option has none
    expect(option(["models", "list"], "--provider")?.choices).toBeUndefined()
  })
})
