/** Spawns the built `bin/clawdbot` as a real subprocess and collects its output. Run `npm run build` first. */
import { spawn } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "clawdbot")

/**
 * Endpoints the CLI may call on its own (usage snapshots, OAuth refresh, `models refresh`) point at a closed local port unless a
 * test sets them, so no test ever reaches a real provider.
 */
const NO_REAL_HOSTS = {
  CLAWDBOT_USAGE_URL_ANTHROPIC: "http://127.0.0.1:9/api/oauth/usage",
  CLAWDBOT_USAGE_URL_GITHUB_COPILOT: "http://127.0.0.1:9/copilot_internal/user",
  CLAWDBOT_USAGE_URL_OPENAI_CODEX: "http://127.0.0.1:9/backend-api/wham/usage",
  CLAWDBOT_USAGE_URL_GOOGLE_GEMINI_CLI: "http://127.0.0.1:9/v1internal:retrieveUserQuota",
  CLAWDBOT_USAGE_URL_GOOGLE_ANTIGRAVITY: "http://127.0.0.1:9",
  CLAWDBOT_USAGE_URL_MINIMAX: "http://127.0.0.1:9/v1/api/openplatform/coding_plan/remains",
  CLAWDBOT_USAGE_URL_ZAI: "http://127.0.0.1:9/api/monitor/usage/quota/limit",
  CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: "http://127.0.0.1:9/v1/oauth/token",
  CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX: "http://127.0.0.1:9/oauth/token",
  CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT: "http://127.0.0.1:9/copilot_internal/v2/token",
  CLAWDBOT_CATALOG_URL: "http://127.0.0.1:9/api.json"
}

export interface CliResult {
  readonly stdout: string
  readonly stderr: string
  readonly code: number | null
}

export interface RunOptions {
  /** Full environment for the child (nothing is inherited but PATH). */
  readonly env: Readonly<Record<string, string | undefined>>
  readonly input?: string
  /** Working directory (the CLI reads `./.env` from it); defaults to the test's. */
  readonly cwd?: string
  /** Kills the child (SIGKILL) after this long: for a test whose failure mode is a hang. */
  readonly timeoutMs?: number
}

/** Runs `bin/clawdbot <args>` with exactly `env` (plus PATH), resolving when the process exits. */
export const runCli = (args: ReadonlyArray<string>, options: RunOptions): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, ...NO_REAL_HOSTS, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: "SIGKILL" as const } : {})
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    child.on("error", reject)
    child.on("close", (code) => resolve({ stdout, stderr, code }))
    child.stdin.end(options.input ?? "")
  })
