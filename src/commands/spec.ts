/**
 * The command tree as plain data, read from the @effect/cli definitions themselves: every command's name, path,
 * description, arguments and options (names, aliases, value names, choices, defaults, repeatable). Help,
 * completions and "did you mean" suggestions are rendered from this one description, so they can never drift
 * from what the parser accepts.
 *
 * @effect/cli has no public API for walking options and arguments (its `getHelp`/`getUsage` render text), so this
 * reads the descriptor objects' documented-by-shape fields (`_tag`, `name`, `options`, `args`, …) of the pinned
 * @effect/cli version. An unexpected shape throws `CommandSpecError` naming it: test/commands/spec.test.ts walks
 * the whole tree, so an upgrade that changes a shape fails there first.
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Option from "effect/Option"
import { stripAnsi } from "../domain/terminal.js"

export interface OptionSpec {
  /** `--json` */
  readonly name: string
  /** `-j`, … */
  readonly aliases: ReadonlyArray<string>
  /** The value it takes (`<ms>`), absent for a flag. */
  readonly value?: string
  /** The only values it accepts (a `choice` option), in order. */
  readonly choices?: ReadonlyArray<string>
  /** The default shown in help, when there is one worth showing. */
  readonly defaultValue?: string
  readonly description: string
  /** May be given more than once. */
  readonly repeatable: boolean
}

export interface ArgSpec {
  /** `<model>` */
  readonly name: string
  readonly description: string
  readonly optional: boolean
  readonly repeatable: boolean
  readonly choices?: ReadonlyArray<string>
}

export interface CommandSpec {
  readonly name: string
  /** From the root: `["clawdbot", "models", "fallbacks", "add"]`. */
  readonly path: ReadonlyArray<string>
  readonly description: string
  readonly options: ReadonlyArray<OptionSpec>
  readonly args: ReadonlyArray<ArgSpec>
  readonly children: ReadonlyArray<CommandSpec>
}

export class CommandSpecError extends Error {
  override readonly name = "CommandSpecError"
}

interface Node {
  readonly _tag?: unknown
  readonly [key: string]: any
}

const text = (doc: unknown): string =>
  doc === undefined
    ? ""
    : stripAnsi(HelpDoc.toAnsiText(doc as HelpDoc.HelpDoc))
        .replace(/\s+/g, " ")
        .trim()

const primitiveChoices = (primitive: Node): ReadonlyArray<string> | undefined =>
  primitive._tag === "Choice"
    ? (primitive.alternatives as ReadonlyArray<readonly [string, unknown]>).map(([name]) => name)
    : undefined

/** A default worth showing: a plain value, not `Option.none()` (an optional option) nor `false` (a flag). */
const shownDefault = (fallback: unknown): string | undefined => {
  const value = Option.isOption(fallback) ? Option.getOrUndefined(fallback) : fallback
  if (value === undefined || value === false) return undefined
  if (typeof value === "string" || typeof value === "number") return String(value)
  return undefined
}

/**
 * Values an option checked by its own rule accepts (a `text` option whose parse names the accepted values in its
 * error). Declared once where the option is defined, with `withChoices`, so completions can offer them.
 */
const declaredChoices = new WeakMap<object, ReadonlyArray<string>>()

/**
 * `Options.text("sort").pipe(..., withChoices(LIST_SORTS))`: the values the option's check accepts. Last in the
 * pipe: `withDescription`, `withAlias` and `withPseudoName` copy the option and would drop the declaration.
 */
export const withChoices =
  (values: ReadonlyArray<string>) =>
  <A extends object>(options: A): A => {
    declaredChoices.set(options, values)
    return options
  }

interface OptionContext {
  readonly repeatable: boolean
  readonly defaultValue?: string
  readonly choices?: ReadonlyArray<string>
}

