import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import { compareText } from "../../src/domain/order.js"

// The reference sorts with localeCompare; in an English locale that is this collator, whatever LANG the test has.
const english = new Intl.Collator("en")
const sign = (n: number) => Math.sign(n)

const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
const idChars = [..."abcAByZz019-_:./@ "]

describe("compareText", () => {
  it("orders like localeCompare in English for ids", () => {
    const ids = [
      "openai:default",
      "openai-codex:codex-cli",
      "OpenAI:work",
      "anthropic:claude-cli",
      "anthropic:Bob@example.com",
      "anthropic:alice@example.com",
      "anthropic:manual",
      "google-gemini-cli",
      "google",
      "z.ai",
      "zai",
      "x_ai",
      "1password"
    ]
    expect([...ids].sort(compareText)).toEqual([...ids].sort(english.compare))
  })

  it("agrees in sign with the English collator on random printable ASCII", () => {
    const text = (chars: ReadonlyArray<string>) =>
      FastCheck.array(FastCheck.constantFrom(...chars), { maxLength: 8 }).map((cs) => cs.join(""))
    FastCheck.assert(
      FastCheck.property(text(printable), text(printable), (a, b) => {
        expect(sign(compareText(a, b))).toBe(sign(english.compare(a, b)))
      }),
      { numRuns: 5000 }
    )
    FastCheck.assert(
      FastCheck.property(text(idChars), text(idChars), (a, b) => {
        expect(sign(compareText(a, b))).toBe(sign(english.compare(a, b)))
      }),
      { numRuns: 5000 }
    )
  })

  it("falls back to localeCompare for other text", () => {
    expect(sign(compareText("é", "f"))).toBe(sign("é".localeCompare("f")))
    expect(compareText("same", "same")).toBe(0)
  })
})
