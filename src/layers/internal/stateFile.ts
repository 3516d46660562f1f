/**
 * File primitives shared by the state stores: a cross-process lock, a careful read for an update, and an
 * atomic write. proper-lockfile (the lock the reference CLI uses, so both tools exclude each other) holds
 * `<file>.lock`; it is imported on first lock, so read-only commands never load it (nor graceful-fs, which
 * patches `fs` on load).
 *
 * A write is always: `withFileLock(file, …readForUpdate(file, parse)… writeAtomic(file, text))`. The lock
 * refuses a target that is not a regular file before anything is read or created; the read refuses a file it
 * could not fully understand (so it is never overwritten as if empty); the write replaces the file by rename
 * only while the lock is still ours.
 */
import { isUtf8 } from "node:buffer"
import { randomInt, randomUUID } from "node:crypto"
import * as nodeFs from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Schedule from "effect/Schedule"
import { StateFileError } from "../../domain/errors.js"

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code

const reasonOf = (error: unknown): string => {
  const code = codeOf(error)
  if (code === "EACCES" || code === "EPERM") return "permission denied"
  if (code === "ENOSPC") return "no space left on device"
  if (code === "EISDIR") return "it is a directory, not a file"
  return error instanceof Error ? error.message : String(error)
}

export const fileError = (file: string, operation: string) => (error: unknown) =>
  error instanceof StateFileError
    ? error
    : new StateFileError({ path: file, operation, reason: reasonOf(error) })

const readBytesIfExists = (file: string) =>
  fs.readFile(file).catch((error) => {
    if (codeOf(error) === "ENOENT") return undefined
    throw error
  })

/**
 * Reads a file as UTF-8 for display; `undefined` when it does not exist. Lenient (bytes that are not UTF-8
 * read as U+FFFD): a read-modify-write goes through `readForUpdate` instead.
 */
export const readIfExists = (file: string) =>
  Effect.tryPromise({
    try: () => readBytesIfExists(file).then((bytes) => bytes?.toString("utf8")),
    catch: fileError(file, "read")
  })

/** Whether `dir` exists (any error other than "not found" counts as existing, so the write reports it). */
export const directoryExists = (dir: string) =>
  Effect.promise(() =>
    fs.stat(dir).then(
      () => true,
      (error: { code?: string }) => error.code !== "ENOENT"
    )
  )

/** Creates `dir` (and parents) with mode 0700; with `tighten`, an existing dir is chmod-ed to 0700 too. */
export const ensurePrivateDir = (dir: string, tighten: boolean) =>
  Effect.tryPromise({
    try: async () => {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 })
      if (tighten) await fs.chmod(dir, 0o700)
    },
    catch: fileError(dir, "create directory")
  })

/** A write target refused before anything is read, created or replaced. */
class Refused extends Error {}

const kindOf = (stat: nodeFs.Stats): string | undefined =>
  stat.isFile()
    ? undefined
    : stat.isDirectory()
      ? "a directory"
      : stat.isCharacterDevice()
        ? "a character device"
        : stat.isBlockDevice()
          ? "a block device"
          : stat.isFIFO()
            ? "a named pipe (FIFO)"
            : stat.isSocket()
              ? "a socket"
              : "not a regular file"

/**
 * The file a write replaces. A symlinked file (a dotfiles repo) is written through, the link kept; anything
 * that is not a regular file (`/dev/null`, a FIFO, a socket, a directory, or a link to one) is refused, and so
 * is a dangling link (replacing it would cut the user's link).
 */
