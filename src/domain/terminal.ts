/** Terminal styling rules (spec, global conventions). Pure. */

/**
 * Styling only on a rich terminal: stdout is a TTY and `NO_COLOR` is unset, unless `FORCE_COLOR` is set and not
 * `0` (which also forces it when piped).
 */
export const shouldStyle = (env: (name: string) => string | undefined, stdoutIsTTY: boolean): boolean => {
  const force = env("FORCE_COLOR")
  if (force !== undefined && force.trim() !== "0") return true
  if (env("NO_COLOR") !== undefined) return false
  return stdoutIsTTY
}

// CSI sequences (colours, bold, cursor moves) as @effect/cli's help renderer emits them.
const ANSI_SEQUENCE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g

export const stripAnsi = (text: string): string => text.replace(ANSI_SEQUENCE, "")
