/**
 * `models scan` end to end (spec §3.9): the built `bin/clawdbot` as a subprocess, a temp state dir, and the fake
 * OpenRouter on 127.0.0.1 serving the real 2026-05-01 catalog (371 models, 33 free).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, startFakeOpenRouter } from "../../support/fakeOpenRouter.mjs"
import { closedPort } from "../../support/fakeProvider.js"
import { runInPty } from "../../support/pty.js"
import { hasScript } from "../../support/ptySteps.js"
import { makeTempState, type TempState } from "../../support/tempState.js"

const DAY = 24 * 60 * 60 * 1000
const KEY = "sk-or-v1-fake-key-0123456789abcdef"

/** Models that take images and list `tools`: the only ones both probes pass for. */
const TOOL_AND_IMAGE = [
  "google/gemma-4-26b-a4b-it:free",
  "google/gemma-4-31b-it:free",
  "nvidia/nemotron-3-nano-omni-30b-a3b-reasoning:free",
  "nvidia/nemotron-nano-12b-v2-vl:free",
  "openrouter/free"
]
/**
 * Tool-probe latencies (ms) 750 ms apart, so the latency ranking holds on a loaded machine: the latency a scan
 * measures includes its own (and the fake's) scheduling delays, which load stretches by tens of ms, not hundreds.
 */
const TOOL_LATENCY: Record<string, number> = {
  "google/gemma-4-26b-a4b-it:free": 0,
  "openrouter/free": 750,
  "google/gemma-4-31b-it:free": 1500,
  "nvidia/nemotron-nano-12b-v2-vl:free": 2250,
  "nvidia/nemotron-3-nano-omni-30b-a3b-reasoning:free": 3000
}
const ref = (id: string) => `openrouter/${id}`
/** The ranking of the tool+image models: fastest tool probe first. */
const TOOL_AND_IMAGE_BY_LATENCY = Object.entries(TOOL_LATENCY)
  .sort(([, a], [, b]) => a - b)
  .map(([id]) => ref(id))

let fake: FakeOpenRouter
let state: TempState

beforeAll(async () => {
  fake = await startFakeOpenRouter({ latencyMs: 5, toolLatencyMsByModel: TOOL_LATENCY })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  state = makeTempState()
  state.writeConfig({
    agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] } } },
    models: { providers: { openrouter: { baseUrl: fake.baseUrl } } }
  })
})
afterEach(() => state.cleanup())

const chatRequests = () => fake.requests.filter((request) => request.kind !== "models")

