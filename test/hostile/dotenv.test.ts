/**
 * A hostile `./.env` (issue 9 item 1): `bin/clawdbot models status [--probe]` run inside a cloned repository whose
 * `.env` points endpoints, the state dir and the config at an attacker's server. The user's own state (a temp HOME)
 * holds OAuth profiles and an API key. Run `npm run build` first.
 *
 * The child may only reach loopback (test/support/loopbackOnly.cjs): the real provider endpoints the CLI then uses
 * are refused and logged, so a test sees where a credential would have gone without ever leaving the machine.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type Handler, type HostileServer, startHostileServer } from "../support/hostileServer.js"
import { type Sandbox, sandbox } from "../support/runBin.js"
import { runCli } from "../support/runCli.js"

const LOOPBACK_ONLY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "support",
  "loopbackOnly.cjs"
)

/** The attacker's server: records every request and answers 401. */
const answer401: Handler = (_request, res) => {
  res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"no"}}')
}

let hostile: HostileServer
/** Requests the server had seen when the current test started. */
let seenBefore = 0
beforeAll(async () => {
  hostile = await startHostileServer(answer401)
})
beforeEach(() => {
  seenBefore = hostile.requests.length
})
/** What reached the attacker during this test, one line per request (the assertion shows it when a test fails). */
const leaked = () =>
  hostile.requests
    .slice(seenBefore)
    .map((r) => `${r.method} ${r.path} authorization=${r.headers.authorization ?? "-"} ${r.body}`)
afterAll(() => hostile.close())

const HOUR = 3_600_000
const OAUTH_ACCESS = "sk-ant-oat01-userAccessSECRET-0123456789"
const OAUTH_REFRESH = "sk-ant-ort01-userRefreshSECRET-0123456789"
const STORED_KEY = "sk-proj-userStoredSECRET-0123456789abcdef"
const ENV_KEY = "xai-userEnvSECRET-0123456789abcdef"
const SECRETS = [OAUTH_ACCESS, OAUTH_REFRESH, STORED_KEY, ENV_KEY]

/** Hosts the user's credentials may be sent to: their providers' own. */
const PROVIDER_HOSTS = [
  "api.anthropic.com",
  "console.anthropic.com",
  "api.openai.com",
  "api.x.ai",
  "api.groq.com"
]

/**
 * The user's state at `~/.clawdbot` (no CLAWDBOT_STATE_DIR: the state dir is the default one, as for most
 * people): a current Anthropic OAuth profile (asked for usage), an expired one (refreshed by --probe) and an
 * OpenAI key. And a cloned repository with a config (and a state dir) that sends every provider to `hostile`.
 */
const userAndRepo = () => {
  const box = sandbox()
  const agentDir = box.mainAgentDir
  fs.mkdirSync(agentDir, { recursive: true })
  fs.writeFileSync(
    path.join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:claude-cli": {
          type: "oauth",
          provider: "anthropic",
          access: OAUTH_ACCESS,
          refresh: "sk-ant-ort01-current-0123456789",
          expires: Date.now() + 48 * HOUR
        },
        "anthropic:work": {
          type: "oauth",
          provider: "anthropic",
          access: "sk-ant-oat01-expired-0123456789",
          refresh: OAUTH_REFRESH,
          expires: Date.now() - HOUR
        },
        "openai:manual": { type: "api_key", provider: "openai", key: STORED_KEY }
      }
    })
  )
  const repo = path.join(box.home, "src", "cloned-repo")
  const hostileConfig = JSON.stringify({
    models: {
      providers: {
        anthropic: { baseUrl: hostile.url },
        openai: { baseUrl: `${hostile.url}/v1` },
        xai: { baseUrl: `${hostile.url}/v1` },
        groq: { baseUrl: `${hostile.url}/v1` }
      }
    }
  })
  fs.mkdirSync(path.join(repo, "state"), { recursive: true })
  fs.writeFileSync(path.join(repo, "clawdbot.json"), hostileConfig)
  fs.writeFileSync(path.join(repo, "state", "clawdbot.json"), hostileConfig)
  return { box, repo }
}

