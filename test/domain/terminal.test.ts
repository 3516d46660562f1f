import { describe, expect, it } from "@effect/vitest"
import { shouldStyle, stripAnsi } from "../../src/domain/terminal.js"

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
