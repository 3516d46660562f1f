/**
 * The file primitives every store writes through (src/layers/internal/stateFile.ts): the atomic replacement,
 * and a lock that is lost while held. Lock timing is shortened here (stale 2 s, the least proper-lockfile takes)
 * through withFileLock's own parameter; test/hostile/files.test.ts runs the CLI against the real 30 s.
 */
import { spawn } from "node:child_process"
import * as fsSync from "node:fs"
import * as fs from "node:fs/promises"
import { createRequire } from "node:module"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it, vi } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { type LockTiming, withFileLock, writeAtomic } from "../../src/layers/internal/stateFile.js"

const LOCK_HOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "support", "lockHolder.mjs")
/** proper-lockfile's table of the locks this process holds (a lock it finds compromised leaves the table). */
const { getLocks } = createRequire(import.meta.url)("proper-lockfile/lib/lockfile.js") as {
  getLocks: () => Record<string, unknown>
}
const SHORT: LockTiming = { staleMs: 2_000, waitMs: 1_500 }

const tempDir = Effect.acquireRelease(
  Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "clawdbot-statefile-"))),
  (dir) => Effect.promise(() => fs.rm(dir, { recursive: true, force: true }))
)

const failureMessage = <A, E>(exit: Exit.Exit<A, E>): string =>
  Exit.isFailure(exit) ? String(Cause.squash(exit.cause)) : "(it succeeded)"

/** Names in `dir` that a write leaves behind when it does not finish: temp files. */
const temps = (dir: string) => fsSync.readdirSync(dir).filter((name) => name.endsWith(".tmp"))

