/**
 * End-to-end: the launcher (bin/clawdbot) and what the build ships beside the bundle — the V8 code cache in the
 * user cache dir, and the built-in catalog read from dist/catalog.json only when a command needs it.
 * Run `npm run build` first (`npm test` does).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { makeTempState, type TempState } from "../support/tempState.js"

let state: TempState
let cacheHome: string
beforeEach(() => {
  state = makeTempState()
  cacheHome = path.join(state.root, "cache")
})
afterEach(() => {
  state.cleanup()
})

const run = (args: ReadonlyArray<string>, extra: Readonly<Record<string, string>> = {}) =>
  state.run(args, { XDG_CACHE_HOME: cacheHome, ...extra })

const cacheFiles = (): ReadonlyArray<string> => {
  const dir = path.join(cacheHome, "clawdbot-models")
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : []
}

describe("launcher code cache", () => {
  it("is written on the first run and reused; a corrupted cache is rejected and rewritten, not fatal", async () => {
    const first = await run(["models", "status", "--plain"])
    expect({ code: first.code, stdout: first.stdout }).toEqual({
      code: 0,
      stdout: "anthropic/claude-opus-4-5\n"
    })
    const [file, ...others] = cacheFiles()
    expect(others).toEqual([])
    expect(path.basename(file!)).toMatch(/^v8-[0-9a-f]+-\d+-\d+-v\d+\.\d+\.\d+-\w+\.bin$/)
    const written = fs.readFileSync(file!)
    expect(written.length).toBeGreaterThan(100_000)

    // Same length, flipped bytes all through the payload: V8 would abort on this without a checksum.
    const corrupted = Buffer.from(written)
    for (let i = 4096; i < corrupted.length; i += 997) corrupted[i] = corrupted[i]! ^ 0x5a
    fs.writeFileSync(file!, corrupted)
    const afterCorruption = await run(["models", "status", "--plain"])
    expect({
      code: afterCorruption.code,
      stdout: afterCorruption.stdout,
      stderr: afterCorruption.stderr
    }).toEqual({
      code: 0,
      stdout: "anthropic/claude-opus-4-5\n",
      stderr: ""
    })
    expect(fs.readFileSync(file!).equals(corrupted)).toBe(false)

    fs.writeFileSync(file!, "not a code cache")
    expect((await run(["models", "status", "--plain"])).code).toBe(0)
  })

  it("CLAWDBOT_NO_CODE_CACHE=1 neither reads nor writes a cache", async () => {
    const result = await run(["models", "status", "--plain"], { CLAWDBOT_NO_CODE_CACHE: "1" })
    expect(result.code).toBe(0)
    expect(cacheFiles()).toEqual([])
  })

  it("an unwritable cache dir does not affect the run", async () => {
    fs.writeFileSync(cacheHome, "a file where the cache dir would go")
    const result = await run(["models", "status", "--plain"])
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 0,
      stdout: "anthropic/claude-opus-4-5\n",
      stderr: ""
    })
  })
})

describe("built-in catalog in the bundle", () => {
  it("`models list --all` reads the shipped catalog", async () => {
    const result = await run(["models", "list", "--all", "--json"])
    expect(result.code).toBe(0)
    const { models } = JSON.parse(result.stdout) as {
      models: ReadonlyArray<{ key: string; contextWindow?: number }>
    }
    expect(models.length).toBeGreaterThanOrEqual(300)
    const opus = models.find((model) => model.key === "anthropic/claude-opus-4-5")
    expect(opus?.contextWindow).toBe(200_000)
  })
})
