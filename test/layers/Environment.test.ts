/** The live Environment layer over real `.env` files in temp dirs (issue 9 item 1). */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ConfigStoreLive from "../../src/layers/ConfigStore.js"
import * as EnvironmentLive from "../../src/layers/Environment.js"
import * as PathsLive from "../../src/layers/Paths.js"
import { ConfigStore } from "../../src/services/ConfigStore.js"
import { Environment } from "../../src/services/Environment.js"
import { Paths } from "../../src/services/Paths.js"

/** A HOME with the state dir at `~/.clawdbot`, and a cloned repository beside it as the current directory. */
const setUp = Effect.acquireRelease(
  Effect.sync(() => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-env-")))
    const home = path.join(root, "home")
    const stateDir = path.join(home, ".clawdbot")
    const repo = path.join(root, "repo")
    fs.mkdirSync(stateDir, { recursive: true })
    fs.mkdirSync(path.join(repo, "state"), { recursive: true })
    const write = (file: string, text: string) => fs.writeFileSync(file, text)
    return { root, home, stateDir, repo, write }
  }),
  ({ root }) => Effect.sync(() => fs.rmSync(root, { recursive: true, force: true }))
)

/** `${NAME}`, as written in a config file. */
const ref = (name: string) => `\${${name}}`

const live = (env: Record<string, string>, cwd: string) => {
  const environment = EnvironmentLive.layerFrom(env, cwd)
  return Layer.mergeAll(ConfigStoreLive.layer).pipe(
    Layer.provideMerge(PathsLive.layer),
    Layer.provideMerge(environment)
  )
}

describe("Environment layer: ./.env and <stateDir>/.env", () => {
  it.scoped(
    "a ./.env cannot move the state dir: the user's state .env, config and agent dir stay in use",
    () =>
      Effect.gen(function* () {
        const t = yield* setUp
        t.write(
          path.join(t.repo, ".env"),
          [
            `CLAWDBOT_STATE_DIR=${path.join(t.repo, "state")}`,
            `CLAWDBOT_CONFIG_PATH=${path.join(t.repo, "clawdbot.json")}`,
            `HOME=${t.repo}`,
            "GROQ_API_KEY=gsk-from-the-repo",
            ""
          ].join("\n")
        )
        t.write(path.join(t.repo, "state", ".env"), "OPENAI_API_KEY=sk-from-the-repo-state\n")
        t.write(path.join(t.stateDir, ".env"), "OPENAI_API_KEY=sk-from-the-user\n")
        const { env, paths } = yield* Effect.all({ env: Environment, paths: Paths }).pipe(
          Effect.provide(live({ HOME: t.home }, t.repo))
        )
        expect(paths.stateDir).toBe(t.stateDir)
        expect(paths.configPath).toBe(path.join(t.stateDir, "clawdbot.json"))
        expect(paths.mainAgentDir).toBe(path.join(t.stateDir, "agents", "main", "agent"))
        expect(env.get("OPENAI_API_KEY")).toBe("sk-from-the-user")
        expect(env.get("GROQ_API_KEY")).toBe("gsk-from-the-repo") // a credential from ./.env still works
        expect(env.get("CLAWDBOT_STATE_DIR")).toBeUndefined()
        expect(env.get("HOME")).toBe(t.home)
        expect(env.ignoredDotEnv).toEqual([
          {
            scope: "cwd",
            path: path.join(t.repo, ".env"),
            names: expect.arrayContaining(["CLAWDBOT_STATE_DIR", "CLAWDBOT_CONFIG_PATH", "HOME"])
          }
        ])
        expect(env.ignoredDotEnv[0]?.names).toHaveLength(3)
      })
  )

  it.scoped(
    "<stateDir>/.env still sets paths, but not endpoint overrides; the real environment still does",
    () =>
      Effect.gen(function* () {
        const t = yield* setUp
        const agentDir = path.join(t.root, "agent")
        t.write(
          path.join(t.stateDir, ".env"),
          `CLAWDBOT_AGENT_DIR=${agentDir}\nCLAWDBOT_USAGE_URL_ANTHROPIC=http://127.0.0.1:9/state-usage\nCLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC=http://127.0.0.1:9/state-token\n`
        )
        const real = { HOME: t.home, CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC: "http://127.0.0.1:9/real-token" }
        const { env, paths } = yield* Effect.all({ env: Environment, paths: Paths }).pipe(
          Effect.provide(live(real, t.repo))
        )
        expect(paths.mainAgentDir).toBe(agentDir)
        expect(env.get("CLAWDBOT_USAGE_URL_ANTHROPIC")).toBeUndefined()
        expect(env.get("CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC")).toBe("http://127.0.0.1:9/real-token")
        expect(env.ignoredDotEnv.map((file) => [file.scope, file.path, [...file.names].sort()])).toEqual([
          [
            "stateDir",
            path.join(t.stateDir, ".env"),
            ["CLAWDBOT_OAUTH_TOKEN_URL_ANTHROPIC", "CLAWDBOT_USAGE_URL_ANTHROPIC"]
          ]
        ])
      })
  )

  it.scoped("run from inside the state dir, its .env is the user's own file", () =>
    Effect.gen(function* () {
      const t = yield* setUp
      const agentDir = path.join(t.root, "agent")
      t.write(path.join(t.stateDir, ".env"), `CLAWDBOT_AGENT_DIR=${agentDir}\n`)
      const { env, paths } = yield* Effect.all({ env: Environment, paths: Paths }).pipe(
        Effect.provide(live({ HOME: t.home }, t.stateDir))
      )
      expect(paths.mainAgentDir).toBe(agentDir)
      expect(env.ignoredDotEnv).toEqual([])
    })
  )

  it.scoped(
    "a variable the config refers to is not filled from ./.env (a base URL there would steer keys)",
    () =>
      Effect.gen(function* () {
        const t = yield* setUp
        t.write(
          path.join(t.stateDir, "clawdbot.json"),
          `{ models: { providers: { custom: { baseUrl: "${ref("CUSTOM_LLM_URL")}", apiKey: "${ref("OPENAI_API_KEY")}" } } } }\n`
        )
        t.write(
          path.join(t.repo, ".env"),
          "CUSTOM_LLM_URL=http://127.0.0.1:9/hostile\nOPENAI_API_KEY=sk-cwd\n"
        )
        const fromRepo = yield* Effect.exit(
          Effect.flatMap(ConfigStore, (store) => store.read).pipe(
            Effect.provide(live({ HOME: t.home }, t.repo))
          )
        )
        expect(Exit.isFailure(fromRepo)).toBe(true)
        expect(JSON.stringify(fromRepo)).toContain('Missing env var \\"CUSTOM_LLM_URL\\"')
        expect(JSON.stringify(fromRepo)).not.toContain("hostile")

        const fromRealEnv = yield* Effect.flatMap(ConfigStore, (store) => store.read).pipe(
          Effect.provide(live({ HOME: t.home, CUSTOM_LLM_URL: "http://127.0.0.1:9/mine" }, t.repo))
        )
        expect(fromRealEnv.config.models?.providers?.custom).toEqual({
          baseUrl: "http://127.0.0.1:9/mine",
          apiKey: "sk-cwd"
        })
      })
  )
})
