import { describe, expect, it } from "@effect/vitest"
import {
  allowlistEntries,
  ensureAllowlisted,
  getIn,
  type JsonObject,
  rawSelection,
  setAlias,
  setFallbacks,
  setPrimary,
  unsetAlias
} from "../../src/domain/configEdit.js"

const defaults = (doc: JsonObject) => getIn(doc, ["agents", "defaults"]) as any

describe("setPrimary (spec §3.4/3.5)", () => {
  it("creates the model object on an empty document", () => {
    expect(setPrimary({}, "model", "openai/gpt-5.2")).toEqual({
      agents: { defaults: { model: { primary: "openai/gpt-5.2", fallbacks: [] } } }
    })
  })

  it("keeps fallbacks, unknown keys of the object and every unrelated key", () => {
    const doc = {
      gateway: { port: 18789 },
      agents: {
        list: [{ id: "main" }],
        defaults: {
          workspace: "~/clawd",
          model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"], extra: true }
        }
      }
    }
    const next = setPrimary(doc, "model", "google/gemini-3-pro-preview")
    expect(defaults(next).model).toEqual({
      primary: "google/gemini-3-pro-preview",
      fallbacks: ["openai/gpt-5.2"],
      extra: true
    })
    expect(next.gateway).toEqual({ port: 18789 })
    expect(defaults(next).workspace).toBe("~/clawd")
    expect((next.agents as any).list).toEqual([{ id: "main" }])
    // the input is not mutated
    expect(doc.agents.defaults.model.primary).toBe("anthropic/claude-opus-4-5")
  })

  it("turns a string-form model into an object with no fallbacks", () => {
    const doc = { agents: { defaults: { model: "anthropic/claude-opus-4-5" } } }
    expect(defaults(setPrimary(doc, "model", "openai/gpt-5.2")).model).toEqual({
      primary: "openai/gpt-5.2",
      fallbacks: []
    })
  })

  it("edits imageModel without touching model", () => {
    const doc = { agents: { defaults: { model: { primary: "a/b", fallbacks: ["c/d"] } } } }
    const next = setPrimary(doc, "imageModel", "openai/gpt-5.2")
    expect(defaults(next).model).toEqual({ primary: "a/b", fallbacks: ["c/d"] })
    expect(defaults(next).imageModel).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] })
  })
})

describe("setFallbacks / rawSelection (spec §3.7/3.8)", () => {
  it("keeps a string-form primary as the primary", () => {
    const next = setFallbacks({ agents: { defaults: { model: "a/b" } } }, "model", ["c/d"])
    expect(defaults(next).model).toEqual({ primary: "a/b", fallbacks: ["c/d"] })
  })

  it("has no primary when none was set", () => {
    const next = setFallbacks({}, "imageModel", ["c/d"])
    expect(defaults(next).imageModel).toEqual({ fallbacks: ["c/d"] })
    expect(rawSelection(next, "imageModel")).toEqual({ primary: undefined, fallbacks: ["c/d"] })
  })

  it("rawSelection ignores non-string fallback entries", () => {
    const doc = { agents: { defaults: { model: { primary: "a/b", fallbacks: ["c/d", 3, null] } } } }
    expect(rawSelection(doc, "model")).toEqual({ primary: "a/b", fallbacks: ["c/d"] })
  })
})

describe("ensureAllowlisted (spec §1.2, §2.5, §8.6; issue 11 item 7)", () => {
  it("adds an unknown key as {}", () => {
    const next = ensureAllowlisted({}, "openai/gpt-4.1")
    expect(defaults(next).models).toEqual({ "openai/gpt-4.1": {} })
  })

  it("never writes a built-in alias: a new target entry is {} (both tools attach it on read)", () => {
    expect(defaults(ensureAllowlisted({}, "anthropic/claude-opus-4-5")).models).toEqual({
      "anthropic/claude-opus-4-5": {}
    })
    expect(defaults(ensureAllowlisted({}, "google/gemini-3-flash-preview")).models).toEqual({
      "google/gemini-3-flash-preview": {}
    })
  })

  it("never touches an existing entry", () => {
    const doc = { agents: { defaults: { models: { "anthropic/claude-opus-4-5": { params: { t: 1 } } } } } }
    expect(ensureAllowlisted(doc, "anthropic/claude-opus-4-5")).toBe(doc)
  })

  it('a removed built-in alias (alias: "") stays removed across later writes', () => {
    let doc: JsonObject = {
      agents: { defaults: { models: { "anthropic/claude-opus-4-5": { alias: "" } } } }
    }
    doc = ensureAllowlisted(
      setPrimary(doc, "model", "anthropic/claude-opus-4-5"),
      "anthropic/claude-opus-4-5"
    )
    doc = ensureAllowlisted(setFallbacks(doc, "model", ["openai/gpt-5.2"]), "openai/gpt-5.2")
    expect(defaults(doc).models).toEqual({
      "anthropic/claude-opus-4-5": { alias: "" },
      "openai/gpt-5.2": {}
    })
  })

  it("creating the allowlist keeps the models in use allowed, before the new key", () => {
    const next = ensureAllowlisted({}, "openai/gpt-5.2", [
      "anthropic/claude-opus-4-5",
      "google/gemini-3-pro-preview"
    ])
    expect(Object.keys(defaults(next).models)).toEqual([
      "anthropic/claude-opus-4-5",
      "google/gemini-3-pro-preview",
      "openai/gpt-5.2"
    ])
    // the new key among them is added once
    expect(Object.keys(defaults(ensureAllowlisted({}, "a/b", ["a/b", "c/d"])).models)).toEqual(["c/d", "a/b"])
  })

  it("an existing allowlist is the user's choice: nothing else is added to it", () => {
    const doc = { agents: { defaults: { models: { "xai/grok-4": {} } } } }
    expect(defaults(ensureAllowlisted(doc, "openai/gpt-5.2", ["anthropic/claude-opus-4-5"])).models).toEqual({
      "xai/grok-4": {},
      "openai/gpt-5.2": {}
    })
  })
})

describe("aliases on allowlist entries (spec §3.6)", () => {
  it("setAlias creates the entry or replaces its alias, keeping params", () => {
    const doc = { agents: { defaults: { models: { "a/b": { alias: "old", params: { t: 1 } } } } } }
    expect(defaults(setAlias(doc, "a/b", "new")).models).toEqual({
      "a/b": { alias: "new", params: { t: 1 } }
    })
    expect(defaults(setAlias({}, "c/d", "x")).models).toEqual({ "c/d": { alias: "x" } })
  })

  it("unsetAlias keeps the entry", () => {
    const doc = { agents: { defaults: { models: { "a/b": { alias: "old", params: { t: 1 } } } } } }
    expect(allowlistEntries(unsetAlias(doc, "a/b"))).toEqual([["a/b", { params: { t: 1 } }]])
  })
})
