/** The config's `env` section (spec §5.2): its schema and the values it gives variables (issue 11 item 4). */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ClawdbotConfig, configEnvValue } from "../../src/domain/config.js"
import { configIssues } from "../../src/domain/configIssues.js"

const decode = Schema.decodeUnknownEither(ClawdbotConfig, { errors: "all" })
const SECRET = "gsk-SECRET-0123456789abcdefghij"

const decoded = (input: unknown) => Either.getOrThrow(decode(input))

describe("config env section (spec §5.2)", () => {
  it("keeps keys directly under env beside shellEnv and vars", () => {
    const config = decoded({
      env: { shellEnv: { enabled: true }, vars: { MISTRAL_API_KEY: "m-key" }, GROQ_API_KEY: SECRET }
    })
    expect(configEnvValue(config, "GROQ_API_KEY")).toBe(SECRET)
    expect(configEnvValue(config, "MISTRAL_API_KEY")).toBe("m-key")
    expect(config.env?.shellEnv).toEqual({ enabled: true })
  })

  it("shellEnv and vars are never variables; blank direct values and empty vars give nothing", () => {
    const config = decoded({ env: { shellEnv: { enabled: false }, vars: { A: "", B: "b" }, B: "  ", C: "" } })
    expect(configEnvValue(config, "shellEnv")).toBeUndefined()
    expect(configEnvValue(config, "vars")).toBeUndefined()
    expect(configEnvValue(config, "A")).toBeUndefined()
    expect(configEnvValue(config, "C")).toBeUndefined()
    // a blank direct value falls back to env.vars
    expect(configEnvValue(config, "B")).toBe("b")
  })

  it("a direct key wins over env.vars, as the reference copies them in", () => {
    const config = decoded({ env: { vars: { GROQ_API_KEY: "from-vars" }, GROQ_API_KEY: "direct" } })
    expect(configEnvValue(config, "GROQ_API_KEY")).toBe("direct")
  })

  it("a direct key that is not a string is named, never quoted", () => {
    const result = decode({ env: { GROQ_API_KEY: { value: SECRET }, OTHER: [SECRET], shellEnv: {} } })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isRight(result)) return
    expect(configIssues(result.left.issue)).toEqual([
      "env.GROQ_API_KEY: expected a string, got an object",
      "env.OTHER: expected a string, got a list"
    ])
    expect(String(result.left)).not.toContain("SECRET")
  })
})
