/** Path rules (spec §1.1, §1.3). Pure: the environment and home are passed in. */
import * as path from "node:path"

/** Trim, expand a leading `~`, absolutise. */
export const resolveUserPath = (raw: string, home: string): string => {
  const text = raw.trim()
  const expanded = text === "~" ? home : text.startsWith("~/") ? path.join(home, text.slice(2)) : text
  return path.resolve(expanded)
}

export const shortenHome = (target: string, home: string): string =>
  home !== "" && (target === home || target.startsWith(`${home}${path.sep}`))
    ? `~${target.slice(home.length)}`
    : target

export interface PathSettings {
  readonly home: string
  readonly stateDir: string
  readonly configPath: string
  readonly mainAgentDir: string
}

export const pathSettings = (env: (name: string) => string | undefined, home: string): PathSettings => {
  const set = (name: string) => {
    const value = env(name)?.trim()
    return value ? resolveUserPath(value, home) : undefined
  }
  const stateDir = set("CLAWDBOT_STATE_DIR") ?? path.join(home, ".clawdbot")
  return {
    home,
    stateDir,
    configPath: set("CLAWDBOT_CONFIG_PATH") ?? path.join(stateDir, "clawdbot.json"),
    mainAgentDir:
      set("CLAWDBOT_AGENT_DIR") ??
      set("PI_CODING_AGENT_DIR") ??
      path.join(stateDir, "agents", "main", "agent")
  }
}

/** Where the legacy `oauth.json` is (spec §1.1): `CLAWDBOT_OAUTH_DIR`, else `<state dir>/credentials`. */
export const legacyOAuthDir = (
  env: (name: string) => string | undefined,
  home: string,
  stateDir: string
): string => {
  const value = env("CLAWDBOT_OAUTH_DIR")?.trim()
  return value ? resolveUserPath(value, home) : path.join(stateDir, "credentials")
}
