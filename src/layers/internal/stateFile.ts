/**
 * File primitives shared by the state stores: a cross-process lock and an atomic write.
 * proper-lockfile (the lock the reference CLI uses, so both tools exclude each other) holds `<file>.lock`; it is
 * imported on first lock, so read-only commands never load it (nor graceful-fs, which patches `fs` on load).
 */
import { randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import * as Effect from "effect/Effect"
import { StateFileError } from "../../domain/errors.js"

const reasonOf = (error: unknown): string => {
  const code = (error as { code?: string }).code
  if (code === "ELOCKED") return "another clawdbot process holds the lock; try again"
  if (code === "EACCES" || code === "EPERM") return "permission denied"
  if (code === "ENOSPC") return "no space left on device"
  return error instanceof Error ? error.message : String(error)
}

export const fileError = (file: string, operation: string) => (error: unknown) =>
  new StateFileError({ path: file, operation, reason: reasonOf(error) })

/** Reads a file as UTF-8; `undefined` when it does not exist. */
export const readIfExists = (file: string) =>
  Effect.tryPromise({
    try: async () => {
      try {
        return await fs.readFile(file, "utf8")
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return undefined
        throw error
      }
    },
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

/** Runs `use` while holding the cross-process lock `<file>.lock` (the dir must exist). */
export const withFileLock = <A, E, R>(file: string, use: Effect.Effect<A, E, R>) =>
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

/** The file a write replaces: a symlinked file (a dotfiles repo) is written through, the link kept. */
const writeTarget = (file: string) =>
  fs.realpath(file).catch((error) => {
    if ((error as { code?: string }).code === "ENOENT") return file
    throw error
  })

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
 * Writes `text` to `file` atomically (call it under `withFileLock`): a 0600 temp file in the same dir, fsync, the current file copied to
 * `<file>.bak` (one backup), then rename over the target (through a symlink, not over it). A crash at any
 * point leaves the old or the new file.
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
              if ((error as { code?: string }).code !== "ENOENT") throw error
            }
          )
        }
        await fs.rename(tmp, target)
      } catch (error) {
        await fs.rm(tmp, { force: true })
        throw error
      }
    },
    catch: fileError(file, "write")
  })
