/**
 * OpenRouter's `/models` catalog (spec §3.9 steps 2-6), read from the fields the API really sends (§8.3):
 * `created` (seconds), `architecture.modality` / `architecture.input_modalities`,
 * `top_provider.max_completion_tokens`, `pricing.*` as numeric strings, `supported_parameters`, `context_length`.
 * Every field but `id` may be missing, null or of an unexpected type: it then reads as unknown (null), and the
 * entry is kept. Pure.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/** Decodes with `schema`, or yields `null` for anything else (missing, null, wrong type). */
const lenient = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(
    Schema.Union(
      schema,
      Schema.transform(Schema.Unknown, Schema.Null, { strict: true, decode: () => null, encode: (n) => n })
    ),
    { default: () => null }
  )

/** A finite number, or a numeric string (`"0"`, `"0.000002"`) as OpenRouter sends prices. */
export const NumberLike = Schema.transformOrFail(Schema.Union(Schema.Number, Schema.String), Schema.Finite, {
  strict: true,
  decode: (input, _, ast) => {
    const value = typeof input === "number" ? input : input.trim() === "" ? Number.NaN : Number(input)
    return Number.isFinite(value)
      ? ParseResult.succeed(value)
      : ParseResult.fail(new ParseResult.Type(ast, input, "Expected a finite number or numeric string"))
  },
  encode: ParseResult.succeed
})

/** Prices in USD per token (or per request/image/search); each may be missing or unreadable. */
const Pricing = Schema.Struct({
  prompt: lenient(NumberLike),
  completion: lenient(NumberLike),
  request: lenient(NumberLike),
  image: lenient(NumberLike),
  web_search: lenient(NumberLike),
  internal_reasoning: lenient(NumberLike)
})

const Architecture = Schema.Struct({
  modality: lenient(Schema.String),
  input_modalities: lenient(Schema.Array(Schema.Unknown))
})

const TopProvider = Schema.Struct({
  max_completion_tokens: lenient(Schema.Finite),
  context_length: lenient(Schema.Finite)
})

/** One entry of `GET /models` `data`. Only `id` is required. */
export const OpenRouterEntry = Schema.Struct({
  id: Schema.String,
  name: lenient(Schema.String),
  created: lenient(Schema.Finite),
  /** The field the reference read (it does not exist in the real API); honoured when present. */
  created_at: lenient(Schema.Finite),
  context_length: lenient(Schema.Finite),
  architecture: lenient(Architecture),
  top_provider: lenient(TopProvider),
  /** Top-level fallbacks the reference read; the real API nests this under `top_provider`. */
  max_completion_tokens: lenient(Schema.Finite),
  max_output_tokens: lenient(Schema.Finite),
  /** Top-level fallback the reference read; the real API has `architecture.modality`. */
  modality: lenient(Schema.String),
  pricing: lenient(Pricing),
  supported_parameters: lenient(Schema.Array(Schema.Unknown))
})
export type OpenRouterEntry = typeof OpenRouterEntry.Type

/** The response body: `{ data: [...] }`. Entries are decoded one by one so a bad entry costs only itself. */
export const OpenRouterCatalogBody = Schema.Struct({ data: Schema.Array(Schema.Unknown) })

export interface OpenRouterPricing {
  readonly prompt: number
  readonly completion: number
  readonly request: number
  readonly image: number
  readonly webSearch: number
  readonly internalReasoning: number
}

/** What a scan knows about a model before probing it. */
export interface OpenRouterModel {
  readonly id: string
  readonly name: string
  readonly contextLength: number | null
  readonly maxCompletionTokens: number | null
  readonly supportedParameters: ReadonlyArray<string>
  readonly modality: string | null
  /** `architecture.input_modalities`, else the input side of `modality` (`text+image->text` -> text, image). */
  readonly inputModalities: ReadonlyArray<string>
  readonly inferredParamB: number | null
  readonly createdAtMs: number | null
  readonly pricing: OpenRouterPricing | null
}

/** `pricing` with prompt and completion as numbers (else null); the other prices default to 0 (spec §3.9.8). */
export const parsePricing = (raw: typeof Pricing.Type | null): OpenRouterPricing | null => {
  if (raw === null || raw.prompt === null || raw.completion === null) return null
  return {
    prompt: raw.prompt,
    completion: raw.completion,
    request: raw.request ?? 0,
    image: raw.image ?? 0,
    webSearch: raw.web_search ?? 0,
    internalReasoning: raw.internal_reasoning ?? 0
  }
}