const writeTarget = async (file: string): Promise<string> => {
  const link = await fs.lstat(file).catch((error) => {
    if (codeOf(error) === "ENOENT") return undefined
    throw error
  })
  if (link === undefined) return file
  const refuse = (what: string) => {
    throw new Refused(`it is ${what}; nothing was written`)
  }
  if (!link.isSymbolicLink()) {
    const kind = kindOf(link)
    if (kind !== undefined) refuse(`${kind}, not a regular file`)
    return file
  }
  const target = await fs.realpath(file).catch((error) => {
    if (codeOf(error) === "ENOENT") return undefined
    throw error
  })
  if (target === undefined) {
    return refuse(
      `a symlink to ${await fs.readlink(file)}, which does not exist (create that file, or remove the link)`
    )
  }
  const kind = kindOf(await fs.stat(target))
  if (kind !== undefined) refuse(`a symlink to ${target}, which is ${kind}, not a regular file`)
  return target
}

const targetError = (file: string, operation: string) => (error: unknown) =>
  error instanceof Refused
    ? new StateFileError({ path: file, operation, reason: error.message })
    : fileError(file, operation)(error)

/**
 * Reads a file that is only ever read through another one (an included config file): `undefined` when it does
 * not exist. Anything but a regular file (a FIFO, which would block a plain read forever, a device, a directory)
 * is refused, and so is a file over `maxBytes` or one that is not UTF-8: its text is never guessed.
 */
export const readRegularFileIfExists = (file: string, maxBytes: number) =>
  Effect.tryPromise({
    try: async () => {
      // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
      const handle = await fs
        .open(file, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK)
        .catch((error) => {
          if (codeOf(error) === "ENOENT") return undefined
          throw error
        })
      if (handle === undefined) return undefined
      try {
        const kind = kindOf(await handle.stat())
        if (kind !== undefined) throw new Refused(`it is ${kind}, not a regular file`)
        const tooLarge = () => new Refused(`it is larger than ${maxBytes / 1024 / 1024} MiB`)
        // One byte over the limit is enough to know; the size from stat is not trusted (the file may grow).
        const buffer = Buffer.alloc(maxBytes + 1)
        let length = 0
        while (length < buffer.length) {
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
          if (bytesRead === 0) break
          length += bytesRead
        }
        if (length > maxBytes) throw tooLarge()
        const bytes = buffer.subarray(0, length)
        if (!isUtf8(bytes)) throw new Refused("it is not valid UTF-8; save it as UTF-8")
        return bytes.toString("utf8")
      } finally {
        await handle.close()
      }
    },
    catch: (error) => targetError(file, "read")(error)
  })

/**
 * Lock timing, as the reference CLI's auth lock: a holder refreshes the lock dir's mtime every `staleMs / 2`
 * (proper-lockfile's `update`); a lock not refreshed for `staleMs` belongs to a process that died holding it
 * (SIGKILL, power loss) and is taken over. A waiting writer gives up after `waitMs`, longer than `staleMs`, so
 * a dead lock delays the next command by at most `staleMs` instead of failing it, and 12 writers at once on 2
 * busy cores all get their turn. Tests pass shorter values; the stores always use these.
 */
export interface LockTiming {
  readonly staleMs: number
  readonly waitMs: number
}
export const LOCK_TIMING: LockTiming = { staleMs: 30_000, waitMs: 45_000 }

/**
 * The lock we hold on a file: the mtime we last gave it (`settingMtime` while a refresh is under way), whether
 * proper-lockfile found it compromised at a refresh, and whether a write found it lost (see `lostLock`).
 */
interface HeldLock {
  readonly lockPath: string
  readonly staleMs: number
  lastMtime: number
  settingMtime: number | undefined
  compromised: Error | undefined
  lost: boolean
}

/** `lastMtime` before proper-lockfile's first stamp, on acquire. */
const NOT_STAMPED = -1

const heldLocks = FiberRef.unsafeMake<ReadonlyMap<string, HeldLock>>(new Map())

/**
 * The fs proper-lockfile uses for one lock: it records the mtimes set on the lock dir (acquire and refreshes),
 * and once the lock is lost, never removes the lock dir (on release or at exit): it is another process's now.
 *
 * On acquire proper-lockfile stamps the next whole second + 5 ms (and then takes the mtime back from a stat),
 * so two writers that both took over the same stale lock in one second (one removing the other's fresh lock
 * dir: a known race of stale takeovers) would carry the same mtime. A random millisecond tells them apart, so
 * the loser's check before its rename sees that the lock is not its own.
 */
