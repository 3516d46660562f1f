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

export interface EnvCredential {
  readonly provider: string
  readonly varName: string
  readonly value: string
  /** `oauth` when the variable name contains OAUTH_TOKEN (spec §5.1). */
  readonly mode: "oauth" | "api_key"
  readonly source: string
}

/** First non-empty trimmed variable of the provider's list, or undefined. */
export const envCredential = (
  provider: string,
  env: (name: string) => string | undefined
): EnvCredential | undefined => {
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
export const ENV_SURFACED_PROVIDERS = Object.keys(PROVIDER_ENV_VARS)
