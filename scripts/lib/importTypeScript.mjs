// Imports a TypeScript module of this repo from plain Node: bundled by esbuild into a temp .mjs, then imported.
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { build } from "esbuild"

/** `entry` is a file URL (e.g. `new URL("../src/domain/x.ts", import.meta.url)`). */
export const importTypeScript = async (entry) => {
  const bundled = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning"
  })
  const dir = await mkdtemp(path.join(tmpdir(), "clawdbot-import-"))
  const file = path.join(dir, `${path.basename(fileURLToPath(entry), ".ts")}.mjs`)
  await writeFile(file, bundled.outputFiles[0].text)
  return import(pathToFileURL(file).href)
}
