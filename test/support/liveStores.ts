/** The live ConfigStore + AuthStore on a throw-away state dir (test/support/tempState.ts), for layer tests. */
import * as fs from "node:fs"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as AuthStoreLive from "../../src/layers/AuthStore.js"
import * as ConfigStoreLive from "../../src/layers/ConfigStore.js"
import * as EnvironmentLive from "../../src/layers/Environment.js"
import * as PathsLive from "../../src/layers/Paths.js"
import { makeTempState, type TempState } from "./tempState.js"

/** A temp state removed when the scope closes. */
export const tempState = Effect.acquireRelease(Effect.sync(makeTempState), (state) =>
  Effect.sync(state.cleanup)
)

/** Environment (exactly `state.env` + `vars`) -> Paths -> live ConfigStore and AuthStore. */
export const liveStores = (state: TempState, vars: Readonly<Record<string, string>> = {}) => {
  const env = EnvironmentLive.layerTest({ ...state.env, ...vars })
  return Layer.mergeAll(ConfigStoreLive.layer, AuthStoreLive.layer).pipe(
    Layer.provideMerge(PathsLive.layer),
    Layer.provideMerge(env)
  )
}

/** Permission bits of a file or dir. */
export const modeOf = (target: string) => fs.statSync(target).mode & 0o777
