/**
 * End-to-end: the legacy stores (spec §1.4, issue 11 item 6) through `bin/clawdbot` on a temp state. Run
 * `node scripts/build.mjs` first (vitest's global setup does).
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { runCli } from "../support/runCli.js"
import { tempStateForTest } from "../support/tempState.js"

const KEY = "sk-proj-legacyE2E-SECRET-0123456789abcdef"

describe("legacy auth stores, end to end", () => {
  it("status --json imports a lone auth.json as openai:default; afterwards only auth-profiles.json is there", async () => {
    const state = tempStateForTest()
    fs.mkdirSync(state.agentDir, { recursive: true })
    fs.writeFileSync(
      path.join(state.agentDir, "auth.json"),
      JSON.stringify({ openai: { type: "api_key", key: KEY } })
    )
    const result = await state.run(["models", "status", "--json"])
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    const openai = JSON.parse(result.stdout).auth.providers.find(
      (entry: { provider: string }) => entry.provider === "openai"
    )
    expect(openai.profiles.labels).toEqual([expect.stringMatching(/^openai:default=/)])
    expect(result.stdout).not.toContain(KEY)
    expect(fs.readdirSync(state.agentDir)).toEqual(["auth-profiles.json"])
    expect(JSON.parse(fs.readFileSync(state.authPath, "utf8")).profiles["openai:default"]).toEqual({
      type: "api_key",
      provider: "openai",
      key: KEY
    })
    // A second run reads the new store: same answer, nothing to import.
    const again = await state.run(["models", "list", "--json"])
    expect(again.code).toBe(0)
    expect(fs.readdirSync(state.agentDir)).toEqual(["auth-profiles.json"])
  })

  it("an auth.json that is a FIFO neither hangs status nor is touched: one warning, nothing written", async () => {
    const state = tempStateForTest()
    fs.mkdirSync(state.agentDir, { recursive: true })
    const legacy = path.join(state.agentDir, "auth.json")
    execFileSync("mkfifo", [legacy])
    const result = await runCli(["models", "status", "--json"], { env: state.env, timeoutMs: 60_000 })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(
      `Warning: the legacy auth store ${legacy} was not imported: it is a named pipe (FIFO), not a regular file. It was left as it is; fix or move it.\n`
    )
    expect(JSON.parse(result.stdout).auth.providers).toEqual([])
    expect(fs.readdirSync(state.agentDir)).toEqual(["auth.json"])
    expect(fs.lstatSync(legacy).isFIFO()).toBe(true)
  })
})