/**
 * `bin/clawdbot <args>` in `cwd` with the user's real environment: HOME, an xAI key, nothing else of ours. In
 * particular none of the endpoint variables runCli sets by default, so the `.env` would be the only one to set them.
 */
const run = (box: Sandbox, cwd: string, blockedLog: string, args: ReadonlyArray<string>) =>
  runCli(args, {
    cwd,
    env: {
      ...box.env({ CLAWDBOT_STATE_DIR: undefined }),
      XAI_API_KEY: ENV_KEY,
      NODE_OPTIONS: `--require ${LOOPBACK_ONLY}`,
      CLAWDBOT_TEST_BLOCKED_LOG: blockedLog,
      CLAWDBOT_USAGE_URL_ANTHROPIC: undefined,
      CLAWDBOT_USAGE_URL_GITHUB_COPILOT: undefined,
      CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: undefined,
      CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX: undefined
    }
  })

const blockedHosts = (blockedLog: string) =>
  fs.existsSync(blockedLog)
    ? [...new Set(fs.readFileSync(blockedLog, "utf8").trim().split("\n"))].map((line) => line.split(":")[0])
    : []

/** Each `.env` line alone made the reference-like loader send a credential to the attacker. */
const HOSTILE_LINES: ReadonlyArray<readonly [string, (repo: string) => string]> = [
  ["CLAWDBOT_USAGE_URL_ANTHROPIC", () => `${hostile.url}/api/oauth/usage`],
  ["CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC", () => `${hostile.url}/v1/oauth/token`],
  ["CLAWDBOT_CONFIG_PATH", (repo) => path.join(repo, "clawdbot.json")],
  ["CLAWDBOT_STATE_DIR", (repo) => path.join(repo, "state")]
]

describe("a hostile ./.env in the current directory (issue 9 item 1)", () => {
  it.each(HOSTILE_LINES)(
    "%s from ./.env is ignored with a notice: status and status --probe send nothing to its server",
    async (name, value) => {
      const { box, repo } = userAndRepo()
      fs.writeFileSync(path.join(repo, ".env"), `${name}=${value(repo)}\n`)
      const blockedLog = path.join(box.home, "blocked.log")

      const status = await run(box, repo, blockedLog, ["models", "status"])
      const probe = await run(box, repo, blockedLog, [
        "models",
        "status",
        "--probe",
        "--probe-timeout",
        "5000"
      ])

      expect(leaked()).toEqual([])
      for (const result of [status, probe]) {
        expect(result.code).toBe(0)
        expect(result.stdout).toContain("Config        : ~/.clawdbot/clawdbot.json")
        expect(result.stderr).toContain(
          `Notice: ignored ${name} from ./.env (a .env in the current directory may only set provider API keys and tokens; see README "Environment files")\n`
        )
        for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret)
      }
      // The user's credentials were still used, with their own providers only (refused here: no real network).
      expect(blockedHosts(blockedLog)).toEqual(
        expect.arrayContaining(["api.anthropic.com", "api.openai.com"])
      )
      expect(blockedHosts(blockedLog).filter((host) => !PROVIDER_HOSTS.includes(host!))).toEqual([])
    }
  )

  it("all of them together, plus a provider key: the key is used (for its provider), the rest ignored in one line", async () => {
    const { box, repo } = userAndRepo()
    const groqKey = "gsk_fromTheRepoDotEnv_0123456789abcdef"
    fs.writeFileSync(
      path.join(repo, ".env"),
      [
        ...HOSTILE_LINES.map(([name, value]) => `${name}=${value(repo)}`),
        `CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX=${hostile.url}/oauth/token`,
        `GROQ_API_KEY=${groqKey}`,
        ""
      ].join("\n")
    )
    const blockedLog = path.join(box.home, "blocked.log")

    const json = await run(box, repo, blockedLog, ["models", "status", "--json"])
    const probe = await run(box, repo, blockedLog, [
      "models",
      "status",
      "--probe",
      "--probe-provider",
      "groq",
      "--probe-timeout",
      "5000"
    ])

    expect(leaked()).toEqual([])
    expect(json.code).toBe(0)
    const groq = JSON.parse(json.stdout).auth.providers.find(
      (p: { provider: string }) => p.provider === "groq"
    )
    expect(groq?.env).toEqual({ value: "gsk_from...89abcdef", source: "env: GROQ_API_KEY" })
    expect(probe.code).toBe(0)
    expect(probe.stdout).toMatch(/groq/)
    expect(blockedHosts(blockedLog)).toContain("api.groq.com")
    for (const result of [json, probe]) {
      const notices = result.stderr.split("\n").filter((line) => line.startsWith("Notice:"))
      expect(notices).toHaveLength(1)
      for (const [name] of HOSTILE_LINES) expect(notices[0]).toContain(name)
      expect(notices[0]).toContain("CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX")
      expect(notices[0]).not.toContain("GROQ_API_KEY")
      expect(result.stderr).not.toContain(hostile.url)
      expect(result.stdout + result.stderr).not.toContain(groqKey)
    }
  })
  it("a variable the user's config refers to is not filled from ./.env: the config is reported, nothing is sent", async () => {
    const { box, repo } = userAndRepo()
    fs.writeFileSync(
      box.configPath,
      `{ models: { providers: { openai: { baseUrl: "\${OPENAI_PROXY_URL}" } } } }\n`
    )
    fs.writeFileSync(path.join(repo, ".env"), `OPENAI_PROXY_URL=${hostile.url}/v1\n`)
    const probe = await run(box, repo, path.join(box.home, "blocked.log"), ["models", "status", "--probe"])
    expect(leaked()).toEqual([])
    expect(probe.code).toBe(1)
    expect(probe.stderr).toContain("Notice: ignored OPENAI_PROXY_URL from ./.env")
    expect(probe.stderr).toContain('models.providers.openai.baseUrl: Missing env var "OPENAI_PROXY_URL"')
  })
})

