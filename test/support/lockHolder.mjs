// Another process on the same file, locking it the way the reference CLI does (proper-lockfile on `<file>.lock`,
// its refresh every stale/2) and then updating it the reference's way (read, then a plain non-atomic write).
// Used by test/hostile/files.test.ts and test/layers/stateFile.test.ts.
//
//   node lockHolder.mjs '<json>'   with { file, staleMs, waitMs?, holdMs, write?, doneFile? }
//
// Waits up to waitMs (default 0) for the lock, prints "locked <epoch ms>", holds it holdMs, then (with `write`)
// sets `file` to `write(current text)`: a JSON object merged into the store's `profiles`, or a plain string
// that replaces the text. Prints "released <epoch ms>" after releasing, and touches doneFile if given.
import * as fs from "node:fs"
import lockfile from "proper-lockfile"

const options = JSON.parse(process.argv[2])
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const deadline = Date.now() + (options.waitMs ?? 0)
let release
for (;;) {
  try {
    release = await lockfile.lock(options.file, { realpath: false, stale: options.staleMs })
    break
  } catch (error) {
    if (error.code !== "ELOCKED" || Date.now() > deadline) throw error
    await sleep(50)
  }
}
process.stdout.write(`locked ${Date.now()}\n`)
const before = fs.existsSync(options.file) ? fs.readFileSync(options.file, "utf8") : undefined
await sleep(options.holdMs)
if (typeof options.write === "string") fs.writeFileSync(options.file, options.write)
else if (options.write !== undefined) {
  const store = before === undefined ? { version: 1, profiles: {} } : JSON.parse(before)
  store.profiles = { ...store.profiles, ...options.write }
  fs.writeFileSync(options.file, `${JSON.stringify(store, null, 2)}\n`)
}
await release()
process.stdout.write(`released ${Date.now()}\n`)
if (options.doneFile) fs.writeFileSync(options.doneFile, "")
