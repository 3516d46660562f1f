/** Provider -> environment variables that carry its credential (spec §5.1). Pure. */

export const PROVIDER_ENV_VARS: Readonly<Record<string, ReadonlyArray<string>>> = {
  anthropic: ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
  "github-copilot": ["COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"],
  chutes: ["CHUTES_OAUTH_TOKEN", "CHUTES_API_KEY"],
  zai: ["ZAI_API_KEY", "Z_AI_API_KEY"],
  opencode: ["OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY"],
  "qwen-portal": ["QWEN_OAUTH_TOKEN", "QWEN_PORTAL_API_KEY"],
  openai: ["OPENAI_API_KEY"],
  google: ["GEMINI_API_KEY"],
  groq: ["GROQ_API_KEY"],
  cerebras: ["CEREBRAS_API_KEY"],
  xai: ["XAI_API_KEY"],
  mistral: ["MISTRAL_API_KEY"],
  openrouter: ["OPENROUTER_API_KEY"],
  "vercel-ai-gateway": ["AI_GATEWAY_API_KEY"],
  deepgram: ["DEEPGRAM_API_KEY"],
  moonshot: ["MOONSHOT_API_KEY"],
  "kimi-code": ["KIMICODE_API_KEY"],
  minimax: ["MINIMAX_API_KEY"],
  synthetic: ["SYNTHETIC_API_KEY"],
  venice: ["VENICE_API_KEY"]
}

/** amazon-bedrock variables whose value is the secret itself (`AWS_PROFILE` only names a profile). */
const BEDROCK_SECRET_VARS = [
  "AWS_BEARER_TOKEN_BEDROCK",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY"
] as const

/**
 * Every variable whose value is a provider credential (spec §5.1): all a `./.env` may set. `AWS_PROFILE` and
 * google-vertex's ADC variables are not among them: they name a profile or a file, and so where a credential
 * comes from and goes to.
 */
export const CREDENTIAL_ENV_VARS: ReadonlySet<string> = new Set([
  ...Object.values(PROVIDER_ENV_VARS).flat(),
  ...BEDROCK_SECRET_VARS
])

export interface EnvCredential {
  readonly provider: string
  readonly varName: string
  readonly value: string
  /**
   * `oauth` when the variable name contains OAUTH_TOKEN (spec §5.1); `aws-sdk` / `adc` when the provider's SDK
   * finds credentials from the environment (amazon-bedrock, google-vertex): `value` is then not a secret.
   */
  readonly mode: "oauth" | "api_key" | "aws-sdk" | "adc"
  readonly source: string
}

const nonBlank = (env: (name: string) => string | undefined, name: string) => {
  const value = env(name)?.trim()
  return value ? value : undefined
}

/** amazon-bedrock (spec §5.1): a bearer token, an access key pair, or a named AWS profile. */
const bedrockCredential = (env: (name: string) => string | undefined): EnvCredential | undefined => {
  const provider = "amazon-bedrock"
  const bearer = nonBlank(env, "AWS_BEARER_TOKEN_BEDROCK")
  if (bearer) {
    return {
      provider,
      varName: "AWS_BEARER_TOKEN_BEDROCK",
      value: bearer,
      mode: "api_key",
      source: "env: AWS_BEARER_TOKEN_BEDROCK"
    }
  }
  const accessKey = nonBlank(env, "AWS_ACCESS_KEY_ID")
  if (accessKey && nonBlank(env, "AWS_SECRET_ACCESS_KEY")) {
    return {
      provider,
      varName: "AWS_ACCESS_KEY_ID",
      value: accessKey,
      mode: "api_key",
      source: "env: AWS_ACCESS_KEY_ID"
    }
  }
  const profile = nonBlank(env, "AWS_PROFILE")
  if (profile)
    return {
      provider,
      varName: "AWS_PROFILE",
      value: `aws-sdk (profile ${profile})`,
      mode: "aws-sdk",
      source: "env: AWS_PROFILE"
    }
  return undefined
}

/**
 * google-vertex (spec §5.1): an ADC file named by GOOGLE_APPLICATION_CREDENTIALS plus a project and location.
 * The default gcloud ADC path is not probed here (that would need the file system).
 */
const vertexCredential = (env: (name: string) => string | undefined): EnvCredential | undefined => {
  const file = nonBlank(env, "GOOGLE_APPLICATION_CREDENTIALS")
  const project = nonBlank(env, "GOOGLE_CLOUD_PROJECT") ?? nonBlank(env, "GCLOUD_PROJECT")
  if (!file || !project || !nonBlank(env, "GOOGLE_CLOUD_LOCATION")) return undefined
  return {
    provider: "google-vertex",
    varName: "GOOGLE_APPLICATION_CREDENTIALS",
    value: `ADC (project ${project})`,
    mode: "adc",
    source: "gcloud adc"
  }
}

/** First non-empty trimmed variable of the provider's list, or undefined. */
export const envCredential = (
  provider: string,
  env: (name: string) => string | undefined
): EnvCredential | undefined => {
  if (provider === "amazon-bedrock") return bedrockCredential(env)
  if (provider === "google-vertex") return vertexCredential(env)
  for (const varName of PROVIDER_ENV_VARS[provider] ?? []) {
    const value = env(varName)?.trim()
    if (value) {
      return {
        provider,
        varName,
        value,
        mode: varName.includes("OAUTH_TOKEN") ? "oauth" : "api_key",
        source: `env: ${varName}`
      }
    }
  }
  return undefined
}

/** Providers whose env credential adds them to the status provider set (spec §3.2). */
export const ENV_SURFACED_PROVIDERS = [...Object.keys(PROVIDER_ENV_VARS), "amazon-bedrock", "google-vertex"]

/**
 * Providers served by a local CLI (`agents.defaults.cliBackends`) authenticate themselves; status does not call
 * them missing (the reference does, §8.7).
 */
export const BUILTIN_CLI_BACKENDS: ReadonlyArray<string> = ["claude-cli", "codex-cli"]
