import { describe, expect, it } from "@effect/vitest"
import { deviceClient, oauthClient, PROVIDERS } from "../../src/domain/authProviders.js"
import { dotEnvMaySet, dotEnvNotices, fillFromDotEnv, isEndpointOverride } from "../../src/domain/dotEnv.js"
import { ENV_SURFACED_PROVIDERS, envCredential } from "../../src/domain/envCredentials.js"
import { TOKEN_ENDPOINTS, tokenEndpointFor } from "../../src/domain/oauth.js"
import { USAGE_PROVIDERS, usageRequest } from "../../src/domain/usage.js"
import { copilotTokenUrl } from "../../src/domain/wire/githubCopilot.js"

/** The variables of the spec §5.1 table whose value is the credential itself. */
const SPEC_CREDENTIAL_VARS = [
  "ANTHROPIC_OAUTH_TOKEN",
  "ANTHROPIC_API_KEY",
  "COPILOT_GITHUB_TOKEN",
  "GH_TOKEN",
  "GITHUB_TOKEN",
  "CHUTES_OAUTH_TOKEN",
  "CHUTES_API_KEY",
  "ZAI_API_KEY",
  "Z_AI_API_KEY",
  "OPENCODE_API_KEY",
  "OPENCODE_ZEN_API_KEY",
  "QWEN_OAUTH_TOKEN",
  "QWEN_PORTAL_API_KEY",
  "OPENAI_API_KEY",
  "GEMINI_API_KEY",
  "GROQ_API_KEY",
  "CEREBRAS_API_KEY",
  "XAI_API_KEY",
  "MISTRAL_API_KEY",
  "OPENROUTER_API_KEY",
  "AI_GATEWAY_API_KEY",
  "DEEPGRAM_API_KEY",
  "MOONSHOT_API_KEY",
  "KIMICODE_API_KEY",
  "MINIMAX_API_KEY",
  "SYNTHETIC_API_KEY",
  "VENICE_API_KEY",
  "AWS_BEARER_TOKEN_BEDROCK",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY"
]

/** Paths, endpoints and the rest: variables this tool (or Node under it) reads that carry no credential. */
const PATHS = [
  "CLAWDBOT_STATE_DIR",
  "CLAWDBOT_CONFIG_PATH",
  "CLAWDBOT_AGENT_DIR",
  "PI_CODING_AGENT_DIR",
  "HOME"
]
const ENDPOINTS = [
  "CLAWDBOT_USAGE_URL_ANTHROPIC",
  "CLAWDBOT_USAGE_URL_GITHUB_COPILOT",
  "CLAWDBOT_USAGE_URL_OPENAI_CODEX",
  "CLAWDBOT_USAGE_URL_GOOGLE_GEMINI_CLI",
  "CLAWDBOT_USAGE_URL_GOOGLE_ANTIGRAVITY",
  "CLAWDBOT_USAGE_URL_MINIMAX",
  "CLAWDBOT_USAGE_URL_ZAI",
  "CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC",
  "CLAWDBOT_OAUTH_TOKEN_URL_OPENAI_CODEX",
  "CLAWDBOT_OAUTH_TOKEN_URL_GITHUB_COPILOT",
  "CLAWDBOT_OPENAI_CODEX_AUTHORIZE_URL",
  "CLAWDBOT_OPENAI_CODEX_TOKEN_URL",
  "CLAWDBOT_OPENAI_CODEX_REDIRECT_URI",
  "CLAWDBOT_OPENAI_CODEX_CLIENT_ID",
  "CLAWDBOT_GITHUB_COPILOT_DEVICE_CODE_URL",
  "CLAWDBOT_GITHUB_COPILOT_TOKEN_URL"
]
const OTHER_VARIABLES = [
  "NODE_EXTRA_CA_CERTS",
  "NODE_TLS_REJECT_UNAUTHORIZED",
  "NODE_OPTIONS",
  "HTTPS_PROXY",
  "https_proxy",
  "HTTP_PROXY",
  "NO_PROXY",
  "SSL_CERT_FILE",
  "OPENAI_BASE_URL",
  "ANTHROPIC_BASE_URL",
  "SHELL",
  "CLAWDBOT_LOAD_SHELL_ENV",
  "CLAWDBOT_KEYCHAIN",
  "DBUS_SESSION_BUS_ADDRESS",
  "AWS_PROFILE",
  "GOOGLE_APPLICATION_CREDENTIALS",
  "GOOGLE_CLOUD_PROJECT",
  "GCLOUD_PROJECT",
  "GOOGLE_CLOUD_LOCATION",
  "CLAWDBOT_PROFILE",
  "TELEGRAM_BOT_TOKEN"
]

