// Probe fan-out benchmark (issue 3): `node bench/probe.mjs [--runs 5]` after `npm run build`.
// Runs the built bin/clawdbot against the fake provider (test/support/fakeProvider.ts) on 127.0.0.1:
//   A. 40 targets, 300 ms provider latency, --probe-concurrency 8: ideal ⌈40/8⌉ × 300 ms = 1.5 s (target ≤ 1.15×)
//   B. 1 hanging target, --probe-timeout 500: target ≤ 600 ms plus start-up
//   C. the reference's case: 5 mixed targets (ok, 429, hang, 401, 529), --probe-timeout 1200 --probe-concurrency 2
// "probe" = the summary's durationMs (fan-out only); "wall" = the whole process, start-up included.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { loadFakeProvider } from "../scripts/lib/loadFakeProvider.mjs"
import { median, runClawdbot as run } from "./lib.mjs"

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } })
const RUNS = Number(values.runs)
const state = (fakeUrl, profiles) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-bench-"))
  const stateDir = path.join(root, "state")
  const agentDir = path.join(stateDir, "agents", "main", "agent")
  fs.mkdirSync(agentDir, { recursive: true })
  fs.mkdirSync(path.join(root, "home"))
  fs.writeFileSync(
    path.join(stateDir, "clawdbot.json"),
    JSON.stringify({
      models: {
        providers: {
          anthropic: { baseUrl: fakeUrl },
          openai: { baseUrl: `${fakeUrl}/v1` },
          google: { baseUrl: `${fakeUrl}/v1beta` },
          openrouter: { baseUrl: `${fakeUrl}/api/v1` }
        }
      }
    })
  )
  fs.writeFileSync(path.join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles }), {
    mode: 0o600
  })
  return { root, env: { HOME: path.join(root, "home"), CLAWDBOT_STATE_DIR: stateDir } }
}

const scenario = async (name, fakeUrl, profiles, args, check) => {
  const { root, env } = state(fakeUrl, profiles)
  const probe = []
  const wall = []
  const base = []
  try {
    await run(["models", "status", "--json"], env) // warm the V8 code cache
    for (let i = 0; i < RUNS; i++) {
      base.push((await run(["models", "status", "--json"], env)).wallMs)
      const result = await run(["models", "status", "--probe", "--json", ...args], env)
      if (result.code !== 0) throw new Error(`${name}: exit ${result.code}`)
      const summary = JSON.parse(result.stdout).auth.probes
      check(summary)
      probe.push(summary.durationMs)
      wall.push(result.wallMs)
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
  return {
    name,
    probe: median(probe),
    wall: median(wall),
    startup: median(base),
    probeAll: probe,
    wallAll: wall
  }
}

const { startFakeProvider } = await loadFakeProvider()
const PROTOCOLS = [
  ["anthropic", "sk-ant-api03"],
  ["openai", "sk-proj"],
  ["google", "AIza"],
  ["openrouter", "sk-or-v1"]
]
const fanOutProfiles = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => {
    const [provider, prefix] = PROTOCOLS[i % PROTOCOLS.length]
    return [
      `${provider}:k${String(i).padStart(2, "0")}`,
      { type: "api_key", provider, key: `${prefix}-fake-ok-${i}xxxxxxxxxx` }
    ]
  })
)

const slowFake = await startFakeProvider({ latencyMs: 300 })
const fakeFast = await startFakeProvider()
const results = []
try {
  results.push(
    await scenario(
      "A: 40 targets, 300 ms latency, concurrency 8",
      slowFake.url,
      fanOutProfiles,
      ["--probe-concurrency", "8"],
      (s) => {
        if (s.totalTargets !== 40 || s.results.some((r) => r.status !== "ok"))
          throw new Error("A: not 40 ok results")
        if (slowFake.maxInFlight() > 8) throw new Error(`A: ${slowFake.maxInFlight()} in flight`)
      }
    )
  )
  results.push(
    await scenario(
      "B: 1 hanging target, --probe-timeout 500",
      fakeFast.url,
      { "openai:hang": { type: "api_key", provider: "openai", key: "sk-fake-hang-xxxxxxxxxx" } },
      ["--probe-timeout", "500"],
      (s) => {
        if (s.results[0].status !== "timeout") throw new Error("B: not a timeout")
      }
    )
  )
  const mixed = ["ok", "429", "hang", "401", "529"].map((mode, i) => [
    `openai:${i}-${mode}`,
    { type: "api_key", provider: "openai", key: `sk-fake-${mode}-xxxxxxxxxx` }
  ])
  results.push(
    await scenario(
      "C: 5 mixed (ok, 429, hang, 401, 529), timeout 1200, concurrency 2",
      fakeFast.url,
      Object.fromEntries(mixed),
      ["--probe-timeout", "1200", "--probe-concurrency", "2"],
      (s) => {
        const statuses = s.results.map((r) => r.status).join(",")
        if (statuses !== "ok,rate_limit,timeout,auth,rate_limit") throw new Error(`C: ${statuses}`)
      }
    )
  )
} finally {
  await slowFake.close()
  await fakeFast.close()
}

console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${RUNS} runs each, medians (ms)\n`)
console.log("| scenario | probe fan-out | process wall | status --json start-up |")
console.log("|---|---|---|---|")
for (const r of results)
  console.log(`| ${r.name} | ${Math.round(r.probe)} | ${Math.round(r.wall)} | ${Math.round(r.startup)} |`)
const a = results[0]
console.log(
  `\nA: fan-out / ideal 1500 ms = ${(a.probe / 1500).toFixed(3)}× (target ≤ 1.15×); wall − start-up = ${Math.round(a.wall - a.startup)} ms`
)
const b = results[1]
console.log(
  `B: fan-out ${Math.round(b.probe)} ms (target ≤ 600 ms); wall ${Math.round(b.wall)} ms = start-up ${Math.round(b.startup)} + ${Math.round(b.wall - b.startup)}`
)
console.log(
  `C: wall ${Math.round(results[2].wall)} ms (reference: 6100 ms, with the 429 and the hang misclassified as unknown)`
)
