// Writes a V8 code cache for the launcher's bundle that runs other code: a same-length source whose only effect
// is writing `marker`. V8 checks a cache against the source's length (and the V8 flags and version), not its
// text, so the launcher runs this code if it trusts the file. Used by test/e2e/launcher.test.ts to prove a cache
// it must not trust is not used.
//
//   node test/support/poisonCodeCache.mjs <bundle> <cache file to write> <marker path>
import * as fs from "node:fs"
import * as v8 from "node:v8"
import * as vm from "node:vm"

const [bundle, out, marker] = process.argv.slice(2)
if (!bundle || !out || !marker) throw new Error("usage: poisonCodeCache.mjs <bundle> <out> <marker>")

// Same wrapper and the same V8 flags as bin/clawdbot (the flags are part of the cache's check).
const head = "(function (exports, require, module, __filename, __dirname) {"
const real = `${head}${fs.readFileSync(bundle, "latin1")}\n})`
const payload = `${head}require("node:fs").writeFileSync(${JSON.stringify(marker)}, "poisoned code ran")\n/*`
const tail = "*/})"
const padding = real.length - payload.length - tail.length
if (padding < 0) throw new Error("bundle too small to poison")
const poisoned = `${payload}${" ".repeat(padding)}${tail}`

v8.setFlagsFromString("--no-opt --no-sparkplug --semi-space-growth-factor=1 --verify-snapshot-checksum")
const script = new vm.Script(poisoned, { filename: bundle })
// Compile the wrapper function too, so the cache holds its code rather than a lazy stub.
script.runInThisContext()({}, () => ({ writeFileSync: () => undefined }), {}, bundle, "")
fs.writeFileSync(out, script.createCachedData(), { mode: 0o600 })