/** Every variable name `read` asks for. */
const namesRead = (read: (env: (name: string) => string | undefined) => unknown): Array<string> => {
  const names: Array<string> = []
  read((name) => {
    names.push(name)
    return undefined
  })
  return names
}

describe("which variables a ./.env may set (issue 9 item 1)", () => {
  it.each(SPEC_CREDENTIAL_VARS)("./.env may set %s (a provider credential, spec §5.1)", (name) => {
    expect(dotEnvMaySet("cwd", name)).toBe(true)
  })

  it.each([...PATHS, ...ENDPOINTS, ...OTHER_VARIABLES])("./.env may not set %s", (name) => {
    expect(dotEnvMaySet("cwd", name)).toBe(false)
  })

  it("names are exact: a look-alike of a credential variable is not one", () => {
    for (const name of [
      "openai_api_key",
      "OPENAI_API_KEY ",
      "OPENAI_API_KEY_URL",
      "X_OPENAI_API_KEY",
      "__proto__"
    ])
      expect(dotEnvMaySet("cwd", name)).toBe(false)
  })

  it("every variable envCredential reads when nothing is set is a credential or one that names a file/profile", () => {
    const read = namesRead((env) => ENV_SURFACED_PROVIDERS.map((provider) => envCredential(provider, env)))
    expect(read).toEqual(
      expect.arrayContaining(["OPENAI_API_KEY", "AWS_PROFILE", "GOOGLE_APPLICATION_CREDENTIALS"])
    )
    expect(read.filter((name) => !dotEnvMaySet("cwd", name) && !OTHER_VARIABLES.includes(name))).toEqual([])
  })
})

describe("which variables <stateDir>/.env may set", () => {
  it.each(PATHS)("the user's own file may set %s (as today)", (name) => {
    expect(dotEnvMaySet("stateDir", name)).toBe(true)
  })

  it.each(SPEC_CREDENTIAL_VARS.slice(0, 3))("the user's own file may set %s", (name) => {
    expect(dotEnvMaySet("stateDir", name)).toBe(true)
  })

  it.each(ENDPOINTS)("an endpoint override (%s) comes from the real environment only", (name) => {
    expect(isEndpointOverride(name)).toBe(true)
    expect(dotEnvMaySet("stateDir", name)).toBe(false)
  })

  it("every variable the usage, token-refresh and auth login code reads to find an endpoint is an override", () => {
    const read = [
      ...namesRead((env) => USAGE_PROVIDERS.map((provider) => usageRequest(provider, "token", env))),
      ...namesRead((env) => Object.keys(TOKEN_ENDPOINTS).map((provider) => tokenEndpointFor(provider, env))),
      ...namesRead((env) => copilotTokenUrl(env)),
      ...namesRead((env) =>
        PROVIDERS.map((provider) => [oauthClient(provider, env), deviceClient(provider, env)])
      )
    ]
    expect(read).toEqual(expect.arrayContaining(ENDPOINTS))
    for (const name of read) {
      expect(isEndpointOverride(name)).toBe(true)
      expect(dotEnvMaySet("cwd", name)).toBe(false)
      expect(dotEnvMaySet("stateDir", name)).toBe(false)
    }
  })
})

