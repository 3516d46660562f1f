/** The list program (spec §3.3): the models an agent can use, as rows. */
import * as Effect from "effect/Effect"
import { withImplicitProviders } from "../domain/implicitProviders.js"
import { type ListOptions, type ListRow, listRows } from "../domain/list.js"
import { AuthStore } from "../services/AuthStore.js"
import { Catalog } from "../services/Catalog.js"
import { ConfigStore } from "../services/ConfigStore.js"
import { type AgentOption, agentView, envWithConfig } from "./status.js"

export type { ListOptions, ListRow }

/**
 * The configured models of an agent (`all`: every catalog model plus custom and local providers) with input
 * types, context size, max output, prices, capabilities, local, auth and tags as that agent sees them
 * (`default`, `fallback#N`, ...); `search`, `capabilities` and `sort` narrow and order them.
 */
export const list = Effect.fn("list")(function* (options?: Partial<ListOptions> & AgentOption) {
  const { config: raw } = yield* (yield* ConfigStore).read
  const { config, agentDir } = yield* agentView(raw, options)
  const store = yield* (yield* AuthStore).read(agentDir)
  const env = yield* envWithConfig(config)
  const catalog = yield* (yield* Catalog).models(withImplicitProviders(config, store, env))
  const { provider, search, sort, capabilities } = options ?? {}
  return listRows(config, catalog, store, env, {
    all: options?.all ?? false,
    local: options?.local ?? false,
    ...(provider === undefined ? {} : { provider }),
    ...(search === undefined ? {} : { search }),
    ...(sort === undefined ? {} : { sort }),
    ...(capabilities === undefined ? {} : { capabilities })
  })
})
