/**
 * The EXAMPLES of `--help`, keyed by command path. Every verb has at least one, and every example parses
 * (test/commands/help.test.ts runs each through the CLI parser), so an example can never show a flag that is gone.
 * A `… | clawdbot …` example is parsed from `clawdbot` on.
 */
import type { HelpExample } from "../domain/help.js"

export const EXAMPLES: Readonly<Record<string, ReadonlyArray<HelpExample>>> = {
  clawdbot: [
    { comment: "What model is in use, and is its auth in order?", command: "clawdbot models status" },
    { comment: "Check every credential with a tiny live request", command: "clawdbot models status --probe" },
    { command: "clawdbot models set anthropic/claude-opus-4-5" },
    { command: "clawdbot models auth login --provider openai" },
    { comment: "A separate state dir (~/.clawdbot-work)", command: "clawdbot --profile work models list" }
  ],
  "clawdbot models": [
    { command: "clawdbot models" },
    { command: "clawdbot models list --all --provider openrouter" },
    { command: "clawdbot models fallbacks add openai/gpt-5-mini" },
    { comment: "Only the default model, for scripts", command: "clawdbot models --status-plain" }
  ],
  "clawdbot models status": [
    { command: "clawdbot models status" },
    {
      comment: "Live probes of one provider only",
      command: "clawdbot models status --probe --probe-provider openai"
    },
    { comment: "Give slow providers 20 s", command: "clawdbot models status --probe --probe-timeout 20000" },
    {
      comment: "In CI: exit 1 when a model in use has no working auth, 2 when a token expires soon",
      command: "clawdbot models status --check --probe"
    },
    { command: "clawdbot models status --json" }
  ],
  "clawdbot models list": [
    { command: "clawdbot models list" },
    {
      comment: "Cheapest known OpenRouter models first",
      command: "clawdbot models list --all --provider openrouter --sort price"
    },
    {
      comment: "Known models with tool calls and image input, by name",
      command: "clawdbot models list --all --capability tools,image --search claude"
    },
    { command: "clawdbot models list --local --json" }
  ],
  "clawdbot models set": [
    { command: "clawdbot models set anthropic/claude-opus-4-5" },
    { comment: "By alias (see `clawdbot models aliases list`)", command: "clawdbot models set opus" },
    { comment: "For another agent", command: "clawdbot models set openai/gpt-5.2 --agent work" }
  ],
  "clawdbot models set-image": [
    { command: "clawdbot models set-image openai/gpt-5.2" },
    { command: "clawdbot models set-image google/gemini-2.5-flash --agent work" }
  ],
  "clawdbot models aliases": [
    { command: "clawdbot models aliases list" },
    { command: "clawdbot models aliases add fast openai/gpt-5-mini" }
  ],
  "clawdbot models aliases list": [
    { command: "clawdbot models aliases list" },
    { command: "clawdbot models aliases list --json" }
  ],
  "clawdbot models aliases add": [
    { command: "clawdbot models aliases add fast openai/gpt-5-mini" },
    { comment: "Then use the alias anywhere a model is asked for", command: "clawdbot models set fast" }
  ],
  "clawdbot models aliases remove": [{ command: "clawdbot models aliases remove fast" }],
  "clawdbot models fallbacks": [
    { command: "clawdbot models fallbacks list" },
    { command: "clawdbot models fallbacks add openrouter/google/gemini-2.5-flash" }
  ],
  "clawdbot models fallbacks list": [
    { command: "clawdbot models fallbacks list" },
    { command: "clawdbot models fallbacks list --plain" }
  ],
  "clawdbot models fallbacks add": [
    { command: "clawdbot models fallbacks add openai/gpt-5-mini" },
    { comment: "By alias, for another agent", command: "clawdbot models fallbacks add fast --agent work" }
  ],
  "clawdbot models fallbacks remove": [{ command: "clawdbot models fallbacks remove openai/gpt-5-mini" }],
  "clawdbot models fallbacks clear": [{ command: "clawdbot models fallbacks clear" }],
  "clawdbot models image-fallbacks": [
    { command: "clawdbot models image-fallbacks list" },
    { command: "clawdbot models image-fallbacks add google/gemini-2.5-flash" }
  ],
  "clawdbot models image-fallbacks list": [
    { command: "clawdbot models image-fallbacks list" },
    { command: "clawdbot models image-fallbacks list --json" }
  ],
  "clawdbot models image-fallbacks add": [
    { command: "clawdbot models image-fallbacks add google/gemini-2.5-flash" }
  ],
  "clawdbot models image-fallbacks remove": [
    { command: "clawdbot models image-fallbacks remove google/gemini-2.5-flash" }
  ],
  "clawdbot models image-fallbacks clear": [{ command: "clawdbot models image-fallbacks clear" }],
  "clawdbot models scan": [
    {
      comment: "List the free models only: no key needed, nothing written",
      command: "clawdbot models scan --no-probe"
    },
    { comment: "Probe, then choose fallbacks interactively", command: "clawdbot models scan" },
    {
      comment: "Unattended: at least 7B parameters, three fallbacks, five minutes at most",
      command: "clawdbot models scan --min-params 7 --max-candidates 3 --deadline 5m --yes"
    }
  ],
  "clawdbot models auth": [
    { command: "clawdbot models auth list" },
    { command: "clawdbot models auth login --provider anthropic" },
    { command: "clawdbot models auth order set --provider anthropic anthropic:work anthropic:manual" }
  ],
  "clawdbot models auth add": [
    { comment: "Asks for provider, method, profile id and token", command: "clawdbot models auth add" }
  ],
  "clawdbot models auth login": [
    { comment: "Pick provider and method from a menu", command: "clawdbot models auth login" },
    { command: "clawdbot models auth login --provider openai-codex --method oauth" },
    {
      comment: "Store an API key and use the provider's recommended model",
      command: "clawdbot models auth login --provider anthropic --method api-key --set-default"
    }
  ],
  "clawdbot models auth setup-token": [
    { command: "clawdbot models auth setup-token" },
    { command: "clawdbot models auth setup-token --yes" }
  ],
  "clawdbot models auth paste-token": [
    {
      comment: "Paste the token at the hidden prompt",
      command: "clawdbot models auth paste-token --provider anthropic"
    },
    {
      comment: "From a variable, valid for a year",
      command:
        "printenv OPENROUTER_KEY | clawdbot models auth paste-token --provider openrouter --expires-in 365d"
    },
    { command: "clawdbot models auth paste-token --provider anthropic --profile-id anthropic:work" }
  ],
  "clawdbot models auth order": [
    { command: "clawdbot models auth order get --provider anthropic" },
    { command: "clawdbot models auth order set --provider anthropic anthropic:work anthropic:manual" }
  ],
  "clawdbot models auth order get": [
    { command: "clawdbot models auth order get --provider anthropic" },
    { command: "clawdbot models auth order get --provider openai --agent work --json" }
  ],
  "clawdbot models auth order set": [
    {
      comment: "Try anthropic:work first, then anthropic:manual",
      command: "clawdbot models auth order set --provider anthropic anthropic:work anthropic:manual"
    }
  ],
  "clawdbot models auth order clear": [{ command: "clawdbot models auth order clear --provider anthropic" }],
  "clawdbot models auth login-github-copilot": [
    { command: "clawdbot models auth login-github-copilot" },
    { command: "clawdbot models auth login-github-copilot --profile-id github-copilot:work --timeout 10m" }
  ],
  "clawdbot models auth list": [
    { command: "clawdbot models auth list" },
    { command: "clawdbot models auth list --provider anthropic --json" }
  ],
  "clawdbot models auth remove": [
    { command: "clawdbot models auth remove anthropic:manual" },
    {
      comment: "Every openai profile, without asking",
      command: "clawdbot models auth remove --provider openai --yes"
    }
  ],
  "clawdbot models auth clear-cooldown": [
    { command: "clawdbot models auth clear-cooldown anthropic:work" },
    { command: "clawdbot models auth clear-cooldown --provider openrouter" },
    { command: "clawdbot models auth clear-cooldown --all" }
  ],
  "clawdbot models explain": [
    {
      comment: "How the default model resolves, and which credential a run would use",
      command: "clawdbot models explain"
    },
    {
      comment: "What an alias points at, for the agent `work`",
      command: "clawdbot models explain sonnet --agent work"
    },
    { command: "clawdbot models explain openrouter/moonshotai/kimi-k2 --json" }
  ],
  "clawdbot models refresh": [
    { command: "clawdbot models refresh" },
    {
      comment: "From a mirror, with a minute to arrive",
      command: "clawdbot models refresh --url https://mirror.example/api.json --timeout 60000"
    }
  ]
}

/** The examples of the command at `path` (from the root, e.g. `["clawdbot", "models", "set"]`). */
export const examplesOf = (path: ReadonlyArray<string>): ReadonlyArray<HelpExample> =>
  EXAMPLES[path.join(" ")] ?? []
