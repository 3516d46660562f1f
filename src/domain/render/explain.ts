/** `models explain` text and JSON output (issue 12 item 4). Pure; every string is escaped before printing. */

import type {
  CatalogSourceKind,
  ExplainCatalogEntry,
  ExplainCredential,
  ExplainCredentials,
  ExplainFallback,
  ExplainRole,
  Explanation
} from "../explain.js"
import { DEFAULT_PROVIDER } from "../modelRef.js"
import { unusableState } from "../status.js"
import { sanitizeDeep, toJson } from "../terminal.js"
import { formatContext, formatPrice } from "./list.js"

export const renderExplainJson = (explanation: Explanation): string => toJson(explanation)

const SOURCE_LABEL: Readonly<Record<CatalogSourceKind, string>> = {
  bundled: "the built-in (bundled) catalog",
  refreshed: "the refreshed catalog (`models refresh`)",
  custom: "a custom provider (models.providers)",
  implicit: "an implicit provider (added for its credential)",
  ollama: "Ollama (discovered on the local server)"
}

const facts = (entry: ExplainCatalogEntry): string => {
  const parts = [
    `context ${formatContext(entry.contextWindow)}`,
    `input ${entry.input.length > 0 ? entry.input.join("+") : "text"}`,
    `max output ${entry.maxTokens === undefined ? "unknown" : formatContext(entry.maxTokens)}`,
    entry.cost === undefined
      ? "price unknown"
      : `$${formatPrice(entry.cost.input)} in / $${formatPrice(entry.cost.output)} out per 1M tokens`
  ]
  const capabilities = [
    entry.tools === undefined ? undefined : entry.tools ? "tools" : "no tools",
    entry.reasoning === undefined ? undefined : entry.reasoning ? "reasoning" : "no reasoning"
  ].filter((part) => part !== undefined)
  return [...parts, ...capabilities].join(", ")
}

const roleLabel = (role: ExplainRole): string =>
  role.role === "default"
    ? "default"
    : role.role === "image"
      ? "image model"
      : `${role.role === "fallback" ? "fallback" : "image fallback"} #${role.position}`

const credentialName = (entry: ExplainCredential) =>
  entry.source === "profile" ? entry.id : `${entry.id} (${entry.source})`

const credentialState = (entry: ExplainCredential): string => {
  const note = entry.reason === undefined ? "" : ` (${entry.reason})`
  switch (entry.state) {
    case "use":
      return `used first${note}`
    case "next":
      return `tried next if it fails${note}`
    case "waiting":
      return `${entry.unusable === undefined ? "unavailable" : unusableState(entry.unusable)}: skipped until then, tried last${note}`
    case "skipped":
      return `skipped: ${entry.reason ?? "not in the rotation"}`
  }
}

const credentialLines = (credentials: ExplainCredentials): ReadonlyArray<string> => {
  const head =
    credentials.use === null
      ? `   ${credentials.message ?? `No credential for ${credentials.provider}.`}`
      : `   A run uses ${credentials.use}${credentials.message === undefined ? "" : `; ${credentials.message}`}`
  const rows = credentials.entries.map(
    (entry) =>
      `   ${entry.position === null ? "-" : `${entry.position}.`} ${credentialName(entry)}  ${entry.type}  ${entry.mask}  ${credentialState(entry)}`
  )
  return [head, ...rows]
}

const fallbackLine = (step: ExplainFallback, index: number): string => {
  const name = step.alias === undefined ? step.key : `${step.key} (alias ${step.alias})`
  if (step.state === "skipped") return `   - ${name}: skipped, ${step.reason}`
  const notes = [
    step.reason,
    step.inCatalog ? undefined : "not in the catalog",
    step.credential === null ? "no usable credential" : `credential ${step.credential}`
  ].filter((note) => note !== undefined)
  return `   ${index}. ${name}: ${notes.join("; ")}`
}

/** Numbered steps, one or two lines each (a credential and a fallback per line). */
export const renderExplainText = (raw: Explanation): string => {
  const e = sanitizeDeep(raw)
  const lines: Array<string> = [`Agent: ${e.agentId}`]
  lines.push(`1. Input: ${e.input}${e.isDefault ? " (the agent's default model, nothing given)" : ""}`)
  lines.push(
    e.alias === null
      ? `2. Alias: none${e.input.includes("/") ? " (a reference with / is never an alias)" : ` ("${e.input}" matches no alias)`}`
      : e.alias.kind === "user"
        ? `2. Alias: "${e.alias.name}" is your alias for ${e.alias.target} (agents.defaults.models)`
        : `2. Alias: "${e.alias.name}" is a built-in alias for ${e.alias.target}${e.alias.entry === undefined ? "" : " (attached to its allowlist entry)"}`
  )
  const changes = e.normalised.map((change) => `${change.part} "${change.from}" -> "${change.to}"`)
  if (e.providerAssumed) changes.unshift(`no provider given: ${DEFAULT_PROVIDER} assumed`)
  lines.push(`3. Normalisation: ${changes.length === 0 ? "nothing changed" : changes.join("; ")}`)
  lines.push(`4. Model: ${e.key}`)
  lines.push(
    e.catalog === null
      ? `5. Catalog: not in the catalog (no context size or price known; check the spelling with \`models list --all --provider ${e.provider}\`)`
      : `5. Catalog: ${e.catalog.name}, from ${SOURCE_LABEL[e.catalog.source]}\n   ${facts(e.catalog)}`
  )
  lines.push(
    `6. Allowlist: ${
      e.allowlist.reason === "no-allowlist"
        ? "none configured, every model is allowed"
        : e.allowlist.reason === "listed"
          ? "allowed (in agents.defaults.models)"
          : e.allowlist.reason === "default"
            ? "allowed as the default model (not in agents.defaults.models, but the default always is)"
            : "NOT allowed: not in agents.defaults.models (add it with `models aliases add` or `models set`)"
    }`
  )
  lines.push(
    `7. Roles: ${e.roles.length === 0 ? "none (not configured for this agent)" : e.roles.map(roleLabel).join(", ")}`
  )
  lines.push(
    `8. Credential for ${e.credentials.provider} (profiles in rotation order, then env, then config):`
  )
  lines.push(...credentialLines(e.credentials))
  const tried = e.fallbacks.filter((step) => step.state === "tried")
  lines.push(
    `9. ${e.fallbackChain === "image" ? "Image fallbacks" : "Fallbacks"} tried after it: ${tried.length === 0 ? "none" : `${tried.length}`}`
  )
  let position = 0
  for (const step of e.fallbacks) lines.push(fallbackLine(step, step.state === "tried" ? ++position : 0))
  return lines.join("\n")
}
