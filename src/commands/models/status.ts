/**
 * models status [--json] [--plain] [--check] [--probe] [--probe-provider <name>] [--probe-profile <id>]...
 *               [--probe-timeout <ms>] [--probe-concurrency <n>] [--probe-max-tokens <n>]      (spec §3.2)
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ClawdbotConfig } from "../../domain/config.js"
import { ExitCode } from "../../domain/errors.js"
import { renderStatusJson, renderStatusText } from "../../domain/render/status.js"
import { keysToImport, planShellEnv } from "../../domain/shellEnv.js"
import { checkCode, computeStatus } from "../../domain/status.js"
import { AuthStore } from "../../services/AuthStore.js"
import { ConfigStore } from "../../services/ConfigStore.js"
import { Environment } from "../../services/Environment.js"
import { Paths } from "../../services/Paths.js"
import { ShellEnv } from "../../services/ShellEnv.js"
import { envWithConfig, json, type OutputMode, outputMode, plain, suggestedCommand } from "./shared.js"

/**
 * Shell env fallback (spec §5.3): runs the login shell when enabled and imports missing expected keys. Optional:
 * a host runtime without a ShellEnv layer gets no fallback. A failure is a warning on stderr, never an error.
 */
type Vars = Readonly<Record<string, string>>
const noVars: Vars = {}

const shellEnvFallback = (env: (name: string) => string | undefined, config: ClawdbotConfig) =>
  Effect.gen(function* () {
    const plan = planShellEnv(env, config.env?.shellEnv)
    const service = yield* Effect.serviceOption(ShellEnv)
    if (plan._tag !== "Run" || Option.isNone(service)) {
      return { enabled: plan._tag !== "Off", imported: noVars }
    }
    const imported: Vars = yield* service.value.read(plan.shell, plan.timeoutMs).pipe(
      Effect.map((vars) => keysToImport(vars, env)),
      Effect.catchAll((error) =>
        Effect.as(Console.error(`[clawdbot] shell env fallback failed: ${error.message}`), noVars)
      )
    )
    return { enabled: true, imported }
  })

export interface StatusFlags {
  readonly mode: OutputMode
  readonly check: boolean
}

/** The status command as an effect: usable from the CLI and from a host runtime. */
export const runStatus = Effect.fn("models.status")(function* (flags: StatusFlags) {
  const paths = yield* Paths
  const environment = yield* Environment
  const { config } = yield* (yield* ConfigStore).read
  const authStore = yield* AuthStore
  const store = yield* authStore.read(paths.mainAgentDir)
  const baseEnv = yield* envWithConfig(config)
  const shell = yield* shellEnvFallback(baseEnv, config)
  const env = (name: string) => {
    const value = baseEnv(name)
    return value !== undefined && value.trim() !== "" ? value : (shell.imported[name] ?? value)
  }
  const view = computeStatus({
    configPath: paths.configPath,
    agentDir: paths.mainAgentDir,
    storePath: store.path,
    shorten: paths.shorten,
    config,
    store,
    env,
    now: environment.now(),
    shellEnv: { enabled: shell.enabled, appliedKeys: Object.keys(shell.imported) }
  })
  if (flags.mode === "json") yield* Console.log(renderStatusJson(view))
  else if (flags.mode === "plain") yield* Console.log(view.resolvedDefault)
  else
    yield* Console.log(renderStatusText(view, { shorten: paths.shorten, command: yield* suggestedCommand }))
  if (flags.check) {
    const code = checkCode(view)
    if (code !== 0) return yield* new ExitCode({ code })
  }
  return view
})

const check = Options.boolean("check").pipe(
  Options.withDescription(
    "Exit 1 if an OAuth/token profile is expired or missing or a model in use has no auth; 2 if one expires within 24 h"
  )
)

export const status = Command.make("status", { json, plain, check }, (flags) =>
  Effect.flatMap(outputMode(flags), (mode) => runStatus({ mode, check: flags.check }))
).pipe(Command.withDescription("Show the resolved default model, fallbacks, aliases and an auth overview"))
