// A small realistic clawdbot state for benchmarks: <home>/.clawdbot/clawdbot.json (JSON5 with comments, aliases,
// fallbacks, unrelated sections, ${VAR} references) and agents/main/agent/auth-profiles.json (token, api key, OAuth).
// Run with OPENROUTER_API_KEY and TELEGRAM_BOT_TOKEN set (the config references them).
//
//   node bench/fixture.mjs            prints the path of a fresh fixture home (for ad-hoc timing)

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

/** Creates a fixture home in a new temp dir and returns its path; the state dir is `<home>/.clawdbot`. */
export const makeFixture = () => {
  const home = mkdtempSync(path.join(os.tmpdir(), "clawdbot-bench-"))
  const stateDir = path.join(home, ".clawdbot")
  const agentDir = path.join(stateDir, "agents", "main", "agent")
  mkdirSync(agentDir, { recursive: true, mode: 0o700 })
  writeFileSync(
    path.join(stateDir, "clawdbot.json"),
    `// clawdbot config (bench fixture)
{
  meta: { lastTouchedVersion: "2026.1.23" },
  agents: {
    defaults: {
      workspace: "~/clawd",
      model: {
        primary: "anthropic/claude-opus-4-5",
        fallbacks: ["openai/gpt-5.2", "openrouter/google/gemini-3-pro-preview"],
      },
      imageModel: { primary: "google/gemini-3-pro-preview", fallbacks: [] },
      models: {
        "anthropic/claude-opus-4-5": { alias: "opus" },
        "anthropic/claude-sonnet-4-5": { alias: "sonnet" },
        "openai/gpt-5.2": { alias: "gpt" },
        "google/gemini-3-pro-preview": { alias: "gemini" },
        "openrouter/google/gemini-3-pro-preview": {},
      },
      maxConcurrent: 4,
    },
    list: [{ id: "main", "default": true }], // quoted: @croct/json5-parser rejects a bare default key
  },
  auth: {
    profiles: {
      "anthropic:manual": { provider: "anthropic", mode: "token" },
      "openai:default": { provider: "openai", mode: "api_key" },
    },
    order: { anthropic: ["anthropic:manual"] },
  },
  env: { OPENROUTER_API_KEY: "\${OPENROUTER_API_KEY}" },
  gateway: { port: 18789, bind: "loopback" },
  channels: { telegram: { enabled: true, botToken: "\${TELEGRAM_BOT_TOKEN}" } },
}
`,
    { mode: 0o600 }
  )
  const dayMs = 86_400_000
  writeFileSync(
    path.join(agentDir, "auth-profiles.json"),
    `${JSON.stringify(
      {
        version: 1,
        profiles: {
          "anthropic:manual": {
            type: "token",
            provider: "anthropic",
            token: "sk-ant-oat01-bench-0000000000000000000000000000000000",
            expires: Date.now() + 300 * dayMs
          },
          "openai:default": { type: "api_key", provider: "openai", key: "sk-bench-000000000000000000000000" },
          "openai-codex:codex-cli": {
            type: "oauth",
            provider: "openai-codex",
            access: "bench-access",
            refresh: "bench-refresh",
            expires: Date.now() + 2 * dayMs
          }
        },
        order: { anthropic: ["anthropic:manual"] },
        lastGood: { anthropic: "anthropic:manual" },
        usageStats: { "anthropic:manual": { lastUsed: Date.now() - 60_000, errorCount: 0 } }
      },
      null,
      2
    )}\n`,
    { mode: 0o600 }
  )
  return home
}

export const fixtureEnv = { OPENROUTER_API_KEY: "sk-or-bench", TELEGRAM_BOT_TOKEN: "0:bench" }

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(makeFixture())
