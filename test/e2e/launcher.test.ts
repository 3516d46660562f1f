/**
 * End-to-end: the launcher (bin/clawdbot) and what the build ships beside the bundle — the V8 code cache in the
 * user cache dir, and the built-in catalog read from dist/catalog.json only when a command needs it.
 * Run `npm run build` first (`npm test` does).
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { BIN } from "../support/runCli.js"
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
  it("is written on the first run; a corrupted cache is rejected and rewritten, not fatal", async () => {
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

const DEBUG = { CLAWDBOT_DEBUG_CODE_CACHE: "1" }
const OPUS = "anthropic/claude-opus-4-5\n"

interface CacheReport {
  readonly read: string
  readonly cachedDataRejected: string
  readonly write: string
  readonly file: string
}

/** The launcher's one debug line (CLAWDBOT_DEBUG_CODE_CACHE=1): what it did with the cache, and where it is. */
const cacheReport = (stderr: string): CacheReport => {
  const match = /^clawdbot code cache: (.+), cachedDataRejected=(\w+), (.+): (\/.+)$/m.exec(stderr)
  if (match === null) throw new Error(`no code cache line in stderr: ${JSON.stringify(stderr)}`)
  return { read: match[1]!, cachedDataRejected: match[2]!, write: match[3]!, file: match[4]! }
}

const mode = (file: string) => fs.lstatSync(file).mode & 0o777

/** A run whose umask lets everyone write what it creates (the child inherits the umask). */
const runUnderUmask = async (
  umask: number,
  args: ReadonlyArray<string>,
  extra: Record<string, string> = {}
) => {
  const previous = process.umask(umask)
  try {
    return await run(args, extra)
  } finally {
    process.umask(previous)
  }
}

const BUNDLE = path.join(path.dirname(BIN), "..", "dist", "clawdbot.cjs")
const POISON = fileURLToPath(new URL("../support/poisonCodeCache.mjs", import.meta.url))

/** Writes a cache at `file` that V8 accepts for the bundle and that, when used, writes `marker`. */
const poison = (file: string, marker: string) => {
  const result = spawnSync(process.execPath, [POISON, BUNDLE, file, marker], {
    env: { PATH: process.env.PATH },
    encoding: "utf8"
  })
  expect(result.stderr).toBe("")
  expect(result.status).toBe(0)
}

/** Every file under `dir` with its bytes, so "nothing was written into it" can be checked. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name)).toString("base64")])
  )

/** A first run writes the real cache; then a poisoned one takes its place. */
const plantPoisonedCache = async () => {
  const marker = path.join(state.root, "poisoned-code-ran")
  const { file } = cacheReport((await run(["models", "status", "--plain"], DEBUG)).stderr)
  poison(file, marker)
  return { file, dir: path.dirname(file), marker }
}

/** A run that must do its normal work without running the poisoned code; its cache report. */
const runPastPoison = async (marker: string): Promise<CacheReport> => {
  const result = await run(["models", "status", "--plain"], DEBUG)
  expect({ code: result.code, stdout: result.stdout, marker: fs.existsSync(marker) }).toEqual({
    code: 0,
    stdout: OPUS,
    marker: false
  })
  return cacheReport(result.stderr)
}

const isRoot = process.getuid?.() === 0
const NOBODY = 65534

describe("launcher code cache: private to the user", () => {
  it("a second run hands the cache to V8, V8 accepts it, and the file is not rewritten", async () => {
    const first = await run(["models", "status", "--plain"], DEBUG)
    expect(first.stdout).toBe(OPUS)
    const written = cacheReport(first.stderr)
    expect([written.read, written.write]).toEqual(["none", "written"])
    const before = fs.statSync(written.file)

    const second = await run(["models", "status", "--plain"], DEBUG)
    expect(second.stdout).toBe(OPUS)
    expect(cacheReport(second.stderr)).toEqual({
      read: "accepted",
      cachedDataRejected: "false",
      write: "kept",
      file: written.file
    })
    const after = fs.statSync(written.file)
    expect({ ino: after.ino, mtimeMs: after.mtimeMs, size: after.size }).toEqual({
      ino: before.ino,
      mtimeMs: before.mtimeMs,
      size: before.size
    })
  })

  it("under umask 000 the cache dir is created 0700 and the cache file 0600", async () => {
    const result = await runUnderUmask(0o000, ["models", "status", "--plain"], DEBUG)
    expect(result.stdout).toBe(OPUS)
    const { file } = cacheReport(result.stderr)
    expect(mode(path.dirname(file)).toString(8)).toBe("700")
    expect(mode(file).toString(8)).toBe("600")
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)])
  })

  it("a poisoned cache runs its code only from a private dir: a dir others can write is ignored, not written into", async () => {
    const { dir, marker } = await plantPoisonedCache()

    // The control: in our private dir V8 takes the poisoned cache, which is why the checks below matter.
    const trusted = await run(["models", "status", "--plain"])
    expect({ stdout: trusted.stdout, marker: fs.existsSync(marker) }).toEqual({ stdout: "", marker: true })
    fs.rmSync(marker)

    for (const unsafe of [0o777, 0o770, 0o757]) {
      fs.chmodSync(dir, unsafe)
      const before = snapshot(dir)
      expect(await runPastPoison(marker)).toMatchObject({
        read: `ignored (dir mode ${unsafe.toString(8)} lets others write)`,
        write: "not written"
      })
      expect(snapshot(dir)).toEqual(before)
      expect(mode(dir)).toBe(unsafe)
    }
  })

  it("a cache dir that is a symlink is neither read nor written through", async () => {
    const { file, dir, marker } = await plantPoisonedCache()
    const elsewhere = path.join(state.root, "elsewhere")
    fs.renameSync(dir, elsewhere)
    fs.symlinkSync(elsewhere, dir)
    const before = snapshot(elsewhere)

    expect((await runPastPoison(marker)).read).toBe("ignored (dir is a symlink)")
    expect(snapshot(elsewhere)).toEqual(before)
    expect(fs.existsSync(file)).toBe(true)
  })

  it.skipIf(!isRoot)(
    "a cache file owned by another user is not used and not written to; ours replaces it (needs root to chown)",
    async () => {
      const { file, marker } = await plantPoisonedCache()
      fs.chownSync(file, NOBODY, NOBODY)
      const theirs = path.join(state.root, "their-cache-file")
      fs.linkSync(file, theirs)
      const theirBytes = fs.readFileSync(theirs)

      expect(await runPastPoison(marker)).toMatchObject({
        read: `ignored (file owned by uid ${NOBODY})`,
        write: "written"
      })
      expect(fs.readFileSync(theirs).equals(theirBytes)).toBe(true)
      const ours = fs.statSync(file)
      expect({ uid: ours.uid, mode: (ours.mode & 0o777).toString(8) }).toEqual({ uid: 0, mode: "600" })
      expect(cacheReport((await run(["models", "status", "--plain"], DEBUG)).stderr).read).toBe("accepted")
    }
  )

  it.skipIf(!isRoot)(
    "a cache dir owned by another user is neither read nor written into (needs root to chown)",
    async () => {
      const { dir, marker } = await plantPoisonedCache()
      fs.chownSync(dir, NOBODY, NOBODY)
      const before = snapshot(dir)

      expect(await runPastPoison(marker)).toMatchObject({
        read: `ignored (dir owned by uid ${NOBODY})`,
        write: "not written"
      })
      expect(snapshot(dir)).toEqual(before)
    }
  )
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
