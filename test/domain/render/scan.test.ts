import { describe, expect, it } from "@effect/vitest"
import {
  formatLatency,
  renderMetadataScan,
  renderProbeErrors,
  renderScanApplied,
  renderScanSummary,
  renderScanTable,
  scanHint
} from "../../../src/domain/render/scan.js"
import { parseCatalog } from "../../../src/domain/scan/catalog.js"
import { rankResults, scanCandidates, scanCounts, scanResult } from "../../../src/domain/scan/select.js"
import { FIXTURE_NOW, loadOpenRouterFixture } from "../../support/openrouterFixture.js"

const free = scanCandidates(
  parseCatalog(loadOpenRouterFixture()),
  { minParamsB: 0, maxAgeDays: 0 },
  FIXTURE_NOW
)
const find = (id: string) => free.find((model) => model.id === id)!

describe("scan text output (spec §3.9)", () => {
  it("latency as in status --probe: `-`, ms below a second, else seconds (one decimal below 10 s)", () => {
    expect([null, 0, 999, 1000, 1234, 12_000, 12_345].map(formatLatency)).toEqual([
      "-",
      "0ms",
      "999ms",
      "1s",
      "1.2s",
      "12s",
      "12s"
    ])
  })

  it("probed table: fixed columns, `fail`/`skip`, params and modality notes", () => {
    const results = rankResults([
      scanResult(
        find("google/gemma-3-27b-it:free"),
        { ok: false, latencyMs: 80, error: "x" },
        { ok: true, latencyMs: 812 }
      ),
      scanResult(find("z-ai/glm-4.5-air:free"), { ok: true, latencyMs: 1234 })
    ])
    expect(renderScanTable(results).split("\n")).toEqual([
      `${"Model".padEnd(42)} ${"Tool".padEnd(10)} ${"Image".padEnd(10)} ${"Ctx".padEnd(8)} ${"Params".padEnd(8)} Notes`,
      `${"openrouter/google/gemma-3-27b-it:free".padEnd(42)} ${"fail".padEnd(10)} ${"812ms".padEnd(10)} ${"131k".padEnd(8)} ${"27b".padEnd(8)} modality:text+image->text`,
      `${"openrouter/z-ai/glm-4.5-air:free".padEnd(42)} ${"1.2s".padEnd(10)} ${"skip".padEnd(10)} ${"131k".padEnd(8)} ${"-".padEnd(8)} modality:text->text`
    ])
  })

  it("a model ref longer than 42 widens the column instead of being cut", () => {
    const long = scanResult(find("nvidia/nemotron-3-nano-omni-30b-a3b-reasoning:free"), {
      ok: true,
      latencyMs: 5
    })
    const [header, line] = renderScanTable([long]).split("\n")
    expect(line).toMatch(/^openrouter\/nvidia\/nemotron-3-nano-omni-30b-a3b-reasoning:free 5ms /)
    expect(header!.indexOf("Tool")).toBe(line!.indexOf("5ms"))
  })

  it("--no-probe: metadata columns, no `fail`, and no advice to pass a --probe flag that does not exist", () => {
    const text = renderMetadataScan(rankResults(free.map((model) => scanResult(model))))
    const [first, , ...rows] = text.split("\n")
    expect(first).toMatch(/^Found 33 OpenRouter free models \(metadata only/)
    expect(text).not.toMatch(/--probe\b/)
    expect(text).not.toMatch(/\bfail\b/)
    expect(rows).toHaveLength(33)
    const gemma4 = rows.find((row) => row.startsWith("openrouter/google/gemma-4-31b-it:free"))!
    expect(gemma4.split(/\s+/).slice(1, 3)).toEqual(["yes", "yes"])
  })

  it("summary line and hint", () => {
    const results = [
      scanResult(
        find("google/gemma-3-27b-it:free"),
        { ok: true, latencyMs: 1200 },
        { ok: true, latencyMs: 800 }
      ),
      scanResult(find("openrouter/free"), { ok: false, latencyMs: 20, error: "boom" })
    ]
    expect(renderScanSummary(scanCounts(results))).toBe(
      "Scan results: tested 2, tool ok 1, image ok 1, tool+image ok 1, image only 0"
    )
    expect(scanHint(results[0]!)).toBe("tool 1.2s | img 800ms | ctx 131k | 27b")
    expect(scanHint(results[1]!)).toBe("tool fail | img skip | ctx 200k")
    expect(renderProbeErrors(results)).toBe("Probe errors:\n- tool: boom\n  openrouter/free")
  })

  it("probe errors are grouped: one line per distinct error, then the models that got it", () => {
    const notFound = { ok: false, latencyMs: 40, error: "HTTP 404: No endpoints found that support tool use" }
    const results = [
      scanResult(find("google/gemma-3-27b-it:free"), notFound, {
        ok: false,
        latencyMs: 9,
        error: "HTTP 500"
      }),
      scanResult(find("google/gemma-3-12b-it:free"), notFound, { ok: true, latencyMs: 9 }),
      scanResult(find("openai/gpt-oss-20b:free"), {
        ok: false,
        latencyMs: 100,
        error: "Timed out after 100 ms"
      })
    ]
    expect(renderProbeErrors(results).split("\n")).toEqual([
      "Probe errors:",
      "- tool: HTTP 404: No endpoints found that support tool use",
      "  google/gemma-3-27b-it:free, google/gemma-3-12b-it:free",
      "- image: HTTP 500",
      "  google/gemma-3-27b-it:free",
      "- tool: Timed out after 100 ms",
      "  openai/gpt-oss-20b:free"
    ])
  })

  it("applied lines", () => {
    expect(
      renderScanApplied({ selected: ["a", "b"], selectedImages: ["v"], setDefault: true, setImage: true })
    ).toBe("Fallbacks: a, b\nImage fallbacks: v\nDefault model: a\nImage model: v")
    expect(
      renderScanApplied({ selected: ["a"], selectedImages: [], setDefault: false, setImage: false })
    ).toBe("Fallbacks: a")
  })
})
