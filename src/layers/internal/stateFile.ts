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

/** Creates `dir` (and parents) with mode 0700; with `tighten`, an existing dir is chmod-ed to 0700 too. */
export const ensurePrivateDir = (dir: string, tighten: boolean) =>
  Effect.tryPromise({
    try: async () => {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 })
      if (tighten) await fs.chmod(dir, 0o700)
    },
    catch: fileError(dir, "create directory")
  })

/** Runs `use` while holding the cross-process lock `<file>.lock` (the dir must exist). */
export const withFileLock = <A, E, R>(file: string, use: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.tryPromise({
      try: async () =>
        (await import("proper-lockfile")).lock(file, {
          realpath: false,
          lockfilePath: `${file}.lock`,
          stale: 30_000,
          retries: { retries: 40, factor: 1.3, minTimeout: 20, maxTimeout: 500, randomize: true },
          onCompromised: () => {
            // A lock is compromised only if we stalled > 30 s; the atomic rename still keeps the file whole.
          }
        }),
      catch: fileError(file, "lock")
    }),
    () => use,
    (release) => Effect.promise(() => release().catch(() => undefined))
  )

/**
 * Writes `text` to `file` atomically: a 0600 temp file in the same dir, fsync, the current file copied to
 * `<file>.bak` (one backup), then rename over the target. A crash at any point leaves the old or the new file.
 */
export const writeAtomic = (file: string, text: string, options: { readonly backup: boolean }) =>
  Effect.tryPromise({
    try: async () => {
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID()}.tmp`)
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
        await fs.rename(tmp, file)
      } catch (error) {
        await fs.rm(tmp, { force: true })
        throw error
      }
    },
    catch: fileError(file, "write")
  })
