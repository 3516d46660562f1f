/**
 * `--help`, `-h`, `help <command…>` and `--version`, answered before @effect/cli parses: help is rendered from the
 * command tree (src/domain/help.ts) in the shape gh users know, and @effect/cli's own built-ins that do not work
 * everywhere they are listed (`--wizard`, `--log-level`) are refused here, since @effect/cli cannot turn them off.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { type CommandTree, findUnknownSubcommand, unknownSubcommandMessage } from "../domain/commandPath.js"
import { COMPLETION_SHELLS } from "../domain/completions.js"
import { UsageError } from "../domain/errors.js"
import { renderHelp } from "../domain/help.js"
import { Environment } from "../services/Environment.js"
import { examplesOf } from "./examples.js"
import { type CommandSpec, findCommand, type OptionSpec } from "./spec.js"

/** Options of the root (help and completions show them) that the edge reads before parsing (src/domain/globalFlags.ts) or that are built in. */
export const ROOT_FLAGS: ReadonlyArray<OptionSpec> = [
  {
    name: "--profile",
    aliases: [],
    value: "<name>",
    description: "Use a separate state dir, ~/.clawdbot-<name> (before the command)",
    repeatable: false
  },
  { name: "--dev", aliases: [], description: "Same as --profile dev", repeatable: false },
  {
    name: "--completions",
    aliases: [],
    value: "<shell>",
    choices: COMPLETION_SHELLS,
    description: `Print a shell completion script (${COMPLETION_SHELLS.slice(0, -1).join(", ")} or ${COMPLETION_SHELLS.at(-1)})`,
    repeatable: false
  },
  { name: "--version", aliases: [], description: "Show the clawdbot version", repeatable: false }
]

/** Help is never wider than this, even on a wide terminal: long lines are hard to read. */
const MAX_WIDTH = 80

/** The help text of `command`, fitted to `width` columns. */
export const helpText = (command: CommandSpec, width: number = MAX_WIDTH): string =>
  renderHelp({
    command,
    examples: examplesOf(command.path),
    ...(command.path.length === 1 ? { extraFlags: ROOT_FLAGS } : {}),
    width: Math.min(width, MAX_WIDTH),
    // Always bold: the edge (src/main.ts) strips styling off a terminal and with NO_COLOR.
    heading: (title) => `\u001b[1m${title}\u001b[22m`
  })

/** @effect/cli built-ins that are not part of this CLI. */
const isRemovedBuiltIn = (arg: string) =>
  arg === "--wizard" || arg === "--log-level" || arg.startsWith("--log-level=")

const isHelpFlag = (arg: string) => arg === "--help" || arg === "-h"

/**
 * What the edge answers itself for `args` (argv after the executable), or `undefined` to let the parser run.
 * Everything after `--` is an operand and never a built-in. `tree` (names only) is cheap; the full `spec` is read
 * only when help is printed, so ordinary commands do not pay for it at start-up.
 */
export const builtInAnswer = (
  tree: CommandTree,
  spec: () => CommandSpec,
  args: ReadonlyArray<string>,
  version: string
): Effect.Effect<void, UsageError, never> | undefined => {
  const end = args.indexOf("--")
  const words = end === -1 ? args : args.slice(0, end)
  const removed = words.find(isRemovedBuiltIn)
  if (removed !== undefined) {
    const flag = removed.split("=")[0]
    return Effect.fail(
      new UsageError({
        reason: `Unknown option ${flag}: ${tree.name} has no such option. See \`${tree.name} --help\`.`
      })
    )
  }
  if (words[0] === "help")
    return printHelp(
      spec(),
      words.slice(1).filter((word) => !word.startsWith("-"))
    )
  if (words.some(isHelpFlag)) return printHelp(spec(), commandWords(spec(), words))
  if (isGroupPath(tree, args) && isBareGroup(spec(), args)) return printHelp(spec(), args)
  if (words.includes("--version")) return Console.log(version)
  return undefined
}

/** `args` are exactly the names of a command that has subcommands. */
const isGroupPath = (tree: CommandTree, args: ReadonlyArray<string>): boolean => {
  let node: CommandTree | undefined = tree
  for (const word of args) node = node?.children.find((child) => child.name === word)
  return node !== undefined && node.children.length > 0
}

/**
 * `clawdbot models auth`: a group named alone that takes no options has nothing to run (@effect/cli would print its
 * own help for it), so it gets its help. `models` itself takes options and runs `models status`.
 */
const isBareGroup = (spec: CommandSpec, args: ReadonlyArray<string>): boolean => {
  const command = findCommand(spec, args)
  return (
    command !== undefined &&
    command.children.length > 0 &&
    command.options.length === 0 &&
    command.args.length === 0
  )
}

/** The leading words of `args` that name a command in the tree (options skipped). */
const commandWords = (spec: CommandSpec, args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const path: Array<string> = []
  let node = spec
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!
    if (word.startsWith("-")) {
      const options = node === spec ? [...node.options, ...ROOT_FLAGS] : node.options
      const option = options.find((candidate) => candidate.name === word || candidate.aliases.includes(word))
      if (option?.value !== undefined) index++
      continue
    }
    const next = node.children.find((child) => child.name === word)
    // A word that is not a subcommand: an argument of a verb, or a typo that printHelp reports.
    if (next === undefined) return node.children.length === 0 ? path : [...path, word]
    path.push(word)
    node = next
  }
  return path
}

const printHelp = (spec: CommandSpec, path: ReadonlyArray<string>) => {
  const command = findCommand(spec, path)
  if (command === undefined) {
    const unknown = findUnknownSubcommand(spec, path)
    return Effect.fail(
      new UsageError({
        reason: unknown
          ? unknownSubcommandMessage(unknown)
          : `Unknown command "${path.join(" ")}". See \`${spec.name} --help\`.`
      })
    )
  }
  return Effect.flatMap(Effect.serviceOption(Environment), (environment) => {
    const columns = environment._tag === "Some" ? environment.value.stdoutColumns?.() : undefined
    return Console.log(helpText(command, columns ?? MAX_WIDTH))
  })
}
