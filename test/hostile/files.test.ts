/**
 * Hostile and damaged state files, through the built CLI (`node scripts/build.mjs` first): write targets that
 * are not regular files (issue 9 item 7), stores that could not be fully read (item 8), and locks held by
 * another process, against the real lock timing (item 9).
 */
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { LOCK_TIMING } from "../../src/layers/internal/stateFile.js"
import { type CliResult, runCli } from "../support/runCli.js"
import { makeTempState, type TempState } from "../support/tempState.js"

const LOCK_HOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "support", "lockHolder.mjs")
const TOKEN = "sk-hostile-files-0123456789abcdef"

let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(() => {
  state.cleanup()
})

/** `clawdbot <args>` on the temp state; a hang (reading a FIFO) is killed and fails the test. */
const run = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}, input = "") =>
  runCli(args, { env: { ...state.env, ...env }, input, timeoutMs: 20_000 })

const pasteToken = (provider = "anthropic") =>
  run(["models", "auth", "paste-token", "--provider", provider], {}, `${TOKEN}\n`)

/** One `Error: ...` line, no stack trace, exit 1. */
const expectOneLineError = (result: CliResult, ...parts: ReadonlyArray<string>) => {
  expect(result.code).toBe(1)
  const lines = result.stderr.trim().split("\n")
  expect(lines).toHaveLength(1)
  for (const part of parts) expect(lines[0]).toContain(part)
  expect(result.stderr).not.toMatch(/^\s+at /m)
}

/** Names next to `file` that a write or a lock would have left: `.bak`, `.lock`, temp files. */
const traces = (file: string) =>
  fs
    .readdirSync(path.dirname(file))
    .filter((name) => name !== path.basename(file) && name.includes(path.basename(file)))

/** Why a character device cannot be made here (no CAP_MKNOD, a nodev mount), or undefined when it can. */
const mknodProblem = (() => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-mknod-probe-"))
  try {
    execFileSync("mknod", [path.join(probe, "null"), "c", "1", "3"], { stdio: "pipe" })
    return undefined
  } catch (error) {
    return `mknod is not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`
  } finally {
    fs.rmSync(probe, { recursive: true, force: true })
  }
})()
if (mknodProblem !== undefined) console.warn(`character-device cases skipped: ${mknodProblem}`)

/** A character device like /dev/null (1,3), made in the temp state, so the real /dev/null is never at risk. */
const charDevice = () => {
  fs.mkdirSync(state.stateDir, { recursive: true })
  const device = path.join(state.stateDir, "null")
  execFileSync("mknod", [device, "c", "1", "3"])
  return device
}

