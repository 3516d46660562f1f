/**
 * Shell completion scripts (bash, zsh, fish) generated from the command tree, so every nested verb, its flags and
 * the values of enum flags complete exactly as the parser accepts them. Each script holds the tree as lookup
 * tables keyed by the command path (`"models fallbacks"`) and one small function that walks the words typed so
 * far: command words move down the tree, a flag that takes a value skips that value. Pure.
 */

import * as Either from "effect/Either"

/** The parts of a command's description completion needs (src/commands/spec.ts `CommandSpec` has them). */
export interface CompletionOption {
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  /** Present when the option takes a value. */
  readonly value?: string
  readonly choices?: ReadonlyArray<string>
  readonly description: string
}

export interface CompletionCommand {
  readonly name: string
  readonly description: string
  readonly options: ReadonlyArray<CompletionOption>
  readonly children: ReadonlyArray<CompletionCommand>
}

export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const
export type CompletionShell = (typeof COMPLETION_SHELLS)[number]

interface PathEntry {
  /** Words after the program name, joined by one space (`""` for the program itself). */
  readonly key: string
  readonly commands: ReadonlyArray<{ readonly name: string; readonly description: string }>
  /** Every spelling (`--json`, `-j`), with what it says. */
  readonly flags: ReadonlyArray<{ readonly name: string; readonly description: string }>
  /** Spellings of the options that take a value. */
  readonly valueFlags: ReadonlyArray<string>
  readonly choices: ReadonlyArray<{ readonly flag: string; readonly values: ReadonlyArray<string> }>
}

const entriesOf = (
  command: CompletionCommand,
  path: ReadonlyArray<string> = []
): ReadonlyArray<PathEntry> => {
  const spellings = (option: CompletionOption) => [option.name, ...option.aliases]
  const entry: PathEntry = {
    key: path.join(" "),
    commands: command.children.map(({ name, description }) => ({ name, description })),
    flags: command.options.flatMap((option) =>
      spellings(option).map((name) => ({ name, description: option.description }))
    ),
    valueFlags: command.options.filter((option) => option.value !== undefined).flatMap(spellings),
    choices: command.options.flatMap((option) =>
      option.value !== undefined && option.choices !== undefined
        ? spellings(option).map((flag) => ({ flag, values: option.choices! }))
        : []
    )
  }
  return [entry, ...command.children.flatMap((child) => entriesOf(child, [...path, child.name]))]
}

/** A single-quoted shell word (bash, zsh and POSIX sh); fish gets its own below. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`
const quoteFish = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
/** The first sentence of a description, on one line, for the menus of zsh and fish. */
const summary = (text: string) => (text.split(/(?<=\.)\s/)[0] ?? "").replace(/\s+/g, " ").trim()
/** A function-name-safe form of the program name. */
const ident = (program: string) => program.replace(/[^A-Za-z0-9_]/g, "_")

/** `case` arms (bash and zsh): one per path that has something to say. */
const caseArms = (
  entries: ReadonlyArray<PathEntry>,
  words: (entry: PathEntry) => ReadonlyArray<string>,
  indent = "    "
) =>
  entries
    .filter((entry) => words(entry).length > 0)
    .map((entry) => `${indent}${quote(entry.key)}) reply=(${words(entry).map(quote).join(" ")}) ;;`)
    .join("\n")

const choiceArms = (entries: ReadonlyArray<PathEntry>, indent = "    ") =>
  entries
    .flatMap((entry) =>
      entry.choices.map(
        ({ flag, values }) =>
          `${indent}${quote(`${entry.key}|${flag}`)}) reply=(${values.map(quote).join(" ")}) ;;`
      )
    )
    .join("\n")

/**
 * The walk, shared by bash and zsh (the syntax below is valid in both): sets `cmdpath` to the command path of the
 * words before the cursor (a flag that takes a value skips that value).
 */
