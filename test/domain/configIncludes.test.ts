import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import type { JsonObject } from "../../src/domain/configEdit.js"
import {
  type Expansion,
  expandIncludes,
  type IncludedFile,
  MAX_INCLUDE_DEPTH,
  planIncludeWrite
} from "../../src/domain/configIncludes.js"

const resolve = (from: string, written: string) => path.resolve(path.dirname(from), written)
const MAIN = "/s/clawdbot.json"

const loaded = (files: Readonly<Record<string, unknown>>) =>
  new Map<string, IncludedFile>(
    Object.entries(files).map(([file, value]) => [file, { _tag: "Loaded", value }])
  )

const expanded = (root: JsonObject, files: Readonly<Record<string, unknown>> = {}) => {
  const result = expandIncludes(root, MAIN, loaded(files), resolve)
  if (result._tag !== "Expanded") throw new Error(`not expanded: ${JSON.stringify(result)}`)
  return result
}

const issueOf = (result: Expansion) => (result._tag === "Invalid" ? result.issue : `(${result._tag})`)

describe("expandIncludes (spec §1.1, the reference's rules)", () => {
  it("replaces the object by the included value, relative to the including file, nested", () => {
    const result = expanded(
      { agents: { $include: "./conf/agents.json5" } },
      {
        "/s/conf/agents.json5": { defaults: { $include: "defaults.json5" } },
        "/s/conf/defaults.json5": { model: { primary: "openai/gpt-5.2" } }
      }
    )
    expect(result.value).toEqual({ agents: { defaults: { model: { primary: "openai/gpt-5.2" } } } })
  })

  it("merges sibling keys over the included object (siblings win), arrays concatenate", () => {
    const result = expanded(
      { $include: "/etc/base.json5", gateway: { port: 2 }, list: ["b"] },
      { "/etc/base.json5": { gateway: { port: 1, bind: "loopback" }, list: ["a"] } }
    )
    expect(result.value).toEqual({ gateway: { port: 2, bind: "loopback" }, list: ["a", "b"] })
  })

  it("merges an array of includes left to right into {}", () => {
    const result = expanded(
      { $include: ["a.json5", "b.json5"] },
      {
        "/s/a.json5": { model: { primary: "a/1", fallbacks: ["a/2"] } },
        "/s/b.json5": { model: { primary: "b/1", fallbacks: ["b/2"] } }
      }
    )
    expect(result.value).toEqual({ model: { primary: "b/1", fallbacks: ["a/2", "b/2"] } })
  })

  it("asks for a file it has not been given yet", () => {
    expect(expandIncludes({ $include: "./m.json5" }, MAIN, new Map(), resolve)).toEqual({
      _tag: "NeedsFile",
      file: "/s/m.json5"
    })
  })

  it("names the directive, the including file and the reason a file could not be read", () => {
    const files = new Map<string, IncludedFile>([
      ["/s/m.json5", { _tag: "Failed", reason: "/s/m.json5 does not exist" }]
    ])
    expect(issueOf(expandIncludes({ x: { $include: "./m.json5" } }, MAIN, files, resolve))).toBe(
      `$include "./m.json5" in /s/clawdbot.json: /s/m.json5 does not exist`
    )
  })

  it("reports a cycle with the whole chain", () => {
    const result = expandIncludes(
      { $include: "a.json5" },
      MAIN,
      loaded({ "/s/a.json5": { $include: "b.json5" }, "/s/b.json5": { $include: "a.json5" } }),
      resolve
    )
    expect(issueOf(result)).toBe("$include cycle: /s/clawdbot.json -> /s/a.json5 -> /s/b.json5 -> /s/a.json5")
  })

  it(`follows ${MAX_INCLUDE_DEPTH} levels, refuses one more`, () => {
    const chain = (levels: number) =>
      Object.fromEntries(
        Array.from({ length: levels }, (_, index) => [
          `/s/${index + 1}.json5`,
          index + 1 === levels ? { leaf: true } : { $include: `${index + 2}.json5` }
        ])
      )
    expect(expanded({ $include: "1.json5" }, chain(MAX_INCLUDE_DEPTH)).value).toEqual({ leaf: true })
    const tooDeep = expandIncludes(
      { $include: "1.json5" },
      MAIN,
      loaded(chain(MAX_INCLUDE_DEPTH + 1)),
      resolve
    )
    expect(issueOf(tooDeep)).toContain("nested more than 10 levels deep")
    expect(issueOf(tooDeep)).toContain('$include "11.json5" in /s/10.json5')
  })

  it("refuses a non-string include item, a non-path directive and siblings next to a non-object", () => {
    expect(
      issueOf(
        expandIncludes({ a: { $include: ["x.json5", 3] } }, MAIN, loaded({ "/s/x.json5": {} }), resolve)
      )
    ).toBe("$include in /s/clawdbot.json at a: item 2 must be a path, got a number")
    expect(issueOf(expandIncludes({ $include: true }, MAIN, new Map(), resolve))).toBe(
      "$include in /s/clawdbot.json at the top level must be a path or an array of paths, got a boolean"
    )
    expect(
      issueOf(
        expandIncludes(
          { m: { $include: "l.json5", extra: 1 } },
          MAIN,
          loaded({ "/s/l.json5": ["a"] }),
          resolve
        )
      )
    ).toBe(
      "$include in /s/clawdbot.json at m: the included content is an array, not an object, so the keys next to $include (extra) cannot be merged into it"
    )
  })

  it("keeps a key named __proto__ as a key", () => {
    const proto = JSON.parse('{"__proto__": {"polluted": true}}')
    const result = expanded({ $include: "p.json5", a: 1 }, { "/s/p.json5": proto })
    expect(Object.hasOwn(result.value, "__proto__")).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

/** Plans `edit` of the merged document of `files` (MAIN included), returning the changed documents. */
const plan = (files: Readonly<Record<string, unknown>>, edit: (merged: any) => JsonObject) => {
  const { [MAIN]: root, ...others } = files
  const before = expanded(root as JsonObject, others)
  const result = planIncludeWrite(
    { rootFile: MAIN, documents: new Map(Object.entries(files)), resolve },
    before,
    edit(structuredClone(before.value))
  )
  return (result._tag === "Planned" ? Object.fromEntries(result.documents) : result) as Record<string, any>
}

describe("planIncludeWrite: an edit of the merged document lands in the file that holds the key", () => {
  const layout = {
    [MAIN]: { $include: "./models.json5", gateway: { port: 1 } },
    "/s/models.json5": {
      agents: { defaults: { model: { primary: "a/1", fallbacks: ["a/2", "a/3"] }, models: { "a/1": {} } } }
    }
  }

  it("a changed value goes to the included file; the main file is untouched", () => {
    const changed = plan(layout, (doc) => {
      doc.agents.defaults.model.fallbacks = []
      return doc
    })
    expect(changed).toEqual({
      "/s/models.json5": {
        agents: { defaults: { model: { primary: "a/1", fallbacks: [] }, models: { "a/1": {} } } }
      }
    })
  })

  it("a new key goes to the file holding its nearest existing parent; a key new at the top to the main file", () => {
    const changed = plan(layout, (doc) => {
      doc.agents.defaults.models["b/1"] = { alias: "b" }
      doc.auth = { profiles: { "b:manual": { provider: "b", mode: "token" } } }
      return doc
    })
    expect(changed["/s/models.json5"]).toMatchObject({
      agents: { defaults: { models: { "a/1": {}, "b/1": { alias: "b" } } } }
    })
    expect(changed[MAIN]).toEqual({
      $include: "./models.json5",
      gateway: { port: 1 },
      auth: { profiles: { "b:manual": { provider: "b", mode: "token" } } }
    })
  })

  it("a sibling key next to $include owns what it overrides", () => {
    const changed = plan(
      {
        [MAIN]: { $include: "./base.json5", agents: { defaults: { model: { primary: "main/1" } } } },
        "/s/base.json5": { agents: { defaults: { model: { primary: "base/1" }, workspace: "~/w" } } }
      },
      (doc) => {
        doc.agents.defaults.model.primary = "new/1"
        return doc
      }
    )
    expect(Object.keys(changed)).toEqual([MAIN])
    expect(changed[MAIN]).toMatchObject({ agents: { defaults: { model: { primary: "new/1" } } } })
  })

  it("a removed key is removed from every file that holds it", () => {
    const changed = plan(
      {
        [MAIN]: { $include: "./base.json5", agents: { defaults: { models: { "x/1": { alias: "x" } } } } },
        "/s/base.json5": { agents: { defaults: { models: { "x/1": {}, "y/1": {} } } } }
      },
      (doc) => {
        delete doc.agents.defaults.models["x/1"]
        return doc
      }
    )
    expect(changed).toEqual({
      [MAIN]: { $include: "./base.json5", agents: { defaults: { models: {} } } },
      "/s/base.json5": { agents: { defaults: { models: { "y/1": {} } } } }
    })
  })

  it("refuses to edit an array concatenated from several files, naming them", () => {
    const result = plan(
      {
        [MAIN]: { $include: ["a.json5", "b.json5"] },
        "/s/a.json5": { model: { fallbacks: ["a/2"] } },
        "/s/b.json5": { model: { fallbacks: ["b/2"] } }
      },
      (doc) => {
        doc.model.fallbacks = []
        return doc
      }
    )
    expect(result).toEqual({
      _tag: "Refused",
      reason:
        "model.fallbacks is concatenated by $include from /s/a.json5, /s/b.json5, so it cannot be edited safely; edit those files by hand"
    })
  })

  it("edits inside an included array element keep the element's own include", () => {
    const changed = plan(
      {
        [MAIN]: { agents: { list: [{ id: "main" }, { $include: "./work.json5" }] } },
        "/s/work.json5": { id: "work", model: "a/1" }
      },
      (doc) => {
        doc.agents.list[1].model = "b/1"
        return doc
      }
    )
    expect(changed).toEqual({ "/s/work.json5": { id: "work", model: "b/1" } })
  })
})
