/**
 * `clawdbot-models`: programs that return data and print nothing, the service tags they need, the domain types,
 * schemas and errors, and the layers that need no Node platform package. Live Node layers and the CLI are in
 * `clawdbot-models/node`; in-memory test layers in `clawdbot-models/testing`.
 */

// Programs (reads). Each takes an optional `agentId` (default: the configured default agent).
export {
  type AgentSelection,
  agentDirOf,
  agentSelection,
  defaultAgentId,
  knownAgentIds,
  type ModelChain,
  normalizeAgentId,
  type ResolvedModelRef,
  resolveAgentId
} from "./domain/agents.js"
// Domain: pure helpers, schemas and errors.
export * as AuthEdit from "./domain/authEdit.js"
export type { AuthListEntry } from "./domain/authList.js"
export * as AuthProfiles from "./domain/authProfiles.js"
export * as AuthProviders from "./domain/authProviders.js"
export * as CatalogRefreshDomain from "./domain/catalogRefresh.js"
export * as ConfigDomain from "./domain/config.js"
export * as ConfigEdit from "./domain/configEdit.js"
export * as Duration from "./domain/duration.js"
export * from "./domain/errors.js"
export type {
  CatalogSourceKind,
  ExplainAlias,
  ExplainAllowlist,
  ExplainCatalogEntry,
  ExplainCredential,
  ExplainCredentials,
  ExplainFallback,
  ExplainRole,
  Normalisation
} from "./domain/explain.js"
export * as KeyRef from "./domain/keyRef.js"
export type { ListOptions, ListRow } from "./domain/list.js"
export * as ModelRef from "./domain/modelRef.js"
export type {
  ProbeMode,
  ProbeResult,
  ProbeSettings,
  ProbeSource,
  ProbeStatus,
  ProbeSummary
} from "./domain/probe/types.js"
export type { ProbeOutcome as ScanProbeOutcome, ScanResult } from "./domain/scan/select.js"
export * as ScanDomain from "./domain/scan/select.js"
export type {
  OAuthProfileStatus,
  OAuthProviderStatus,
  ProviderOverview,
  StatusView
} from "./domain/status.js"
export * as StatusDomain from "./domain/status.js"
export * as Wire from "./domain/wire/index.js"
export type * from "./domain/wire/types.js"
// Layers that need no Node platform package (file stores on node:fs, and their in-memory versions).
export * as AuthStoreLayers from "./layers/AuthStore.js"
export * as CatalogLayers from "./layers/Catalog.js"
export type { ConfigBackend, ConfigDocument, ConfigWrite } from "./layers/ConfigStore.js"
export * as ConfigStoreLayers from "./layers/ConfigStore.js"
export * as EnvironmentLayers from "./layers/Environment.js"
export * as PathsLayers from "./layers/Paths.js"
export * as RefreshedCatalogLayers from "./layers/RefreshedCatalog.js"
export * as ReporterLayers from "./layers/Reporter.js"
export * as SettingsLayers from "./layers/Settings.js"
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
export {
  type AuthList,
  type AuthListRequest,
  type AuthRemoval,
  authList,
  authRemovalPlan,
  type ClearCooldownRequest,
  type ClearedProfile,
  type CooldownClearing,
  clearCooldowns,
  type ProfileSelection,
  type RemovedProfile,
  removeAuthProfiles
} from "./programs/authProfiles.js"
export * from "./programs/edit.js"
export { type ExplainRequest, type Explanation, explain } from "./programs/explain.js"
export { list } from "./programs/list.js"
export { modelChain } from "./programs/modelChain.js"
export { PROBE_DEFAULTS, type ProbeOptions, probe } from "./programs/probe.js"
export {
  type CatalogRefresh,
  REFRESH_DEFAULTS,
  type RefreshOptions,
  refreshCatalog
} from "./programs/refresh.js"
export {
  type AppliedScanReport,
  applyScan,
  OPENROUTER_DEFAULT_BASE_URL,
  SCAN_DEFAULTS,
  type ScanApply,
  type ScanChoices,
  type ScanCounts,
  type ScanOptions,
  type ScanReport,
  type ScanSelection,
  scan
} from "./programs/scan.js"
export {
  type AgentOption,
  type CheckCode,
  checkCode,
  type ProbeCheck,
  providersInUse,
  status,
  statusUsage
} from "./programs/status.js"

// Services (tags and their interfaces).
export { type AuthSnapshot, AuthStore } from "./services/AuthStore.js"
export { Catalog } from "./services/Catalog.js"
export { CatalogSource } from "./services/CatalogSource.js"
export { type ConfigSnapshot, ConfigStore } from "./services/ConfigStore.js"
export { Environment } from "./services/Environment.js"
export { Keychain, type KeychainBackend, type KeychainItem } from "./services/Keychain.js"
export { type CallbackListener, OAuthCallback } from "./services/OAuthCallback.js"
export { OAuthRefresh } from "./services/OAuthRefresh.js"
export { OpenRouterCatalog } from "./services/OpenRouterCatalog.js"
export { Paths } from "./services/Paths.js"
export { type ProcessResult, ProcessRunner, type RunOptions } from "./services/ProcessRunner.js"
export { ProviderClient } from "./services/ProviderClient.js"
export { RefreshedCatalog } from "./services/RefreshedCatalog.js"
export { Reporter, type ReporterService } from "./services/Reporter.js"
export { Settings, type SettingsService } from "./services/Settings.js"
export { ShellEnv } from "./services/ShellEnv.js"
export { Stdin } from "./services/Stdin.js"
export { Usage } from "./services/Usage.js"
