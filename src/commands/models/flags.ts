/** Turning pure flag rules (src/domain/flags.ts) into @effect/cli option checks. */
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

/** `Options.mapEffect(checked(rule))`: a `Left` becomes an invalid-value error carrying the rule's message. */
export const checked =
  <A, Raw = string>(rule: (raw: Raw) => Either.Either<A, string>) =>
  (raw: Raw): Effect.Effect<A, ValidationError.ValidationError> =>
    Either.match(rule(raw), {
      onLeft: (message) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message))),
      onRight: Effect.succeed
    })
