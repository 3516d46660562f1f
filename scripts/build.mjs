// Builds the CLI bundle (dist/clawdbot.cjs, run by bin/clawdbot), the library entries (dist/index.js, node.js,
// testing.js: ESM, their dependencies left as imports so a host's own `effect` is the one used) and their
// declarations (dist/dts, by tsc, so a host never compiles our sources or needs our dev dependencies).
// One CommonJS file for the CLI so bin/clawdbot can compile it through vm.Script with a V8 code cache
// (../shared/notes/startup.md). The metafile check keeps package-index imports from dragging in undici/yaml/toml.
//
//   node scripts/build.mjs [--skip-types]   (--skip-types: JS only, ~10 s faster; the test setup uses it)

import { spawnSync } from "node:child_process"
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { build } from "esbuild"

const skipTypes = process.argv.includes("--skip-types")

const banned = [
  /node_modules\/undici\//,
  /node_modules\/yaml\//,
  /node_modules\/toml\//,
  /node_modules\/ini\//
]

/**
 * The built-in catalog (~200 KB of JSON) is needed only by commands that list or probe models. In the CLI bundle
 * and the library entries its import becomes an object whose `source`/`generatedAt` are inlined and whose
 * `providers`/`models`/`implicit` are read from dist/catalog.json on first access, so `status`, the config edits and a host
 * that never lists models never parse or hold it. (Tests use the plain JSON import.) `format` is the output's:
 * the CJS bundle finds the file by `__dirname`, the ESM entries (and their chunks, also in dist/) by
 * `import.meta.url`.
 */
const lazyCatalog = (format) => ({
  name: "lazy-catalog",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/]data[\\/]catalog\.json$/ }, async (args) => {
      const data = JSON.parse(await readFile(args.path, "utf8"))
      await mkdir("dist", { recursive: true })
      await writeFile("dist/catalog.json", JSON.stringify(data))
      const locate =
        format === "esm"
          ? `import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
const fileOf = () => fileURLToPath(new URL("./catalog.json", import.meta.url))
const readText = (file) => readFileSync(file, "utf8")`
          : `const fileOf = () => require("node:path").join(__dirname, "catalog.json")
const readText = (file) => require("node:fs").readFileSync(file, "utf8")`
      return {
        loader: "js",
        contents: `${locate}
let data
const load = () => {
  if (data === undefined) {
    const file = fileOf()
    try {
      data = JSON.parse(readText(file))
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
  get models() { return load().models },
  get implicit() { return load().implicit }
}
`
      }
    })
  }
})

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
  plugins: [lazyCatalog("cjs")]
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

// Library entries. Earlier builds' chunks (their names carry a hash) must not linger and be packed.
for (const name of await readdir("dist")) {
  if (/^(index|node|testing|[\w.]+-[A-Z0-9]{8})\.js$/.test(name)) await rm(`dist/${name}`)
}
const library = await build({
  entryPoints: ["src/index.ts", "src/node.ts", "src/testing.ts"],
  outdir: "dist",
  bundle: true,
  // Shared modules go to shared chunks, so an error class or service tag is one value whichever entry a host
  // imports it from (`instanceof`, `Effect.catchTag` and layer lookups see the same thing).
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // effect, @effect/* and the rest stay imports: resolved from the host's node_modules (one effect for all).
  packages: "external",
  metafile: true,
  logLevel: "warning",
  plugins: [lazyCatalog("esm")]
})
const entryBytes = (name) => library.metafile.outputs[`dist/${name}.js`]?.bytes ?? 0

if (!skipTypes) {
  await rm("dist/dts", { recursive: true, force: true })
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" })
  if (result.status !== 0) {
    console.error("declarations (tsc -p tsconfig.build.json) failed")
    process.exit(1)
  }
}

const bytes = cli.metafile.outputs["dist/clawdbot.cjs"].bytes
console.log(
  `built dist/clawdbot.cjs (${Math.round(bytes / 1024)} KiB), dist/catalog.json, dist/index.js (${Math.round(entryBytes("index") / 1024)} KiB), dist/node.js, dist/testing.js${skipTypes ? "" : " and dist/dts"}`
)