const lockFs = (held: HeldLock) => ({
  ...nodeFs,
  utimes: (
    target: nodeFs.PathLike,
    atime: nodeFs.TimeLike,
    stamp: Date,
    callback: (error: NodeJS.ErrnoException | null) => void
  ) => {
    const acquiring = held.settingMtime === undefined && held.lastMtime === NOT_STAMPED
    const mtime = acquiring ? new Date(stamp.getTime() + randomInt(1, 990)) : stamp
    held.settingMtime = mtime.getTime()
    nodeFs.utimes(target, atime, mtime, (error) => {
      if (error === null) held.lastMtime = mtime.getTime()
      else if (acquiring) held.lost = true
      held.settingMtime = undefined
      callback(error)
    })
  },
  rmdir: (target: nodeFs.PathLike, callback: (error: NodeJS.ErrnoException | null) => void) =>
    held.lost ? callback(null) : nodeFs.rmdir(target, callback),
  rmdirSync: (target: nodeFs.PathLike) => {
    if (!held.lost) nodeFs.rmdirSync(target)
  }
})

/** A new lock is stamped up to 2 s ahead (see `lockFs`); beyond a few seconds, a clock is off. */
const FUTURE_TOLERANCE_MS = 5_000

const busyLock = async (lockPath: string, timing: LockTiming): Promise<string> => {
  const waited = `waited ${Math.round(timing.waitMs / 1000)} s`
  const mtime = await fs.stat(lockPath).then(
    (stat) => stat.mtimeMs,
    () => undefined
  )
  if (mtime !== undefined && mtime > Date.now() + FUTURE_TOLERANCE_MS) {
    return `${waited} for the lock ${lockPath}, whose modification time is in the future (${new Date(mtime).toISOString()}), so it never goes stale; if no clawdbot is running, remove ${lockPath}`
  }
  return `${waited} for the lock ${lockPath}: another process holds it and keeps it fresh; try again when it is done (if no clawdbot is running, remove ${lockPath})`
}

/** First retries soon (a writer holds the lock for milliseconds), then every ~250 ms, until `waitMs` is spent. */
const lockRetries = (waitMs: number) =>
  Schedule.exponential("10 millis", 1.5).pipe(
    Schedule.union(Schedule.spaced("250 millis")),
    Schedule.jittered,
    Schedule.upTo(`${waitMs} millis`)
  )

/**
 * Two waiters that take over the same stale lock can collide: one removes the stale dir and makes its own,
 * the other (which saw the stale one) removes that new dir. The first then finds its dir gone while stamping
 * it (ENOENT, not on mkdir): it retries, and never removes what is at the lock path now (`lost`).
 */
const lostWhileAcquiring = (error: unknown) =>
  codeOf(error) === "ENOENT" && (error as { syscall?: string }).syscall !== "mkdir"

const acquireLock = (file: string, timing: LockTiming) => {
  const lockPath = `${file}.lock`
  const attempt = Effect.suspend(() => {
    const held: HeldLock = {
      lockPath,
      staleMs: timing.staleMs,
      lastMtime: NOT_STAMPED,
      settingMtime: undefined,
      compromised: undefined,
      lost: false
    }
    return Effect.tryPromise({
      try: async () => {
        const release = await (await import("proper-lockfile")).lock(file, {
          realpath: false,
          lockfilePath: lockPath,
          stale: timing.staleMs,
          fs: lockFs(held),
          onCompromised: (error) => {
            held.compromised = error
          }
        })
        return { held, release }
      },
      catch: (error) => error
    })
  })
  return attempt.pipe(
    Effect.retry({
      schedule: lockRetries(timing.waitMs),
      while: (error) => codeOf(error) === "ELOCKED" || lostWhileAcquiring(error)
    }),
    Effect.catchAll((error) =>
      codeOf(error) === "ELOCKED"
        ? Effect.flatMap(
            Effect.promise(() => busyLock(lockPath, timing)),
            (reason) => new StateFileError({ path: file, operation: "lock", reason })
          )
        : Effect.fail(fileError(file, "lock")(error))
    )
  )
}