const lookups = (fn: string, entries: ReadonlyArray<PathEntry>) => `${fn}_commands() {
  case "$1" in
${caseArms(entries, (entry) => entry.commands.map((command) => command.name))}
    *) reply=() ;;
  esac
}
${fn}_flags() {
  case "$1" in
${caseArms(entries, (entry) => entry.flags.map((flag) => flag.name))}
    *) reply=() ;;
  esac
}
${fn}_value_flags() {
  case "$1" in
${caseArms(entries, (entry) => entry.valueFlags)}
    *) reply=() ;;
  esac
}
${fn}_choices() {
  case "$1|$2" in
${choiceArms(entries)}
    *) reply=() ;;
  esac
}
${fn}_takes_value() {
  local flag
  ${fn}_value_flags "$1"
  for flag in "\${reply[@]}"; do [[ "$flag" == "$2" ]] && return 0; done
  return 1
}
${fn}_walk() {
  local word candidate skip=0
  cmdpath=""
  for word in "$@"; do
    if [[ $skip == 1 ]]; then skip=0; continue; fi
    case "$word" in
      --) return ;;
      -*=*) continue ;;
      =) skip=1; continue ;;
      -*) ${fn}_takes_value "$cmdpath" "$word" && skip=1; continue ;;
    esac
    ${fn}_commands "$cmdpath"
    for candidate in "\${reply[@]}"; do
      if [[ "$candidate" == "$word" ]]; then cmdpath="\${cmdpath:+$cmdpath }$word"; break; fi
    done
  done
}`

const bash = (program: string, entries: ReadonlyArray<PathEntry>): string => {
  const fn = `_${ident(program)}`
  return `# bash completion for ${program}. Load it with: source <(${program} --completions bash)
${lookups(fn, entries)}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" flag="" cmdpath reply
  ((COMP_CWORD > 1)) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  ${fn}_walk "\${COMP_WORDS[@]:1:COMP_CWORD-1}"
  COMPREPLY=()
  # --flag=<TAB> arrives as the words "--flag" "=" "", --flag=va<TAB> as "--flag" "=" "va" (COMP_WORDBREAKS).
  if [[ "$cur" == "=" ]]; then flag="$prev"; cur=""
  elif [[ "$prev" == "=" ]] && ((COMP_CWORD > 2)); then flag="\${COMP_WORDS[COMP_CWORD-2]}"
  elif [[ "$prev" == -* ]] && ${fn}_takes_value "$cmdpath" "$prev"; then flag="$prev"
  fi
  if [[ -n "$flag" ]]; then
    ${fn}_choices "$cmdpath" "$flag"
    COMPREPLY=($(compgen -W "\${reply[*]}" -- "$cur"))
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    ${fn}_flags "$cmdpath"
  else
    ${fn}_commands "$cmdpath"
  fi
  COMPREPLY=($(compgen -W "\${reply[*]}" -- "$cur"))
  return 0
}
complete -F ${fn} ${program}
`
}

const zsh = (program: string, entries: ReadonlyArray<PathEntry>): string => {
  const fn = `_${ident(program)}`
  const described = (pick: (entry: PathEntry) => ReadonlyArray<{ name: string; description: string }>) =>
    caseArms(entries, (entry) =>
      pick(entry).map(({ name, description }) => `${name.replace(/:/g, "\\:")}:${summary(description)}`)
    )
  return `#compdef ${program}
# zsh completion for ${program}. Load it with: source <(${program} --completions zsh) (after compinit)
${lookups(fn, entries)}
${fn}_described_commands() {
  case "$1" in
${described((entry) => entry.commands)}
    *) reply=() ;;
  esac
}
${fn}_described_flags() {
  case "$1" in
${described((entry) => entry.flags)}
    *) reply=() ;;
  esac
}
${fn}() {
  local cur="\${words[CURRENT]}" prev="" flag="" cmdpath
  local -a reply
  ((CURRENT > 2)) && prev="\${words[CURRENT-1]}"
  ${fn}_walk "\${(@)words[2,CURRENT-1]}"
  if [[ "$cur" == -*=* ]]; then
    flag="\${cur%%=*}"
    compset -P '*='
  elif [[ "$prev" == -* ]] && ${fn}_takes_value "$cmdpath" "$prev"; then
    flag="$prev"
  fi
  if [[ -n "$flag" ]]; then
    ${fn}_choices "$cmdpath" "$flag"
    ((\${#reply})) && compadd -a reply
    return
  fi
  if [[ "$cur" == -* ]]; then
    ${fn}_described_flags "$cmdpath"
    _describe -t options 'option' reply
  else
    ${fn}_described_commands "$cmdpath"
    ((\${#reply})) && _describe -t commands 'command' reply
  fi
}
compdef ${fn} ${program}
`
}

