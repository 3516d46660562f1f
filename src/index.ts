/**
 * Library entry: the services, their layers and each command as an effect, for a host runtime that wants
 * `clawdbot models` behaviour with its own layers (e.g. in-memory stores).
 */

export { root as cliRoot } from "./cli.js"
export { runAliasesList } from "./commands/models/aliases.js"
export { runAdd } from "./commands/models/auth/add.js"
export { type LoginFlags, runLogin } from "./commands/models/auth/login.js"
export { runLoginGithubCopilot } from "./commands/models/auth/login-github-copilot.js"
export { runPasteToken } from "./commands/models/auth/paste-token.js"
export { readClaudeCliCredentials, runSetupToken } from "./commands/models/auth/setup-token.js"
export { runFallbacksList } from "./commands/models/fallbacks.js"
export { runList } from "./commands/models/list.js"
export { runScan, type ScanFlags, type ScanOutcome } from "./commands/models/scan.js"
export { runStatus, type StatusFlags } from "./commands/models/status.js"
export type { ModelChain, ResolvedModelRef } from "./domain/agents.js"
export * as AuthEdit from "./domain/authEdit.js"
export * as AuthProfiles from "./domain/authProfiles.js"
export * as AuthProviders from "./domain/authProviders.js"
export * as ConfigDomain from "./domain/config.js"
export * as ConfigEdit from "./domain/configEdit.js"
export * as Duration from "./domain/duration.js"
export * from "./domain/errors.js"
export * as KeyRef from "./domain/keyRef.js"
export * as ModelRef from "./domain/modelRef.js"
export * as ScanDomain from "./domain/scan/select.js"
export * as StatusDomain from "./domain/status.js"
export * as Wire from "./domain/wire/index.js"
export type * from "./domain/wire/types.js"
export * as AuthStoreLayers from "./layers/AuthStore.js"
export * as CatalogLayers from "./layers/Catalog.js"
export * as ConfigStoreLayers from "./layers/ConfigStore.js"
export * as EnvironmentLayers from "./layers/Environment.js"
export * as KeychainLayers from "./layers/Keychain.js"
export { MainLive } from "./layers/Main.js"
export * as OAuthCallbackLayers from "./layers/OAuthCallback.js"
export * as OAuthRefreshLayers from "./layers/OAuthRefresh.js"
export * as OpenRouterCatalogLayers from "./layers/OpenRouterCatalog.js"
export * as PathsLayers from "./layers/Paths.js"
export * as ProcessRunnerLayers from "./layers/ProcessRunner.js"
export * as ProviderClientLayers from "./layers/ProviderClient.js"
export * as ReporterLayers from "./layers/Reporter.js"
export * as ShellEnvLayers from "./layers/ShellEnv.js"
export * as StdinLayers from "./layers/Stdin.js"
export * as UsageLayers from "./layers/Usage.js"
export {
  type AuthOrder,
  type AuthOrderRequest,
  authOrder,
  clearAuthOrder,
  type PasteTokenRequest,
  pasteToken,
  type StoredProfileInfo,
  setAuthOrder
} from "./programs/auth.js"
export * from "./programs/edit.js"
export { type AuthSnapshot, AuthStore } from "./services/AuthStore.js"
export { Catalog } from "./services/Catalog.js"
export { type ConfigSnapshot, ConfigStore } from "./services/ConfigStore.js"
export { Environment } from "./services/Environment.js"
export { Keychain, type KeychainBackend, type KeychainItem } from "./services/Keychain.js"
export { type CallbackListener, OAuthCallback } from "./services/OAuthCallback.js"
export { OAuthRefresh } from "./services/OAuthRefresh.js"
export { OpenRouterCatalog } from "./services/OpenRouterCatalog.js"
export { Paths } from "./services/Paths.js"
export { type ProcessResult, ProcessRunner, type RunOptions } from "./services/ProcessRunner.js"
export { ProviderClient } from "./services/ProviderClient.js"
export { Reporter, type ReporterShape } from "./services/Reporter.js"
export { ShellEnv } from "./services/ShellEnv.js"
export { Stdin } from "./services/Stdin.js"
export { Usage } from "./services/Usage.js"
