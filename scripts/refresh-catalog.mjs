#!/usr/bin/env node
/**
 * Regenerates src/data/catalog.json, the built-in model catalog bundled into the CLI.
 *
 * Source: `dist/models.generated.js` of `@mariozechner/pi-ai`, the model library the original CLI is built on
 * (same provider ids, model names and `api` values as `models.providers.*` in the config). Only the package
 * tarball is fetched (`npm pack`), so pi-ai and its provider SDKs never become a dependency.
 *
 *   node scripts/refresh-catalog.mjs            # the pinned version below
 *   node scripts/refresh-catalog.mjs 0.74.0     # another version
 *
 * Output: `{ source, generatedAt, providers: { <id>: { api, baseUrl, headers? } }, models: [...] }`, one entry
 * per line, models sorted by provider then id. A provider's endpoint is that of its first model. To keep the
 * bundle small, defaults are dropped and restored by src/domain/builtinCatalog.ts: `api`/`baseUrl`/`headers`
 * when equal to the provider's, `name` when equal to `id`, `reasoning` when false, `input` when `["text"]`,
 * zero cost fields (and `cost` when all zero). pi-ai's model-level `compat` and `thinkingLevelMap` are dropped.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { gunzipSync } from "node:zlib"

const PACKAGE = "@mariozechner/pi-ai"
const PINNED_VERSION = "0.73.1"
const ENTRY = "package/dist/models.generated.js"
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

const main = async () => {
  const version = process.argv[2] ?? PINNED_VERSION
  const spec = `${PACKAGE}@${version}`
  const dir = mkdtempSync(join(tmpdir(), "pi-ai-"))
  try {
    const packed = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      shell: process.platform === "win32"
    })
    const tgz = packed.trim().split("\n").pop()
    if (!tgz) fail(`npm pack ${spec} printed no file name`)
    const modulePath = join(dir, "models.generated.mjs")
    writeFileSync(modulePath, extractFromTarball(join(dir, tgz), ENTRY))
    const { MODELS } = await import(pathToFileURL(modulePath).href)
    if (MODELS === null || typeof MODELS !== "object") fail(`${ENTRY} does not export MODELS`)

    const models = []
    for (const [providerKey, byId] of Object.entries(MODELS)) {
      for (const [modelKey, model] of Object.entries(byId)) models.push(compact(providerKey, modelKey, model))
    }
    models.sort((a, b) =>
      a.provider === b.provider ? a.id.localeCompare(b.id) : a.provider.localeCompare(b.provider)
    )

    const keys = new Set()
    for (const model of models) {
      const key = `${model.provider}/${model.id}`
      if (keys.has(key)) fail(`duplicate model ${key}`)
      keys.add(key)
    }
    const providers = new Set(models.map((model) => model.provider))
    const missing = REQUIRED_PROVIDERS.filter((provider) => !providers.has(provider))
    if (missing.length > 0) fail(`providers missing: ${missing.join(", ")}`)
    if (providers.size < MIN_PROVIDERS)
      fail(`only ${providers.size} providers (expected >= ${MIN_PROVIDERS})`)
    if (models.length < MIN_MODELS) fail(`only ${models.length} models (expected >= ${MIN_MODELS})`)

    const endpoints = new Map()
    for (const { provider, api, baseUrl, headers } of models) {
      if (!endpoints.has(provider))
        endpoints.set(provider, headers ? { api, baseUrl, headers } : { api, baseUrl })
    }
    const entries = models.map((model) => {
      const endpoint = endpoints.get(model.provider)
      const entry = { ...model }
      if (entry.api === endpoint.api) delete entry.api
      if (entry.baseUrl === endpoint.baseUrl) delete entry.baseUrl
      if (JSON.stringify(entry.headers) === JSON.stringify(endpoint.headers)) delete entry.headers
      else if (entry.headers === undefined) entry.headers = {} // the provider has headers, this model none
      return entry
    })

    const providerLines = [...endpoints].map(
      ([id, endpoint]) => `${JSON.stringify(id)}:${JSON.stringify(endpoint)}`
    )
    const text = [
      `{"source":${JSON.stringify(spec)},"generatedAt":${JSON.stringify(new Date().toISOString())},"providers":{`,
      providerLines.join(",\n"),
      `},"models":[`,
      entries.map((entry) => JSON.stringify(entry)).join(",\n"),
      "]}",
      ""
    ].join("\n")
    writeFileSync(OUTPUT, text)
    console.log(
      `refresh-catalog: ${spec}: ${providers.size} providers, ${models.length} models, ${text.length} bytes -> ${OUTPUT}`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main().catch((error) => {
  console.error(`refresh-catalog: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
