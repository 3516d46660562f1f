/** Plain-value fixtures for the status view and its rendering (spec §3.2). */
import { decodeAuthProfiles } from "../../src/domain/authProfiles.js"
import type { ClawdbotConfig } from "../../src/domain/config.js"
import { renderStatusText } from "../../src/domain/render/status.js"
import { computeStatus, type StatusInputs } from "../../src/domain/status.js"

export const NOW = Date.UTC(2026, 0, 23, 12, 0, 0)
export const HOUR = 3_600_000
export const MIN = 60_000
export const HOME = "/home/u"
export const shorten = (p: string) => (p.startsWith(`${HOME}/`) ? `~${p.slice(HOME.length)}` : p)

export const SECRET_KEY = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789Zx81abcd"
export const SECRET_TOKEN = "sk-ant-oat01-SECRETSECRETSECRETSECRET-tail1234"
export const SECRET_ACCESS = "access-token-that-must-never-show-0123456789"
export const SECRET_REFRESH = "refresh-token-that-must-never-show-0123456789"
export const SHORT_KEY = "gsk_short12345"

export const inputs = (
  config: ClawdbotConfig,
  authDoc: unknown = {},
  env: Record<string, string> = {},
  extra: Partial<StatusInputs> = {}
): StatusInputs => ({
  configPath: `${HOME}/.clawdbot/clawdbot.json`,
  agentDir: `${HOME}/.clawdbot/agents/main/agent`,
  storePath: `${HOME}/.clawdbot/agents/main/agent/auth-profiles.json`,
  shorten,
  config,
  store: decodeAuthProfiles(authDoc),
  env: (name) => env[name],
  now: NOW,
  shellEnv: { enabled: false, appliedKeys: [] },
  ...extra
})

export const status = (...args: Parameters<typeof inputs>) => computeStatus(inputs(...args))
export const text = (...args: Parameters<typeof inputs>) =>
  renderStatusText(status(...args), { shorten, command: (a) => `clawdbot ${a}` })

export const fullConfig: ClawdbotConfig = {
  agents: {
    defaults: {
      model: { primary: "opus", fallbacks: ["openai/gpt-5.2"] },
      models: { "anthropic/claude-opus-4-5": { alias: "opus" }, "openai/gpt-5.2": {} }
    }
  }
}
export const anthropicOAuth = {
  profiles: {
    "anthropic:claude-cli": {
      type: "oauth",
      provider: "anthropic",
      access: SECRET_ACCESS,
      refresh: SECRET_REFRESH,
      // the spec's example says "ok expires in 7h", but 7 h is inside the 24 h warn window (§6.1): use 30 h
      expires: NOW + 30 * HOUR
    }
  }
}
