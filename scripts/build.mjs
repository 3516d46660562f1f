// Builds the CLI bundle (dist/clawdbot.cjs, run by bin/clawdbot) and the library entry (dist/index.js).
// One CommonJS file for the CLI so bin/clawdbot can compile it through vm.Script with a V8 code cache
// (../shared/notes/startup.md). The metafile check keeps package-index imports from dragging in undici/yaml/toml.

import { mkdir, writeFile } from "node:fs/promises"
import { build } from "esbuild"

const banned = [
  /node_modules\/undici\//,
  /node_modules\/yaml\//,
  /node_modules\/toml\//,
  /node_modules\/ini\//
]

const cli = await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/clawdbot.cjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  keepNames: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  alias: {
    yaml: "./scripts/stubs/fileFormats.cjs",
    toml: "./scripts/stubs/fileFormats.cjs",
    ini: "./scripts/stubs/fileFormats.cjs",
    undici: "./scripts/stubs/undici.cjs"
  }
})

await mkdir("dist", { recursive: true })
await writeFile("dist/meta.json", JSON.stringify(cli.metafile))
const offenders = Object.keys(cli.metafile.inputs).filter((input) => banned.some((re) => re.test(input)))
if (offenders.length > 0) {
  console.error(
    `Bundle pulls in heavy modules (use per-module imports):\n  ${offenders.slice(0, 10).join("\n  ")}`
  )
  process.exit(1)
}

await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  logLevel: "warning"
})

await mkdir("dist", { recursive: true })
await writeFile("dist/meta.json", JSON.stringify(cli.metafile))
const bytes = cli.metafile.outputs["dist/clawdbot.cjs"].bytes
console.log(`built dist/clawdbot.cjs (${Math.round(bytes / 1024)} KiB) and dist/index.js`)
