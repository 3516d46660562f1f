/**
 * The library entries' import graphs (issue 10 item 1): `clawdbot-models` and `clawdbot-models/testing` must load
 * neither @effect/cli nor @effect/platform-node, through any module they import (dynamic imports included: esbuild
 * follows them). `clawdbot-models/node` is where those live. And importing `clawdbot-models` must not load the
 * heavy modules only some calls need (issue 10 item 8): the JSON5 parser and the HTTP client are imported on
 * first use, so they may appear only behind a dynamic `import()`.
 */
import { describe, expect, it } from "@effect/vitest"
import * as esbuild from "esbuild"

const metafileOf = async (entry: string) => {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    metafile: true,
    logLevel: "silent",
    // The catalog is data, not code; its size only slows the check.
    loader: { ".json": "empty" }
  })
  return result.metafile
}

const inputsOf = async (entry: string) => Object.keys((await metafileOf(entry)).inputs)

/** Every package module `entry` loads when it is imported: static imports only, followed from the entry. */
const loadedAtImport = async (entry: string) => {
  const { inputs } = await metafileOf(entry)
  const loaded = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const input = pending.pop() as string
    if (loaded.has(input)) continue
    loaded.add(input)
    for (const imported of inputs[input]?.imports ?? []) {
      if (imported.kind !== "dynamic-import") pending.push(imported.path)
    }
  }
  return [...loaded]
}

const heavyAtImport = (inputs: ReadonlyArray<string>) =>
  inputs.filter((input) =>
    /node_modules\/(@croct\/json5-parser\/|@effect\/platform\/dist\/esm\/HttpClient\.js|effect\/dist\/esm\/Stream\.js)/.test(
      input
    )
  )

const platformPackages = (inputs: ReadonlyArray<string>) =>
  inputs.filter((input) => /node_modules\/@effect\/(cli|platform-node)\//.test(input))

describe("entry import graphs", () => {
  it("src/index.ts and src/testing.ts pull in no @effect/cli and no @effect/platform-node", {
    timeout: 60_000
  }, async () => {
    expect(platformPackages(await inputsOf("src/index.ts"))).toEqual([])
    expect(platformPackages(await inputsOf("src/testing.ts"))).toEqual([])
  })

  it("the check can fail: src/node.ts does pull them in", { timeout: 60_000 }, async () => {
    const found = platformPackages(await inputsOf("src/node.ts"))
    expect(found.some((input) => input.includes("@effect/cli/"))).toBe(true)
    expect(found.some((input) => input.includes("@effect/platform-node/"))).toBe(true)
  })
  it("importing src/index.ts loads neither the JSON5 parser nor HttpClient/Stream; calls that need them do", {
    timeout: 60_000
  }, async () => {
    expect(heavyAtImport(await loadedAtImport("src/index.ts"))).toEqual([])
    const reachable = heavyAtImport(await inputsOf("src/index.ts"))
    expect(reachable.some((input) => input.includes("@croct/json5-parser/"))).toBe(true)
    expect(reachable.some((input) => input.endsWith("HttpClient.js"))).toBe(true)
  })
})
