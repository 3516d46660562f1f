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

describe("the scan table fits the terminal (issue 13 item 9)", () => {
  // Every free model of the catalog, probed: refs up to 62 characters, notes up to 25.
  const probed = rankResults(
    free.map((model, i) =>
      scanResult(model, { ok: i % 3 !== 0, latencyMs: 100 * i }, { ok: i % 2 === 0, latencyMs: 1500 })
    )
  )
  const refs = probed.map((result) => result.modelRef)
  const longest = Math.max(...refs.map((ref) => ref.length))

  /** A ref as shown: whole, or cut in the middle keeping its start and its end. */
  const shownAs = (shown: string, ref: string) => {
    const [head, tail] = shown.split("…")
    return tail === undefined
      ? shown === ref
      : ref.startsWith(head!) && ref.endsWith(tail) && shown.length < ref.length
  }

  it.each([120, 100])("at %i columns every line fits and every ref stays whole", (width) => {
    const lines = renderScanTable(probed, width).split("\n")
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width)
    expect(lines[0]).toMatch(/^Model\s+Tool\s+Image\b/)
    expect(lines.slice(1).map((line) => line.split(" ")[0])).toEqual(refs)
  })

  it("at 120 columns nothing is given up: every column is shown", () => {
    expect(renderScanTable(probed, 120).split("\n")[0]!.split(/\s+/)).toEqual([
      "Model",
      "Tool",
      "Image",
      "Ctx",
      "Params",
      "Notes"
    ])
  })

  it.each([80, 50])(
    "at %i columns Tool and Image stay, and only refs too long are cut, in the middle",
    (width) => {
      const lines = renderScanTable(probed, width).split("\n")
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width)
      expect(lines[0]!.split(/\s+/)).toEqual(["Model", "Tool", "Image"])
      const shown = lines.slice(1).map((line) => line.split(" ")[0]!)
      for (const [i, cell] of shown.entries())
        expect(shownAs(cell, refs[i]!), `${cell} for ${refs[i]}`).toBe(true)
      const room = width - lines[0]!.slice(lines[0]!.indexOf("Tool")).length - 1
      expect(shown.filter((cell, i) => cell !== refs[i])).toHaveLength(
        refs.filter((ref) => ref.length > room).length
      )
      expect(shown).toContain("openrouter/google/gemma-3-4b-it:free")
    }
  )

  it("off a terminal (no width) the columns keep the reference's widths and no ref is cut", () => {
    const lines = renderScanTable(probed).split("\n")
    expect(lines[0]!.indexOf("Tool")).toBe(longest + 1)
    expect(lines.slice(1).map((line) => line.split(" ")[0])).toEqual(refs)
    expect(lines.join("\n")).not.toContain("…")
  })

  it("--no-probe fits too", () => {
    const metadata = renderMetadataScan(probed, 100).split("\n").slice(1)
    for (const line of metadata) expect(line.length, line).toBeLessThanOrEqual(100)
    expect(metadata.slice(1).map((line) => line.split(" ")[0])).toEqual(refs)
  })
})
