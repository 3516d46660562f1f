/**
 * Library entry: the services, their layers and each command as an effect, for a host runtime that wants
 * `clawdbot models` behaviour with its own layers (e.g. in-memory stores).
 */

export { root as cliRoot } from "./cli.js"
export { runAliasesAdd, runAliasesList, runAliasesRemove } from "./commands/models/aliases.js"
export {
  runFallbacksAdd,
  runFallbacksClear,
  runFallbacksList,
  runFallbacksRemove
} from "./commands/models/fallbacks.js"
export { runList } from "./commands/models/list.js"
export { runScan, type ScanFlags, type ScanOutcome } from "./commands/models/scan.js"
export { runSetPrimary } from "./commands/models/set.js"
export { runStatus, type StatusFlags } from "./commands/models/status.js"
export * as AuthProfiles from "./domain/authProfiles.js"
export * as ConfigDomain from "./domain/config.js"
export * as ConfigEdit from "./domain/configEdit.js"
export * from "./domain/errors.js"
export * as ModelRef from "./domain/modelRef.js"
export * as ScanDomain from "./domain/scan/select.js"
export * as StatusDomain from "./domain/status.js"
export * as Wire from "./domain/wire/index.js"
export type * from "./domain/wire/types.js"
export * as AuthStoreLayers from "./layers/AuthStore.js"
export * as CatalogLayers from "./layers/Catalog.js"
export * as ConfigStoreLayers from "./layers/ConfigStore.js"
export * as EnvironmentLayers from "./layers/Environment.js"
export { MainLive } from "./layers/Main.js"
export * as OAuthRefreshLayers from "./layers/OAuthRefresh.js"
export * as OpenRouterCatalogLayers from "./layers/OpenRouterCatalog.js"
export * as PathsLayers from "./layers/Paths.js"
export * as ProviderClientLayers from "./layers/ProviderClient.js"
export * as ShellEnvLayers from "./layers/ShellEnv.js"
export * as UsageLayers from "./layers/Usage.js"
export { type AuthSnapshot, AuthStore } from "./services/AuthStore.js"
export { Catalog } from "./services/Catalog.js"
export { type ConfigSnapshot, ConfigStore } from "./services/ConfigStore.js"
export { Environment } from "./services/Environment.js"
export { OAuthRefresh } from "./services/OAuthRefresh.js"
export { OpenRouterCatalog } from "./services/OpenRouterCatalog.js"
export { Paths } from "./services/Paths.js"
export { ProviderClient } from "./services/ProviderClient.js"
export { ShellEnv } from "./services/ShellEnv.js"
export { Usage } from "./services/Usage.js"
