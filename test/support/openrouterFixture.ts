/** The real OpenRouter `/api/v1/models` response of 2026-05-01: 371 models, 33 of them free. */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

export const OPENROUTER_FIXTURE_PATH = fileURLToPath(
  new URL("../fixtures/openrouter/models-2026-05-01.json", import.meta.url)
)

/** Fixture "now": the day the catalog was fetched (2026-05-01T00:00:00Z). */
export const FIXTURE_NOW = Date.UTC(2026, 4, 1)

export const loadOpenRouterFixture = (): { readonly data: ReadonlyArray<Record<string, unknown>> } =>
  JSON.parse(readFileSync(OPENROUTER_FIXTURE_PATH, "utf8"))
