// Builds the CLI bundle (dist/clawdbot.cjs, run by bin/clawdbot) and the library entry (dist/index.js).
// One CommonJS file for the CLI so bin/clawdbot can compile it through vm.Script with a V8 code cache
// (../shared/notes/startup.md). The metafile check keeps package-index imports from dragging in undici/yaml/toml.

import { mkdir, readFile, writeFile } from "node:fs/promises"
import { build } from "esbuild"

const banned = [
  /node_modules\/undici\//,
  /node_modules\/yaml\//,
  /node_modules\/toml\//,
  /node_modules\/ini\//
]

/**
 * The built-in catalog (~200 KB of JSON) is needed only by commands that list or probe models. In the CLI bundle
 * its import becomes an object whose `source`/`generatedAt` are inlined and whose `providers`/`models` are read
 * from dist/catalog.json on first access, so `status` and the config edits never parse or hold it.
 * (Tests and the library use the plain JSON import.)
 */
const lazyCatalog = {
  name: "lazy-catalog",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]data[\\/]catalog\.json$/ }, async (args) => {
      const data = JSON.parse(await readFile(args.path, "utf8"))
      await mkdir("dist", { recursive: true })
      await writeFile("dist/catalog.json", JSON.stringify(data))
      return {
        loader: "js",
        contents: `let data
const load = () => {
  if (data === undefined) {
    const file = require("node:path").join(__dirname, "catalog.json")
    try {
      data = JSON.parse(require("node:fs").readFileSync(file, "utf8"))
    } catch (cause) {
      throw new Error("the built-in model catalog " + file + " is missing or unreadable; run \`npm run build\`", { cause })
    }
  }
  return data
}
export default {
  source: ${JSON.stringify(data.source)},
  generatedAt: ${JSON.stringify(data.generatedAt)},
  get providers() { return load().providers },
  get models() { return load().models }
}
`
      }
    })
  }
}

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
  },
  plugins: [lazyCatalog]
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

/**
 * The Node built-ins the bundle loads as it starts (static imports reachable from the entry; `import()`ed
 * modules are loaded later, if ever), plus perf_hooks (loaded by the first `performance` access). bin/clawdbot
 * reads this first line and loads them before it changes V8 flags: after a flag change V8 rejects Node's own
 * code cache for built-ins, and compiling them from source cost ~11 ms of CPU per run.
 */
const startupBuiltins = new Set(["perf_hooks"])
const visited = new Set()
const pending = Object.keys(cli.metafile.inputs).filter((input) => input.endsWith("src/main.ts"))
while (pending.length > 0) {
  const input = pending.pop()
  if (visited.has(input)) continue
  visited.add(input)
  for (const imported of cli.metafile.inputs[input]?.imports ?? []) {
    if (imported.kind === "dynamic-import") continue
    if (imported.external) startupBuiltins.add(imported.path.replace(/^node:/, ""))
    else pending.push(imported.path)
  }
}
const bundleText = await readFile("dist/clawdbot.cjs", "utf8")
await writeFile("dist/clawdbot.cjs", `// builtins: ${[...startupBuiltins].sort().join(",")}\n${bundleText}`)

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

const bytes = cli.metafile.outputs["dist/clawdbot.cjs"].bytes
console.log(`built dist/clawdbot.cjs (${Math.round(bytes / 1024)} KiB), dist/catalog.json and dist/index.js`)
