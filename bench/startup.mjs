#!/usr/bin/env node
// Start-up benchmark: `bin/clawdbot models status --plain` against the floor `node -e 0`.
//
//   npm run bench:startup [-- --runs 30 --warmup 3 --json]
//
// Pure Node so it runs anywhere. Each command runs in a fresh process against a temp HOME/CLAWDBOT_STATE_DIR
// holding a small realistic config (JSON5 with comments) and auth-profiles.json. Runs are interleaved
// (floor, cli, floor, cli, ...) so machine noise hits both alike; medians and the ratio to the floor are
// reported. Peak RSS comes from separate runs under `/usr/bin/time -f %M` when present, else from a
// `--require` preload that records `process.resourceUsage().maxRSS` at exit (so timing runs stay unwrapped).
// Extra rows (not part of the target): the CLI with its V8 code cache disabled, its text `status`, and any
// `--compare <other bin/clawdbot>` (e.g. a launcher or build under trial).

import { spawn, spawnSync } from "node:child_process"
import { once } from "node:events"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { fixtureEnv, makeFixture } from "./fixture.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    "rss-runs": { type: "string", default: "10" },
    json: { type: "boolean", default: false },
    bin: { type: "string", default: path.join(root, "bin", "clawdbot") },
    compare: { type: "string", multiple: true, default: [] },
    help: { type: "boolean", short: "h", default: false }
  }
})
if (opts.help) {
  console.log(
    "usage: node bench/startup.mjs [--runs N] [--warmup N] [--rss-runs N] [--json] [--bin path/to/clawdbot] [--compare other/bin/clawdbot]..."
  )
  process.exit(0)
}
const positive = (name) => {
  const n = Number(opts[name])
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, got ${JSON.stringify(opts[name])}`)
    process.exit(2)
  }
  return n
}
const runs = positive("runs")
const warmup = Number(opts.warmup) >= 0 ? Number(opts.warmup) : positive("warmup")
const rssRuns = positive("rss-runs")

const bin = path.resolve(opts.bin)
const others = opts.compare.map((p) => path.resolve(p))
for (const b of [bin, ...others]) {
  if (!existsSync(path.join(path.dirname(b), "..", "dist", "clawdbot.cjs"))) {
    console.error(
      `${path.relative(process.cwd(), b)}: its dist/clawdbot.cjs is missing: run \`npm run build\` first.`
    )
    process.exit(1)
  }
}

const home = makeFixture()
const stateDir = path.join(home, ".clawdbot")

// The fixture's Anthropic token makes the text `status` ask for usage: that request goes to a local server.
const usageServer = spawn(process.execPath, [path.join(root, "bench", "usageServer.mjs")], {
  stdio: ["ignore", "pipe", "inherit"]
})
const [usageUrl] = await once(usageServer.stdout, "data")
// Neither the child nor its pipe may keep the bench alive once the measuring is done; it is killed at exit.
usageServer.stdout.destroy()
usageServer.unref()
process.on("exit", () => usageServer.kill())

const env = {
  ...process.env,
  HOME: home,
  CLAWDBOT_STATE_DIR: stateDir,
  CLAWDBOT_USAGE_URL_ANTHROPIC: String(usageUrl).trim(),
  ...fixtureEnv
}
for (const key of ["XDG_CACHE_HOME", "CLAWDBOT_CONFIG_PATH", "CLAWDBOT_AGENT_DIR", "PI_CODING_AGENT_DIR"]) {
  delete env[key]
}
for (const key of Object.keys(env)) {
  // Only the local usage server above: no endpoint of the user's own environment reaches the bench.
  if (key.startsWith("CLAWDBOT_USAGE_URL_") && key !== "CLAWDBOT_USAGE_URL_ANTHROPIC") delete env[key]
  if (key.startsWith("CLAWDBOT_OAUTH_TOKEN_URL_")) delete env[key]
}

// The CLI is run as a user runs it: the executable itself (shebang), not `node <file>`.
const commands = [
  { name: "node -e 0", argv: [process.execPath, "-e", "0"], env },
  { name: "clawdbot models status --plain", argv: [bin, "models", "status", "--plain"], env },
  {
    name: "  same, no code cache",
    argv: [bin, "models", "status", "--plain"],
    env: { ...env, CLAWDBOT_NO_CODE_CACHE: "1" }
  },
  { name: "clawdbot models status", argv: [bin, "models", "status"], env },
  ...others.map((other) => ({
    name: `  status --plain, ${path.relative(process.cwd(), other)}`,
    argv: [other, "models", "status", "--plain"],
    env
  }))
]

const runOnce = (command) => {
  const started = process.hrtime.bigint()
  const result = spawnSync(command.argv[0], command.argv.slice(1), { env: command.env, encoding: "utf8" })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) {
    console.error(`${command.name} exited ${result.status}:\n${result.stderr}`)
    process.exit(1)
  }
  return { ms, stdout: result.stdout }
}

