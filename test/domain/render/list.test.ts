import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../../src/domain/authProfiles.js"
import { listRows } from "../../../src/domain/list.js"
import {
  formatContext,
  renderListJson,
  renderListPlain,
  renderListTable
} from "../../../src/domain/render/list.js"
import { CONFIG, rows } from "../../support/listFixtures.js"

describe("formatContext (spec §3.3 Ctx)", () => {
  it.each([
    [null, "-"],
    [0, "-"],
    [512, "512"],
    [1023, "1023"],
    // decimal thousands, as providers advertise them (the reference divides by 1024: 195k, §8.13)
    [200_000, "200k"],
    [128_000, "128k"],
    [1_048_576, "1049k"],
    [400_000, "400k"]
  ])("%s -> %s", (tokens, text) => {
    expect(formatContext(tokens)).toBe(text)
  })
})

describe("list rendering (spec §3.3)", () => {
  it("table: fixed columns, truncation to 42 with ..., yes/no/-", () => {
    const list = rows({}, CONFIG, { OPENAI_API_KEY: "sk-x" })
    const long = listRows(
      {
        agents: { defaults: { model: { primary: "openrouter/some-vendor/an-extremely-long-model-name-v2" } } }
      },
      [],
      decodeAuthProfiles({}),
      () => undefined,
      { all: false, local: false }
    )
    const table = renderListTable([...list, ...long]).split("\n")
    expect(table[0]).toBe(`${"Model".padEnd(42)} ${"Input".padEnd(10)} ${"Ctx".padEnd(8)} Local Auth  Tags`)
    expect(table[1]).toBe(
      `${"anthropic/claude-opus-4-5".padEnd(42)} ${"text+image".padEnd(10)} ${"200k".padEnd(8)} no    no    default,configured,alias:opus`
    )
    expect(table[2]).toBe(
      `${"openai/gpt-5.2".padEnd(42)} ${"text".padEnd(10)} ${"400k".padEnd(8)} no    yes   fallback#1,image,configured,alias:gpt`
    )
    expect(table[3]).toBe(
      `${"nope/missing-model".padEnd(42)} ${"-".padEnd(10)} ${"-".padEnd(8)} -     -     fallback#2,configured,alias:ghost,missing`
    )
    expect(table[6]).toBe(
      `openrouter/some-vendor/an-extremely-lon... ${"-".padEnd(10)} ${"-".padEnd(8)} -     -     default,missing`
    )
  })

  it("no rows -> No models found.", () => {
    expect(renderListTable([])).toBe("No models found.")
  })

  it("plain: keys one per line; json: {count, models}", () => {
    const list = rows()
    expect(renderListPlain(list).split("\n")).toEqual(list.map((r) => r.key))
    const parsed = JSON.parse(renderListJson(list))
    expect(parsed.count).toBe(5)
    expect(Object.keys(parsed.models[0])).toEqual([
      "key",
      "name",
      "input",
      "contextWindow",
      "local",
      "available",
      "tags",
      "missing"
    ])
  })
})
