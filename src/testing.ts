/**
 * `clawdbot-models/testing`: in-memory layers for a host's own tests — no disk, no network, a fixed clock and home.
 *
 * ```ts
 * const layer = Testing.layer({ config: { agents: { defaults: { model: "openai/gpt-5.2" } } },
 *   auth: { main: { version: 1, profiles: { "openai:default": { type: "api_key", provider: "openai", key: "sk-1" } } } },
 *   provider: FakeProvider.layer({ byCredential: { "sk-1": "rate_limit" } }) })
 * const summary = await Effect.runPromise(probe().pipe(Effect.provide(layer)))
 * ```
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type { CatalogModel } from "./domain/catalog.js"
import type { JsonObject } from "./domain/configEdit.js"
import { parseCatalog } from "./domain/scan/catalog.js"
import type { ChatOptions, ChatOutcome } from "./domain/wire/types.js"
import * as AuthStoreLayers from "./layers/AuthStore.js"
import * as CatalogLayers from "./layers/Catalog.js"
import * as ConfigStoreLayers from "./layers/ConfigStore.js"
import * as EnvironmentLayers from "./layers/Environment.js"
import * as PathsLayers from "./layers/Paths.js"
import { OpenRouterCatalog } from "./services/OpenRouterCatalog.js"
import { Paths } from "./services/Paths.js"
import { ProviderClient } from "./services/ProviderClient.js"

/** The home every test layer uses; state lives under `<TEST_HOME>/.clawdbot`. Nothing is ever read there. */
export const TEST_HOME = "/clawdbot-test-home"
/** The fixed clock of `TestEnvironment` (2026-01-23T12:00:00Z). */
export const TEST_NOW = Date.UTC(2026, 0, 23, 12, 0, 0)

export interface TestEnvironmentOptions {
  /** Environment variables (HOME is `TEST_HOME` unless given). */
  readonly vars?: Readonly<Record<string, string | undefined>>
  readonly now?: () => number
  /** Whether stdin/stdout/stderr are terminals (default false). */
  readonly tty?: boolean
}

/** A fixed Environment (no process env) and the Paths computed from it. */
export const TestEnvironment = {
  layer: (options: TestEnvironmentOptions = {}) =>
    PathsLayers.layer.pipe(
      Layer.provideMerge(
        EnvironmentLayers.layerTest(
          { HOME: TEST_HOME, ...options.vars },
          { now: options.now ?? (() => TEST_NOW), ...(options.tty === undefined ? {} : { tty: options.tty }) }
        )
      )
    )
}

/** The config in memory: `${VAR}` substitution and validation as on disk; `current()` is the document now. */
export const ConfigMemory = {
  make: (document: object = {}) => ConfigStoreLayers.layerMemory(document as JsonObject)
}

/** Auth stores in memory, one per agent id (`main` is the main agent dir); `current(id)` is that store now. */
export const AuthMemory = {
  make: (byAgent: Readonly<Record<string, object>> = {}, options: TestEnvironmentOptions = {}) => {
    const paths = Effect.runSync(Effect.provide(Paths, TestEnvironment.layer(options)))
    const dirOf = (agentId: string) => (agentId === "main" ? paths.mainAgentDir : paths.agentDirOf(agentId))
    const memory = AuthStoreLayers.layerMemory(
      Object.fromEntries(Object.entries(byAgent).map(([agentId, doc]) => [dirOf(agentId), doc as JsonObject]))
    )
    return { layer: memory.layer, current: (agentId: string) => memory.current(dirOf(agentId)) }
  }
}

/** What the fake provider answers: a status by name, `hang` (never answers) or any ChatOutcome. */
export type FakeOutcome = "ok" | "auth" | "rate_limit" | "billing" | "hang" | ChatOutcome

const httpError = (status: number, message: string): ChatOutcome => ({
  _tag: "HttpError",
  status,
  message,
  body: JSON.stringify({ error: { message } })
})

const outcomeOf = (outcome: FakeOutcome, options: ChatOptions): Effect.Effect<ChatOutcome> => {
  switch (outcome) {
    case "ok":
      // A working model offered tools calls one (what a scan's tool probe checks).
      return Effect.succeed({
        _tag: "Reply",
        status: 200,
        text: "ok",
        toolCalls: (options.tools ?? []).slice(0, 1).map((tool) => ({ name: tool.name, arguments: "{}" }))
      })
    case "auth":
      return Effect.succeed(httpError(401, "invalid x-api-key"))
    case "rate_limit":
      return Effect.succeed(httpError(429, "rate limit exceeded"))
    case "billing":
      return Effect.succeed(httpError(402, "Payment required: credit balance too low"))
    case "hang":
      return Effect.never
    default:
      return Effect.succeed(outcome)
  }
}

/**
 * A ProviderClient with no network that answers per model (`provider/model`), else per credential (the secret as
 * stored), else `default`. "ok" replies, and calls the first tool a request offers.
 */
export const FakeProvider = {
  layer: (options: {
    /** By model, e.g. `{ "openrouter/qwen/qwen3-coder:free": "rate_limit" }`; wins over `byCredential`. */
    readonly byModel?: Readonly<Record<string, FakeOutcome>>
    readonly byCredential?: Readonly<Record<string, FakeOutcome>>
    /** For anything else; default "ok". */
    readonly default?: FakeOutcome
  }): Layer.Layer<ProviderClient> =>
    Layer.succeed(
      ProviderClient,
      ProviderClient.of({
        chat: (target, chatOptions) =>
          outcomeOf(
            options.byModel?.[`${target.provider}/${target.model}`] ??
              options.byCredential?.[Redacted.value(target.credential.secret)] ??
              options.default ??
              "ok",
            chatOptions
          )
      })
    )
}

/**
 * OpenRouter's `/models` catalog in memory: `entries` as the API sends them in `data` (`id`, `pricing`,
 * `supported_parameters`, `architecture.input_modalities`, `context_length`, ...), read as a real answer is.
 */
export const OpenRouterCatalogMemory = {
  layer: (entries: ReadonlyArray<object> = []): Layer.Layer<OpenRouterCatalog> => {
    const models = parseCatalog({ data: entries })
    return Layer.succeed(OpenRouterCatalog, OpenRouterCatalog.of({ fetch: () => Effect.succeed(models) }))
  }
}

export interface TestLayerOptions extends TestEnvironmentOptions {
  /** The config document (JSON5 values; `${VAR}` is substituted from `vars`). */
  readonly config?: object
  /** Auth store documents (`auth-profiles.json` contents) by agent id. */
  readonly auth?: Readonly<Record<string, object>>
  /** The model catalog (default: empty). */
  readonly catalog?: ReadonlyArray<CatalogModel>
  /** The provider (default: every credential answers ok). */
  readonly provider?: Layer.Layer<ProviderClient>
  /** OpenRouter's `/models` entries, for `scan` (default: none). */
  readonly openRouterModels?: ReadonlyArray<object>
}

/**
 * Every service the programs need, in memory: environment, paths, config, auth, catalog, provider and OpenRouter's
 * catalog.
 */
export const layer = (options: TestLayerOptions = {}) =>
  Layer.mergeAll(
    ConfigMemory.make(options.config).layer,
    AuthMemory.make(options.auth, options).layer,
    CatalogLayers.layerTest(options.catalog ?? []),
    options.provider ?? FakeProvider.layer({}),
    OpenRouterCatalogMemory.layer(options.openRouterModels)
  ).pipe(Layer.provideMerge(TestEnvironment.layer(options)))
