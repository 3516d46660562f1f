/**
 * The provider auth registry for `auth login` (spec §3.11): each provider declares its methods. The core
 * never names a provider outside this file. OAuth and device endpoints can be overridden through
 * `CLAWDBOT_<PROVIDER>_<KEY>` environment variables (e.g. `CLAWDBOT_OPENAI_CODEX_TOKEN_URL`), which is how
 * the tests point them at a local fake server. Pure.
 */
import * as Either from "effect/Either"
import { normalizeProviderId } from "./modelRef.js"

export type MethodKind = "api_key" | "oauth" | "device_code"

export interface AuthMethod {
  readonly id: string
  readonly label: string
  readonly kind: MethodKind
  readonly hint?: string
}

export interface OAuthClient {
  readonly authorizeUrl: string
  readonly tokenUrl: string
  readonly clientId: string
  readonly scope: string
  /** Registered redirect; the loopback server listens on 127.0.0.1 at its port. */
  readonly redirectUri: string
  readonly extra?: Readonly<Record<string, string>>
}

export interface DeviceClient {
  readonly deviceCodeUrl: string
  readonly tokenUrl: string
  readonly clientId: string
  readonly scope: string
}

export interface ProviderAuth {
  readonly id: string
  readonly label: string
  readonly aliases?: ReadonlyArray<string>
  readonly docsPath?: string
  /** `--set-default` makes this the primary model. */
  readonly defaultModel: string
  readonly methods: ReadonlyArray<AuthMethod>
  readonly oauth?: OAuthClient
  readonly device?: DeviceClient
  /** Profile id when the login yields no email. */
  readonly defaultProfileId: string
}

const apiKey = (label: string): AuthMethod => ({ id: "api-key", label: `${label} API key`, kind: "api_key" })

export const PROVIDERS: ReadonlyArray<ProviderAuth> = [
  {
    id: "anthropic",
    label: "Anthropic",
    aliases: ["claude"],
    docsPath: "/providers/anthropic",
    defaultModel: "anthropic/claude-opus-4-5",
    methods: [apiKey("Anthropic")],
    defaultProfileId: "anthropic:default"
  },
  {
    id: "openai",
    label: "OpenAI",
    docsPath: "/providers/openai",
    defaultModel: "openai/gpt-5.2",
    methods: [apiKey("OpenAI")],
    defaultProfileId: "openai:default"
  },
  {
    id: "openai-codex",
    label: "OpenAI Codex (ChatGPT sign-in)",
    aliases: ["codex", "chatgpt"],
    docsPath: "/providers/openai",
    defaultModel: "openai-codex/gpt-5.2",
    methods: [
      {
        id: "oauth",
        label: "ChatGPT OAuth",
        kind: "oauth",
        hint: "Browser sign-in (PKCE); paste the redirect on remote machines"
      }
    ],
    oauth: {
      authorizeUrl: "https://auth.openai.com/oauth/authorize",
      tokenUrl: "https://auth.openai.com/oauth/token",
      clientId: "app_EMoamEEZ73f0CkXaXp7hrann",
      scope: "openid profile email offline_access",
      redirectUri: "http://localhost:1455/auth/callback",
      extra: { id_token_add_organizations: "true", codex_cli_simplified_flow: "true", originator: "pi" }
    },
    defaultProfileId: "openai-codex:default"
  },
  {
    id: "openrouter",
    label: "OpenRouter",
    docsPath: "/providers/openrouter",
    defaultModel: "openrouter/auto",
    methods: [apiKey("OpenRouter")],
    defaultProfileId: "openrouter:default"
  },
  {
    id: "google",
    label: "Google Gemini",
    aliases: ["gemini"],
    docsPath: "/providers/google",
    defaultModel: "google/gemini-3-pro-preview",
    methods: [apiKey("Gemini")],
    defaultProfileId: "google:default"
  },
  {
    id: "github-copilot",
    label: "GitHub Copilot",
    aliases: ["copilot"],
    docsPath: "/providers/github-copilot",
    defaultModel: "github-copilot/claude-sonnet-4.5",
    methods: [
      {
        id: "device",
        label: "GitHub device login",
        kind: "device_code",
        hint: "Enter a code at github.com/login/device"
      }
    ],
    device: {
      deviceCodeUrl: "https://github.com/login/device/code",
      tokenUrl: "https://github.com/login/oauth/access_token",
      clientId: "Iv1.b507a08c87ecfe98",
      scope: "read:user"
    },
    defaultProfileId: "github-copilot:github"
  }
]