/**
 * Runs `use` while holding the cross-process lock `<file>.lock` (the dir must exist). A target that is not a
 * regular file is refused first, so nothing is read from a FIFO or created next to a device.
 */
export const withFileLock = <A, E, R>(
  file: string,
  use: Effect.Effect<A, E, R>,
  timing: LockTiming = LOCK_TIMING
): Effect.Effect<A, E | StateFileError, R> =>
  Effect.tryPromise({ try: () => writeTarget(file), catch: targetError(file, "write") }).pipe(
    Effect.zipRight(
      Effect.acquireUseRelease(
        acquireLock(file, timing),
        ({ held }) => Effect.locallyWith(use, heldLocks, (locks) => new Map(locks).set(file, held)),
        // After a compromise the lock dir is another process's: proper-lockfile then leaves it alone.
        ({ release }) => Effect.promise(() => release().catch(() => undefined))
      )
    )
  )

/**
 * Why the lock on a file can no longer be trusted, if it cannot: proper-lockfile found it compromised at a
 * refresh; or our last refresh is so old that another process may see it as stale (this process was paused
 * or starved past the stale limit, and the refresh timer has not even run yet; a fifth of the limit is kept
 * as a margin); or the lock dir is gone or carries an mtime we did not give it (it was removed, or taken over
 * since the last refresh: proper-lockfile would only notice at the next one, up to 15 s later).
 */
const lostLock = async (held: HeldLock): Promise<string | undefined> => {
  const mtime = await fs.stat(held.lockPath).then(
    (stat) => stat.mtime.getTime(),
    () => undefined
  )
  // A lock dir that is not ours any more is never removed by us (on release or at exit).
  if (mtime !== held.lastMtime && mtime !== held.settingMtime) held.lost = true
  const staleS = Math.round(held.staleMs / 1000)
  if (held.compromised !== undefined)
    return `the lock ${held.lockPath} was taken over or removed while this write held it (${held.compromised.message})`
  if (Date.now() > held.lastMtime + held.staleMs - held.staleMs / 5)
    return `the lock ${held.lockPath} was held for longer than the ${staleS} s stale limit without a refresh (was this process paused?), so another process may have taken it over`
  if (mtime === undefined) return `the lock ${held.lockPath} was removed while this write held it`
  if (held.lost)
    return `the lock ${held.lockPath} was taken over while this write held it (it has another process's mtime)`
  return undefined
}

const tempPrefix = (file: string) => `.${path.basename(file)}.`

/**
 * Temp files of `file` from writes that never finished (the writer was killed). Temp files are only created
 * under the lock, so while we hold it any that exist are orphans.
 */
const removeOrphanedTemps = async (file: string) => {
  const prefix = tempPrefix(file)
  const names = await fs.readdir(path.dirname(file)).catch(() => [] as Array<string>)
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"))
      .map((name) => fs.rm(path.join(path.dirname(file), name), { force: true }))
  )
}

/**
 * Writes `text` to `file` atomically, under `withFileLock(file)` (it dies otherwise): a 0600 temp file in the
 * target's dir, fsync, the current file copied to `<file>.bak` (one backup), then, if the lock is still ours,
 * rename over the target (through a symlink, not over it). A crash at any point leaves the old or the new
 * file; a lost lock leaves the old one and fails.
 */
