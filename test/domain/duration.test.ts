import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { parseDuration } from "../../src/domain/duration.js"

describe("parseDuration (spec §3.13 grammar)", () => {
  it.each([
    ["365d", 365 * 86_400_000],
    ["365", 365 * 86_400_000],
    ["12h", 12 * 3_600_000],
    ["30m", 30 * 60_000],
    ["45s", 45_000],
    ["1500ms", 1500],
    ["1.5h", 5_400_000],
    [" 2D ", 2 * 86_400_000],
    ["0.0004s", 0]
  ])("%s", (raw, ms) => {
    const result = parseDuration(raw)
    if (ms === 0) expect(Either.isLeft(result)).toBe(true)
    else expect(result).toEqual(Either.right(ms))
  })

  it.each(["", "  ", "5x", "-1d", "1e3", "d", "1 d", "1.d", "0", "0d"])("refuses %j", (raw) => {
    const result = parseDuration(raw)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(result.left).toMatch(/^invalid duration/)
  })

  it("caps at 100 years, so now + duration stays a valid date (99999999d was stored past Date's range)", () => {
    expect(parseDuration("36500d")).toEqual(Either.right(36_500 * 86_400_000))
    expect(parseDuration("99999999d")).toEqual(
      Either.left("invalid duration: 99999999d (too large; at most 36500d)")
    )
  })

  it("names the empty case and the offending value", () => {
    expect(parseDuration("")).toEqual(Either.left(expect.stringContaining("invalid duration (empty)")))
    expect(parseDuration("5x")).toEqual(Either.left(expect.stringContaining("invalid duration: 5x")))
  })
})
