/**
 * The JSON5 parser and editor (./json5.ts), imported on the first parse instead of with the library. A module
 * of our own, so in the CLI bundle `import()` stays inside the bundle (esbuild makes it a lazy require; see
 * ./nodeHttp.ts); Node caches the module, so later calls cost a resolved promise.
 */
import * as Effect from "effect/Effect"

export type Json5 = typeof import("./json5.js")

export const loadJson5: Effect.Effect<Json5> = Effect.promise(() => import("./json5.js"))
