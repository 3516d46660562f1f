/**
 * Help text in the shape `gh` users know: a description, USAGE with the full command path, the subcommands of a
 * group as an aligned list, FLAGS with value names and defaults, EXAMPLES and LEARN MORE, wrapped to the terminal
 * width. Rendered from the command tree as plain data (src/commands/spec.ts), so it never drifts from the parser.
 * Pure.
 */

export interface HelpOption {
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly value?: string
  readonly defaultValue?: string
  readonly description: string
  readonly repeatable: boolean
}

export interface HelpArg {
  readonly name: string
  readonly description: string
  readonly optional: boolean
  readonly repeatable: boolean
}

export interface HelpCommand {
  readonly name: string
  readonly path: ReadonlyArray<string>
  readonly description: string
  readonly options: ReadonlyArray<HelpOption>
  readonly args: ReadonlyArray<HelpArg>
  readonly children: ReadonlyArray<HelpCommand>
}

export interface HelpExample {
  /** Shown as a `# …` line above the command. */
  readonly comment?: string
  /** The command line as a user types it, from `clawdbot`. */
  readonly command: string
}

export interface HelpInput {
  readonly command: HelpCommand
  readonly examples: ReadonlyArray<HelpExample>
  /** Extra FLAGS of this command that the parser does not list (the root's global flags). */
  readonly extraFlags?: ReadonlyArray<HelpOption>
  /** Columns to fit; lines never exceed it (a single word longer than the space left is the only exception). */
  readonly width: number
  /** How section titles are emphasised (bold on a terminal); plain by default. */
  readonly heading?: (title: string) => string
}

const INDENT = "  "
const GAP = "  "
/** A flag label longer than this puts its description on the next line instead of widening the column. */
const MAX_LABEL = 30

/** Words of `text` on lines of at most `width` columns. */
export const wrapText = (text: string, width: number): ReadonlyArray<string> =>
  wrapWords(
    text.split(/\s+/).filter((word) => word !== ""),
    width
  )

