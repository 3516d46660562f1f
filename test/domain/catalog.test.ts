import { describe, expect, it } from "@effect/vitest"
import { unknownModelWarning } from "../../src/domain/catalog.js"

const catalog = [
  { provider: "anthropic", id: "claude-opus-4-5" },
  { provider: "openai", id: "gpt-5.2" }
]

describe("unknownModelWarning (a typo is not written silently)", () => {
  it("a known model, or any id of a provider configured in models.providers: no warning", () => {
    expect(unknownModelWarning("openai/gpt-5.2", "openai/gpt-5.2", catalog, [])).toBeUndefined()
    expect(unknownModelWarning("myco/anything", "myco/anything", catalog, ["myco"])).toBeUndefined()
  })

  it("an unknown id of a known provider names the list command; a bare name explains the anthropic/ default", () => {
    expect(
      unknownModelWarning("anthropic/gtp-5", "gtp-5", catalog, [], (a) => `clawdbot --profile w ${a}`)
    ).toBe(
      'Warning: anthropic/gtp-5 is not in the model catalog (a name without "provider/" means anthropic/); check the spelling with `clawdbot --profile w models list --all --provider anthropic`.'
    )
  })

  it("an unknown provider says how to configure it", () => {
    expect(unknownModelWarning("opnai/gpt-5.2", "opnai/gpt-5.2", catalog, [])).toBe(
      "Warning: provider opnai is not known; configure it under models.providers.opnai, or check the spelling."
    )
  })
})
