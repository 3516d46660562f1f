// Loads test/support/fakeProvider.ts from plain Node: bundled by esbuild into a temp .mjs, then imported.
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "esbuild"

export const loadFakeProvider = async () => {
  const bundled = await build({
    entryPoints: [new URL("../../test/support/fakeProvider.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning"
  })
  const dir = await mkdtemp(path.join(tmpdir(), "clawdbot-fake-provider-"))
  const file = path.join(dir, "fakeProvider.mjs")
  await writeFile(file, bundled.outputFiles[0].text)
  return import(pathToFileURL(file).href)
}
