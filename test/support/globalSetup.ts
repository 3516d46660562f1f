/**
 * Vitest global setup: rebuild the bundle before any test runs. Sixteen suites spawn `bin/clawdbot`, which runs
 * dist/; without this a bug in src/ passes them whenever the last build predates it (`npx vitest run` alone).
 * The JS build takes under a second (the declarations, ~10 s, are left to `npm run build` and `npm pack`).
 */
import { execFileSync } from "node:child_process"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export default function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
  execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--skip-types"], {
    cwd: root,
    stdio: "inherit"
  })
}
