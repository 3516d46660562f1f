/** Model references a caller typed: resolved through the config's aliases, checked before a write, warned about. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { type CatalogModel, textOnlyWarning, unknownModelWarning } from "../domain/catalog.js"
import { aliasIndexOf, type ClawdbotConfig } from "../domain/config.js"
import { InvalidModelRef } from "../domain/errors.js"
import { implicitModelRefs } from "../domain/implicitProviders.js"
import { modelRefWriteProblem, normalizeProviderId, resolveModelInput } from "../domain/modelRef.js"
import { Catalog } from "../services/Catalog.js"
import { Environment } from "../services/Environment.js"
import { Reporter } from "../services/Reporter.js"

/** Resolves user input to a canonical `provider/model` through the config's aliases (spec §2.4). */
export const resolveModel = (raw: string, config: ClawdbotConfig) =>
  Either.match(resolveModelInput(raw, aliasIndexOf(config)), {
    onLeft: () => Effect.fail(new InvalidModelRef({ raw })),
    onRight: Effect.succeed
  })

/** `resolveModel` for a model about to be written: a key with whitespace, controls or 257+ characters is refused. */
export const resolveModelForWrite = (raw: string, config: ClawdbotConfig) =>
  Effect.flatMap(resolveModel(raw, config), (resolved) => {
    const problem = modelRefWriteProblem(resolved.key)
    return problem === undefined
      ? Effect.succeed(resolved)
      : Effect.fail(new InvalidModelRef({ raw, reason: problem }))
  })

/** A suggested command, with `--profile <p>` when CLAWDBOT_PROFILE is set (spec conventions). */
export const suggestedCommand = Effect.map(Environment, (env) => profiled(env.get("CLAWDBOT_PROFILE")))

const profiled = (raw: string | undefined) => {
  const profile = raw?.trim()
  return (args: string) => (profile ? `clawdbot --profile ${profile} ${args}` : `clawdbot ${args}`)
}

/** `warning` of the catalog's models, through the Reporter; nothing when no Catalog is provided (a host runtime). */
const warnFromCatalog = (
  config: ClawdbotConfig,
  warning: (models: ReadonlyArray<CatalogModel>) => Effect.Effect<string | undefined>
) =>
  Effect.flatMap(Effect.serviceOption(Catalog), (catalog) =>
    Option.match(catalog, {
      onNone: () => Effect.void,
      onSome: (catalog) =>
        Effect.flatMap(Effect.flatMap(catalog.models(config), warning), (text) =>
          text === undefined ? Effect.void : Effect.flatMap(Reporter, (r) => r.warn(text))
        )
    })
  )

/**
 * After writing `key`, a Reporter warning when it names no known model (a typo would otherwise go unnoticed).
 * Needs the Catalog only when one is provided: a host runtime without it gets no warning.
 */
export const warnIfUnknownModel = (key: string, raw: string, config: ClawdbotConfig) =>
  warnFromCatalog(config, (models) => {
    const configured = Object.keys(config.models?.providers ?? {}).map(normalizeProviderId)
    // The suggested command names CLAWDBOT_PROFILE when an Environment says so; a host may have none.
    const command = Effect.map(Effect.serviceOption(Environment), (env) =>
      Option.isSome(env) ? profiled(env.value.get("CLAWDBOT_PROFILE")) : profiled(undefined)
    )
    return Effect.map(command, (command) =>
      unknownModelWarning(key, raw, [...models, ...implicitModelRefs()], configured, command)
    )
  })

/** After making `key` an image model or image fallback, a Reporter warning when the catalog says it takes text only. */
export const warnIfTextOnly = (key: string, config: ClawdbotConfig) =>
  warnFromCatalog(config, (models) => Effect.succeed(textOnlyWarning(key, models)))