const PARAM_SIZE = /(?:^|[^a-z0-9])[a-z]?(\d+(?:\.\d+)?)b(?:[^a-z0-9]|$)/g

/**
 * Parameter count in billions inferred from `"<id> <name>"` (spec §3.9.5): the largest positive match of
 * `<digits>b` as a word, optionally after one letter (`gemma-3-27b-it` -> 27, `gemma-3n-e4b-it` -> 4).
 */
export const inferParamB = (text: string): number | null => {
  let best: number | null = null
  for (const match of text.toLowerCase().matchAll(PARAM_SIZE)) {
    const value = Number(match[1])
    if (Number.isFinite(value) && value > 0 && (best === null || value > best)) best = value
  }
  return best
}

/** Epoch ms from `created` (seconds, or ms when > 1e12); non-positive or missing -> null. */
export const createdAtMs = (value: number | null): number | null => {
  if (value === null || !(value > 0)) return null
  return value > 1e12 ? Math.round(value) : Math.round(value * 1000)
}

const strings = (values: ReadonlyArray<unknown> | null): ReadonlyArray<string> =>
  (values ?? []).flatMap((value) => (typeof value === "string" && value.trim() !== "" ? [value.trim()] : []))

/** Input modalities: the explicit list, else the part of `modality` before `->`, split on `+` and the like. */
export const inputModalitiesOf = (
  explicit: ReadonlyArray<unknown> | null,
  modality: string | null
): ReadonlyArray<string> => {
  const listed = strings(explicit).map((entry) => entry.toLowerCase())
  if (listed.length > 0) return [...new Set(listed)]
  if (modality === null) return ["text"]
  const input = modality.toLowerCase().split("->")[0] ?? ""
  const parts = input.split(/[^a-z]+/).filter((part) => part !== "")
  return parts.length > 0 ? [...new Set(parts)] : ["text"]
}

const nonEmpty = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? ""
  return trimmed === "" ? null : trimmed
}

/** One catalog entry in our terms. */
export const toOpenRouterModel = (entry: OpenRouterEntry): OpenRouterModel | null => {
  const id = entry.id.trim()
  if (id === "") return null
  const name = nonEmpty(entry.name) ?? id
  const modality = nonEmpty(entry.architecture?.modality ?? null) ?? nonEmpty(entry.modality)
  return {
    id,
    name,
    contextLength: entry.context_length ?? entry.top_provider?.context_length ?? null,
    maxCompletionTokens:
      entry.top_provider?.max_completion_tokens ?? entry.max_completion_tokens ?? entry.max_output_tokens,
    supportedParameters: strings(entry.supported_parameters),
    modality,
    inputModalities: inputModalitiesOf(entry.architecture?.input_modalities ?? null, modality),
    inferredParamB: inferParamB(`${id} ${name}`),
    createdAtMs: createdAtMs(entry.created ?? entry.created_at),
    pricing: parsePricing(entry.pricing)
  }
}

const decodeEntry = Schema.decodeUnknownEither(OpenRouterEntry)

/** Every entry with a string `id`, in catalog order; anything else in `data` is skipped. */
export const parseCatalog = (body: typeof OpenRouterCatalogBody.Type): ReadonlyArray<OpenRouterModel> =>
  body.data.flatMap((raw) => {
    const decoded = decodeEntry(raw)
    if (Either.isLeft(decoded)) return []
    const model = toOpenRouterModel(decoded.right)
    return model === null ? [] : [model]
  })

/** Free (spec §3.9.3): the id ends with `:free`, or prompt and completion prices are both 0. */
export const isFree = (model: Pick<OpenRouterModel, "id" | "pricing">): boolean =>
  model.id.endsWith(":free") ||
  (model.pricing !== null && model.pricing.prompt === 0 && model.pricing.completion === 0)

export const supportsTools = (model: OpenRouterModel): boolean => model.supportedParameters.includes("tools")

export const acceptsImages = (model: OpenRouterModel): boolean => model.inputModalities.includes("image")
