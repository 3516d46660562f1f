/** The live layers a CLI run needs, wired once. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Layer from "effect/Layer"
import * as AuthStoreLive from "./AuthStore.js"
import * as CatalogLive from "./Catalog.js"
import * as ConfigStoreLive from "./ConfigStore.js"
import * as EnvironmentLive from "./Environment.js"
import * as OpenRouterCatalogLive from "./OpenRouterCatalog.js"
import * as PathsLive from "./Paths.js"
import * as ProviderClientLive from "./ProviderClient.js"

const base = Layer.mergeAll(EnvironmentLive.layer, FetchHttpClient.layer)
const paths = PathsLive.layer.pipe(Layer.provideMerge(base))
const stores = Layer.mergeAll(
  ConfigStoreLive.layer,
  AuthStoreLive.layer,
  CatalogLive.layer,
  ProviderClientLive.layer,
  OpenRouterCatalogLive.layer
).pipe(Layer.provideMerge(paths))

/** Everything the commands use, plus the platform services @effect/cli needs (and nothing more, for start-up). */
export const MainLive = Layer.mergeAll(stores, NodeFileSystem.layer, NodePath.layer, NodeTerminal.layer)
