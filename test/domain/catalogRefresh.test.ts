import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { BuiltinProvider } from "../../src/domain/builtinCatalog.js"
import type { CatalogModel } from "../../src/domain/catalog.js"
import { withRefreshed } from "../../src/domain/catalogMerge.js"
import { importModelsDev, type StoredModel, staleCatalogNotice } from "../../src/domain/catalogRefresh.js"
import { catalogUrl, displayUrl } from "../../src/domain/catalogSource.js"
import { isEndpointOverride } from "../../src/domain/dotEnv.js"
import { ModelsDevCatalog } from "../../src/domain/modelsDev.js"

const limit = { context: 1000, output: 100 }
const document = Schema.decodeUnknownSync(ModelsDevCatalog)({
  "kimi-for-coding": { models: { "kimi-k9": { name: "Kimi K9", tool_call: true, limit } } },
  "fireworks-ai": { models: { "accounts/fireworks/models/x": { tool_call: true, limit } } },
  vercel: { models: { "openai/gpt-9": { tool_call: true, limit } } },
  zai: {
    models: { "glm-9": { tool_call: true, limit }, old: { tool_call: true, status: "deprecated", limit } }
  },
  "no-endpoint": { models: { m: { tool_call: true, limit } } },
  anthropic: {
    models: {
      "no-tools": { tool_call: false, limit },
      "with space": { tool_call: true, limit },
      "": { tool_call: true, limit }
    }
  }
})
const KNOWN = new Set(["kimi-coding", "fireworks", "vercel-ai-gateway", "zai", "anthropic"])

describe("importModelsDev", () => {
  it("maps models.dev provider ids to ours and keeps the tool-capable, current models of known providers", () => {
    const imported = importModelsDev(document, KNOWN)
    expect(imported.models.map((model) => `${model.provider}/${model.id}`)).toEqual([
      "fireworks/accounts/fireworks/models/x",
      "kimi-coding/kimi-k9",
      "vercel-ai-gateway/openai/gpt-9",
      "zai/glm-9"
    ])
    expect(imported.providers).toEqual(["fireworks", "kimi-coding", "vercel-ai-gateway", "zai"])
    expect(imported.skippedProviders).toEqual(["no-endpoint"])
  })
})

const bundled = (provider: string, id: string, extra: Partial<CatalogModel> = {}): CatalogModel => ({
  provider,
  id,
  name: id,
  api: "anthropic-messages",
  baseUrl: "https://bundled.example",
  headers: { "X-Bundled": "1" },
  reasoning: false,
  input: ["text"],
  contextWindow: 100,
  maxTokens: 10,
  cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 },
  ...extra
})
const refreshed = (provider: string, id: string): StoredModel => ({
  provider,
  id,
  name: `${id} (new)`,
  reasoning: true,
  input: ["text", "image"],
  contextWindow: 999,
  maxTokens: 99,
  cost: { input: 3, output: 4, cacheRead: 0, cacheWrite: 0 }
})

describe("withRefreshed", () => {
  const endpoints = new Map<string, BuiltinProvider>([
    ["p", { api: "openai-completions", baseUrl: "https://p.example/v1", headers: { "X-P": "1" } }]
  ])

  it("refreshed facts over bundled models (their endpoint kept), new models at their provider's endpoint, the rest kept", () => {
    const merged = withRefreshed(
      [bundled("p", "a", { baseUrl: "https://per-model.example" }), bundled("p", "b")],
      [refreshed("p", "a"), refreshed("p", "c"), refreshed("unknown", "z")],
      endpoints
    )
    expect(merged).toEqual([
      {
        ...refreshed("p", "a"),
        api: "anthropic-messages",
        baseUrl: "https://per-model.example",
        headers: { "X-Bundled": "1" },
        source: "refreshed"
      },
      bundled("p", "b"),
      {
        ...refreshed("p", "c"),
        api: "openai-completions",
        baseUrl: "https://p.example/v1",
        headers: { "X-P": "1" },
        source: "refreshed"
      }
    ])
  })
})

describe("staleCatalogNotice", () => {
  const command = (args: string) => `clawdbot ${args}`
  const now = Date.parse("2026-03-20T12:00:00Z")
  it("says nothing for a week, then how many days", () => {
    expect(staleCatalogNotice("2026-03-13T12:00:00Z", now, command)).toBeUndefined()
    expect(staleCatalogNotice("2026-03-13T11:59:00Z", now, command)).toBe(
      "Catalog refreshed 7 days ago; run `clawdbot models refresh`"
    )
    expect(staleCatalogNotice("2026-03-08T12:00:00Z", now, command)).toBe(
      "Catalog refreshed 12 days ago; run `clawdbot models refresh`"
    )
    expect(staleCatalogNotice("not a time", now, command)).toBeUndefined()
  })
})

describe("catalog URL", () => {
  it("--url, else CLAWDBOT_CATALOG_URL, else models.dev; only http(s)", () => {
    const env = (vars: Record<string, string>) => (name: string) => vars[name]
    expect(catalogUrl(undefined, env({}))).toEqual(Either.right("https://models.dev/api.json"))
    expect(catalogUrl(undefined, env({ CLAWDBOT_CATALOG_URL: " http://127.0.0.1:1/a " }))).toEqual(
      Either.right("http://127.0.0.1:1/a")
    )
    expect(catalogUrl("https://mirror.example/api.json", env({ CLAWDBOT_CATALOG_URL: "http://x/" }))).toEqual(
      Either.right("https://mirror.example/api.json")
    )
    expect(catalogUrl(undefined, env({ CLAWDBOT_CATALOG_URL: "nope" }))).toEqual(
      Either.left('CLAWDBOT_CATALOG_URL is not a URL: "nope" (expected http:// or https://…)')
    )
  })

  it("is shown without user, password or query", () => {
    expect(displayUrl("https://me:pw@mirror.example/api.json?token=abc")).toBe(
      "https://mirror.example/api.json?…"
    )
  })

  it("is an endpoint override: no .env file may set it", () => {
    expect(isEndpointOverride("CLAWDBOT_CATALOG_URL")).toBe(true)
  })
})
