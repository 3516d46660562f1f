/** Fake executables (`claude`, `security`, ...) in a temp dir that goes first on a child's PATH. */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs"
import * as path from "node:path"

/** PATH for a child: `dir` first, then node's own dir and the system dirs (for `sh`, `script`). */
export const pathWith = (dir: string | undefined) =>
  [dir, path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].filter(Boolean).join(":")

/** Writes `<dir>/<name>` as an executable `sh` script. */
export const fakeBin = (dir: string, name: string, script: string) => {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  writeFileSync(file, `#!/bin/sh\n${script}\n`)
  chmodSync(file, 0o755)
  return file
}