export const writeAtomic = (file: string, text: string, options: { readonly backup: boolean }) =>
  Effect.flatMap(FiberRef.get(heldLocks), (locks) => {
    const held = locks.get(file)
    if (held === undefined) return Effect.dieMessage(`writeAtomic(${file}) outside withFileLock`)
    return Effect.tryPromise({
      try: async () => {
        const target = await writeTarget(file)
        await removeOrphanedTemps(target)
        const tmp = path.join(path.dirname(target), `${tempPrefix(target)}${process.pid}.${randomUUID()}.tmp`)
        try {
          const handle = await fs.open(tmp, "wx", 0o600)
          try {
            await handle.writeFile(text, "utf8")
            await handle.sync()
          } finally {
            await handle.close()
          }
          if (options.backup) {
            await fs.copyFile(file, `${file}.bak`).then(
              () => fs.chmod(`${file}.bak`, 0o600),
              (error) => {
                if (codeOf(error) !== "ENOENT") throw error
              }
            )
          }
          const lost = await lostLock(held)
          if (lost !== undefined) throw new Refused(`${lost}; nothing was written, try again`)
          await fs.rename(tmp, target)
        } catch (error) {
          await fs.rm(tmp, { force: true })
          throw error
        }
      },
      catch: targetError(file, "write")
    })
  })

/**
 * Why the bytes of a file cannot be taken as its content for an update, if they cannot: it is empty (the
 * reference CLI truncates, then writes, so another process can catch it empty for a moment) or not UTF-8 (its
 * other bytes would not survive a rewrite).
 */
const unusableBytes = (bytes: Buffer): string | undefined => {
  if (bytes.toString("latin1").trim() === "")
    return "it is empty (another program may be writing it); it was not overwritten. Try again; if it stays empty, restore it from a backup (its .bak, if there is one) or delete it"
  if (isUtf8(bytes)) return undefined
  // Bytes up to the first invalid one come back from a decode-encode round trip unchanged.
  const roundTrip = Buffer.from(bytes.toString("utf8"), "utf8")
  let offset = 0
  while (bytes[offset] === roundTrip[offset]) offset++
  return `it is not valid UTF-8 (byte ${offset} is 0x${bytes[offset]?.toString(16).padStart(2, "0")}), and a rewrite would not keep its bytes as they are; nothing was written. Save it as UTF-8`
}

/** A file seen mid-write by another program: empty, not UTF-8 yet, or not parsable yet. Read again. */
class Unsettled<E> {
  constructor(readonly error: E) {}
}

/** Each attempt reads again: 30, 60, 120, 240, 480 ms apart, about 1 s in all. */
const SETTLE_RETRIES = Schedule.exponential("30 millis", 2).pipe(Schedule.intersect(Schedule.recurs(5)))

/**
 * Reads `file` for a read-modify-write, under its lock: `parse(undefined)` when it does not exist, else
 * `parse(text)`. A file that is empty, not UTF-8, or that `parse` rejects is read again for about a second
 * (another program may be half-way through writing it), then the last error is returned: it is never handed
 * on as an empty document, so the write that follows cannot replace what it holds.
 */
export const readForUpdate = <A, E, R>(
  file: string,
  parse: (text: string | undefined) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | StateFileError, R> => {
  const attempt: Effect.Effect<A, StateFileError | Unsettled<E | StateFileError>, R> = Effect.gen(
    function* () {
      const bytes = yield* Effect.tryPromise({
        try: () => readBytesIfExists(file),
        catch: fileError(file, "read")
      })
      if (bytes === undefined)
        return yield* Effect.mapError(parse(undefined), (error) => new Unsettled(error))
      const unusable = unusableBytes(bytes)
      if (unusable !== undefined)
        return yield* Effect.fail(
          new Unsettled(new StateFileError({ path: file, operation: "update", reason: unusable }))
        )
      return yield* Effect.mapError(parse(bytes.toString("utf8")), (error) => new Unsettled(error))
    }
  )
  return attempt.pipe(
    Effect.retry({ schedule: SETTLE_RETRIES, while: (error) => error instanceof Unsettled }),
    Effect.catchIf(
      (error): error is Unsettled<E | StateFileError> => error instanceof Unsettled,
      (unsettled) => Effect.fail(unsettled.error)
    )
  )
}
