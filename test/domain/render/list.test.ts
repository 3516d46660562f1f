import { describe, expect, it } from "@effect/vitest"
import { decodeAuthProfiles } from "../../../src/domain/authProfiles.js"
import { listRows } from "../../../src/domain/list.js"
import {
  formatCapabilities,
  formatContext,
  formatPrice,
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

describe("formatPrice / formatCapabilities (issue 12 item 6)", () => {
  it.each([
    [undefined, "-"],
    [0, "0"],
    [15, "15"],
    [2.5, "2.5"],
    [1.25, "1.25"],
    [1234.567, "1234.57"],
    [0.075, "0.075"],
    [0.0375, "0.0375"],
    [0.123456, "0.123"],
    [0.0000001, "<0.001"]
  ])("price %s -> %s", (usd, text) => {
    expect(formatPrice(usd)).toBe(text)
  })

  it("marks t(ools) r(easoning) i(mage input) in place: - has not, ? unknown, - for a missing model", () => {
    const [opus, gpt, missing, gemini, ollama] = rows()
    expect([opus, gpt, missing, gemini, ollama].map((row) => formatCapabilities(row!))).toEqual([
      "tri",
      "tr-",
      "-",
      "t--",
      "??-"
    ])
  })
})

const longId = listRows(
  {
    agents: {
      defaults: { model: { primary: "openrouter/some-vendor/an-extremely-long-model-name-v2:free" } }
    }
  },
  [],
  decodeAuthProfiles({}),
  () => undefined,
  { all: false, local: false }
)

describe("list rendering (spec §3.3, issue 12 item 6, issue 13 item 9)", () => {
  it("off a terminal: the spec's columns and widths plus max output, prices and capabilities; no id is cut", () => {
    const list = rows({}, CONFIG, { OPENAI_API_KEY: "sk-x" })
    const table = renderListTable([...list, ...longId]).split("\n")
    // the model column widens to the longest id (59) instead of cutting it at 42
    const model = (text: string) => text.padEnd(59)
    expect(table[0]).toBe(
      `${model("Model")} ${"Input".padEnd(10)} ${"Ctx".padEnd(8)} MaxOut $In/M $Out/M Caps Local Auth  Tags`
    )
    expect(table[1]).toBe(
      `${model("anthropic/claude-opus-4-5")} ${"text+image".padEnd(10)} ${"200k".padEnd(8)} 64k    5     25     tri  no    no    default,configured,alias:opus`
    )
    expect(table[2]).toBe(
      `${model("openai/gpt-5.2")} ${"text".padEnd(10)} ${"400k".padEnd(8)} 128k   1.75  14     tr-  no    yes   fallback#1,image,configured,alias:gpt`
    )
    expect(table[3]).toBe(
      `${model("nope/missing-model")} ${"-".padEnd(10)} ${"-".padEnd(8)} -      -     -      -    -     -     fallback#2,configured,alias:ghost,missing`
    )
    expect(table[5]).toBe(
      `${model("ollama/llama3.2:latest")} ${"text".padEnd(10)} ${"128k".padEnd(8)} -      -     -      ??-  yes   no    configured`
    )
    expect(table[6]).toBe(
      `openrouter/some-vendor/an-extremely-long-model-name-v2:free ${"-".padEnd(10)} ${"-".padEnd(8)} -      -     -      -    -     -     default,missing`
    )
    // ids of 42 or fewer characters keep the spec's 42-wide column
    expect(renderListTable(rows()).split("\n")[1]).toMatch(/^anthropic\/claude-opus-4-5 {18}text\+image /)
  })

  const headerAt = (width: number) => renderListTable(rows(), width).split("\n")[0]!.split(/ +/)

  it("on a terminal: columns as wide as their cells; everything shown when it fits", () => {
    const table = renderListTable(rows(), 200).split("\n")
    expect(table[0]).toBe(
      `${"Model".padEnd(27)} ${"Input".padEnd(10)} Ctx  MaxOut $In/M $Out/M Caps Local Auth Tags`
    )
    expect(table[1]).toBe(
      `${"anthropic/claude-opus-4-5".padEnd(27)} text+image 200k 64k    5     25     tri  no    no   default,configured,alias:opus`
    )
  })

  it.each([
    [100, ["Model", "Ctx", "MaxOut", "$In/M", "$Out/M", "Caps", "Local", "Auth", "Tags"]],
    [80, ["Model", "Ctx", "$In/M", "$Out/M", "Caps", "Auth", "Tags"]],
    [60, ["Model", "$In/M", "$Out/M", "Auth", "Tags"]],
    [50, ["Model", "$In/M", "Tags"]],
    [40, ["Model", "Tags"]],
    [30, ["Model"]]
  ])("on a %s-column terminal every line fits, columns go in the documented order", (width, columns) => {
    const table = renderListTable(rows(), width).split("\n")
    for (const line of table) expect(line.length).toBeLessThanOrEqual(width)
    expect(headerAt(width)).toEqual(columns)
    // the model ids are whole as long as they fit alone
    expect(table.slice(1).map((line) => line.split(" ")[0])).toEqual(rows().map((row) => row.key))
  })

  it("on a terminal: tags are cut only as far as needed, marked with …", () => {
    const table = renderListTable(rows(), 100).split("\n")
    expect(table[1]).toMatch(/ default,configured,alias:opus$/)
    expect(table[3]).toMatch(/ fallback#2,configured,alias:gh…$/)
    expect(table[3]!.length).toBe(100)
  })

  it("on a terminal narrower than an id: the id is cut last, in the middle, keeping provider and suffix", () => {
    const table = renderListTable([...rows(), ...longId], 40).split("\n")
    expect(table[0]).toBe("Model")
    for (const line of table) expect(line.length).toBeLessThanOrEqual(40)
    expect(table[6]).toBe("openrouter/some-vend…-model-name-v2:free")
    expect(table[1]).toBe("anthropic/claude-opus-4-5")
  })

  it("no rows -> No models found.", () => {
    expect(renderListTable([])).toBe("No models found.")
    expect(renderListTable([], 40)).toBe("No models found.")
  })

  it("plain: keys one per line, never cut; json: {count, models} with the spec's fields, then the new ones", () => {
    const list = [...rows(), ...longId]
    expect(renderListPlain(list).split("\n")).toEqual(list.map((r) => r.key))
    const parsed = JSON.parse(renderListJson(list))
    expect(parsed.count).toBe(6)
    expect(Object.keys(parsed.models[0])).toEqual([
      "key",
      "name",
      "input",
      "contextWindow",
      "local",
      "available",
      "tags",
      "missing",
      "cost",
      "maxTokens",
      "tools",
      "reasoning",
      "imageInput"
    ])
    expect(parsed.models[0]).toMatchObject({
      cost: { input: 5, output: 25 },
      maxTokens: 64_000,
      tools: true,
      reasoning: true,
      imageInput: true
    })
    // unknown: absent, never 0 or false
    const ollama = parsed.models.find((m: { key: string }) => m.key === "ollama/llama3.2:latest")
    expect(Object.keys(ollama)).not.toContain("cost")
    expect(Object.keys(ollama)).not.toContain("maxTokens")
    expect(Object.keys(ollama)).not.toContain("tools")
    expect(parsed.models[5].key).toBe("openrouter/some-vendor/an-extremely-long-model-name-v2:free")
  })
})
