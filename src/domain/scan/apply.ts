/**
 * Writing a scan's selection into the raw config document (spec §3.9 "Write"). Pure: `applyScan`
 * (src/programs/scan.ts) hands the result to `ConfigStore.modify`.
 */
import * as Either from "effect/Either"
import { ensureAllowlisted, type JsonObject, setFallbacks, setPrimary } from "../configEdit.js"
import { modelRefWriteProblem } from "../modelRef.js"

export interface ScanSelection {
  /** Fallback models, in order. */
  readonly selected: ReadonlyArray<string>
  /** Image fallback models, in order. */
  readonly selectedImages: ReadonlyArray<string>
  /** Make `selected[0]` the default model. */
  readonly setDefault: boolean
  /** Make `selectedImages[0]` the image model. */
  readonly setImage: boolean
}

/** The spec's refusals, checked before anything is written. */
export const checkSelection = (selection: ScanSelection): Either.Either<ScanSelection, string> => {
  if (selection.selected.length === 0) return Either.left("No models selected for fallbacks.")
  for (const key of [...selection.selected, ...selection.selectedImages]) {
    const problem = modelRefWriteProblem(key)
    if (problem !== undefined) return Either.left(problem)
  }
  if (selection.setImage && selection.selectedImages.length === 0) {
    return Either.left("No image-capable models selected for image model.")
  }
  return Either.right(selection)
}

/**
 * Every selected model is allowlisted; the fallback list is replaced by `selected` (the primary is kept unless
 * `setDefault`); with image selections, the image fallback list is replaced too (primary kept unless `setImage`).
 * `keepAllowed` (models in use) joins an allowlist this creates (see `ensureAllowlisted`). Nothing else changes.
 */
export const applyScanSelection = (
  doc: JsonObject,
  selection: ScanSelection,
  keepAllowed: ReadonlyArray<string> = []
): JsonObject => {
  let next = setFallbacks(doc, "model", selection.selected)
  const [first] = selection.selected
  if (selection.setDefault && first !== undefined) next = setPrimary(next, "model", first)
  if (selection.selectedImages.length > 0) {
    next = setFallbacks(next, "imageModel", selection.selectedImages)
    const [firstImage] = selection.selectedImages
    if (selection.setImage && firstImage !== undefined) next = setPrimary(next, "imageModel", firstImage)
  }
  for (const key of [...selection.selected, ...selection.selectedImages])
    next = ensureAllowlisted(next, key, keepAllowed)
  return next
}
