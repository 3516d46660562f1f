// Hot pure code of `models scan` on the real 371-model catalog: `npx vitest bench bench/scan.bench.ts --run`.
import { bench, describe } from "vitest"
import { renderMetadataScan, renderScanTable } from "../src/domain/render/scan.js"
import { parseCatalog } from "../src/domain/scan/catalog.js"
import { rankResults, scanCandidates, scanChoices, scanResult } from "../src/domain/scan/select.js"
import { loadFixture } from "../test/support/fakeOpenRouter.mjs"

const body = loadFixture()
const catalog = parseCatalog(body)
const free = scanCandidates(catalog, { minParamsB: 0, maxAgeDays: 0 }, Date.UTC(2026, 4, 1))
const probed = free.map((model, i) =>
  scanResult(model, { ok: i % 3 !== 0, latencyMs: 100 + i }, { ok: i % 4 === 0, latencyMs: 50 + i })
)

describe("scan, 371-model catalog", () => {
  bench("decode the catalog (Schema, per entry)", () => {
    parseCatalog(body)
  })
  bench("filter + rank + pre-select the free models", () => {
    scanChoices(
      rankResults(
        scanCandidates(catalog, { minParamsB: 0.5, maxAgeDays: 0 }, Date.UTC(2026, 4, 1)).map((model) =>
          scanResult(model)
        )
      ),
      6
    )
  })
  bench("render the probed table", () => {
    renderScanTable(rankResults(probed))
  })
  bench("render the --no-probe table", () => {
    renderMetadataScan(rankResults(free.map((model) => scanResult(model))))
  })
})