describe("models scan --no-probe", () => {
  it("lists the 33 free models from metadata without a key, sends no key, writes nothing", async () => {
    const before = state.readConfigText()
    const result = await state.run(["models", "scan", "--no-probe"])
    expect(result.code).toBe(0)
    const lines = result.stdout.trimEnd().split("\n")
    expect(lines[0]).toMatch(/^Found 33 OpenRouter free models \(metadata only/)
    expect(lines[1]).toMatch(/^Model +Tool +Image +Ctx +Params +Notes$/)
    expect(lines).toHaveLength(35)
    expect(result.stdout).not.toMatch(/--probe\b/)
    expect(state.readConfigText()).toBe(before)
    expect(chatRequests()).toHaveLength(0)
    const [catalog] = fake.requests
    expect(catalog?.path).toBe("/api/v1/models")
    expect(catalog?.headers.accept).toBe("application/json")
    expect(catalog?.headers.authorization).toBeUndefined()
  })

  it("piped, the table cuts no ref whatever COLUMNS says (issue 13 item 9)", async () => {
    const result = await state.run(["models", "scan", "--no-probe"], { COLUMNS: "50" })
    expect(result.code).toBe(0)
    const rows = result.stdout.trimEnd().split("\n").slice(2)
    expect(rows).toHaveLength(33)
    expect(result.stdout).not.toContain("…")
    expect(rows).toContainEqual(
      expect.stringMatching(/^openrouter\/cognitivecomputations\/dolphin-mistral-24b-venice-edition:free /)
    )
  })

  it.skipIf(!hasScript)("on a terminal the table fits its width (issue 13 item 9)", async () => {
    const session = runInPty(["models", "scan", "--no-probe"], state.env, { columns: 80 })
    expect(await session.exit).toBe(0)
    const table = session.visible().slice(1)
    expect(table[0]).toMatch(/^Model +Tool +Image\b/)
    expect(table).toHaveLength(34)
    for (const line of table) expect(line.length, line).toBeLessThanOrEqual(80)
    // a ref that fits stays whole; the longest is cut in the middle
    expect(table).toContainEqual(expect.stringMatching(/^openrouter\/google\/gemma-3-4b-it:free /))
    expect(table).toContainEqual(expect.stringMatching(/^openrouter\/cognitivecomputations\/\S*…\S*:free /))
  })

  it("--json prints the bare results array and nothing else", async () => {
    const result = await state.run(["models", "scan", "--no-probe", "--json"])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    const results = JSON.parse(result.stdout)
    expect(results).toHaveLength(33)
    expect(results[0]).toMatchObject({
      provider: "openrouter",
      isFree: true,
      tool: { ok: false, latencyMs: null, skipped: true },
      image: { ok: false, latencyMs: null, skipped: true }
    })
    expect(Object.keys(results[0])).toEqual([
      "id",
      "name",
      "provider",
      "modelRef",
      "contextLength",
      "maxCompletionTokens",
      "supportedParametersCount",
      "supportsToolsMeta",
      "modality",
      "inputModalities",
      "inferredParamB",
      "createdAtMs",
      "pricing",
      "isFree",
      "tool",
      "image"
    ])
  })

  it("filters: --provider, --min-params (fractional), --max-age-days on `created`", async () => {
    const ids = async (...flags: Array<string>) => {
      const result = await state.run(["models", "scan", "--no-probe", "--json", ...flags])
      expect(result.code).toBe(0)
      return (JSON.parse(result.stdout) as Array<{ id: string }>).map((entry) => entry.id).sort()
    }
    expect(await ids("--provider", "GOOGLE", "--min-params", "26")).toEqual([
      "google/gemma-3-27b-it:free",
      "google/gemma-4-26b-a4b-it:free",
      "google/gemma-4-31b-it:free"
    ])
    expect(await ids("--min-params", "1.5")).toHaveLength(20)
    expect(await ids("--min-params", "0.5")).toHaveLength(22)
    // 30 days before the catalog was fetched, counted from today.
    const days = (Date.now() - Date.UTC(2026, 4, 1)) / DAY + 30
    const recent = await ids("--max-age-days", days.toFixed(3))
    expect(recent).toHaveLength(9)
    expect(recent).toContain("google/gemma-4-31b-it:free")
    expect(recent).not.toContain("google/lyria-3-pro-preview")
  })

  it("ranks by context, then params, then modelRef when nothing was probed", async () => {
    const result = await state.run(["models", "scan", "--no-probe", "--json"])
    const results = JSON.parse(result.stdout) as Array<{ modelRef: string; contextLength: number }>
    const contexts = results.map((entry) => entry.contextLength)
    expect(contexts).toEqual([...contexts].sort((a, b) => b - a))
    expect(results[0]?.modelRef).toBe("openrouter/openrouter/owl-alpha")
  })
})

describe("models scan with probes", () => {
  it("--yes with --max-probes above 33 probes every free model, ranks, and writes the top tool+image models as fallbacks", async () => {
    const result = await state.run(["models", "scan", "--yes", "--max-probes", "40"], {
      OPENROUTER_API_KEY: KEY
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    expect(lines[0]).toBe("Scan results: tested 33, tool ok 20, image ok 11, tool+image ok 5, image only 6")
    // Table: tool+image models first, fastest tool probe first.
    expect(lines.slice(2, 7).map((line) => line.split(/\s+/)[0])).toEqual([
      ref("google/gemma-4-26b-a4b-it:free"),
      ref("openrouter/free"),
      ref("google/gemma-4-31b-it:free"),
      ref("nvidia/nemotron-nano-12b-v2-vl:free"),
      ref("nvidia/nemotron-3-nano-omni-30b-a3b-reasoning:free")
    ])
    expect(result.stdout).toContain("- tool: HTTP 404: No endpoints found that support tool use")
    expect(result.stdout).toContain(`Updated ${state.configPath.replace(state.home, "~")}`)
    const config = state.readConfig()
    expect(config.agents.defaults.model).toEqual({
      primary: "anthropic/claude-opus-4-5",
      fallbacks: [
        ref("google/gemma-4-26b-a4b-it:free"),
        ref("openrouter/free"),
        ref("google/gemma-4-31b-it:free"),
        ref("nvidia/nemotron-nano-12b-v2-vl:free"),
        ref("nvidia/nemotron-3-nano-omni-30b-a3b-reasoning:free")
      ]
    })
    expect(config.agents.defaults.imageModel.primary).toBeUndefined()
    expect(config.agents.defaults.imageModel.fallbacks).toHaveLength(6)
    expect(Object.keys(config.agents.defaults.models)).toEqual(
      expect.arrayContaining([...TOOL_AND_IMAGE.map(ref), ...config.agents.defaults.imageModel.fallbacks])
    )
    // 33 tool probes + 11 image probes, each with the spec's body.
    const tool = chatRequests().filter((request) => request.kind === "tool")
    const image = chatRequests().filter((request) => request.kind === "image")
    expect([tool.length, image.length]).toEqual([33, 11])
    expect(tool[0]?.body).toMatchObject({
      tool_choice: "required",
      max_completion_tokens: 32,
      temperature: 0,
      tools: [{ type: "function", function: { name: "ping", description: "Return OK." } }]
    })
    expect(image[0]?.body).toMatchObject({ max_completion_tokens: 16, temperature: 0 })
    expect(image[0]?.body.messages[0].content[1].image_url.url).toMatch(/^data:image\/png;base64,iVBOR/)
  })

  it("by default probes 4 x --max-candidates models: the 20 that advertise tools first; the other 9 are listed as not probed", async () => {
    const result = await state.run(["models", "scan", "--yes"], { OPENROUTER_API_KEY: KEY })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    expect(lines[0]).toBe("Scan results: tested 24, tool ok 20, image ok 9, tool+image ok 5, image only 4")
    expect(result.stdout).toContain(
      "Not probed: 9 of 33 free models (only the first 24 by metadata are probed: tool support, image input, context, size; --max-probes <n> to probe more)."
    )
    const probed = new Set(chatRequests().map((request) => request.body.model))
    expect(probed.size).toBe(24)
    expect(chatRequests().filter((request) => request.kind === "tool")).toHaveLength(24)
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual(TOOL_AND_IMAGE_BY_LATENCY)
  })

  it("--max-candidates limits the pre-selection; --set-default and --set-image set the primaries", async () => {
    const result = await state.run(
      ["models", "scan", "--yes", "--max-candidates", "2", "--set-default", "--set-image"],
      {
        OPENROUTER_API_KEY: KEY
      }
    )
    expect(result.code).toBe(0)
    const { model, imageModel } = state.readConfig().agents.defaults
    expect(model).toEqual({
      primary: ref("google/gemma-4-26b-a4b-it:free"),
      fallbacks: [ref("google/gemma-4-26b-a4b-it:free"), ref("openrouter/free")]
    })
    expect(imageModel.fallbacks).toHaveLength(2)
    expect(imageModel.primary).toBe(imageModel.fallbacks[0])
    expect(result.stdout).toContain(`Default model: ${ref("google/gemma-4-26b-a4b-it:free")}`)
    expect(result.stdout).toContain(`Image model: ${imageModel.fallbacks[0]}`)
  })

  it("--json prints one JSON document (and still writes)", async () => {
    const result = await state.run(["models", "scan", "--json", "--provider", "google"], {
      OPENROUTER_API_KEY: KEY
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    const doc = JSON.parse(result.stdout)
    expect(Object.keys(doc)).toEqual([
      "selected",
      "selectedImages",
      "setDefault",
      "setImage",
      "results",
      "warnings"
    ])
    expect(doc.selected).toEqual([ref("google/gemma-4-26b-a4b-it:free"), ref("google/gemma-4-31b-it:free")])
    expect(doc.results).toHaveLength(9)
    expect(doc.warnings).toEqual([])
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual(doc.selected)
  })

  it("uses an OpenRouter auth profile; the key never appears in output, errors or the config", async () => {
    const profileKey = "sk-or-v1-profile-secret-9876543210fedcba"
    const local = await startFakeOpenRouter({
      apiKey: profileKey,
      behaviour: { "z-ai/glm-4.5-air:free": "echo-key" }
    })
    try {
      state.writeConfig({ models: { providers: { openrouter: { baseUrl: local.baseUrl } } } })
      state.writeAuth({
        version: 1,
        profiles: { "openrouter:default": { type: "api_key", provider: "openrouter", key: profileKey } }
      })
      const text = await state.run(["models", "scan", "--yes", "--provider", "z-ai"], {
        OPENROUTER_API_KEY: "sk-or-wrong-000000000000"
      })
      const json = await state.run(["models", "scan", "--json", "--provider", "z-ai"])
      for (const result of [text, json]) {
        expect(`${result.stdout}${result.stderr}`).not.toContain(profileKey)
        expect(`${result.stdout}${result.stderr}`).not.toContain("profile-secret")
      }
      expect(text.code).toBe(1)
      expect(text.stdout).toContain("- tool: HTTP 400: Provider rejected key *** (Bearer ***)")
      expect(text.stderr).toBe(
        "Error: No tool-capable OpenRouter free models found. Every tool probe failed with: HTTP 400: Provider rejected key *** (Bearer ***)\n"
      )
      expect(local.requests.find((r) => r.kind === "tool")?.headers.authorization).toBe(
        `Bearer ${profileKey}`
      )
      expect(state.readConfigText()).not.toContain(profileKey)
    } finally {
      await local.close()
    }
  })

  it("a hanging model ends at --timeout, its request aborted; at most --concurrency requests in flight", async () => {
    const local = await startFakeOpenRouter({
      latencyMs: 30,
      behaviour: { "openai/gpt-oss-20b:free": "hang" }
    })
    try {
      state.writeConfig({ models: { providers: { openrouter: { baseUrl: local.baseUrl } } } })
      const result = await state.run(
        ["models", "scan", "--json", "--provider", "openai", "--timeout", "400", "--concurrency", "2"],
        { OPENROUTER_API_KEY: local.apiKey }
      )
      expect(result.code).toBe(0)
      const { results } = JSON.parse(result.stdout)
      const hung = results.find((entry: { id: string }) => entry.id === "openai/gpt-oss-20b:free")
      expect(hung.tool).toEqual({ ok: false, latencyMs: 400, error: "Timed out after 400 ms" })
      expect(local.aborted()).toBe(1)
      expect(local.inFlight()).toBe(0)
      expect(local.maxInFlight()).toBeLessThanOrEqual(2)

      const wide = await state.run(["models", "scan", "--json", "--concurrency", "4", "--timeout", "400"], {
        OPENROUTER_API_KEY: local.apiKey
      })
      expect(wide.code).toBe(0)
      expect(local.maxInFlight()).toBe(4)
    } finally {
      await local.close()
    }
  })
})

describe("models scan refusals (nothing written)", () => {
  const unchanged = async (args: Array<string>, env: Record<string, string>, stderr: string | RegExp) => {
    const before = state.readConfigText()
    const result = await state.run(["models", "scan", ...args], env)
    expect(result.code).toBe(1)
    if (typeof stderr === "string") expect(result.stderr).toBe(stderr)
    else expect(result.stderr).toMatch(stderr)
    expect(state.readConfigText()).toBe(before)
    return result
  }

  it("no key with probing: the spec message, before any request", async () => {
    await unchanged(
      ["--yes"],
      {},
      "Error: Missing OpenRouter API key. Set OPENROUTER_API_KEY to run models scan. Or store one: `clawdbot models auth paste-token --provider openrouter`; `--no-probe` lists the free models without a key.\n"
    )
    expect(fake.requests).toHaveLength(0)
  })

  it("not a terminal and neither --yes, --no-input nor --json: says so before probing", async () => {
    await unchanged(
      [],
      { OPENROUTER_API_KEY: KEY },
      "Error: Non-interactive scan: pass --yes to apply defaults.\n"
    )
    expect(fake.requests).toHaveLength(0)
  })

  it("--no-input applies the defaults like --yes", async () => {
    const result = await state.run(["models", "scan", "--no-input", "--provider", "google"], {
      OPENROUTER_API_KEY: KEY
    })
    expect(result.code).toBe(0)
    expect(state.readConfig().agents.defaults.model.fallbacks).toHaveLength(2)
  })

  it.each([
    [["--min-params", "-1"], "--min-params must be >= 0"],
    [["--max-age-days", "-2"], "--max-age-days must be >= 0"],
    [["--max-candidates", "0"], "--max-candidates must be > 0"],
    [["--timeout", "soon"], "--timeout must be > 0"],
    [["--concurrency", "0"], "--concurrency must be > 0"]
  ])("%j -> %s", async (flags, message) => {
    await unchanged([...flags, "--yes"], { OPENROUTER_API_KEY: KEY }, new RegExp(message))
    expect(fake.requests).toHaveLength(0)
  })

  it("--no-probe with --set-default or --set-image is contradictory", async () => {
    await unchanged(
      ["--no-probe", "--set-default"],
      {},
      "Error: --set-default needs probed models, but --no-probe writes nothing: drop one of the two.\n"
    )
    expect(fake.requests).toHaveLength(0)
  })

  it("catalog failure: `OpenRouter /models failed: HTTP <status>`", async () => {
    fake.setCatalogStatus(503)
    try {
      await unchanged(["--yes"], { OPENROUTER_API_KEY: KEY }, "Error: OpenRouter /models failed: HTTP 503\n")
      await unchanged(["--no-probe"], {}, "Error: OpenRouter /models failed: HTTP 503\n")
    } finally {
      fake.setCatalogStatus(200)
    }
  })

  it("a rejected key is named as such, with its source, and writes nothing", async () => {
    await unchanged(
      ["--yes", "--json", "--provider", "qwen"],
      { OPENROUTER_API_KEY: "sk-or-v1-wrong-key-000000000000" },
      "Error: OpenRouter rejected the API key from env: OPENROUTER_API_KEY (HTTP 401: User not found.); no model could be tested. Check the key, or run with --no-probe.\n"
    )
  })

  it("no tool-capable model; --set-image without image models", async () => {
    await unchanged(
      ["--yes", "--provider", "baidu"],
      { OPENROUTER_API_KEY: KEY },
      "Error: No tool-capable OpenRouter free models found. Every tool probe failed with: HTTP 404: No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs/guides/routing/provider-selection\n"
    )
    await unchanged(
      ["--yes", "--provider", "z-ai", "--set-image"],
      { OPENROUTER_API_KEY: KEY },
      "Error: No image-capable models selected for image model.\n"
    )
  })

  it("an unreachable OpenRouter names the host, not a stack", async () => {
    const port = await closedPort()
    state.writeConfig({
      models: { providers: { openrouter: { baseUrl: `http://127.0.0.1:${port}/api/v1` } } }
    })
    await unchanged(
      ["--no-probe"],
      {},
      `Error: OpenRouter /models failed: http://127.0.0.1:${port}: connection refused (ECONNREFUSED)\n`
    )
  })
})