const wrapWords = (words: ReadonlyArray<string>, width: number): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of words) {
    if (line === "") line = word
    else if (line.length + 1 + word.length <= width) line += ` ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== "") lines.push(line)
  return lines
}

/** The first sentence: up to the first `. ` (or the end), without its full stop. */
export const firstSentence = (text: string): string => {
  const match = /^(.*?[^.])\.(\s|$)/.exec(text)
  return (match?.[1] ?? text).trim().replace(/\.$/, "")
}

/**
 * `label   description` rows: the descriptions start in one column and wrap inside it; a label too long for the
 * column gets its description on the lines below.
 */
const table = (rows: ReadonlyArray<readonly [string, string]>, width: number): ReadonlyArray<string> => {
  const fitting = rows.map(([label]) => label.length).filter((length) => length <= MAX_LABEL)
  const column = INDENT.length + Math.max(0, ...fitting) + GAP.length
  const descriptionWidth = Math.max(20, width - column)
  return rows.flatMap(([label, description]) => {
    const wrapped = wrapText(description, descriptionWidth)
    const pad = " ".repeat(column)
    if (label.length > MAX_LABEL) return [`${INDENT}${label}`, ...wrapped.map((line) => pad + line)]
    const [first = "", ...rest] = wrapped
    return [
      `${INDENT}${label.padEnd(column - INDENT.length)}${first}`.trimEnd(),
      ...rest.map((line) => pad + line)
    ]
  })
}

const argUsage = (arg: HelpArg): string => {
  const name = arg.repeatable ? `${arg.name}...` : arg.name
  return arg.optional ? `[${name}]` : name
}

const usageLine = (command: HelpCommand, hasFlags: boolean): string => {
  const words = [...command.path]
  if (command.children.length > 0) {
    words.push("<command>")
    if (command.children.every((child) => child.children.length > 0)) words.push("<subcommand>")
  }
  words.push(...command.args.map(argUsage))
  if (hasFlags) words.push("[flags]")
  return words.join(" ")
}

const mentions = (description: string, phrase: string) =>
  description.toLowerCase().includes(phrase.toLowerCase())

const optionDescription = (option: HelpOption): string => {
  let text = option.description
  if (option.defaultValue !== undefined && !mentions(text, `default ${option.defaultValue}`)) {
    text += ` (default ${option.defaultValue})`
  }
  if (option.repeatable && !mentions(text, "repeatable")) text += " (repeatable)"
  return text
}

const optionLabel = (option: HelpOption, shortColumn: boolean): string => {
  const short = option.aliases.filter((alias) => /^-[^-]$/.test(alias))
  const names = [...short, option.name].join(", ")
  const label = option.value === undefined ? names : `${names} ${option.value}`
  return shortColumn && short.length === 0 ? `    ${label}` : label
}

const flagRows = (options: ReadonlyArray<HelpOption>): ReadonlyArray<readonly [string, string]> => {
  const shortColumn = options.some((option) => option.aliases.some((alias) => /^-[^-]$/.test(alias)))
  return options.map((option) => [optionLabel(option, shortColumn), optionDescription(option)] as const)
}

/** The words of a command line, a `--flag value` pair kept as one so a line never ends between them. */
const commandUnits = (command: string): ReadonlyArray<string> =>
  command
    .split(/\s+/)
    .filter((word) => word !== "")
    .reduce<Array<string>>((units, word) => {
      const last = units[units.length - 1]
      if (last !== undefined && /^--[^\s=]+$/.test(last) && !word.startsWith("-") && word !== "|") {
        units[units.length - 1] = `${last} ${word}`
      } else units.push(word)
      return units
    }, [])

/** `$ command`, continued with ` \\` on the next lines when too long: still copyable into a shell. */
const exampleLines = (command: string, width: number): ReadonlyArray<string> =>
  wrapWords(commandUnits(command), width - INDENT.length - 6).map((line, index, lines) => {
    const prefix = index === 0 ? `${INDENT}$ ` : `${INDENT}    `
    return `${prefix}${line}${index < lines.length - 1 ? " \\" : ""}`
  })

/** `--help`/`-h`: every command takes it (answered before @effect/cli parses). */
export const HELP_FLAG: HelpOption = {
  name: "--help",
  aliases: ["-h"],
  description: "Show help for command",
  repeatable: false
}

/** The whole help text, lines joined with `\n` (no trailing newline). */
export const renderHelp = ({
  command,
  examples,
  extraFlags = [],
  width,
  heading = (title) => title
}: HelpInput): string => {
  const isRoot = command.path.length === 1
  const flags = [...command.options, ...extraFlags, ...(isRoot ? [HELP_FLAG] : [])]
  const sections: Array<ReadonlyArray<string>> = []
  const section = (title: string, lines: ReadonlyArray<string>) => {
    if (lines.length > 0) sections.push([heading(title), ...lines])
  }

  sections.push(wrapText(command.description, width))
  section(
    "USAGE",
    wrapText(
      usageLine(command, command.options.length > 0 || extraFlags.length > 0),
      width - 2 * INDENT.length
    ).map((line, index) => (index === 0 ? INDENT : INDENT + INDENT) + line)
  )
  section(
    "COMMANDS",
    table(
      command.children.map((child) => [`${child.name}:`, firstSentence(child.description)] as const),
      width
    )
  )
  section(
    "ARGUMENTS",
    table(
      command.args.map((arg) => [arg.name, arg.description] as const),
      width
    )
  )
  section("FLAGS", table(flagRows(flags), width))
  if (!isRoot) section("INHERITED FLAGS", table(flagRows([HELP_FLAG]), width))
  section(
    "EXAMPLES",
    examples.flatMap((example) => [
      ...(example.comment === undefined
        ? []
        : wrapText(example.comment, width - INDENT.length - 2).map((line) => `${INDENT}# ${line}`)),
      ...exampleLines(example.command, width)
    ])
  )
  const root = command.path[0] ?? ""
  section(
    "LEARN MORE",
    wrapText(
      `Use \`${root} <command> <subcommand> --help\` for more information about a command.`,
      width - INDENT.length
    ).map((line) => INDENT + line)
  )
  return sections.map((lines) => lines.join("\n")).join("\n\n")
}