describe("a write target that is not a regular file is refused (issue 9 item 7)", () => {
  it.skipIf(mknodProblem !== undefined)(
    "CLAWDBOT_CONFIG_PATH=<a char device> models set opus: refused, the device stays a device, nothing next to it",
    async () => {
      const device = charDevice()
      const result = await run(["models", "set", "opus"], { CLAWDBOT_CONFIG_PATH: device })
      expectOneLineError(
        result,
        `Failed to write ${device}: it is a character device, not a regular file; nothing was written`
      )
      expect(fs.statSync(device).isCharacterDevice()).toBe(true)
      expect(traces(device)).toEqual([])
    }
  )

  it.skipIf(mknodProblem !== undefined)(
    "a config symlinked to a char device is refused too (the link's target is what would be replaced)",
    async () => {
      const device = charDevice()
      const link = path.join(state.home, "clawdbot.json")
      fs.symlinkSync(device, link)
      const result = await run(["models", "set", "opus"], { CLAWDBOT_CONFIG_PATH: link })
      expectOneLineError(
        result,
        `it is a symlink to ${device}, which is a character device, not a regular file`
      )
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true)
      expect(fs.statSync(device).isCharacterDevice()).toBe(true)
      expect(traces(link)).toEqual([])
    }
  )

  it.each([
    [
      "config",
      "models fallbacks add",
      () => state.configPath,
      () => run(["models", "fallbacks", "add", "x/y"])
    ],
    ["auth store", "auth paste-token", () => state.authPath, () => pasteToken()]
  ] as const)(
    "a FIFO as the %s: %s is refused at once (no read, so no hang); still a FIFO",
    async (_, _command, file, command) => {
      fs.mkdirSync(path.dirname(file()), { recursive: true })
      execFileSync("mkfifo", [file()])
      expectOneLineError(
        await command(),
        `Failed to write ${file()}: it is a named pipe (FIFO), not a regular file`
      )
      expect(fs.statSync(file()).isFIFO()).toBe(true)
      expect(traces(file())).toEqual([])
    }
  )

  it("a directory as the config: refused with what it is", async () => {
    fs.mkdirSync(state.configPath, { recursive: true })
    const result = await run(["models", "set", "opus"])
    expectOneLineError(result, `Failed to write ${state.configPath}: it is a directory, not a regular file`)
    expect(fs.readdirSync(state.configPath)).toEqual([])
  })

  it("a socket as the config: refused", async () => {
    fs.mkdirSync(state.stateDir, { recursive: true })
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(state.configPath, resolve))
    try {
      const result = await run(["models", "set", "opus"])
      expectOneLineError(result, `Failed to write ${state.configPath}: it is a socket, not a regular file`)
      expect(fs.statSync(state.configPath).isSocket()).toBe(true)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("a dangling symlink is refused, not replaced by a file (the link and its missing target stay as they are)", async () => {
    fs.mkdirSync(state.stateDir, { recursive: true })
    const missing = path.join(state.home, "dotfiles", "clawdbot.json")
    fs.symlinkSync(missing, state.configPath)
    const result = await run(["models", "set", "opus"])
    expectOneLineError(
      result,
      `Failed to write ${state.configPath}: it is a symlink to ${missing}, which does not exist (create that file, or remove the link)`
    )
    expect(fs.lstatSync(state.configPath).isSymbolicLink()).toBe(true)
    expect(fs.existsSync(missing)).toBe(false)
  })
})

const PROFILES = {
  "openai:work": { type: "api_key", provider: "openai", key: "sk-work-0123456789" },
  "openai:home": { type: "api_key", provider: "openai", key: "sk-home-0123456789" }
}

describe("a store or config that could not be fully read is never written over (issue 9 item 8)", () => {
  it("a 0-byte auth store that stays empty: paste-token fails naming the file, and writes nothing", async () => {
    fs.mkdirSync(state.agentDir, { recursive: true })
    fs.writeFileSync(state.authPath, "")
    const result = await pasteToken()
    expectOneLineError(result, `Failed to update ${state.authPath}: it is empty`, "it was not overwritten")
    expect(fs.readFileSync(state.authPath, "utf8")).toBe("")
  })

  it("a store caught empty mid-write by another program: paste-token reads again and keeps every profile", async () => {
    fs.mkdirSync(state.agentDir, { recursive: true })
    fs.writeFileSync(state.authPath, "")
    let exited = false
    const pasted = pasteToken().finally(() => {
      exited = true
    })
    // The other program (the reference CLI truncates, then writes) finishes its write 150 ms after paste-token
    // took the lock and found the file empty: well inside the ~1 s it keeps reading again.
    const lock = `${state.authPath}.lock`
    while (!fs.existsSync(lock) && !exited) await new Promise((resolve) => setTimeout(resolve, 2))
    await new Promise((resolve) => setTimeout(resolve, 150))
    fs.writeFileSync(state.authPath, JSON.stringify({ version: 1, profiles: PROFILES }))
    const result = await pasted
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    const profiles = JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles
    expect(Object.keys(profiles).sort()).toEqual(["anthropic:manual", "openai:home", "openai:work"])
  })

  it("a 0-byte keychain.json (the file keychain): paste-token fails naming it, and it stays empty", async () => {
    state.writeConfig('{ auth: { store: "keychain" } }\n')
    const keychain = path.join(state.stateDir, "keychain.json")
    fs.writeFileSync(keychain, "")
    const result = await pasteToken()
    expectOneLineError(result, `Failed to update ${keychain}: it is empty`)
    expect(fs.readFileSync(keychain, "utf8")).toBe("")
    expect(fs.existsSync(state.authPath)).toBe(false)
  })

  it("a 0-byte config: models set fails naming the file, and it stays empty", async () => {
    state.writeConfig("")
    const result = await run(["models", "set", "opus"])
    expectOneLineError(result, `Failed to update ${state.configPath}: it is empty`)
    expect(fs.readFileSync(state.configPath, "utf8")).toBe("")
  })

  it("a config with a Latin-1 byte in a comment: the write is refused and every byte stays", async () => {
    const before = Buffer.from("// caf")
    const bytes = Buffer.concat([
      before,
      Buffer.from([0xe9]),
      Buffer.from(' (Latin-1)\n{ agents: { defaults: { model: { primary: "openai/gpt-4o" } } } }\n')
    ])
    fs.mkdirSync(state.stateDir, { recursive: true })
    fs.writeFileSync(state.configPath, bytes)
    const result = await run(["models", "set", "opus"])
    expectOneLineError(
      result,
      `Failed to update ${state.configPath}: it is not valid UTF-8 (byte ${before.length} is 0xe9)`
    )
    expect(fs.readFileSync(state.configPath).equals(bytes)).toBe(true)
  })

  it("an auth store with a non-UTF-8 byte in a stored value: paste-token is refused, every byte stays", async () => {
    const before = Buffer.from(
      '{"version":1,"profiles":{"openai:work":{"type":"api_key","provider":"openai","key":"sk-'
    )
    const bytes = Buffer.concat([before, Buffer.from([0xff, 0xfe]), Buffer.from('"}}}\n')])
    fs.mkdirSync(state.agentDir, { recursive: true })
    fs.writeFileSync(state.authPath, bytes)
    const result = await pasteToken()
    expectOneLineError(
      result,
      `Failed to update ${state.authPath}: it is not valid UTF-8 (byte ${before.length} is 0xff)`
    )
    expect(fs.readFileSync(state.authPath).equals(bytes)).toBe(true)
  })

  const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`

  it("a 100k-deep auth store: status and paste-token give one clear line naming the file, no stack trace", async () => {
    fs.mkdirSync(state.agentDir, { recursive: true })
    const text = `{"version":1,"profiles":{"openai:x":{"type":"api_key","provider":"openai","key":"k","n":${deep(100_000)}}}}`
    fs.writeFileSync(state.authPath, text)
    // Level 101 is opened by the bracket after the 3 enclosing objects and 97 arrays (columns are 1-based).
    const column = text.indexOf("[") + 97 + 1
    for (const result of [await run(["models", "status"]), await pasteToken()]) {
      expectOneLineError(
        result,
        state.authPath,
        `nested more than 100 levels deep at line 1, column ${column}`
      )
    }
    expect(fs.readFileSync(state.authPath, "utf8")).toBe(text)
  })

  it("a 100k-deep config: status and set say it is nested too deeply (not 'Maximum call stack size')", async () => {
    state.writeConfig(`{\n  agents: ${deep(100_000)}\n}\n`)
    for (const args of [
      ["models", "status"],
      ["models", "set", "opus"]
    ]) {
      const result = await run(args)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`Invalid config at ${state.configPath}`)
      // Line 2 is `  agents: [[[...`: its 101st bracket is in column 10 + 100.
      expect(result.stderr).toContain(
        "JSON5 parse failed at line 2, column 110: nested more than 100 levels deep"
      )
      expect(result.stderr).not.toMatch(/Maximum call stack|^\s+at /m)
    }
  })
})

interface Holder {
  readonly lockedAt: Promise<number>
  readonly releasedAt: Promise<number>
}

/** Another process holding `file`'s lock the reference's way (30 s stale, refreshed every 15 s). */
const holdLock = (file: string, holdMs: number, write: object): Holder => {
  const child = spawn(
    process.execPath,
    [LOCK_HOLDER, JSON.stringify({ file, staleMs: 30_000, holdMs, write })],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  const event = (name: string) =>
    new Promise<number>((resolve, reject) => {
      let buffer = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        buffer += chunk
        const match = new RegExp(`^${name} (\\d+)$`, "m").exec(buffer)
        if (match) resolve(Number(match[1]))
      })
      child.on("close", (code) => reject(new Error(`lock holder exited (${code}) before "${name}"`)))
    })
  return { lockedAt: event("locked"), releasedAt: event("released") }
}

/** The CLI waits for a lock at most LOCK_TIMING.waitMs; the rest is process start-up on a busy machine. */
const LOCKED_TEST_TIMEOUT = LOCK_TIMING.waitMs + 30_000

describe("locks are never taken from a live holder (issue 9 item 9, real timing)", () => {
  it(
    "a reference-style holder keeps the auth lock 13 s (past the old 10 s limit): paste-token waits for it, both updates are kept",
    async () => {
      state.writeAuth({ version: 1, profiles: PROFILES })
      const holder = holdLock(state.authPath, 13_000, {
        "openai:reference": { type: "api_key", provider: "openai", key: "sk-reference-0123456789" }
      })
      await holder.lockedAt
      const result = await pasteToken()
      const finishedAt = Date.now()
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
      expect(finishedAt).toBeGreaterThanOrEqual(await holder.releasedAt)
      const profiles = JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles
      expect(Object.keys(profiles).sort()).toEqual([
        "anthropic:manual",
        "openai:home",
        "openai:reference",
        "openai:work"
      ])
    },
    LOCKED_TEST_TIMEOUT
  )

  it(
    "a lock left by a dead process is taken over when it turns 30 s old, not before",
    async () => {
      state.writeConfig({ agents: { defaults: { model: { primary: "openai/gpt-4o" } } } })
      const lock = `${state.configPath}.lock`
      fs.mkdirSync(lock)
      // Its holder died 27 s ago: the lock goes stale 3 s from now.
      const staleAt = Date.now() + 3_000
      const diedAt = new Date(staleAt - LOCK_TIMING.staleMs)
      fs.utimesSync(lock, diedAt, diedAt)
      const result = await run(["models", "set", "opus"])
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
      expect(Date.now()).toBeGreaterThanOrEqual(staleAt)
      expect(state.readConfig().agents.defaults.model.primary).toBe("anthropic/claude-opus-4-5")
      expect(fs.existsSync(lock)).toBe(false)
    },
    LOCKED_TEST_TIMEOUT
  )
})