const optionsOf = (node: Node, outer: OptionContext = { repeatable: false }): ReadonlyArray<OptionSpec> => {
  const declared = declaredChoices.get(node)
  const context = declared === undefined ? outer : { ...outer, choices: declared }
  switch (node._tag) {
    case "Empty":
      return []
    case "Single": {
      const primitive = node.primitiveType as Node
      const isFlag = primitive._tag === "Bool"
      const choices = primitiveChoices(primitive) ?? context.choices
      return [
        {
          name: node.fullName as string,
          aliases: (node.aliases as ReadonlyArray<string>).map((alias) =>
            alias.length === 1 ? `-${alias}` : `--${alias}`
          ),
          ...(isFlag ? {} : { value: `<${node.placeholder as string}>` }),
          ...(choices ? { choices } : {}),
          ...(context.defaultValue !== undefined && !isFlag ? { defaultValue: context.defaultValue } : {}),
          description: text(node.description),
          repeatable: context.repeatable
        }
      ]
    }
    case "Map":
    case "WithFallback":
      return optionsOf(node.options, context)
    case "WithDefault": {
      const defaultValue = shownDefault(node.fallback)
      return optionsOf(node.options, {
        ...context,
        ...(defaultValue !== undefined ? { defaultValue } : {})
      })
    }
    case "Variadic":
    case "KeyValueMap":
      return optionsOf(node.argumentOption, { ...context, repeatable: true })
    case "Both":
    case "OrElse":
      return [...optionsOf(node.left, context), ...optionsOf(node.right, context)]
    default:
      throw new CommandSpecError(`unexpected @effect/cli option node ${String(node._tag)}`)
  }
}

interface ArgContext {
  readonly optional: boolean
  readonly repeatable: boolean
}

const argsOf = (
  node: Node,
  context: ArgContext = { optional: false, repeatable: false }
): ReadonlyArray<ArgSpec> => {
  switch (node._tag) {
    case "Empty":
      return []
    case "Single": {
      const choices = primitiveChoices(node.primitiveType as Node)
      return [
        {
          name: node.name as string,
          description: text(node.description),
          optional: context.optional,
          repeatable: context.repeatable,
          ...(choices ? { choices } : {})
        }
      ]
    }
    case "Map":
      return argsOf(node.args, context)
    case "WithDefault":
    case "WithFallbackConfig":
      return argsOf(node.args, { ...context, optional: true })
    case "Variadic":
      return argsOf(node.args, {
        optional:
          context.optional || (node.min as Option.Option<number>).pipe(Option.getOrElse(() => 0)) === 0,
        repeatable: true
      })
    case "Both":
      return [...argsOf(node.left, context), ...argsOf(node.right, context)]
    default:
      throw new CommandSpecError(`unexpected @effect/cli argument node ${String(node._tag)}`)
  }
}

const specOf = (node: Node, parentPath: ReadonlyArray<string>): CommandSpec => {
  switch (node._tag) {
    case "Standard":
    case "GetUserInput": {
      const name = node.name as string
      return {
        name,
        path: [...parentPath, name],
        description: text(node.description),
        options: node._tag === "Standard" ? optionsOf(node.options) : [],
        args: node._tag === "Standard" ? argsOf(node.args) : [],
        children: []
      }
    }
    case "Map":
      return specOf(node.command, parentPath)
    case "Subcommands": {
      const parent = specOf(node.parent, parentPath)
      const children = (node.children as ReadonlyArray<Node>).map((child) => specOf(child, parent.path))
      return { ...parent, children }
    }
    default:
      throw new CommandSpecError(`unexpected @effect/cli command node ${String(node._tag)}`)
  }
}

/** The spec of a command (`Command.Command`'s `descriptor`) and everything under it. */
export const commandSpec = (descriptor: unknown): CommandSpec => specOf(descriptor as Node, [])

/** The command at `path` (words after the root), if there is one. */
export const findCommand = (root: CommandSpec, path: ReadonlyArray<string>): CommandSpec | undefined => {
  let node: CommandSpec | undefined = root
  for (const word of path) {
    node = node?.children.find((child) => child.name === word)
    if (node === undefined) return undefined
  }
  return node
}

/** Every command of the tree, depth first, the root included. */
export const allCommands = (root: CommandSpec): ReadonlyArray<CommandSpec> => [
  root,
  ...root.children.flatMap(allCommands)
]
