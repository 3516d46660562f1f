/** Root `clawdbot` command; mounts `models`. */
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { builtInAnswer, ROOT_FLAGS } from "./commands/help.js"
import { models } from "./commands/models/index.js"
import { type CommandSpec, commandSpec, findCommand } from "./commands/spec.js"
import {
  type CommandTree,
  commandPathOf,
  findUnknownFlag,
  findUnknownSubcommand,
  leftoverMessage,
  unknownFlagMessage,
  unknownSubcommandMessage,
  usageErrorMessage
} from "./domain/commandPath.js"
import { completionScript, completionsRequest } from "./domain/completions.js"
import { UsageError } from "./domain/errors.js"
import { HELP_FLAG } from "./domain/help.js"
import { stripAnsi } from "./domain/terminal.js"

export const VERSION = "0.1.0"

export const root = Command.make("clawdbot").pipe(
  Command.withDescription("Choose and check the AI models your assistant uses."),
  Command.withSubcommands([models])
)

const run = Command.run(root, { name: "clawdbot", version: VERSION })

let specCache: CommandSpec | undefined
/** The command tree as data for help, completions and flag suggestions: read once, and only when one needs it. */
export const spec = (): CommandSpec => {
  specCache ??= commandSpec(root.descriptor)
  return specCache
}

/**
 * The tree completions offer: the commands' own options, plus what every command accepts before @effect/cli
 * sees it (`--help`) and the root's own (`--version`, `--completions`, and `--profile`/`--dev`, read in main.ts),
 * as help shows them.
 */
export const completionTree = (tree: CommandSpec = spec()): CommandSpec => {
  const withHelp = (command: CommandSpec): CommandSpec => ({
    ...command,
    options: [...command.options, HELP_FLAG],
    children: command.children.map(withHelp)
  })
  const withRoot = withHelp(tree)
  return { ...withRoot, options: [...withRoot.options, ...ROOT_FLAGS] }
}

interface DescriptorNode {
  readonly _tag?: unknown
  readonly name?: unknown
  readonly command?: DescriptorNode
  readonly parent?: DescriptorNode
  readonly children?: ReadonlyArray<DescriptorNode>
}

/**
 * The command tree, read from @effect/cli's descriptor (its public `getSubcommands` goes one level deep only).
 * An unexpected shape gives `undefined`, and the library's own message is used.
 */
const treeOf = (node: DescriptorNode | undefined): CommandTree | undefined => {
  switch (node?._tag) {
    case "Standard":
    case "GetUserInput":
      return typeof node.name === "string" ? { name: node.name, children: [] } : undefined
    case "Map":
      return treeOf(node.command)
    case "Subcommands": {
      const parent = treeOf(node.parent)
      const children = (node.children ?? []).map(treeOf)
      if (parent === undefined || children.some((child) => child === undefined)) return undefined
      return { name: parent.name, children: children as ReadonlyArray<CommandTree> }
    }
    default:
      return undefined
  }
}

/**
 * Runs the CLI. A mistyped subcommand is reported against the command it follows (`Unknown command "stauts" for
 * "clawdbot models"`); the check parses first and only when @effect/cli would reject the command path.
 */
export const cli = (argv: ReadonlyArray<string>) => {
  const args = argv.slice(2)
  const completions = completionsRequest(args)
  if (completions !== undefined) {
    return Either.match(completions, {
      onLeft: (reason) => Effect.fail(new UsageError({ reason })),
      onRight: (shell) => Console.log(completionScript(shell, completionTree()).trimEnd())
    })
  }
  const tree = treeOf(root.descriptor as DescriptorNode)
  const answer = tree === undefined ? undefined : builtInAnswer(tree, spec, args, VERSION)
  if (answer !== undefined) return answer
  // A value-taking flag typed last with no value: @effect/cli lets a repeatable one (`--capability`) pass as
  // given zero times, so the command would run as if it were not there. Only then is the spec read.
  const last = args.at(-1)
  if (tree !== undefined && last !== undefined && /^--?[A-Za-z]/.test(last) && !last.includes("=")) {
    const path = commandPathOf(tree, args)
    const option = findCommand(spec(), path.slice(1))?.options.find(
      (candidate) => candidate.name === last || candidate.aliases.includes(last)
    )
    if (option?.value !== undefined)
      return Effect.fail(
        new UsageError({ reason: usageErrorMessage(`${last} needs a value ${option.value}`, path) })
      )
  }
  // The whole spec (options and all) is read only when @effect/cli rejects the command line: a flag it does not
  // know is named against the command it follows, with a suggestion.
  const unknownFlag = () => {
    const found = findUnknownFlag(spec(), args)
    return found === undefined
      ? undefined
      : Effect.fail(new UsageError({ reason: unknownFlagMessage(found) }))
  }
  return Descriptor.parse(root.descriptor, ["clawdbot", ...args], CliConfig.defaultConfig).pipe(
    Effect.matchEffect({
      onSuccess: (directive) => {
        // @effect/cli prints a leftover word itself ("Received unknown argument") before failing; say it our way.
        const head = directive._tag === "UserDefined" ? directive.leftover[0] : undefined
        if (head === undefined || tree === undefined) return run(argv)
        return (
          unknownFlag() ??
          Effect.fail(
            new UsageError({ reason: usageErrorMessage(leftoverMessage(head), commandPathOf(tree, args)) })
          )
        )
      },
      onFailure: (error) => {
        if (tree === undefined) return run(argv)
        const flag = unknownFlag()
        if (flag !== undefined) return flag
        const unknown = ValidationError.isCommandMismatch(error)
          ? findUnknownSubcommand(tree, args)
          : undefined
        if (unknown) return Effect.fail(new UsageError({ reason: unknownSubcommandMessage(unknown) }))
        // Flag and argument errors become one `Error: ...` line at the edge, like every other user error.
        const text = stripAnsi(HelpDoc.toAnsiText(error.error))
        return Effect.fail(new UsageError({ reason: usageErrorMessage(text, commandPathOf(tree, args)) }))
      }
    })
  )
}
