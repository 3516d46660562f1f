// A separate process that writes the state files through the built library (dist/index.js), the way a bot
// runtime embedding clawdbot-models would. Used by test/e2e/concurrency.test.ts.
//
//   node storeWriter.mjs auth-add <profileId>   adds one api_key profile to the main agent's auth store
//   node storeWriter.mjs auth-loop <prefix>     adds profiles <prefix>:0, <prefix>:1, ... until killed
//   node storeWriter.mjs config-loop <prefix>   adds fallbacks <prefix>/model-0, <prefix>/model-1, ... until killed
//
// Paths come from the environment (HOME, CLAWDBOT_STATE_DIR). In loop mode each completed write prints its
// index on stdout, so the test knows the writer is busy before it kills it.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  AuthStore,
  AuthStoreLayers,
  ConfigEdit,
  ConfigStore,
  ConfigStoreLayers,
  EnvironmentLayers,
  Paths,
  PathsLayers
} from "../../dist/index.js"

const [mode, argument] = process.argv.slice(2)

const paths = PathsLayers.layer.pipe(Layer.provideMerge(EnvironmentLayers.layer))
const live = Layer.mergeAll(AuthStoreLayers.layer, ConfigStoreLayers.layer).pipe(Layer.provideMerge(paths))

// A padded credential makes each write large enough that a kill can land in the middle of one.
const padding = "x".repeat(4096)

const addProfile = (id) =>
  Effect.gen(function* () {
    const store = yield* AuthStore
    const { mainAgentDir } = yield* Paths
    yield* store.modify(mainAgentDir, (snapshot) =>
      Effect.succeed([
        {
          ...snapshot.raw,
          profiles: {
            ...snapshot.raw.profiles,
            [id]: { type: "api_key", provider: id.split(":")[0], key: `sk-test-${id}`, note: padding }
          }
        },
        undefined
      ])
    )
  })

const addFallback = (key) =>
  Effect.gen(function* () {
    const store = yield* ConfigStore
    yield* store.modify((snapshot) => {
      const { fallbacks } = ConfigEdit.rawSelection(snapshot.raw, "model")
      const next = ConfigEdit.ensureAllowlisted(
        ConfigEdit.setFallbacks(snapshot.raw, "model", [...fallbacks, key]),
        key
      )
      return Effect.succeed([next, undefined])
    })
  })

const loop = (write) =>
  Effect.gen(function* () {
    for (let index = 0; ; index++) {
      yield* write(index)
      process.stdout.write(`${index}\n`)
    }
  })

const program =
  mode === "auth-add"
    ? addProfile(argument)
    : mode === "auth-loop"
      ? loop((index) => addProfile(`${argument}:${index}`))
      : mode === "config-loop"
        ? loop((index) => addFallback(`${argument}/model-${index}`))
        : Effect.dieMessage(`unknown mode ${mode}`)

Effect.runPromise(program.pipe(Effect.provide(live))).catch((error) => {
  process.stderr.write(`storeWriter: ${error?.message ?? String(error)}\n`)
  process.exitCode = 1
})
