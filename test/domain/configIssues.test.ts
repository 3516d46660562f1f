/** Schema issues of a config in the user's words (issue 13 item 6). */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ClawdbotConfig } from "../../src/domain/config.js"
import { configIssues, describeValue, formatConfigPath } from "../../src/domain/configIssues.js"

const SECRET = "sk-ant-SECRET-0123456789abcdefghij"

const issuesOf = (input: unknown): ReadonlyArray<string> => {
  const result = Schema.decodeUnknownEither(ClawdbotConfig, { errors: "all" })(input)
  return Either.isLeft(result) ? configIssues(result.left.issue) : []
}

describe("configIssues", () => {
  it("a section of the wrong kind names the key and both kinds, not the section's type text", () => {
    expect(issuesOf({ agents: [] })).toEqual(["agents: expected an object, got a list"])
    expect(issuesOf({ env: 5 })).toEqual(["env: expected an object, got a number"])
  })

  it("fallbacks as a string: one line at fallbacks (not also one at model), showing the model ref", () => {
    expect(issuesOf({ agents: { defaults: { model: { fallbacks: "openai/gpt-4o" } } } })).toEqual([
      'agents.defaults.model.fallbacks: expected a list of "provider/model" strings, got a string ("openai/gpt-4o")'
    ])
  })

  it("a model of the wrong kind is one line for the whole choice", () => {
    expect(issuesOf({ agents: { defaults: { imageModel: true } } })).toEqual([
      'agents.defaults.imageModel: expected a "provider/model" string or { primary, fallbacks }, got true'
    ])
  })

  it("a long or hostile model ref is cut and escaped", () => {
    const [line] = issuesOf({
      agents: { defaults: { model: { fallbacks: `a/\u001b[31m${"x".repeat(200)}` } } }
    })
    expect(line).toContain('got a string ("a/\\x1b[31mxxx')
    expect(line).not.toContain("\u001b")
    expect(line!.length).toBeLessThan(160)
  })

  it("a wrong choice among fixed values is not quoted", () => {
    expect(issuesOf({ auth: { profiles: { "a:b": { provider: "a", mode: SECRET } } } })).toEqual([
      'auth.profiles["a:b"].mode: expected "api_key", "oauth" or "token", got a different string'
    ])
  })

  it("secret-bearing keys are described, never quoted", () => {
    const lines = issuesOf({
      models: { providers: { openai: { apiKey: { key: SECRET }, headers: { Authorization: [SECRET] } } } },
      env: { vars: { OPENAI_API_KEY: 42 } }
    })
    expect(lines).toEqual([
      "models.providers.openai.apiKey: expected a string, got an object",
      "models.providers.openai.headers.Authorization: expected a string, got a list",
      "env.vars.OPENAI_API_KEY: expected a string, got a number"
    ])
    expect(lines.join("\n")).not.toContain("SECRET")
  })

  it("a missing required key and list entries are named by index", () => {
    expect(issuesOf({ agents: { list: [{ id: "main" }, { model: "openai/gpt-5" }] } })).toEqual([
      "agents.list[1].id: missing; expected a string"
    ])
    expect(issuesOf({ models: { providers: { local: { models: ["llama3"] } } } })).toEqual([
      'models.providers.local.models[0]: expected a model such as { id: "model-id" }, got a string'
    ])
  })

  it("paths are written as a user finds them in the file", () => {
    expect(formatConfigPath([])).toBe("<root>")
    expect(formatConfigPath(["agents", "defaults", "models", "openai/gpt-5.2", "alias"])).toBe(
      'agents.defaults.models["openai/gpt-5.2"].alias'
    )
    expect(formatConfigPath(["auth", "order", "a\u001bb"])).toBe('auth.order["a\\\\x1bb"]')
  })

  it("values are described by kind", () => {
    expect([null, [], {}, "x", 1, false].map(describeValue)).toEqual([
      "null",
      "a list",
      "an object",
      "a string",
      "a number",
      "false"
    ])
  })
})
