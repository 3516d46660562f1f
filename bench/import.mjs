#!/usr/bin/env node
// Import cost of the library entry (issue 10 item 8): `import "clawdbot-models"` (the built dist/index.js, found
// through the package's own `exports`) against `import` of effect/Effect, effect/Layer and effect/Schema, the
// Effect core any host already pays for. Target: ≤ 1.35×.
//
//   npm run build && node bench/import.mjs [--runs 30] [--warmup 3] [--entry clawdbot-models/testing]... [--json]
//
// `--entry` may be given more than once (default: clawdbot-models), e.g. with the path of another build's
// dist/index.js to compare two builds in one interleaved run.
//
// Each import runs in a fresh `node --input-type=module` process; the three commands are interleaved so machine
// noise hits them alike. Wall time is a median; CPU time (user + system from getrusage at exit, steadier on a
// busy machine) a median too. `node -e 0` is listed as the floor both sit on.

import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { median } from "./lib.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    entry: { type: "string", multiple: true, default: ["clawdbot-models"] },
    json: { type: "boolean", default: false }
  }
})
const runs = Number(opts.runs)
const warmup = Number(opts.warmup)
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
  console.error("--runs must be a positive integer and --warmup a non-negative one")
  process.exit(2)
}
if (!existsSync(path.join(root, "dist", "index.js"))) {
  console.error("dist/index.js is missing: run `npm run build` first.")
  process.exit(1)
}

// Printed at exit by every timed process: its CPU time in microseconds.
const reportCpu =
  'process.once("exit", () => { const u = process.resourceUsage(); process.stdout.write(String(u.userCPUTime + u.systemCPUTime)) });'
const module = (imports) => [
  "--input-type=module",
  "-e",
  `${reportCpu}\n${imports.map((name) => `import ${JSON.stringify(name)}`).join("\n")}`
]
const commands = [
  { name: "node -e 0", argv: ["-e", reportCpu] },
  {
    name: "import effect/Effect, effect/Layer, effect/Schema",
    argv: module(["effect/Effect", "effect/Layer", "effect/Schema"])
  },
  ...opts.entry.map((entry) => ({ name: `import ${entry}`, argv: module([entry]) }))
]

const runOnce = (command) => {
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, command.argv, { cwd: root, encoding: "utf8" })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) {
    console.error(`${command.name} exited ${result.status}:\n${result.stderr}`)
    process.exit(1)
  }
  return { ms, cpuMs: Number(result.stdout) / 1000 }
}

for (let i = 0; i < warmup; i++) for (const command of commands) runOnce(command)
const wall = commands.map(() => [])
const cpu = commands.map(() => [])
for (let i = 0; i < runs; i++) {
  commands.forEach((command, j) => {
    const { ms, cpuMs } = runOnce(command)
    wall[j].push(ms)
    cpu[j].push(cpuMs)
  })
}

const core = 1
const rows = commands.map((command, j) => ({
  command: command.name,
  medianMs: median(wall[j]),
  vsEffectCore: median(wall[j]) / median(wall[core]),
  cpuMs: median(cpu[j]),
  cpuVsEffectCore: median(cpu[j]) / median(cpu[core])
}))
const machine = {
  node: process.version,
  cpu: `${os.cpus()[0]?.model ?? "unknown cpu"} (${os.cpus().length} cores)`,
  extraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? "set" : "unset",
  runs,
  load: os.loadavg()[0].toFixed(1),
  date: new Date().toISOString()
}
if (opts.json) {
  console.log(JSON.stringify({ machine, rows }, null, 2))
} else {
  console.log(
    Object.entries(machine)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")
  )
  for (const row of rows) {
    console.log(
      `${row.command.padEnd(52)} ${row.medianMs.toFixed(1).padStart(7)} ms ${row.vsEffectCore.toFixed(2).padStart(5)}×   CPU ${row.cpuMs.toFixed(0).padStart(4)} ms ${row.cpuVsEffectCore.toFixed(2).padStart(5)}×`
    )
  }
}
