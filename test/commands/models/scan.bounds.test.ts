/**
 * `models scan` does bounded work whatever the catalog's size (issue 9 item 12): against a fake OpenRouter serving
 * a generated 100,000-model free catalog, it probes at most `--max-probes` models (default 4 × --max-candidates),
 * the most promising by metadata, and stops probing at the `--deadline`. Requests are counted by the server.
 */
import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, startFakeOpenRouter } from "../../support/fakeOpenRouter.mjs"
import { makeTempState, type TempState } from "../../support/tempState.js"

const MODELS = 100_000
/** The two models with by far the largest context; both take tools and images. */
const PROMISING = new Set([30_000, 60_000])

/**
 * Free models (`:free` ids) in a catalog order unrelated to their promise: every 3rd lists `tools`, every 10th
 * takes images, contexts vary. The two with the largest context take tools and images: a scan ranks them first.
 */
const generatedCatalog = (models: number) => ({
  data: Array.from({ length: models }, (_, i) => ({
    id: `vendor${i % 97}/model-${i}:free`,
    context_length: PROMISING.has(i) ? 2_000_000 : 8_000 + ((i * 7919) % 120_000),
    supported_parameters: i % 3 === 0 ? ["tools", "temperature"] : ["temperature"],
    architecture: { input_modalities: i % 10 === 0 ? ["text", "image"] : ["text"] }
  }))
})
const catalog = generatedCatalog(MODELS)
/** For runs about a flag rather than the catalog's size. */
const smallCatalog = generatedCatalog(1_000)
const metadata = new Map(catalog.data.map((entry) => [entry.id, entry]))
const FIRST = catalog.data
  .filter((entry) => entry.context_length === 2_000_000)
  .map((entry) => entry.id)
  .sort()

let fake: FakeOpenRouter | undefined
let state: TempState
beforeEach(() => {
  state = makeTempState()
})
afterEach(async () => {
  await fake?.close()
  fake = undefined
  state.cleanup()
})

const start = async (options: Parameters<typeof startFakeOpenRouter>[0]) => {
  fake = await startFakeOpenRouter({ catalog, ...options })
  state.writeConfig({ models: { providers: { openrouter: { baseUrl: fake.baseUrl } } } })
  return fake
}

const scan = (server: FakeOpenRouter, ...flags: Array<string>) =>
  state.run(["models", "scan", "--json", ...flags], { OPENROUTER_API_KEY: server.apiKey })

/**
 * Decoding 100,000 catalog entries takes the JIT-less CLI ~20 s on a loaded 2-core machine: the catalog request
 * gets a long --timeout, and each such test a long budget.
 */
const BIG = ["--timeout", "120000"]
const BIG_TEST_MS = 240_000

const probes = (server: FakeOpenRouter) => server.requests.filter((request) => request.kind !== "models")
const probedModels = (server: FakeOpenRouter) => [
  ...new Set(probes(server).map((r) => r.body.model as string))
]

describe("models scan on a huge catalog", () => {
  it(
    "probes 4 x --max-candidates models by default, the most promising by metadata, and says the rest were not",
    async () => {
      const server = await start({ latencyMs: 5 })
      const result = await scan(server, "--yes", ...BIG)
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)

      const probed = probedModels(server)
      expect(probed).toHaveLength(24)
      // Tool probe and image probe each: 48 requests, not one per catalog entry.
      expect(probes(server)).toHaveLength(48)
      for (const id of probed) {
        expect(metadata.get(id)?.supported_parameters).toContain("tools")
        expect(metadata.get(id)?.architecture.input_modalities).toContain("image")
      }
      expect(probed).toEqual(expect.arrayContaining(FIRST))

      const doc = JSON.parse(result.stdout)
      expect(doc.results).toHaveLength(24)
      expect(doc.warnings).toEqual([
        `Not probed: ${MODELS - 24} of ${MODELS} free models (only the first 24 by metadata are probed: tool support, image input, context, size; --max-probes <n> to probe more).`
      ])
      expect(doc.selected).toHaveLength(6)
    },
    BIG_TEST_MS
  )

  it("--max-probes sets the bound; --max-candidates moves the default one", async () => {
    const server = await start({ latencyMs: 5, catalog: smallCatalog })
    expect((await scan(server, "--max-probes", "5")).code).toBe(0)
    expect(probedModels(server)).toHaveLength(5)
    server.reset()
    expect((await scan(server, "--max-candidates", "2")).code).toBe(0)
    expect(probedModels(server)).toHaveLength(8)
  })

  it(
    "the --deadline ends probing: requests in flight are aborted, what finished is used, the rest is listed",
    async () => {
      // Only the two most promising models answer; every other request would take a minute.
      const fast = Object.fromEntries(FIRST.map((id) => [id, 5]))
      const server = await start({ latencyMs: 60_000, latencyMsByModel: fast })
      const result = await scan(server, "--deadline", "3s", ...BIG)
      expect(result.stderr).toBe("")
      expect(result.code).toBe(0)

      const doc = JSON.parse(result.stdout)
      expect(doc.selected.sort()).toEqual(FIRST.map((id) => `openrouter/${id}`))
      expect(doc.results.map((r: { id: string }) => r.id).sort()).toEqual(FIRST)
      expect(doc.warnings).toHaveLength(2)
      expect(doc.warnings[1]).toMatch(/^Not probed: 22 models did not finish before the --deadline \(3s\): /)
      expect(state.readConfig().agents.defaults.model.fallbacks.sort()).toEqual(doc.selected)

      // Three slow models were in flight (--concurrency 3) and were cut off at the deadline, not at --timeout.
      expect(server.aborted()).toBe(3)
      expect(server.inFlight()).toBe(0)
      const requests = probes(server)
      const first = Math.min(...requests.map((r) => r.startedAt!))
      const last = Math.max(...requests.map((r) => r.finishedAt!))
      // The deadline clock starts before the first request reaches the server: allow for that on a busy machine.
      expect(last - first).toBeGreaterThan(2_000)
      expect(last - first).toBeLessThan(3_000 + 5_000)
    },
    BIG_TEST_MS
  )

  it("when nothing finishes by the deadline: one clear error, nothing written", async () => {
    const server = await start({ latencyMs: 60_000, catalog: smallCatalog })
    const before = state.readConfigText()
    const result = await scan(server, "--deadline", "2s", "--max-probes", "4", "--concurrency", "2")
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr:
        "Error: No model finished its probes before the --deadline (2s) passed; nothing was written. Try a longer --deadline.\n"
    })
    expect(state.readConfigText()).toBe(before)
    expect([server.aborted(), server.inFlight(), probes(server).length]).toEqual([2, 0, 2])
  })
})

describe("scan bound flags", () => {
  it.each([
    [["--max-probes", "0"], 'Error: --max-probes must be a whole number > 0 (got "0")'],
    [["--max-probes", "2.5"], 'Error: --max-probes must be a whole number > 0 (got "2.5")'],
    [["--deadline", "120"], 'Error: --deadline needs a unit (e.g. 90s, 2m or 500ms; got "120")'],
    [["--deadline", "soon"], 'Error: --deadline must be a duration > 0, e.g. 90s, 2m or 500ms (got "soon")']
  ])("%j is refused before any request", async (flags, message) => {
    const server = await start({ catalog: smallCatalog })
    const result = await scan(server, "--yes", ...flags)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`${message}. See \`clawdbot models scan --help\`.\n`)
    expect(server.requests).toHaveLength(0)
  })
})