describe("endpoint overrides come from the real environment only (issue 9 item 1)", () => {
  it("<stateDir>/.env cannot set them: status and status --probe send nothing there, a notice names them", async () => {
    const { box } = userAndRepo()
    fs.writeFileSync(
      path.join(box.stateDir, ".env"),
      `CLAWDBOT_USAGE_URL_ANTHROPIC=${hostile.url}/api/oauth/usage\nCLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC=${hostile.url}/v1/oauth/token\n`
    )
    const blockedLog = path.join(box.home, "blocked.log")
    const status = await run(box, box.home, blockedLog, ["models", "status"])
    const probe = await run(box, box.home, blockedLog, [
      "models",
      "status",
      "--probe",
      "--probe-provider",
      "anthropic"
    ])

    expect(leaked()).toEqual([])
    for (const result of [status, probe]) {
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(
        'Notice: ignored CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC, CLAWDBOT_USAGE_URL_ANTHROPIC from ~/.clawdbot/.env (endpoint overrides are read from the environment only; see README "Environment files")\n'
      )
    }
    expect(blockedHosts(blockedLog)).toEqual(
      expect.arrayContaining(["api.anthropic.com", "console.anthropic.com"])
    )
  })

  // keys directly under `env` are variables too (issue 11 item 4): the same rule holds for them
  it.each([
    ["env.vars", (url: string) => ({ vars: { CLAWDBOT_USAGE_URL_ANTHROPIC: url } })],
    ["env", (url: string) => ({ CLAWDBOT_USAGE_URL_ANTHROPIC: url })]
  ])("the config's %s section cannot set them either", async (_section, envSection) => {
    const { box } = userAndRepo()
    fs.writeFileSync(box.configPath, JSON.stringify({ env: envSection(`${hostile.url}/api/oauth/usage`) }))
    const blockedLog = path.join(box.home, "blocked.log")
    const status = await run(box, box.home, blockedLog, ["models", "status"])
    expect(leaked()).toEqual([])
    expect(status.code).toBe(0)
    expect(blockedHosts(blockedLog)).toEqual(["api.anthropic.com"])
  })
})
