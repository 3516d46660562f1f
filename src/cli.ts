/** Root `clawdbot` command; mounts `models`. */
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as Descriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import { builtInAnswer } from "./commands/help.js"
import { models } from "./commands/models/index.js"
import { type CommandSpec, commandSpec } from "./commands/spec.js"
import {
  type CommandTree,
  commandPathOf,
  findUnknownSubcommand,
  leftoverMessage,
  unknownSubcommandMessage,
  usageErrorMessage
} from "./domain/commandPath.js"
import { UsageError } from "./domain/errors.js"
import { stripAnsi } from "./domain/terminal.js"

export const VERSION = "0.1.0"

export const root = Command.make("clawdbot").pipe(
  Command.withDescription("Choose and check the AI models your assistant uses."),
  Command.withSubcommands([models])
)

const run = Command.run(root, { name: "clawdbot", version: VERSION })

let specCache: CommandSpec | undefined
/** The command tree as data for help, read once and only when help is printed. */
export const spec = (): CommandSpec => {
  specCache ??= commandSpec(root.descriptor)
  return specCache
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
  const tree = treeOf(root.descriptor as DescriptorNode)
  const answer = tree === undefined ? undefined : builtInAnswer(tree, spec, args, VERSION)
  if (answer !== undefined) return answer
  return Descriptor.parse(root.descriptor, ["clawdbot", ...args], CliConfig.defaultConfig).pipe(
    Effect.matchEffect({
      onSuccess: (directive) => {
        // @effect/cli prints a leftover word itself ("Received unknown argument") before failing; say it our way.
        const head = directive._tag === "UserDefined" ? directive.leftover[0] : undefined
        const tree = head === undefined ? undefined : treeOf(root.descriptor as DescriptorNode)
        return head === undefined || tree === undefined
          ? run(argv)
          : Effect.fail(
              new UsageError({ reason: usageErrorMessage(leftoverMessage(head), commandPathOf(tree, args)) })
            )
      },
      onFailure: (error) => {
        const tree = treeOf(root.descriptor as DescriptorNode)
        if (tree === undefined) return run(argv)
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
