/**
 * `clawdbot-models/node`: the live layers on Node (files, keychain, node:http for providers, subprocesses, the real
 * environment), `NodeLive` (every live layer, as the CLI uses them) and the CLI itself (`cli`, `cliRoot`, and each
 * command as an effect that prints what the command prints).
 */
/** Everything `clawdbot-models` exports, so a Node host can import from one place. */

export { cli, root as cliRoot, VERSION } from "./cli.js"
export { runAliasesList } from "./commands/models/aliases.js"
export { runAdd } from "./commands/models/auth/add.js"
export { type LoginFlags, runLogin } from "./commands/models/auth/login.js"
export { runLoginGithubCopilot } from "./commands/models/auth/login-github-copilot.js"
export { runPasteToken } from "./commands/models/auth/paste-token.js"
export { readClaudeCliCredentials, runSetupToken } from "./commands/models/auth/setup-token.js"
export { runFallbacksList } from "./commands/models/fallbacks.js"
export { runList } from "./commands/models/list.js"
export { runRefresh } from "./commands/models/refresh.js"
export { runScan, type ScanFlags, type ScanOutcome } from "./commands/models/scan.js"
export { type ProbeRequest, runStatus, type StatusFlags } from "./commands/models/status.js"
export * from "./index.js"
export * as CatalogSourceLayers from "./layers/CatalogSource.js"
export * as KeychainLayers from "./layers/Keychain.js"
/** Every live layer merged: what the CLI runs on. */
export { MainLive as NodeLive } from "./layers/Main.js"
export * as OAuthCallbackLayers from "./layers/OAuthCallback.js"
export * as OAuthRefreshLayers from "./layers/OAuthRefresh.js"
export * as OpenRouterCatalogLayers from "./layers/OpenRouterCatalog.js"
export * as ProcessRunnerLayers from "./layers/ProcessRunner.js"
export * as ProviderClientLayers from "./layers/ProviderClient.js"
export * as ShellEnvLayers from "./layers/ShellEnv.js"
export * as StdinLayers from "./layers/Stdin.js"
export * as UsageLayers from "./layers/Usage.js"
