/**
 * Finding the word a user mistyped in a command path. @effect/cli reports any unknown nested subcommand against
 * the root ("Invalid subcommand for clawdbot - use 'models'"), which points at the wrong word. Pure.
 */

import { didYouMean, suggestionsFor } from "./suggest.js"

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

/** `Unknown command "stauts" for "clawdbot models". Did you mean "status"?`, or the commands there are. */
export const unknownSubcommandMessage = ({ path, word, choices }: UnknownSubcommand): string => {
  const suggestion = didYouMean(suggestionsFor(word, choices), (name) => `"${name}"`)
  return `Unknown command "${word}" for "${path.join(" ")}".${suggestion || ` Use one of: ${choices.join(", ")}.`}`
}

/** What the flag check needs of a command (src/commands/spec.ts `CommandSpec` has it). */
export interface FlagTree {
  readonly name: string
  readonly options: ReadonlyArray<{
    readonly name: string
    readonly aliases: ReadonlyArray<string>
    /** Present when the option takes a value. */
    readonly value?: string
  }>
  readonly children: ReadonlyArray<FlagTree>
}

/**
 * Options @effect/cli itself reads on any command (`--help`, …), with whether they take a value; the parser, not
 * this check, decides where they are allowed.
 */
const BUILT_IN_OPTIONS: ReadonlyMap<string, boolean> = new Map([
  ["--help", false],
  ["-h", false],
  ["--version", false],
  ["--wizard", false],
  ["--completions", true],
  ["--log-level", true]
])

export interface UnknownFlag {
  /** The command the flag was given to, e.g. `["clawdbot", "models", "set"]`. */
  readonly path: ReadonlyArray<string>
  /** As typed, without any `=value`. */
  readonly flag: string
  readonly suggestions: ReadonlyArray<string>
}

/**
 * The first flag (before `--`) that the command it follows does not take, with the names it most likely meant.
 * Stops at a word that is not a command of a group (that is an unknown command, reported on its own).
 */
export const findUnknownFlag = (tree: FlagTree, args: ReadonlyArray<string>): UnknownFlag | undefined => {
  let node = tree
  const path = [tree.name]
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? ""
    if (word === "--") return undefined
    if (word.startsWith("-") && word.length > 1) {
      const flag = word.split("=", 1)[0]!
      const option = node.options.find(
        (candidate) => candidate.name === flag || candidate.aliases.includes(flag)
      )
      const takesValue = option ? option.value !== undefined : BUILT_IN_OPTIONS.get(flag)
      if (takesValue === undefined)
        return { path, flag, suggestions: flagSuggestions(flag, node, path.length === 1) }
      if (takesValue && !word.includes("=")) i++
      continue
    }
    const next = node.children.find((child) => child.name === word)
    if (next !== undefined) {
      node = next
      path.push(word)
    } else if (node.children.length > 0) return undefined
  }
  return undefined
}

const flagSuggestions = (flag: string, node: FlagTree, isRoot: boolean): ReadonlyArray<string> => {
  const names = [...node.options.map((option) => option.name), "--help", ...(isRoot ? ["--version"] : [])]
  // `-V`: the long options starting with that letter (`--version` at the root).
  if (/^-[A-Za-z]$/.test(flag)) {
    const letter = flag[1]!.toLowerCase()
    return names.filter((name) => name.startsWith(`--${letter}`))
  }
  const bare = (name: string) => name.replace(/^-+/, "")
  return suggestionsFor(bare(flag), names.map(bare)).map((name) => `--${name}`)
}

/** `Unknown flag --probe-timout for "clawdbot models status". Did you mean --probe-timeout?` */
export const unknownFlagMessage = ({ path, flag, suggestions }: UnknownFlag): string =>
  `Unknown flag ${flag} for "${path.join(" ")}".${
    didYouMean(suggestions, (name) => name) || ` See \`${path.join(" ")} --help\`.`
  }`

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
