import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import {
  PROBE_CONCURRENCY_MESSAGE,
  PROBE_TIMEOUT_MESSAGE,
  positiveInteger,
  positiveNumber,
  splitList
} from "../../src/domain/flags.js"

describe("flag rules (§3.2)", () => {
  it.each([
    ["8000", Either.right(8000)],
    [" 1500 ", Either.right(1500)],
    ["0.5", Either.right(0.5)],
    ["0", Either.left(PROBE_TIMEOUT_MESSAGE)],
    ["-1", Either.left(PROBE_TIMEOUT_MESSAGE)],
    ["abc", Either.left(PROBE_TIMEOUT_MESSAGE)],
    ["", Either.left(PROBE_TIMEOUT_MESSAGE)],
    ["Infinity", Either.left(PROBE_TIMEOUT_MESSAGE)]
  ])("--probe-timeout %j", (raw, expected) => {
    expect(positiveNumber(raw, PROBE_TIMEOUT_MESSAGE)).toEqual(expected)
  })

  it.each([
    ["2", Either.right(2)],
    ["0", Either.left(PROBE_CONCURRENCY_MESSAGE)],
    ["x", Either.left(PROBE_CONCURRENCY_MESSAGE)],
    ["2.5", Either.left("--probe-concurrency must be a whole number (got 2.5).")]
  ])("--probe-concurrency %j", (raw, expected) => {
    expect(positiveInteger(raw, PROBE_CONCURRENCY_MESSAGE, "--probe-concurrency")).toEqual(expected)
  })

  it("repeatable, comma-separated values are trimmed, blanks dropped, duplicates removed", () => {
    expect(splitList(["a, b", " ,c", "a", ""])).toEqual(["a", "b", "c"])
  })
})
