/** What a token endpoint may hand us (issue 9 item 11): each value a user's store must never receive. */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { storableCredential } from "../../src/domain/authProfiles.js"
import { MAX_TOKEN_CHARS, readTokenGrant } from "../../src/domain/tokenGrant.js"

const grant = (fields: Record<string, unknown>) => readTokenGrant({ access_token: "at-1", ...fields })

describe("readTokenGrant", () => {
  it("takes a normal answer, a numeric-string lifetime and an answer without one", () => {
    expect(grant({ refresh_token: "rt-1", expires_in: 3600 })).toEqual(
      Either.right({ access: "at-1", refresh: "rt-1", expiresIn: 3600, idToken: undefined })
    )
    expect(Either.map(grant({ expires_in: "3599" }), (g) => g.expiresIn)).toEqual(Either.right(3599))
    expect(Either.map(grant({}), (g) => g.expiresIn)).toEqual(Either.right(undefined))
  })

  it.each([
    [{ expires_in: 1e308 }, "expires_in 1e+308 is out of range (1 second to 10 years)"],
    [{ expires_in: -5 }, "expires_in -5 is out of range (1 second to 10 years)"],
    [{ expires_in: 0 }, "expires_in 0 is out of range (1 second to 10 years)"],
    [{ expires_in: "soon" }, "expires_in is not a number of seconds"],
    [{ expires_in: true }, "expires_in is not a number of seconds"],
    [{ access_token: "" }, "the answer has no access_token"],
    [{ access_token: 42 }, "the answer has no access_token"],
    [
      { access_token: "x".repeat(MAX_TOKEN_CHARS + 1) },
      "access_token is 16385 characters long (at most 16384)"
    ],
    [
      { access_token: "at\r\nX-Evil: 1" },
      "access_token cannot be used: it contains a control character (U+000D)"
    ],
    [{ refresh_token: "rt\u0001" }, "refresh_token cannot be used: it contains a control character (U+0001)"],
    [{ refresh_token: 7 }, "the answer has no refresh_token"]
  ])("refuses %j", (fields, reason) => {
    expect(grant(fields)).toEqual(Either.left(reason))
  })

  it("drops an id_token that is not a token (it only labels the profile)", () => {
    expect(Either.map(grant({ id_token: "a b" }), (g) => g.idToken)).toEqual(Either.right(undefined))
  })
})

describe("storableCredential: what the store's own loader would read back", () => {
  it("refuses an expiry that JSON turns into null, naming the field and not the secret", () => {
    const result = storableCredential({
      type: "oauth",
      provider: "x",
      access: "SECRET-AT",
      expires: Infinity
    })
    expect(result).toEqual(Either.left("bad value for expires"))
  })
  it("refuses a blank provider and takes a normal credential", () => {
    expect(storableCredential({ type: "token", provider: " ", token: "t" })).toEqual(
      Either.left("its provider is blank")
    )
    expect(
      Either.isRight(storableCredential({ type: "oauth", provider: "x", access: "a", expires: 1 }))
    ).toBe(true)
  })
})
