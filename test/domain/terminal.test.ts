import { describe, expect, it } from "@effect/vitest"
import {
  excerpt,
  sanitizeDeep,
  sanitizeText,
  shouldStyle,
  stripAnsi,
  stripStyling,
  tableWidth,
  toJson
} from "../../src/domain/terminal.js"

describe("shouldStyle (spec conventions)", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "" }, true, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, true],
    [{ NO_COLOR: "1", FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, true],
    [{ FORCE_COLOR: "0" }, false, false]
  ])("%j, tty=%s -> %s", (env: Record<string, string>, tty, expected) => {
    expect(shouldStyle((name) => env[name], tty)).toBe(expected)
  })
})

describe("stripAnsi", () => {
  it("removes the escapes @effect/cli's help uses and nothing else", () => {
    expect(stripAnsi("\u001b[0;1m\u001b[0;37;1mclawdbot\u001b[0;1m\u001b[0m [x] 5% ⏱")).toBe(
      "clawdbot [x] 5% ⏱"
    )
  })
})

describe("stripStyling (issue 13 item 5)", () => {
  it("removes colours and bold but keeps the cursor and erase sequences a progress line rewrites itself with", () => {
    expect(stripStyling("\u001b[1A\u001b[2K\u001b[0;1mProbing\u001b[0m [1/2]")).toBe(
      "\u001b[1A\u001b[2KProbing [1/2]"
    )
  })
})

describe("sanitizeText (issue 9 item 4)", () => {
  it("turns OSC, CSI, BEL, NUL, DEL, C1 and bidi controls into visible escapes", () => {
    expect(sanitizeText("\u001b]0;pwned\u0007\u001b[2J")).toBe("\\x1b]0;pwned\\x07\\x1b[2J")
    expect(sanitizeText("a\u0000b\u007fc\u009b31m\u009d")).toBe("a\\x00b\\x7fc\\x9b31m\\x9d")
    expect(sanitizeText("evil\u202egnp.exe\u2066\u2069\u200e\u200f\u061c")).toBe(
      "evil\\u202egnp.exe\\u2066\\u2069\\u200e\\u200f\\u061c"
    )
    expect(sanitizeText("one\r\ntwo\tthree\u2028")).toBe("one\\x0d\\x0atwo\\x09three\\u2028")
  })

  it("keeps ordinary text, non-ASCII letters and emoji as they are", () => {
    const text = "openrouter/qwen/qwen3-coder:free · Ünïcødé ⏱ 5% 日本語 👍🏽"
    expect(sanitizeText(text)).toBe(text)
  })

  it("sanitizeDeep reaches every string of plain data, keys included, and leaves other values alone", () => {
    expect(sanitizeDeep({ "a\u001b": ["x\u0007", 1, null, { b: "\u202e", c: true }], n: 2 })).toEqual({
      "a\\x1b": ["x\\x07", 1, null, { b: "\\u202e", c: true }],
      n: 2
    })
  })
})

describe("toJson (issue 9 item 4)", () => {
  it("escapes what JSON.stringify leaves raw (DEL, C1, bidi, line separators) and round-trips", () => {
    const value = { id: "a\u202eb\u0085c\u007f\u2028\u001b[2J\u0000", n: [1, "\u2066"] }
    const text = toJson(value)
    expect(text).not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
    )
    expect(text).toContain("\\u202e")
    expect(JSON.parse(text)).toEqual(value)
  })
})

describe("excerpt", () => {
  it("cuts by code point, then escapes: a long hostile value stays one short, safe line", () => {
    expect(excerpt("ab\u001bcd", 10)).toBe("ab\\x1bcd")
    expect(excerpt("😀😀😀", 2)).toBe("😀😀…")
    expect(excerpt(`\u001b${"x".repeat(100)}`, 3)).toBe("\\x1bxx…")
  })
})

describe("tableWidth (issue 13 item 9)", () => {
  it("no width off a terminal, whatever COLUMNS says: nothing is cut for a pipe or a file", () => {
    expect(tableWidth(false, undefined, "60")).toBeUndefined()
    expect(tableWidth(false, 120, undefined)).toBeUndefined()
  })

  it("on a terminal: its reported columns, else a positive COLUMNS, else 80", () => {
    expect(tableWidth(true, 132, "60")).toBe(132)
    expect(tableWidth(true, undefined, " 60 ")).toBe(60)
    expect(tableWidth(true, 0, "60")).toBe(60)
    for (const bad of [undefined, "", "0", "-5", "abc", "12.5"])
      expect(tableWidth(true, undefined, bad)).toBe(80)
  })
})