describe("fillFromDotEnv", () => {
  const cwdFile = (vars: Record<string, string>) => ({ scope: "cwd" as const, path: "/repo/.env", vars })
  const stateFile = (vars: Record<string, string>) => ({
    scope: "stateDir" as const,
    path: "/home/u/.clawdbot/.env",
    vars
  })

  it("fills what is unset and allowed, never overriding the environment; the first file wins", () => {
    const real: Record<string, string> = { XAI_API_KEY: "xai-real", CLAWDBOT_CONFIG_PATH: "/home/u/c.json" }
    const { vars, ignored } = fillFromDotEnv(
      (name) => real[name],
      [
        cwdFile({ GROQ_API_KEY: "gsk-cwd", XAI_API_KEY: "xai-cwd", CLAWDBOT_STATE_DIR: "/repo/state" }),
        stateFile({
          GROQ_API_KEY: "gsk-state",
          OPENAI_API_KEY: "sk-state",
          CLAWDBOT_AGENT_DIR: "/home/u/agent"
        })
      ]
    )
    expect(Object.fromEntries(vars)).toEqual({
      GROQ_API_KEY: "gsk-cwd",
      OPENAI_API_KEY: "sk-state",
      CLAWDBOT_AGENT_DIR: "/home/u/agent"
    })
    expect(ignored).toEqual([{ scope: "cwd", path: "/repo/.env", names: ["CLAWDBOT_STATE_DIR"] }])
  })

  it("names an ignored variable even when the environment sets it too, and keeps no value", () => {
    const { vars, ignored } = fillFromDotEnv(
      (name) => (name === "CLAWDBOT_USAGE_URL_ANTHROPIC" ? "http://127.0.0.1:1/usage" : undefined),
      [
        cwdFile({ CLAWDBOT_USAGE_URL_ANTHROPIC: "http://evil.example/u", __proto__: "x" }),
        stateFile({ CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: "http://evil.example/t" })
      ]
    )
    expect(vars.size).toBe(0)
    expect(ignored.map((file) => [file.scope, file.names])).toEqual([
      ["cwd", ["CLAWDBOT_USAGE_URL_ANTHROPIC"]],
      ["stateDir", ["CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC"]]
    ])
    expect(JSON.stringify(ignored)).not.toContain("evil")
  })
})

describe("dotEnvNotices", () => {
  const shorten = (file: string) => file.replace("/home/u", "~")

  it("one line per file naming every ignored variable and why; no line when nothing was ignored", () => {
    expect(dotEnvNotices([], shorten)).toEqual([])
    expect(
      dotEnvNotices(
        [
          { scope: "cwd", path: "/repo/.env", names: ["CLAWDBOT_STATE_DIR", "CLAWDBOT_USAGE_URL_ANTHROPIC"] },
          { scope: "stateDir", path: "/home/u/.clawdbot/.env", names: ["CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC"] }
        ],
        shorten
      )
    ).toEqual([
      'Notice: ignored CLAWDBOT_STATE_DIR, CLAWDBOT_USAGE_URL_ANTHROPIC from ./.env (a .env in the current directory may only set provider API keys and tokens; see README "Environment files")',
      'Notice: ignored CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC from ~/.clawdbot/.env (endpoint overrides are read from the environment only; see README "Environment files")'
    ])
  })

  it("a name with control or non-ASCII characters is shown escaped, never raw", () => {
    const [line] = dotEnvNotices(
      [{ scope: "cwd", path: "/repo/.env", names: ["A\x1b]0;pwned\x07B", "C\u202eD"] }],
      shorten
    )
    expect(line).toContain('"A\\u001b]0;pwned\\u0007B", "C\\u202eD" from ./.env')
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\uffff]/)
  })

  it("a file full of variables still gives one bounded line", () => {
    const names = Array.from({ length: 500 }, (_, i) => `VAR_${i}`)
    const lines = dotEnvNotices([{ scope: "cwd", path: "/repo/.env", names }], shorten)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain("VAR_0, VAR_1")
    expect(lines[0]).toContain("and 480 more from ./.env")
  })
})
