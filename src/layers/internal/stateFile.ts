/**
 * File primitives shared by the state stores: a cross-process lock, a careful read for an update, and an
 * atomic write. proper-lockfile (the lock the reference CLI uses, so both tools exclude each other) holds
 * `<file>.lock`; it is imported on first lock, so read-only commands never load it (nor graceful-fs, which
 * patches `fs` on load).
 *
 * A write is always: `withFileLock(file, …readForUpdate(file, parse)… writeAtomic(file, text))`. The lock
 * refuses a target that is not a regular file before anything is read or created; the read refuses a file it
 * could not fully understand (so it is never overwritten as if empty); the write replaces the file by rename.
 */
import { isUtf8 } from "node:buffer"
import { randomUUID } from "node:crypto"
import type * as nodeFs from "node:fs"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
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
 * A writer holds the lock for milliseconds (read, parse, write, fsync, rename), and refreshes its mtime every
 * `STALE_MS / 2` while it does. A lock older than `STALE_MS` belongs to a process that died holding it
 * (SIGKILL, power loss); waiting writers take it over. The retries wait longer than that, so a dead lock
 * delays the next command by at most `STALE_MS` instead of failing it, and 12 writers at once on 2 cores
 * all get their turn. (The reference CLI uses 30 s; at 30 s every command failed for half a minute after
 * a killed write.)
 */
const STALE_MS = 10_000
const RETRIES = { retries: 70, factor: 1.2, minTimeout: 10, maxTimeout: 400, randomize: true } // 22-44 s in all

/**
 * Runs `use` while holding the cross-process lock `<file>.lock` (the dir must exist). A target that is not a
 * regular file is refused first, so nothing is read from a FIFO or created next to a device.
 */
export const withFileLock = <A, E, R>(file: string, use: Effect.Effect<A, E, R>) =>
  Effect.tryPromise({ try: () => writeTarget(file), catch: targetError(file, "write") }).pipe(
    Effect.zipRight(
      Effect.acquireUseRelease(
        Effect.tryPromise({
          try: async () =>
            (await import("proper-lockfile")).lock(file, {
              realpath: false,
              lockfilePath: `${file}.lock`,
              stale: STALE_MS,
              retries: RETRIES,
              onCompromised: () => {
                // Only if we stalled > STALE_MS; the atomic rename still keeps the file whole.
              }
            }),
          catch: fileError(file, "lock")
        }),
        () => use,
        (release) => Effect.promise(() => release().catch(() => undefined))
      )
    )
  )

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
 * Writes `text` to `file` atomically (call it under `withFileLock`): a 0600 temp file in the target's dir,
 * fsync, the current file copied to `<file>.bak` (one backup), then rename over the target (through a
 * symlink, not over it). A crash at any point leaves the old or the new file.
 */
export const writeAtomic = (file: string, text: string, options: { readonly backup: boolean }) =>
  Effect.tryPromise({
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
        await fs.rename(tmp, target)
      } catch (error) {
        await fs.rm(tmp, { force: true })
        throw error
      }
    },
    catch: targetError(file, "write")
  })

/**
 * Why the bytes of a file cannot be taken as its content for an update, if they cannot: it is empty (the
 * reference CLI truncates, then writes, so another process can catch it empty for a moment) or not UTF-8 (its
 * other bytes would not survive a rewrite).
 */
const unusableBytes = (bytes: Buffer): string | undefined => {
  if (bytes.toString("latin1").trim() === "")
    return "it is empty (another program may be writing it); it was not overwritten. Try again; if it stays empty, restore it from its .bak or delete it"
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
