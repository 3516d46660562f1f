/** The live layers a CLI run needs, wired once. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Layer from "effect/Layer"
import * as AuthStoreLive from "./AuthStore.js"
import * as CatalogLive from "./Catalog.js"
import * as ConfigStoreLive from "./ConfigStore.js"
import * as EnvironmentLive from "./Environment.js"
import * as OAuthRefreshLive from "./OAuthRefresh.js"
import * as OpenRouterCatalogLive from "./OpenRouterCatalog.js"
import * as PathsLive from "./Paths.js"
import * as ProviderClientLive from "./ProviderClient.js"
import * as ShellEnvLive from "./ShellEnv.js"
import * as UsageLive from "./Usage.js"

const base = Layer.mergeAll(EnvironmentLive.layer, FetchHttpClient.layer)
const paths = PathsLive.layer.pipe(Layer.provideMerge(base))
const stores = Layer.mergeAll(
  ConfigStoreLive.layer,
  AuthStoreLive.layer,
  CatalogLive.layer,
  ProviderClientLive.layerNodeHttp,
  UsageLive.layerNodeHttp,
  OAuthRefreshLive.layer.pipe(Layer.provide(AuthStoreLive.layer)),
  OpenRouterCatalogLive.layerNodeHttp
).pipe(Layer.provideMerge(paths))

/** `models status` runs the login shell for the env fallback (spec §5.3) only when it is enabled. */
const shellEnv = ShellEnvLive.layer.pipe(
  Layer.provide(NodeCommandExecutor.layer),
  Layer.provide(NodeFileSystem.layer)
)

/** Everything the commands use, plus the platform services @effect/cli needs (and nothing more, for start-up). */
export const MainLive = Layer.mergeAll(
  stores,
  shellEnv,
  NodeFileSystem.layer,
  NodePath.layer,
  NodeTerminal.layer
)
