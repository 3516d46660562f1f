import * as http from "node:http"
import { describe, expect, it } from "@effect/vitest"
import {
  headerNameProblem,
  headersProblem,
  headerValueProblem,
  secretProblem
} from "../../src/domain/httpHeader.js"

/** What node:http itself says about a header value: the rule we check ahead of it. */
const nodeAccepts = (value: string) => {
  try {
    http.validateHeaderValue("x-test", value)
    return true
  } catch {
    return false
  }
}

describe("headerValueProblem (issue 9 item 2)", () => {
  it.each([
    ["plain", undefined],
    ["tab\tand space", undefined],
    ["latin-1 é", undefined],
    ["\u0001", "it contains a control character (U+0001)"],
    ["a\r\nb", "it contains a control character (U+000D)"],
    ["\u007f", "it contains a control character (U+007F)"],
    ["\u0085", "it contains a control character (U+0085)"],
    ["€", "it contains a character beyond Latin-1, which HTTP headers cannot carry"],
    ["😀", "it contains a character beyond Latin-1, which HTTP headers cannot carry"]
  ])("%j -> %s", (value, expected) => {
    expect(headerValueProblem(value)).toBe(expected)
  })

  it("accepts nothing node:http would refuse", () => {
    for (let code = 0; code < 0x3000; code++) {
      const value = `a${String.fromCharCode(code)}b`
      if (headerValueProblem(value) === undefined)
        expect(nodeAccepts(value), `U+${code.toString(16)}`).toBe(true)
    }
  })
})

describe("secretProblem", () => {
  it.each([
    ["sk-proj-AbC_123.xyz~+/=", undefined],
    ["sk a", "it contains a space"],
    ["sk\ta", "it contains a control character (U+0009)"],
    ["sk\u0000", "it contains a control character (U+0000)"],
    ["skë", "it contains a character that is not printable ASCII"]
  ])("%j -> %s", (value, expected) => {
    expect(secretProblem(value)).toBe(expected)
  })
})

describe("header names and header sets", () => {
  it("refuses a name that is not an HTTP token, and names the header and its origin, not the value", () => {
    expect(headerNameProblem("X-Title")).toBeUndefined()
    expect(headerNameProblem("X Title")).toMatch(/not a valid header name/)
    expect(
      headersProblem({ "X-Title": "ok", "X-Key": "secret\u0007value" }, "models.providers.x.headers")
    ).toBe(
      'Header "X-Key" from models.providers.x.headers cannot be sent: it contains a control character (U+0007).'
    )
    expect(headersProblem({ "X-Title": "ok" }, "here")).toBeUndefined()
  })
})
