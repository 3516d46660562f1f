import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Options from "../../../src/domain/scan/options.js"

describe("scan flag values (spec §3.9)", () => {
  it.each([
    ["minParams", "0.5", Either.right(0.5)],
    ["minParams", "0", Either.right(0)],
    ["minParams", "-1", Either.left("--min-params must be >= 0")],
    ["minParams", "big", Either.left("--min-params must be >= 0")],
    ["maxAgeDays", "1.5", Either.right(1.5)],
    ["maxAgeDays", "-0.1", Either.left("--max-age-days must be >= 0")],
    ["maxCandidates", "6", Either.right(6)],
    ["maxCandidates", "2.9", Either.right(2)],
    ["maxCandidates", "0.5", Either.right(1)],
    ["maxCandidates", "0", Either.left("--max-candidates must be > 0")],
    ["timeout", "12000", Either.right(12000)],
    ["timeout", "0.4", Either.right(1)],
    ["timeout", "", Either.left("--timeout must be > 0")],
    ["timeout", "Infinity", Either.left("--timeout must be > 0")],
    ["concurrency", "3.7", Either.right(3)],
    ["concurrency", "-2", Either.left("--concurrency must be > 0")]
  ] as const)("%s %j", (flag, raw, expected) => {
    const rule = {
      minParams: Options.minParams,
      maxAgeDays: Options.maxAgeDays,
      maxCandidates: Options.maxCandidates,
      timeout: Options.timeoutMs,
      concurrency: Options.concurrency
    }[flag]
    expect(rule(raw)).toEqual(expected)
  })
})

describe("scan bounds (issue 9 item 12)", () => {
  it.each([
    ["maxProbes", "24", Either.right(24)],
    ["maxProbes", " 1 ", Either.right(1)],
    ["maxProbes", "0", Either.left('--max-probes must be a whole number > 0 (got "0")')],
    ["maxProbes", "2.5", Either.left('--max-probes must be a whole number > 0 (got "2.5")')],
    ["maxProbes", "lots", Either.left('--max-probes must be a whole number > 0 (got "lots")')],
    ["deadline", "2m", Either.right(120_000)],
    ["deadline", "90s", Either.right(90_000)],
    ["deadline", "500ms", Either.right(500)],
    ["deadline", "120", Either.left('--deadline needs a unit (e.g. 90s, 2m or 500ms; got "120")')],
    ["deadline", "0s", Either.left('--deadline must be a duration > 0, e.g. 90s, 2m or 500ms (got "0s")')],
    ["deadline", "soon", Either.left('--deadline must be a duration > 0, e.g. 90s, 2m or 500ms (got "soon")')]
  ] as const)("%s %j", (flag, raw, expected) => {
    const rule = { maxProbes: Options.maxProbes, deadline: Options.deadlineMs }[flag]
    expect(rule(raw)).toEqual(expected)
  })

  it("without --max-probes, 4 models are probed per --max-candidates", () => {
    expect(Options.probeLimit(undefined, 6)).toBe(24)
    expect(Options.probeLimit(undefined, 2)).toBe(8)
    expect(Options.probeLimit(50, 2)).toBe(50)
  })

  it("the default deadline text and milliseconds agree", () => {
    expect(Options.deadlineMs(Options.SCAN_DEFAULTS.deadline)).toEqual(
      Either.right(Options.SCAN_DEFAULTS.deadlineMs)
    )
  })
})