/** Polls `condition` on the event loop until it holds (or fails the test after `timeoutMs`). */
const waitUntil = (condition: () => boolean, timeoutMs: number) =>
  Effect.promise(async () => {
    const end = Date.now() + timeoutMs
    while (!condition()) {
      if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })

/** Stops this process's event loop (no timers, no I/O callbacks: like SIGSTOP) until `condition` holds. */
const freezeUntil = (condition: () => boolean, timeoutMs: number) => {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`)
    Atomics.wait(cell, 0, 0, 20)
  }
}

describe("writeAtomic replaces the file by rename (issue 14 item 1)", () => {
  it.scopedLive(
    "a reader that opened the old file keeps reading the old bytes, whole; the file is a new inode",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const file = path.join(dir, "store.json")
        const oldText = `${JSON.stringify({ version: 1, profiles: { a: "x".repeat(5000) } })}\n`
        yield* Effect.promise(() => fs.writeFile(file, oldText, { mode: 0o600 }))
        const reader = yield* Effect.acquireRelease(
          Effect.promise(() => fs.open(file, "r")),
          (handle) => Effect.promise(() => handle.close())
        )
        const inodeBefore = (yield* Effect.promise(() => reader.stat())).ino

        const newText = `${JSON.stringify({ version: 1, profiles: { b: "y".repeat(9000) } })}\n`
        yield* withFileLock(file, writeAtomic(file, newText, { backup: true }), SHORT)

        // Rewriting the file in place (a copy over it, a truncate-and-write) would show the reader new or mixed
        // bytes at the same inode.
        const seen = Buffer.alloc(oldText.length + 100)
        const { bytesRead } = yield* Effect.promise(() => reader.read(seen, 0, seen.length, 0))
        expect(seen.subarray(0, bytesRead).toString("utf8")).toBe(oldText)
        expect(fsSync.statSync(file).ino).not.toBe(inodeBefore)
        expect(fsSync.readFileSync(file, "utf8")).toBe(newText)
        expect(fsSync.readFileSync(`${file}.bak`, "utf8")).toBe(oldText)
        expect(temps(dir)).toEqual([])
      })
  )
})

describe("a lock lost while held aborts the write (issue 9 item 9)", () => {
  /** Runs `meddle` on our held lock dir, optionally waits for proper-lockfile's next refresh, then writes. */
  const writeAfter = (meddle: (lockPath: string) => Promise<void>, refresh: "before the write" | "none") =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const file = path.join(dir, "store.json")
      const lockPath = `${file}.lock`
      yield* Effect.promise(() => fs.writeFile(file, "old\n"))
      const exit = yield* Effect.exit(
        withFileLock(
          file,
          Effect.gen(function* () {
            yield* Effect.promise(() => meddle(lockPath))
            // proper-lockfile notices at its next refresh (every stale/2) and drops the lock from its table.
            if (refresh !== "none")
              yield* waitUntil(() => !(path.resolve(file) in getLocks()), SHORT.staleMs * 5)
            yield* writeAtomic(file, "new\n", { backup: false })
          }),
          SHORT
        )
      )
      // Nothing written, no temp file left, and a lock dir another process made is left alone.
      expect(fsSync.readFileSync(file, "utf8")).toBe("old\n")
      expect(temps(dir)).toEqual([])
      return { message: failureMessage(exit), file, lockPath }
    })

  const replace = async (lockPath: string) => {
    await fs.rmdir(lockPath)
    await fs.mkdir(lockPath)
  }

  it.scopedLive(
    "the lock dir replaced by another process: the write fails at once, the file keeps its bytes",
    () =>
      Effect.gen(function* () {
        const { message, file, lockPath } = yield* writeAfter(replace, "none")
        expect(message).toContain(
          `Failed to write ${file}: the lock ${lockPath} was taken over while this write held it (it has another process's mtime)`
        )
        expect(fsSync.statSync(lockPath).isDirectory()).toBe(true)
      })
  )

  it.scopedLive("the lock dir removed: the write fails", () =>
    Effect.gen(function* () {
      const { message, lockPath } = yield* writeAfter((lockPath) => fs.rmdir(lockPath), "none")
      expect(message).toContain(`the lock ${lockPath} was removed while this write held it`)
    })
  )

  it.scopedLive(
    "the lock dir replaced, and proper-lockfile's refresh found it compromised: the write fails",
    () =>
      Effect.gen(function* () {
        const { message, lockPath } = yield* writeAfter(replace, "before the write")
        expect(message).toContain(`the lock ${lockPath} was taken over or removed while this write held it`)
        expect(fsSync.statSync(lockPath).isDirectory()).toBe(true)
      })
  )

  it.scopedLive(
    "a writer frozen past the stale limit does not overwrite what the process that took over wrote",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const file = path.join(dir, "store.json")
        const done = path.join(dir, "other-is-done")
        yield* Effect.promise(() => fs.writeFile(file, "old\n"))
        const exit = yield* Effect.exit(
          withFileLock(
            file,
            Effect.gen(function* () {
              const other = spawn(
                process.execPath,
                [
                  LOCK_HOLDER,
                  JSON.stringify({
                    file,
                    staleMs: SHORT.staleMs,
                    waitMs: 30_000,
                    holdMs: 0,
                    write: "theirs\n",
                    doneFile: done
                  })
                ],
                { stdio: "ignore" }
              )
              yield* Effect.addFinalizer(() => Effect.sync(() => other.kill("SIGKILL")))
              // This process stops (a laptop lid, SIGSTOP, a starved machine) while the other waits, finds our lock
              // stale, takes it over, writes and releases it.
              freezeUntil(() => fsSync.existsSync(done), 30_000)
              yield* writeAtomic(file, "ours\n", { backup: false })
            }),
            SHORT
          )
        )
        expect(failureMessage(exit)).toMatch(
          /the lock .*\.lock was (held for longer than the 2 s stale limit|taken over)/
        )
        expect(fsSync.readFileSync(file, "utf8")).toBe("theirs\n")
        expect(temps(dir)).toEqual([])
      })
  )

  it.scopedLive("a write that comes more than the stale limit after the lock's last refresh is aborted", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const file = path.join(dir, "store.json")
      yield* Effect.promise(() => fs.writeFile(file, "old\n"))
      const exit = yield* Effect.exit(
        withFileLock(
          file,
          Effect.gen(function* () {
            // Resumed after a freeze, before the refresh timer had a chance to run and notice anything: only
            // the clock says the lock may be someone else's by now (it reads the moment the lock turns stale).
            const now = fsSync.statSync(`${file}.lock`).mtimeMs + SHORT.staleMs
            const clock = vi.spyOn(Date, "now").mockReturnValue(now)
            yield* Effect.addFinalizer(() => Effect.sync(() => clock.mockRestore()))
            yield* writeAtomic(file, "new\n", { backup: false })
          }),
          SHORT
        )
      )
      expect(failureMessage(exit)).toContain("was held for longer than the 2 s stale limit without a refresh")
      expect(fsSync.readFileSync(file, "utf8")).toBe("old\n")
      expect(temps(dir)).toEqual([])
      // The lock dir still carried our mtime, so it was still ours to remove.
      expect(fsSync.existsSync(`${file}.lock`)).toBe(false)
    })
  )
})

describe("a lock that never goes stale (issue 9 item 9)", () => {
  it.scopedLive("a lock dir with a future mtime: after the wait, the error names the lock to remove", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const file = path.join(dir, "store.json")
      const lockPath = `${file}.lock`
      const future = new Date(Date.now() + 3_600_000)
      yield* Effect.promise(async () => {
        await fs.writeFile(file, "old\n")
        await fs.mkdir(lockPath)
        await fs.utimes(lockPath, future, future)
      })
      const started = Date.now()
      const exit = yield* Effect.exit(withFileLock(file, Effect.void, SHORT))
      expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT.waitMs - 100)
      const message = failureMessage(exit)
      expect(message).toContain(`Failed to lock ${file}: waited 2 s for the lock ${lockPath}`)
      expect(message).toContain("modification time is in the future")
      expect(message).toContain(`remove ${lockPath}`)
      expect(fsSync.statSync(lockPath).isDirectory()).toBe(true)
    })
  )
})
