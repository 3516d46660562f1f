/**
 * Concurrent writers across processes (issue 2, Tests): 12 `bin/clawdbot` processes adding fallbacks, 12
 * library writers adding auth profiles, and writers killed with SIGKILL in the middle of a write loop.
 * Needs the built bundle and library (`npm run build`; `npm test` builds first).
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { LOCK_TIMING } from "../../src/layers/internal/stateFile.js"
import { runCli } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
const WRITER = path.join(ROOT, "test", "support", "storeWriter.mjs")
const WRITERS = 12

/**
 * Timeouts come from the lock's own budget: a writer waits for the lock at most LOCK_TIMING.waitMs, then
 * fails. On top of that, starting a dozen Node processes on 2 busy cores takes up to ~30 s.
 */
const START_UP_MS = 30_000
const WRITERS_TIMEOUT = LOCK_TIMING.waitMs + START_UP_MS

beforeAll(() => {
  for (const built of ["dist/clawdbot.cjs", "dist/index.js"]) {
    if (!fs.existsSync(path.join(ROOT, built))) {
      throw new Error(`${built} is missing: run \`npm run build\` first (\`npm test\` does).`)
    }
  }
})

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

interface Exited {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

const exited = (child: ChildProcess): Promise<Exited> =>
  new Promise((resolve, reject) => {
    let stderr = ""
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stderr }))
  })

const writer = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = state.env) =>
  spawn(process.execPath, [WRITER, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })

/** stderr without the unknown-model warning these made-up model names get (`openai/model-3` is not in the catalog). */
const errorsOf = (stderr: string) =>
  stderr.replace(/^Warning: .* is not (in the model catalog|known).*\n/gm, "")

/** Leftovers a writer could leave in a state dir: temp files of an interrupted write, a held lock. */
const leftovers = (dir: string) =>
  fs.readdirSync(dir).filter((name) => name.endsWith(".tmp") || name.endsWith(".lock"))

describe("concurrent writers lose nothing (issue 2 scope 3-4)", () => {
  it(
    "12 `models fallbacks add` processes at once: every fallback is kept, and the comment too",
    async () => {
      state.writeConfig(
        '// my models\n{\n  agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } },\n}\n'
      )
      const refs = Array.from({ length: WRITERS }, (_, index) => `openai/model-${index}`)
      const results = await Promise.all(refs.map((ref) => state.run(["models", "fallbacks", "add", ref])))
      for (const result of results)
        expect({ code: result.code, stderr: errorsOf(result.stderr) }).toEqual({ code: 0, stderr: "" })

      const text = state.readConfigText()
      expect(text.startsWith("// my models\n")).toBe(true)
      const listed = await state.run(["models", "fallbacks", "list", "--json"])
      expect(listed.code).toBe(0)
      const { fallbacks } = JSON.parse(listed.stdout) as { fallbacks: ReadonlyArray<string> }
      expect([...fallbacks].sort()).toEqual([...refs].sort())
      for (const ref of refs) expect(text).toContain(`"${ref}": {}`)
      expect(leftovers(state.stateDir)).toEqual([])
    },
    WRITERS_TIMEOUT
  )

  it(
    "12 library writers add auth profiles at once: every profile is kept",
    async () => {
      state.writeAuth({
        version: 1,
        profiles: { "anthropic:manual": { type: "token", provider: "anthropic", token: "t" } }
      })
      const ids = Array.from({ length: WRITERS }, (_, index) => `openai:writer-${index}`)
      const results = await Promise.all(ids.map((id) => exited(writer(["auth-add", id]))))
      for (const result of results) expect(result).toEqual({ code: 0, signal: null, stderr: "" })

      const store = JSON.parse(fs.readFileSync(state.authPath, "utf8"))
      expect(Object.keys(store.profiles).sort()).toEqual(["anthropic:manual", ...ids].sort())
      expect(store.version).toBe(1)
      expect(leftovers(state.agentDir)).toEqual([])
    },
    WRITERS_TIMEOUT
  )
})

/**
 * Starts a looping writer on `env`'s state, waits until it has finished `writes` writes, then kills it with
 * SIGKILL `delayMs` later: at 0 ms the kill tends to land between two writes, a few ms later inside one
 * (lock held, temp file half written). Returns the index of the last write it reported done.
 */
