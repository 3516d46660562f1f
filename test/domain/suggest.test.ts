import { describe, expect, it } from "@effect/vitest"
import { didYouMean, editDistance, suggestionsFor } from "../../src/domain/suggest.js"

describe("editDistance", () => {
  it.each([
    ["status", "status", 0],
    ["stauts", "status", 1],
    ["probe-timout", "probe-timeout", 1],
    ["lst", "list", 1],
    ["fallbakcs", "fallbacks", 1],
    ["rm", "remove", 4],
    ["", "abc", 3]
  ])("%s -> %s: %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })
})

describe("suggestionsFor", () => {
  const verbs = [
    "status",
    "list",
    "set",
    "set-image",
    "aliases",
    "fallbacks",
    "image-fallbacks",
    "scan",
    "auth"
  ]

  it.each([
    ["stauts", ["status"]],
    ["lsit", ["list"]],
    ["fall", ["fallbacks"]],
    ["sett", ["set"]],
    ["image", ["set-image", "image-fallbacks"]],
    ["xyzzy", []],
    // a short word suggests only what is one edit away
    ["ls", []]
  ])("%s -> %j", (typed, expected) => {
    expect(suggestionsFor(typed, verbs)).toEqual(expected)
  })

  it("words the suggestion for one or several names", () => {
    expect(didYouMean(["status"], (name) => `"${name}"`)).toBe(' Did you mean "status"?')
    expect(didYouMean(["--a", "--b", "--c"], (name) => name)).toBe(" Did you mean --a, --b or --c?")
    expect(didYouMean([], (name) => name)).toBe("")
  })
})