// --- timing ----------------------------------------------------------------------------------------------
const plainOut = runOnce(commands[1]).stdout.trim()
if (plainOut !== "anthropic/claude-opus-4-5") {
  console.error(`unexpected \`status --plain\` output: ${JSON.stringify(plainOut)}`)
  process.exit(1)
}
for (let i = 0; i < warmup; i++) for (const command of commands) runOnce(command)
const samples = commands.map(() => [])
for (let i = 0; i < runs; i++) {
  commands.forEach((command, j) => {
    samples[j].push(runOnce(command).ms)
  })
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  const pos = (s.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo] + (s[hi] - s[lo]) * (pos - lo)
}

// --- peak RSS and CPU time ------------------------------------------------------------------------------
// CPU time (user + system, whole process life, from getrusage at exit) is far steadier than wall time on a
// busy machine, so it is reported too. The probe is a `--require` preload, so the CLI runs as `node <bin>`.
const gnuTime = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p))
const probeDir = mkdtempSync(path.join(os.tmpdir(), "clawdbot-bench-rss-"))
const probe = path.join(probeDir, "rss-probe.cjs")
writeFileSync(
  probe,
  `process.once("exit", () => { const u = process.resourceUsage(); require("node:fs").writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ maxRSS: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime })) })\n`
)
const probeOut = path.join(probeDir, "out.json")
const probed = (command) => {
  const argv = command.argv[0] === process.execPath ? command.argv.slice(1) : command.argv
  spawnSync(process.execPath, ["--require", probe, ...argv], {
    env: { ...command.env, BENCH_PROBE_OUT: probeOut }
  })
  return JSON.parse(readFileSync(probeOut, "utf8"))
}
const rssKiB = (command) => {
  if (!gnuTime) return probed(command).maxRSS
  const result = spawnSync(gnuTime, ["-f", "%M", ...command.argv], { env: command.env, encoding: "utf8" })
  return Number(result.stderr.trim().split("\n").at(-1))
}
const rss = commands.map(() => [])
const cpuMs = commands.map(() => [])
for (let i = 0; i < rssRuns; i++) {
  commands.forEach((command, j) => {
    rss[j].push(rssKiB(command) / 1024)
    cpuMs[j].push(probed(command).cpuUs / 1000)
  })
}
rmSync(probeDir, { recursive: true, force: true })
rmSync(home, { recursive: true, force: true })

// --- report ----------------------------------------------------------------------------------------------
const floorMedian = quantile(samples[0], 0.5)
const floorCpu = quantile(cpuMs[0], 0.5)
const rows = commands.map((command, j) => ({
  command: command.name.trim(),
  medianMs: quantile(samples[j], 0.5),
  p10Ms: quantile(samples[j], 0.1),
  p90Ms: quantile(samples[j], 0.9),
  ratio: quantile(samples[j], 0.5) / floorMedian,
  cpuMs: quantile(cpuMs[j], 0.5),
  cpuRatio: quantile(cpuMs[j], 0.5) / floorCpu,
  peakRssMiB: quantile(rss[j], 0.5)
}))
const cpu = os.cpus()[0]?.model ?? "unknown cpu"
const machine = {
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: `${cpu} (${os.cpus().length} cores)`,
  extraCaCerts: process.env.NODE_EXTRA_CA_CERTS ? "set" : "unset",
  runs,
  warmup,
  rssMethod: gnuTime
    ? `${gnuTime} -f %M (median of ${rssRuns})`
    : `process.resourceUsage().maxRSS (median of ${rssRuns})`,
  load: os.loadavg()[0].toFixed(1),
  date: new Date().toISOString()
}

if (opts.json) {
  console.log(JSON.stringify({ machine, rows }, null, 2))
} else {
  const target = rows[1]
  console.log(`| command | median ms | p10–p90 ms | ratio to \`node -e 0\` | CPU ms (ratio) | peak RSS MiB |`)
  console.log(`|---|---:|---:|---:|---:|---:|`)
  commands.forEach((command, j) => {
    const r = rows[j]
    const name = command.name.startsWith("  ") ? `↳ ${command.name.trim()}` : `\`${command.name}\``
    console.log(
      `| ${name} | ${r.medianMs.toFixed(1)} | ${r.p10Ms.toFixed(0)}–${r.p90Ms.toFixed(0)} | ${r.ratio.toFixed(2)}× | ${r.cpuMs.toFixed(0)} (${r.cpuRatio.toFixed(2)}×) | ${r.peakRssMiB.toFixed(1)} |`
    )
  })
  console.log()
  console.log(
    `Node ${machine.node}, ${machine.platform}, ${machine.cpu}, NODE_EXTRA_CA_CERTS ${machine.extraCaCerts}; ` +
      `${runs} interleaved runs after ${warmup} warm-ups; CPU (user+sys, getrusage) and RSS (${machine.rssMethod}) ` +
      `from ${rssRuns} more runs each; load average ${machine.load}; ${machine.date}`
  )
  const ok = target.ratio <= 2.5 && target.peakRssMiB <= 60
  console.log(
    `target (≤ 2.5× and ≤ 60 MiB): ${ok ? "met" : "NOT met"} — ${target.ratio.toFixed(2)}×, ${target.peakRssMiB.toFixed(1)} MiB`
  )
}