const killMidLoop = async (
  mode: "config-loop" | "auth-loop",
  prefix: string,
  writes: number,
  delayMs: number,
  env: Readonly<Record<string, string>>
) => {
  const child = writer([mode, prefix], env)
  const done = exited(child)
  let completed = -1
  await new Promise<void>((resolve, reject) => {
    let buffer = ""
    let armed = false
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk
      const lines = buffer.split("\n")
      buffer = lines.pop() ?? ""
      for (const line of lines) completed = Number(line)
      if (completed + 1 >= writes && !armed) {
        armed = true
        setTimeout(() => {
          child.kill("SIGKILL")
          resolve()
        }, delayMs)
      }
    })
    done.then((result) => {
      if (!armed) reject(new Error(`writer exited on its own: ${JSON.stringify(result)}`))
    }, reject)
  })
  const result = await done
  expect(result.signal).toBe("SIGKILL")
  return completed
}

/** Per round a Node start and up to 17 locked writes (the rounds share 2 busy cores); then the next writers,
 * each within the lock's budget. */
const ROUND_MS = 10_000
const ROUNDS_TIMEOUT = 8 * ROUND_MS + WRITERS_TIMEOUT

describe("a writer killed with SIGKILL mid-loop (issue 2 scope 3-4)", () => {
  it(
    "never leaves an unparsable file, keeps every completed write, and does not block the next writer",
    async () => {
      // Each round on its own state dir, so a lock left by one kill does not make another round wait.
      const rounds = [
        ["config-loop", 3, 0],
        ["auth-loop", 5, 2],
        ["config-loop", 17, 4],
        ["auth-loop", 2, 6],
        ["config-loop", 9, 8],
        ["auth-loop", 13, 10],
        ["config-loop", 6, 1],
        ["auth-loop", 8, 3]
      ] as const
      // The rounds run side by side (a Node start each dominates their time on a busy machine).
      const killed = await Promise.all(
        rounds.map(async ([mode, writes, delayMs], round) => {
          const stateDir = path.join(state.root, `round-${round}`)
          const env = { ...state.env, CLAWDBOT_STATE_DIR: stateDir }
          const completed = await killMidLoop(mode, `r${round}`, writes, delayMs, env)
          // Every write the writer reported done is on disk, in a file that parses.
          if (mode === "config-loop") {
            const text = fs.readFileSync(path.join(stateDir, "clawdbot.json"), "utf8")
            const fallbacks: ReadonlyArray<string> = JSON.parse(text).agents.defaults.model.fallbacks
            for (let index = 0; index <= completed; index++)
              expect(fallbacks).toContain(`r${round}/model-${index}`)
            return { mode, env, dir: stateDir }
          }
          const agentDir = path.join(stateDir, "agents", "main", "agent")
          const profiles = JSON.parse(
            fs.readFileSync(path.join(agentDir, "auth-profiles.json"), "utf8")
          ).profiles
          for (let index = 0; index <= completed; index++)
            expect(profiles).toHaveProperty(`r${round}:${index}`)
          return { mode, env, dir: agentDir }
        })
      )

      // The next writer on each file gets through: a lock left by a killed writer goes stale and is taken
      // over, and the temp files of interrupted writes are cleared under the lock. Staleness is judged by the
      // lock's mtime alone, so each left-over lock is aged to 1 s short of the stale limit, as if the kill were
      // 29 s ago, instead of waiting the real 30 s here (test/hostile/files.test.ts does that once).
      const aged = new Date(Date.now() - LOCK_TIMING.staleMs + 1_000)
      for (const { dir } of killed) {
        for (const name of leftovers(dir).filter((name) => name.endsWith(".lock")))
          fs.utimesSync(path.join(dir, name), aged, aged)
      }
      const next = await Promise.all(
        killed.map(({ mode, env }) =>
          mode === "config-loop"
            ? runCli(["models", "fallbacks", "add", "final/model"], { env })
            : exited(writer(["auth-add", "openai:final"], env))
        )
      )
      for (const result of next)
        expect({ code: result.code, stderr: errorsOf(result.stderr) }).toEqual({ code: 0, stderr: "" })
      for (const { dir } of killed) expect(leftovers(dir)).toEqual([])
    },
    ROUNDS_TIMEOUT
  )
})
