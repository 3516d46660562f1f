/** `models status` output (spec §3.2): text, `--plain`, `--json`. Pure. */

import { formatRemaining } from "../authProfiles.js"
import { PROVIDERS } from "../authProviders.js"
import { PROVIDER_ENV_VARS } from "../envCredentials.js"
import { isExpirable, type StatusView } from "../status.js"
import { sanitizeDeep, sanitizeText, toJson } from "../terminal.js"

const line = (label: string, value: string) => `${label.padEnd(14)}: ${value}`
const listOr = (items: ReadonlyArray<string>, empty: string) =>
  items.length === 0 ? empty : items.join(", ")

export interface StatusTextOptions {
  readonly shorten: (path: string) => string
  /** `anthropic` -> `5h 62% left ⏱3h 12m · Week 80% left` (spec §3.2 usage headers). */
  readonly usage?: Readonly<Record<string, string>>
  /** e.g. "clawdbot models auth list" with `--profile` inserted when CLAWDBOT_PROFILE is set. */
  readonly command: (args: string) => string
}

/** The variable to suggest for `provider`: its API key variable when it has one (spec §5.1). */
const suggestedEnvVar = (provider: string): string | undefined => {
  const names = PROVIDER_ENV_VARS[provider] ?? []
  return names.find((name) => name.endsWith("_API_KEY")) ?? names[0]
}

/**
 * How to give `provider` a credential, naming only commands this tool has: `models auth login` when it has a
 * login method for the provider, `models auth paste-token` always, and the provider's env variable if it has one.
 * (The reference suggests its `configure` wizard, which this tool does not have.)
 */
export const missingAuthHint = (provider: string, command: (args: string) => string): string => {
  const quoted = (args: string) => `\`${command(args)}\``
  const commands = [
    ...(PROVIDERS.some((known) => known.id === provider)
      ? [quoted(`models auth login --provider ${provider}`)]
      : []),
    quoted(`models auth paste-token --provider ${provider}`)
  ].join(" or ")
  const envVar = suggestedEnvVar(provider)
  const orEnv = envVar === undefined ? "" : `, or set ${envVar}`
  const setupToken =
    provider === "anthropic"
      ? `Run \`claude setup-token\`, then ${quoted("models auth setup-token")}; or run`
      : "Run"
  return `${setupToken} ${commands}${orEnv}.`
}

export const renderStatusText = (untrusted: StatusView, options: StatusTextOptions): string => {
  // Every string of the view comes from the config, the store or the env; usage text from the network.
  const view = sanitizeDeep(untrusted)
  const usageByProvider = sanitizeDeep(options.usage ?? {})
  const shorten = (path: string) => sanitizeText(options.shorten(path))
  const command = (args: string) => sanitizeText(options.command(args))
  const out: Array<string> = []
  const defaultValue =
    view.defaultModel !== view.resolvedDefault
      ? `${view.resolvedDefault} (from ${view.defaultModel})`
      : view.resolvedDefault
  const aliases = Object.entries(view.aliases).map(([alias, key]) => `${alias} -> ${key}`)
  out.push(
    line("Config", shorten(untrusted.configPath)),
    line("Agent dir", shorten(untrusted.agentDir)),
    line("Default", defaultValue),
    line(`Fallbacks (${view.fallbacks.length})`, listOr(view.fallbacks, "-")),
    line("Image model", view.imageModel ?? "-"),
    line(`Image fallbacks (${view.imageFallbacks.length})`, listOr(view.imageFallbacks, "-")),
    line(`Aliases (${aliases.length})`, listOr(aliases, "-")),
    line(`Configured models (${view.allowed.length})`, listOr(view.allowed, "all")),
    "",
    "Auth overview",
    line("Auth store", shorten(untrusted.auth.storePath))
  )
  const shell = view.auth.shellEnvFallback
  out.push(
    line(
      "Shell env",
      `${shell.enabled ? "on" : "off"}${shell.appliedKeys.length > 0 ? ` (applied: ${shell.appliedKeys.join(", ")})` : ""}`
    ),
    line(
      `Providers w/ OAuth/tokens (${view.auth.providersWithOAuth.length})`,
      listOr(view.auth.providersWithOAuth, "-")
    )
  )
  for (const p of view.auth.providers) {
    const parts = [`effective=${p.effective.kind}:${p.effective.detail}`]
    if (p.profiles.count > 0) {
      parts.push(
        `profiles=${p.profiles.count} (oauth=${p.profiles.oauth}, token=${p.profiles.token}, api_key=${p.profiles.apiKey})`,
        p.profiles.labels.join(", ")
      )
    }
    if (p.env) parts.push(`env=${p.env.value}`, `source=${p.env.source}`)
    if (p.modelsJson) parts.push(`models.json=${p.modelsJson.value}`, `source=${p.modelsJson.source}`)
    out.push(`- ${p.provider} ${parts.join(" | ")}`)
  }
  if (view.auth.missingProvidersInUse.length > 0) {
    out.push("", "Missing auth")
    for (const provider of view.auth.missingProvidersInUse) {
      out.push(`- ${provider} ${missingAuthHint(provider, command)}`)
    }
  }
  // Only the OAuth/token subset (spec §3.2): API keys never expire and providers without profiles have none.
  out.push("", "OAuth/token status")
  const expirable = view.auth.oauth.providers.flatMap((provider) => {
    const profiles = provider.profiles.filter(isExpirable)
    return profiles.length > 0 ? [{ provider: provider.provider, profiles }] : []
  })
  if (expirable.length === 0) out.push("- none")
  for (const provider of expirable) {
    const usage = usageByProvider[provider.provider]
    out.push(`- ${provider.provider}${usage ? ` usage: ${usage}` : ""}`)
    for (const profile of provider.profiles) {
      const status = profile.status === "missing" ? "unknown" : profile.status
      const expiry =
        profile.status === "static"
          ? ""
          : profile.remainingMs !== undefined
            ? ` expires in ${formatRemaining(profile.remainingMs)}`
            : " expires unknown"
      const source = profile.source === "store" ? "" : ` (${profile.source})`
      out.push(`  - ${profile.label} ${status}${expiry}${source}`)
    }
  }
  return out.join("\n")
}

export const renderStatusJson = (view: StatusView, extra: Readonly<Record<string, unknown>> = {}): string =>
  toJson({ ...view, ...extra, auth: { ...view.auth, ...(extra.auth as object | undefined) } })
