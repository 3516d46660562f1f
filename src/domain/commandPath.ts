/**
 * Finding the word a user mistyped in a command path. @effect/cli reports any unknown nested subcommand against
 * the root ("Invalid subcommand for clawdbot - use 'models'"), which points at the wrong word. Pure.
 */

export interface CommandTree {
  readonly name: string
  readonly children: ReadonlyArray<CommandTree>
}

/** Root options that take a value (so that value is not a command word). */
const VALUE_OPTIONS = new Set(["--log-level", "--completions"])

export interface UnknownSubcommand {
  /** e.g. `["clawdbot", "models", "aliases"]` */
  readonly path: ReadonlyArray<string>
  readonly word: string
  readonly choices: ReadonlyArray<string>
}

/** The first word (after the executable) that is not a subcommand of the command it follows, if any. */
export const findUnknownSubcommand = (
  tree: CommandTree,
  args: ReadonlyArray<string>
): UnknownSubcommand | undefined => {
  let node = tree
  const path = [tree.name]
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? ""
    if (word === "--") return undefined
    if (word.startsWith("-")) {
      if (VALUE_OPTIONS.has(word)) i++
      continue
    }
    if (node.children.length === 0) return undefined
    const next = node.children.find((child) => child.name === word)
    if (next === undefined) return { path, word, choices: node.children.map((child) => child.name) }
    node = next
    path.push(word)
  }
  return undefined
}

export const unknownSubcommandMessage = ({ path, word, choices }: UnknownSubcommand): string =>
  `Unknown command "${word}" for "${path.join(" ")}". Use one of: ${choices.join(", ")}.`

/** The command words of `args` that name a path in the tree, e.g. `["clawdbot", "models", "set"]`. */
export const commandPathOf = (tree: CommandTree, args: ReadonlyArray<string>): ReadonlyArray<string> => {
  let node = tree
  const path = [tree.name]
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? ""
    if (word === "--") break
    if (word.startsWith("-")) {
      if (VALUE_OPTIONS.has(word)) i++
      continue
    }
    const next = node.children.find((child) => child.name === word)
    if (next === undefined) break
    node = next
    path.push(word)
  }
  return path
}

/**
 * A flag or argument error as one line: the library's text, then where to read the usage.
 * `Missing argument <model>` -> `Missing argument <model>. See \`clawdbot models set --help\`.`
 */
export const usageErrorMessage = (text: string, path: ReadonlyArray<string>): string => {
  const line = text.replace(/\s+/g, " ").trim()
  return `${line}${/[.!?]$/.test(line) ? "" : "."} See \`${path.join(" ")} --help\`.`
}

/** A word the command does not take; an option there is usually one whose value is missing. */
export const leftoverMessage = (word: string): string =>
  word.startsWith("-")
    ? `Unexpected '${word}': not an option of this command, or an option given without its value`
    : `Unexpected argument '${word}'`
