/** Shell env fallback (spec §5.3): when to run the login shell, and which of its variables to import. Pure. */

/** The only keys the fallback may import, and only when they are missing. */
export const SHELL_ENV_EXPECTED_KEYS: ReadonlyArray<string> = [
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_OAUTH_TOKEN",
  "GEMINI_API_KEY",
  "ZAI_API_KEY",
  "OPENROUTER_API_KEY",
  "AI_GATEWAY_API_KEY",
  "MINIMAX_API_KEY",
  "SYNTHETIC_API_KEY",
  "ELEVENLABS_API_KEY",
  "TELEGRAM_BOT_TOKEN",
  "DISCORD_BOT_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "CLAWDBOT_GATEWAY_TOKEN",
  "CLAWDBOT_GATEWAY_PASSWORD"
]

export const SHELL_ENV_DEFAULT_TIMEOUT_MS = 15_000
/** Output beyond this is not read (spec §5.3). */
export const SHELL_ENV_MAX_BYTES = 2 * 1024 * 1024

const TRUTHY = new Set(["1", "true", "yes", "on"])
export const isTruthy = (value: string | undefined): boolean => TRUTHY.has((value ?? "").trim().toLowerCase())

export type ShellEnvPlan =
  | { readonly _tag: "Off" }
  /** On, but nothing to do: deferred, or an expected key is already set. */
  | { readonly _tag: "Skip" }
  | { readonly _tag: "Run"; readonly shell: string; readonly timeoutMs: number }

const positive = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN
  return Number.isFinite(n) && n > 0 ? n : undefined
}

/**
 * On when `CLAWDBOT_LOAD_SHELL_ENV` is truthy or `env.shellEnv.enabled`; skipped when deferred or when any expected
 * key is already set. `env` is the effective lookup (process env, then the config's `env` section, §5.2).
 */
export const planShellEnv = (
  env: (name: string) => string | undefined,
  settings: { readonly enabled?: boolean | undefined; readonly timeoutMs?: number | undefined } | undefined
): ShellEnvPlan => {
  if (!(isTruthy(env("CLAWDBOT_LOAD_SHELL_ENV")) || settings?.enabled === true)) return { _tag: "Off" }
  if (isTruthy(env("CLAWDBOT_DEFER_SHELL_ENV_FALLBACK"))) return { _tag: "Skip" }
  if (SHELL_ENV_EXPECTED_KEYS.some((key) => (env(key) ?? "").trim() !== "")) return { _tag: "Skip" }
  return {
    _tag: "Run",
    shell: env("SHELL")?.trim() || "/bin/sh",
    timeoutMs:
      positive(settings?.timeoutMs) ??
      positive(env("CLAWDBOT_SHELL_ENV_TIMEOUT_MS")) ??
      SHELL_ENV_DEFAULT_TIMEOUT_MS
  }
}

/** Parses `env -0` output. Text a login script printed before the first entry is dropped. */
export const parseEnvNul = (output: string): Readonly<Record<string, string>> => {
  const vars: Record<string, string> = {}
  for (const entry of output.split("\0")) {
    const eq = entry.indexOf("=")
    if (eq <= 0) continue
    const rawKey = entry.slice(0, eq)
    const key = rawKey.slice(rawKey.lastIndexOf("\n") + 1)
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) vars[key] = entry.slice(eq + 1)
  }
  return vars
}

/** The expected keys the shell has and the current environment lacks (spec §5.3), in list order. */
export const keysToImport = (
  shellVars: Readonly<Record<string, string>>,
  env: (name: string) => string | undefined
): Readonly<Record<string, string>> => {
  const imported: Record<string, string> = {}
  for (const key of SHELL_ENV_EXPECTED_KEYS) {
    const value = shellVars[key]
    if (value !== undefined && value.trim() !== "" && (env(key) ?? "").trim() === "") imported[key] = value
  }
  return imported
}
