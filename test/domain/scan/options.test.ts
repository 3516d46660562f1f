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
