/** Text output of `auth list`, `auth remove` and `auth clear-cooldown`. Pure; every id is escaped before printing. */
import type { AuthListEntry } from "../authList.js"
import { formatRemaining } from "../authProfiles.js"
import { unusableState } from "../status.js"
import { sanitizeDeep, sanitizeText } from "../terminal.js"

const credentialCell = (entry: AuthListEntry) =>
  entry.source === "profile" ? entry.id : `${entry.source}:${entry.id}`

const expiresCell = (entry: AuthListEntry) =>
  entry.remainingMs === undefined
    ? "-"
    : entry.remainingMs <= 0
      ? "expired"
      : `in ${formatRemaining(entry.remainingMs)}`

const secretCell = (entry: AuthListEntry) =>
  entry.keychain === undefined
    ? entry.secretIn
    : entry.keychain.backend === "file"
      ? "keychain.json"
      : `keychain (${entry.keychain.backend ?? "default"})`

const orderCell = (entry: AuthListEntry) =>
  entry.position === null ? "-" : `${entry.position}${entry.next ? " (next)" : ""}`

const stateCell = (entry: AuthListEntry) =>
  entry.skipped !== undefined
    ? `skipped: ${entry.skipped}`
    : entry.unusable !== undefined
      ? unusableState(entry.unusable)
      : "ready"

const HEADER = ["Provider", "Credential", "Type", "Value", "Health", "Expires", "Secret in", "Order", "State"]

/** Columns as wide as their widest cell; nothing is cut (ids must stay copyable). */
export const renderTable = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd()
    )
    .join("\n")
}

/** `auth list` text: agent and auth file, then one row per credential. */
export const renderAuthListText = (
  list: {
    readonly agentId: string
    readonly authStorePath: string
    readonly credentials: ReadonlyArray<AuthListEntry>
  },
  options: { readonly shorten: (path: string) => string; readonly provider?: string | undefined }
): string => {
  const head = [
    `Agent: ${sanitizeText(list.agentId)}`,
    `Auth file: ${sanitizeText(options.shorten(list.authStorePath))}`
  ]
  if (list.credentials.length === 0) {
    const scope = options.provider === undefined ? "" : ` for provider ${sanitizeText(options.provider)}`
    return [...head, `No credentials${scope}: no auth profiles, env variables or config keys.`].join("\n")
  }
  const rows = sanitizeDeep(list.credentials).map((entry) => [
    entry.provider,
    credentialCell(entry),
    entry.type,
    entry.mask,
    entry.health,
    expiresCell(entry),
    secretCell(entry),
    orderCell(entry),
    stateCell(entry)
  ])
  return [...head, "", renderTable([HEADER, ...rows])].join("\n")
}