const providerIds = () => PROVIDERS.map((p) => p.id).join(", ")

/** `--provider`: normalised id, then aliases (spec §3.11 step 4). */
export const findProvider = (raw: string): Either.Either<ProviderAuth, string> => {
  const id = normalizeProviderId(raw)
  const found = PROVIDERS.find((p) => p.id === id) ?? PROVIDERS.find((p) => p.aliases?.includes(id))
  return found === undefined
    ? Either.left(`Unknown provider "${raw.trim()}". Use --provider <id> with one of: ${providerIds()}.`)
    : Either.right(found)
}

/** `--method`: id, then label, case-insensitive (spec §3.11 step 4). */
export const findMethod = (provider: ProviderAuth, raw: string): Either.Either<AuthMethod, string> => {
  const wanted = raw.trim().toLowerCase()
  const found =
    provider.methods.find((m) => m.id.toLowerCase() === wanted) ??
    provider.methods.find((m) => m.label.toLowerCase() === wanted)
  return found === undefined
    ? Either.left(
        `Unknown auth method "${raw.trim()}" for ${provider.id}. Use --method <id> with one of: ${provider.methods.map((m) => m.id).join(", ")}.`
      )
    : Either.right(found)
}

/** What `CLAWDBOT_<PROVIDER>_<KEY>` may override; each decides where a sign-in sends a code or a token. */
const LOGIN_OVERRIDE_KEYS = [
  "AUTHORIZE_URL",
  "TOKEN_URL",
  "CLIENT_ID",
  "REDIRECT_URI",
  "DEVICE_CODE_URL"
] as const
type LoginOverrideKey = (typeof LOGIN_OVERRIDE_KEYS)[number]

const envKey = (providerId: string, key: LoginOverrideKey) =>
  `CLAWDBOT_${providerId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_${key}`

/** Whether `name` is an `auth login` endpoint override, `CLAWDBOT_<PROVIDER>_<KEY>` (any provider). */
export const isLoginOverrideVar = (name: string): boolean =>
  name.startsWith("CLAWDBOT_") && LOGIN_OVERRIDE_KEYS.some((key) => name.endsWith(`_${key}`))

/** The OAuth client with env overrides applied: AUTHORIZE_URL, TOKEN_URL, CLIENT_ID, REDIRECT_URI. */
export const oauthClient = (
  provider: ProviderAuth,
  env: (name: string) => string | undefined
): OAuthClient | undefined => {
  const base = provider.oauth
  if (base === undefined) return undefined
  const pick = (key: LoginOverrideKey, fallback: string) => env(envKey(provider.id, key))?.trim() || fallback
  return {
    ...base,
    authorizeUrl: pick("AUTHORIZE_URL", base.authorizeUrl),
    tokenUrl: pick("TOKEN_URL", base.tokenUrl),
    clientId: pick("CLIENT_ID", base.clientId),
    redirectUri: pick("REDIRECT_URI", base.redirectUri)
  }
}

/** The device client with env overrides applied: DEVICE_CODE_URL, TOKEN_URL, CLIENT_ID. */
export const deviceClient = (
  provider: ProviderAuth,
  env: (name: string) => string | undefined
): DeviceClient | undefined => {
  const base = provider.device
  if (base === undefined) return undefined
  const pick = (key: LoginOverrideKey, fallback: string) => env(envKey(provider.id, key))?.trim() || fallback
  return {
    ...base,
    deviceCodeUrl: pick("DEVICE_CODE_URL", base.deviceCodeUrl),
    tokenUrl: pick("TOKEN_URL", base.tokenUrl),
    clientId: pick("CLIENT_ID", base.clientId)
  }
}

/**
 * Whether the browser cannot reach this machine's loopback (spec §3.11 step 5): SSH, dev containers,
 * Codespaces, or Linux without a display outside WSL. Then the URL is printed and the redirect pasted.
 */
export const isRemoteSession = (env: (name: string) => string | undefined, platform: string): boolean => {
  const set = (name: string) => (env(name) ?? "").trim() !== ""
  if (["SSH_CLIENT", "SSH_TTY", "SSH_CONNECTION", "REMOTE_CONTAINERS", "CODESPACES"].some(set)) return true
  return platform === "linux" && !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("WSL_DISTRO_NAME")
}
