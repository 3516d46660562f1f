// `models scan` benchmark (issue 4): `node bench/scan.mjs [--runs 5] [--latency 200] [--concurrency 6]` after
// `npm run build`. Runs the built bin/clawdbot against the fake OpenRouter (test/support/fakeOpenRouter.mjs) on
// 127.0.0.1, serving the real 371-model catalog (33 free: 33 tool probes + 11 image probes; `--max-probes 1000`
// so every free model is probed, not the default 4 × --max-candidates).
//   scan   = first probe request in to last answer out, measured at the server (the fan-out alone)
//   wall   = the whole `models scan --yes --json` process, start-up, catalog fetch and config write included
//   ideal  = ⌈requests / concurrency⌉ × latency (every slot busy, requests are whole); "in-order ideal" = what a
//            pool taking models in probe order can do at best (each model: tool probe, then its image probe)
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { startFakeOpenRouter } from "../test/support/fakeOpenRouter.mjs"
import { median, runClawdbot as run } from "./lib.mjs"

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    latency: { type: "string", default: "200" },
    concurrency: { type: "string", default: "6" }
  }
})
const RUNS = Number(values.runs)
const LATENCY = Number(values.latency)
const CONCURRENCY = Number(values.concurrency)
const tempState = (baseUrl) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-bench-scan-"))
  const stateDir = path.join(root, "state")
  fs.mkdirSync(stateDir, { recursive: true })
  fs.mkdirSync(path.join(root, "home"))
  fs.writeFileSync(
    path.join(stateDir, "clawdbot.json"),
    JSON.stringify({ models: { providers: { openrouter: { baseUrl } } } })
  )
  return { root, env: { HOME: path.join(root, "home"), CLAWDBOT_STATE_DIR: stateDir } }
}

/** Greedy pool over models in order: each job takes `durations[i]`; returns the makespan. */
const inOrderMakespan = (durations, slots) => {
  const free = Array.from({ length: slots }, () => 0)
  for (const duration of durations) {
    free.sort((a, b) => a - b)
    free[0] += duration
  }
  return Math.max(...free)
}

const fake = await startFakeOpenRouter({ latencyMs: LATENCY })
try {
  const scans = []
  const walls = []
  const baselines = []
  let probes
  for (let i = 0; i < RUNS; i++) {
    const state = tempState(fake.baseUrl)
    fake.reset()
    const result = await run(
      ["models", "scan", "--yes", "--json", "--max-probes", "1000", "--concurrency", String(CONCURRENCY)],
      { ...state.env, OPENROUTER_API_KEY: fake.apiKey }
    )
    if (result.code !== 0) throw new Error(`scan failed (${result.code}): ${result.stderr}`)
    const chats = fake.requests.filter((request) => request.kind !== "models")
    const first = Math.min(...chats.map((request) => request.startedAt))
    const last = Math.max(...chats.map((request) => request.finishedAt))
    scans.push(last - first)
    walls.push(result.wallMs)
    if (probes === undefined) {
      const doc = JSON.parse(result.stdout)
      probes = {
        models: doc.results.length,
        tool: chats.filter((request) => request.kind === "tool").length,
        image: chats.filter((request) => request.kind === "image").length,
        maxInFlight: fake.maxInFlight(),
        // in the order the scan probes them: image models take two requests
        durations: fake.requests
          .filter((request) => request.kind === "tool")
          .map((request) =>
            chats.some((other) => other.kind === "image" && other.body.model === request.body.model)
              ? 2 * LATENCY
              : LATENCY
          )
      }
    }
    const baseline = await run(["models", "scan", "--no-probe", "--json"], state.env)
    baselines.push(baseline.wallMs)
    fs.rmSync(state.root, { recursive: true, force: true })
  }
  const ideal = Math.ceil((probes.tool + probes.image) / CONCURRENCY) * LATENCY
  const inOrder = inOrderMakespan(probes.durations, CONCURRENCY)
  const scan = median(scans)
  const out = {
    node: process.version,
    runs: RUNS,
    latencyMs: LATENCY,
    concurrency: CONCURRENCY,
    catalog: 371,
    probedModels: probes.models,
    requests: { tool: probes.tool, image: probes.image },
    maxInFlight: probes.maxInFlight,
    idealMs: Math.round(ideal),
    inOrderIdealMs: inOrder,
    scanMs: {
      median: Math.round(scan),
      min: Math.round(Math.min(...scans)),
      max: Math.round(Math.max(...scans))
    },
    scanOverIdeal: Number((scan / ideal).toFixed(3)),
    scanOverInOrderIdeal: Number((scan / inOrder).toFixed(3)),
    wallMs: { median: Math.round(median(walls)), min: Math.round(Math.min(...walls)) },
    noProbeWallMs: { median: Math.round(median(baselines)), min: Math.round(Math.min(...baselines)) }
  }
  console.log(JSON.stringify(out, null, 2))
} finally {
  await fake.close()
}
