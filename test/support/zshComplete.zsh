# Types each argument after the first into a real interactive zsh (in a zsh/zpty pseudo-terminal) followed by TAB
# and Enter, with the completion script $1 loaded after compinit, and prints what the terminal showed for each,
# escape sequences removed, between "=== <n>" lines. `clawdbot` is a function there that prints its arguments as
# "<<args>>", so Enter shows the line as TAB completed it; an ambiguous TAB lists the candidates above it.
# Usage: zsh -f zshComplete.zsh <script> <scratch dir> <line>...
zmodload zsh/zpty || exit 2
setopt extendedglob
local script=$1 scratch=$2
shift 2
export ZDOTDIR=$scratch
cat > $ZDOTDIR/.zshrc <<RC
PS1='> '
unsetopt beep
autoload -U compinit; compinit -u -d '$scratch/zcompdump'
source '$script'
clawdbot() { print -r -- "<<\$*>>" }
LISTMAX=0
RC
zpty shell TERM=dumb zsh -i
local line index=0 out chunk deadline
for line in "$@"; do
  index=$((index + 1))
  zpty -w -n shell "$line"$'\t'
  # Let the completion run and draw before Enter: the list of an ambiguous TAB is printed by then.
  out=""
  deadline=$((SECONDS + 20))
  zpty -w -n shell $'\n'
  while (( SECONDS < deadline )) && [[ $out != *'>>'* ]]; do
    zpty -r -t shell chunk && out+=$chunk || sleep 0.05
  done
  print -r -- "=== $index"
  print -r -- "${out//$'\e'\[[0-9;?]#[A-Za-z]/}"
done
zpty -d shell
