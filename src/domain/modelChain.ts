/**
 * The model chain an agent uses: primary, fallbacks, image model and image fallbacks, each resolved through the
 * config's aliases (spec §2.4). Pure: computed from the decoded config and an agent id.
 */
import * as Either from "effect/Either"
import { agentSelection } from "./agents.js"
import { aliasIndexOf, type ClawdbotConfig, selectionParts } from "./config.js"
import { type AliasIndex, DEFAULT_MODEL_KEY, resolveModelInput } from "./modelRef.js"

/** One entry of a chain: what the config says (`input`) and the model it names. */
export interface ResolvedModelRef {
  /** As written in the config (an alias or `provider/model`). */
  readonly input: string
  /** Canonical `provider/model`. */
  readonly key: string
  readonly provider: string
  readonly model: string
  /** The alias `input` was resolved through, if any. */
  readonly alias?: string
}

export interface ModelChain {
  readonly agentId: string
  /** The configured primary, or `anthropic/claude-opus-4-5` when none is set (spec §2.4). */
  readonly primary: ResolvedModelRef
  readonly fallbacks: ReadonlyArray<ResolvedModelRef>
  readonly imageModel: ResolvedModelRef | undefined
  readonly imageFallbacks: ReadonlyArray<ResolvedModelRef>
}

const resolveRef = (input: string, index: AliasIndex): ResolvedModelRef | undefined =>
  Either.match(resolveModelInput(input, index), {
    onLeft: () => undefined,
    onRight: ({ ref, key, alias }) => ({
      input,
      key,
      provider: ref.provider,
      model: ref.model,
      ...(alias === undefined ? {} : { alias })
    })
  })

/** Entries that do not parse as a model reference are left out (the config still holds them). */
const resolveAll = (inputs: ReadonlyArray<string>, index: AliasIndex): ReadonlyArray<ResolvedModelRef> =>
  inputs.flatMap((input) => resolveRef(input, index) ?? [])

/** The chain of `agentId`: its own `agents.list[]` override over `agents.defaults` (src/domain/agents.ts). */
export const modelChainOf = (config: ClawdbotConfig, agentId: string): ModelChain => {
  const index = aliasIndexOf(config)
  const selection = agentSelection(config, agentId)
  const model = selectionParts(selection.model)
  const image = selectionParts(selection.imageModel)
  const primary = (model.primary === undefined ? undefined : resolveRef(model.primary, index)) ??
    resolveRef(DEFAULT_MODEL_KEY, index) ?? {
      input: DEFAULT_MODEL_KEY,
      key: DEFAULT_MODEL_KEY,
      provider: "anthropic",
      model: "claude-opus-4-5"
    }
  return {
    agentId,
    primary,
    fallbacks: resolveAll(model.fallbacks, index),
    imageModel: image.primary === undefined ? undefined : resolveRef(image.primary, index),
    imageFallbacks: resolveAll(image.fallbacks, index)
  }
}
