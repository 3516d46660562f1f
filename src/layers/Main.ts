/** The live layers a CLI run needs, wired once. */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as AuthStoreLive from "./AuthStore.js"
import * as CatalogLive from "./Catalog.js"
import * as CatalogSourceLive from "./CatalogSource.js"
import * as ConfigStoreLive from "./ConfigStore.js"
import * as EnvironmentLive from "./Environment.js"
import * as KeychainLive from "./Keychain.js"
import * as OAuthCallbackLive from "./OAuthCallback.js"
import * as OAuthRefreshLive from "./OAuthRefresh.js"
import * as OpenRouterCatalogLive from "./OpenRouterCatalog.js"
import * as PathsLive from "./Paths.js"
import * as ProcessRunnerLive from "./ProcessRunner.js"
import * as ProviderClientLive from "./ProviderClient.js"
import * as RefreshedCatalogLive from "./RefreshedCatalog.js"
import * as ReporterLive from "./Reporter.js"
import * as SettingsLive from "./Settings.js"
import * as ShellEnvLive from "./ShellEnv.js"
import * as StdinLive from "./Stdin.js"
import * as UsageLive from "./Usage.js"

/**
 * The wiring, as layer composition. It states (and the compiler checks) what each layer needs; `MainLive` below
 * builds the same services without the composition machinery.
 */
const base = Layer.mergeAll(EnvironmentLive.layer, FetchHttpClient.layer)
const paths = PathsLive.layer.pipe(Layer.provideMerge(base))
const processes = ProcessRunnerLive.layer.pipe(
  Layer.provide(NodeCommandExecutor.layer),
  Layer.provide(NodeFileSystem.layer)
)
const stores = Layer.mergeAll(
  ConfigStoreLive.layer,
  AuthStoreLive.layer,
  SettingsLive.layer,
  CatalogLive.layerRefreshed.pipe(Layer.provideMerge(RefreshedCatalogLive.layer)),
  KeychainLive.layer.pipe(Layer.provide(processes)),
  OAuthCallbackLive.layer,
  OAuthRefreshLive.layer.pipe(Layer.provide(AuthStoreLive.layer)),
  // Probes and usage snapshots bring their own node:http client, loaded on first request (bench/README.md).
  ProviderClientLive.layerNodeHttp,
  UsageLive.layerNodeHttp,
  OpenRouterCatalogLive.layerNodeHttp,
  CatalogSourceLive.layerNodeHttp
).pipe(Layer.provideMerge(paths), Layer.provideMerge(processes))
/** `models status` runs the login shell for the env fallback (spec §5.3) only when it is enabled. */
const shellEnv = ShellEnvLive.layer.pipe(
  Layer.provide(NodeCommandExecutor.layer),
  Layer.provide(NodeFileSystem.layer)
)
/** Everything the commands use, plus the platform services @effect/cli needs (and nothing more, for start-up). */
const composed = Layer.mergeAll(
  stores,
  StdinLive.layer,
  ReporterLive.layer,
  shellEnv,
  NodeFileSystem.layer,
  NodePath.layer,
  NodeTerminal.layer
)

/**
 * Builds `layers` one after another in one scope, each seeing the services built before it. Composing layers
 * (mergeAll/provideMerge) costs ~1 ms of CPU per layer at start-up (memo map, forked fibers, scopes; all
 * interpreted); building each one in turn costs ~0.4 ms: ~8 ms less per CLI run (bench/README.md).
 * List a layer after the layers it needs: a missing service fails every command at start (the e2e tests).
 */
const inOrder = (...layers: ReadonlyArray<Layer.Layer<any, any, any>>): Layer.Layer<any, any, never> =>
  Layer.scopedContext(
    Effect.gen(function* () {
      const scope = yield* Effect.scope
      let context = Context.empty() as Context.Context<any>
      for (const layer of layers) {
        const built = yield* Layer.buildWithScope(layer, scope).pipe(Effect.provide(context))
        context = Context.merge(context, built)
      }
      return context
    })
  )

/** The services of `composed` (its type is the contract), built in dependency order. */
export const MainLive = inOrder(
  EnvironmentLive.layer,
  FetchHttpClient.layer,
  PathsLive.layer,
  ConfigStoreLive.layer,
  AuthStoreLive.layer,
  SettingsLive.layer,
  RefreshedCatalogLive.layer,
  CatalogLive.layerRefreshed,
  OAuthRefreshLive.layer,
  ProviderClientLive.layerNodeHttp,
  UsageLive.layerNodeHttp,
  OpenRouterCatalogLive.layerNodeHttp,
  CatalogSourceLive.layerNodeHttp,
  NodeFileSystem.layer,
  NodeCommandExecutor.layer,
  ShellEnvLive.layer,
  ProcessRunnerLive.layer,
  KeychainLive.layer,
  OAuthCallbackLive.layer,
  StdinLive.layer,
  ReporterLive.layer,
  NodePath.layer,
  NodeTerminal.layer
) as Layer.Layer<Layer.Layer.Success<typeof composed>, Layer.Layer.Error<typeof composed>>
