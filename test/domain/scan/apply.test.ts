import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { applyScanSelection, checkSelection } from "../../../src/domain/scan/apply.js"

const base = {
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2"] },
      models: { "anthropic/claude-opus-4-5": { alias: "opus" } }
    }
  },
  other: { kept: true }
}

describe("applyScanSelection (spec §3.9 Write)", () => {
  it("replaces fallbacks, keeps the primary, allowlists every selection, leaves the image model alone", () => {
    const next = applyScanSelection(base, {
      selected: ["openrouter/a:free", "openrouter/b:free"],
      selectedImages: [],
      setDefault: false,
      setImage: false
    })
    expect(next).toEqual({
      agents: {
        defaults: {
          model: {
            primary: "anthropic/claude-opus-4-5",
            fallbacks: ["openrouter/a:free", "openrouter/b:free"]
          },
          models: {
            "anthropic/claude-opus-4-5": { alias: "opus" },
            "openrouter/a:free": {},
            "openrouter/b:free": {}
          }
        }
      },
      other: { kept: true }
    })
  })

  it("--set-default and --set-image make the first choice primary; image fallbacks are written", () => {
    const next = applyScanSelection(
      { agents: { defaults: { imageModel: "openai/gpt-5.2" } } },
      {
        selected: ["openrouter/a:free"],
        selectedImages: ["openrouter/v:free", "openrouter/w:free"],
        setDefault: true,
        setImage: true
      }
    )
    expect(next).toEqual({
      agents: {
        defaults: {
          model: { primary: "openrouter/a:free", fallbacks: ["openrouter/a:free"] },
          imageModel: { primary: "openrouter/v:free", fallbacks: ["openrouter/v:free", "openrouter/w:free"] },
          models: { "openrouter/a:free": {}, "openrouter/v:free": {}, "openrouter/w:free": {} }
        }
      }
    })
  })

  it("without --set-image an existing image primary stays", () => {
    const next = applyScanSelection(
      { agents: { defaults: { imageModel: "openai/gpt-5.2" } } },
      {
        selected: ["openrouter/a:free"],
        selectedImages: ["openrouter/v:free"],
        setDefault: false,
        setImage: false
      }
    )
    expect(next).toMatchObject({
      agents: { defaults: { imageModel: { primary: "openai/gpt-5.2", fallbacks: ["openrouter/v:free"] } } }
    })
  })

  it("refuses an empty selection and --set-image without image models", () => {
    const selection = { selected: [], selectedImages: [], setDefault: false, setImage: false }
    expect(checkSelection(selection)).toEqual(Either.left("No models selected for fallbacks."))
    expect(checkSelection({ ...selection, selected: ["openrouter/a"], setImage: true })).toEqual(
      Either.left("No image-capable models selected for image model.")
    )
  })
})
