/**
 * The library entries' import graphs (issue 10 item 1): `clawdbot-models` and `clawdbot-models/testing` must load
 * neither @effect/cli nor @effect/platform-node, through any module they import (dynamic imports included: esbuild
 * follows them). `clawdbot-models/node` is where those live.
 */
import { describe, expect, it } from "@effect/vitest"
import * as esbuild from "esbuild"

const inputsOf = async (entry: string) => {
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
  return Object.keys(result.metafile.inputs)
}

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
})
