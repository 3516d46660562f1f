/** The reference-rules reader the parity cases use must itself tell accepted from rejected configs. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { decodeAsReference, loadAsReference } from "./support/referenceConfig.js"

const write = (files: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-refcfg-"))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return { dir, main: path.join(dir, "clawdbot.json"), cleanup: () => fs.rmSync(dir, { recursive: true }) }
}

describe("decodeAsReference", () => {
  it("accepts a typical models config with sections it does not model", () => {
    const files = write({
      "clawdbot.json": `{ // comment
        agents: { defaults: { model: { primary: "a/b", fallbacks: [] }, models: { "a/b": { alias: "" } }, workspace: "~/clawd" } },
        auth: { profiles: { "a:default": { provider: "a", mode: "api_key" } }, order: { a: ["a:default"] } },
        channels: { telegram: {} }, meta: { lastTouchedAt: "2026-01-01T00:00:00Z" },
        env: { GROQ_API_KEY: "x", vars: { A: "b" } },
      }`
    })
    expect(decodeAsReference(files.main)).toEqual(Either.right(expect.anything()))
    files.cleanup()
  })

  it("rejects the keys the reference's strict schema rejects", () => {
    const files = write({
      "clawdbot.json": JSON.stringify({
        auth: { store: "keychain" },
        agents: { defaults: { models: { "a/b": { alias: "x", undefined: 1 } } } },
        nonsense: true
      })
    })
    const issues = Either.getLeft(decodeAsReference(files.main)).pipe((o) =>
      o._tag === "Some" ? o.value : []
    )
    expect(issues.join("\n")).toContain("auth.store")
    expect(issues.join("\n")).toContain("agents.defaults.models.a/b.undefined")
    expect(issues.join("\n")).toContain("nonsense")
    files.cleanup()
  })

  it("expands $include: nested, relative, siblings win, arrays concatenate, cycles are errors", () => {
    const files = write({
      "clawdbot.json": `{ agents: { $include: "./agents.json5", defaults: { model: { primary: "x/main" } } } }`,
      "agents.json5": `{ $include: ["./a.json5", "./b.json5"] }`,
      "a.json5": `{ defaults: { model: { primary: "x/a", fallbacks: ["x/1"] } } }`,
      "b.json5": `{ defaults: { model: { fallbacks: ["x/2"] } } }`
    })
    expect(loadAsReference(files.main)).toEqual({
      agents: { defaults: { model: { primary: "x/main", fallbacks: ["x/1", "x/2"] } } }
    })
    fs.writeFileSync(path.join(files.dir, "b.json5"), `{ $include: "./agents.json5" }`)
    expect(Either.isLeft(decodeAsReference(files.main))).toBe(true)
    files.cleanup()
  })
})
