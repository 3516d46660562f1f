/**
 * `npm run fake-provider` (issue 13 item 10): the printed instructions work as written — the config and profiles
 * it prints let `status --probe` and `scan` run against it, with no real key and no network beyond loopback.
 */
import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { tempStateForTest } from "../support/tempState.js"

const SCRIPT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "scripts",
  "fake-provider.mjs"
)

let child: ChildProcess
let printed = ""
beforeAll(async () => {
  child = spawn(process.execPath, [SCRIPT], { stdio: ["ignore", "pipe", "pipe"] })
  child.stdout!.on("data", (chunk: Buffer) => {
    printed += chunk.toString("utf8")
  })
  const deadline = Date.now() + 60_000
  // the JSON blocks come before this line, so once it is complete they are too
  while (!/models status --probe[^\n]*\n/.test(printed) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  expect(printed).toContain("models status --probe")
}, 90_000)
afterAll(() => {
  child.kill("SIGTERM")
})

/** The two JSON documents the script prints in its `cat > … <<'JSON'` blocks: config, then auth profiles. */
const printedDocuments = () => {
  const blocks = [...printed.matchAll(/<<'JSON'\n([\s\S]*?)\nJSON/g)].map((match) => JSON.parse(match[1]!))
  expect(blocks).toHaveLength(2)
  return { config: blocks[0], profiles: blocks[1] }
}

describe("npm run fake-provider", () => {
  it("prints a config that `scan` can use: its OpenRouter serves the catalog and answers the probes", async () => {
    const { config, profiles } = printedDocuments()
    const state = tempStateForTest()
    state.writeConfig(config)
    state.writeAuth(profiles)
    fs.chmodSync(state.authPath, 0o600)
    const result = await state.run(["models", "scan", "--json", "--max-candidates", "3", "--timeout", "5000"])
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
    const report = JSON.parse(result.stdout)
    expect(report.results.length).toBeGreaterThan(0)
    expect(report.results.some((entry: any) => entry.tool?.ok === true)).toBe(true)
  })

  it("prints a config that `status --probe` can use", async () => {
    const { config, profiles } = printedDocuments()
    const state = tempStateForTest()
    state.writeConfig(config)
    state.writeAuth(profiles)
    const result = await state.run(["models", "status", "--probe", "--json", "--probe-timeout", "2000"])
    expect(result.code).toBe(0)
    const statuses = JSON.parse(result.stdout).auth.probes.results.map((r: any) => `${r.label} ${r.status}`)
    expect(statuses).toEqual(expect.arrayContaining(["anthropic:default ok", "openrouter:default ok"]))
  })
})
