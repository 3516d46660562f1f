import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { validateProfileId, validateProviderId } from "../../src/domain/profileId.js"

describe("provider ids (issue 9 item 4)", () => {
  it.each(["openai", "OpenAI", " openai-codex ", "z.ai", "github-copilot", "my_gateway.v2"])(
    "%j is accepted",
    (raw) => {
      expect(Either.isRight(validateProviderId(raw))).toBe(true)
    }
  )
  it.each([
    ["Open AI", 'Invalid --provider "Open AI": use lower-case letters'],
    ["open\u001b[2Jai", 'Invalid --provider "open\\x1b[2Jai"'],
    ["-x", 'Invalid --provider "-x"'],
    ["a".repeat(65), "Invalid --provider"],
    ["  ", "Missing --provider."]
  ])("%j is refused: %s", (raw, message) => {
    const result = validateProviderId(raw, "--provider")
    expect(Either.isLeft(result) && result.left).toContain(message)
  })
})

describe("profile ids (spec §1.4; issue 9 item 4)", () => {
  it.each([
    ["anthropic:claude-cli", "anthropic"],
    ["openai-codex:user@example.com", "openai-codex"],
    ["openai-codex:first.last+tag@sub.example.co.uk", "openai-codex"],
    ["qwen-portal:qwen-cli", "qwen-portal"],
    ["github-copilot:github", "github-copilot"],
    ["openai:manual", "openai"],
    ["openai:work:2", "openai"]
  ])("%j is accepted", (id, provider) => {
    expect(validateProfileId(id, provider)).toEqual(Either.right(id))
  })
  it.each([
    ["open ai:manual", "openai", 'it must start with "openai:"'],
    ["openai:my key", "openai", "no spaces or quotes"],
    ["openai:a\u001b]0;x\u0007", "openai", 'Invalid profile id "openai:a\\x1b]0;x\\x07"'],
    ["openai:\u202eevil", "openai", "openai:\\u202eevil"],
    [`openai:${"a".repeat(129)}`, "openai", "at most 128"],
    ["openai", "openai", "use <provider>:<name>"],
    ["openai:", "openai", "no spaces or quotes"]
  ])("%j is refused: %s", (id, provider, message) => {
    const result = validateProfileId(id, provider)
    expect(Either.isLeft(result) && result.left).toContain(message)
  })
})