const fish = (program: string, entries: ReadonlyArray<PathEntry>): string => {
  const fn = `__${ident(program)}`
  const arms = (words: (entry: PathEntry) => ReadonlyArray<string>) =>
    entries
      .filter((entry) => words(entry).length > 0)
      .map(
        (entry) =>
          `        case ${quoteFish(entry.key)}\n            printf '%s\\n' ${words(entry).map(quoteFish).join(" ")}`
      )
      .join("\n")
  const described = (pick: (entry: PathEntry) => ReadonlyArray<{ name: string; description: string }>) =>
    arms((entry) => pick(entry).map(({ name, description }) => `${name}\t${summary(description)}`))
  const choiceCases = entries
    .flatMap((entry) =>
      entry.choices.map(
        ({ flag, values }) =>
          `        case ${quoteFish(`${entry.key}|${flag}`)}\n            printf '%s\\n' ${values.map(quoteFish).join(" ")}`
      )
    )
    .join("\n")
  return `# fish completion for ${program}. Load it with: ${program} --completions fish | source
function ${fn}_commands
    switch $argv[1]
${described((entry) => entry.commands)}
    end
end
function ${fn}_flags
    switch $argv[1]
${described((entry) => entry.flags)}
    end
end
function ${fn}_value_flags
    switch $argv[1]
${arms((entry) => entry.valueFlags)}
    end
end
function ${fn}_choices
    switch "$argv[1]|$argv[2]"
${choiceCases}
    end
end
function ${fn}_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l cur (commandline -ct)
    set -l cmdpath ''
    set -l skip 0
    set -l pending ''
    for word in $words
        set pending ''
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--'
                return
            case '-*=*'
                continue
            case '-*'
                if contains -- $word (${fn}_value_flags "$cmdpath")
                    set skip 1
                    set pending $word
                end
                continue
        end
        if contains -- $word (${fn}_commands "$cmdpath" | string replace -r '\\t.*' '')
            set cmdpath (string trim -- "$cmdpath $word")
        end
    end
    if string match -q -- '-*=*' $cur
        set -l flag (string replace -r '=.*' '' -- $cur)
        for value in (${fn}_choices "$cmdpath" $flag)
            printf '%s=%s\\n' $flag $value
        end
    else if test -n "$pending"
        ${fn}_choices "$cmdpath" $pending
    else if string match -q -- '-*' $cur
        ${fn}_flags "$cmdpath"
    else
        ${fn}_commands "$cmdpath"
    end
end
complete -c ${program} -f -a '(${fn}_complete)'
`
}

/** The completion script of `shell` for the command tree `root` (its name is the program's). */
export const completionScript = (shell: CompletionShell, root: CompletionCommand): string => {
  const entries = entriesOf(root)
  switch (shell) {
    case "bash":
      return bash(root.name, entries)
    case "zsh":
      return zsh(root.name, entries)
    case "fish":
      return fish(root.name, entries)
  }
}

/**
 * `--completions <shell>` (or `--completions=<shell>`) among the options before the first command word: the
 * shell asked for, an error naming the accepted shells, or `undefined` when not asked.
 */
export const completionsRequest = (
  args: ReadonlyArray<string>
): Either.Either<CompletionShell, string> | undefined => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith("-") || arg === "--") return undefined
    if (arg !== "--completions" && !arg.startsWith("--completions=")) continue
    const shell = arg === "--completions" ? args[i + 1] : arg.slice("--completions=".length)
    const accepted = COMPLETION_SHELLS.join(", ")
    if (shell === undefined || shell === "" || shell.startsWith("-"))
      return Either.left(
        `--completions needs a shell: one of ${accepted}, e.g. \`source <(clawdbot --completions bash)\`.`
      )
    return (COMPLETION_SHELLS as ReadonlyArray<string>).includes(shell)
      ? Either.right(shell as CompletionShell)
      : Either.left(`--completions: no completion for "${excerptOf(shell)}". Use one of: ${accepted}.`)
  }
  return undefined
}

const excerptOf = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text)
