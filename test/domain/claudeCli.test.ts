import { describe, expect, it } from "@effect/vitest"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { AuthCredential } from "../../src/domain/authProfiles.js"
import { parseClaudeCredentials, shouldSyncClaudeCli } from "../../src/domain/claudeCli.js"

const NOW = 1_700_000_000_000
const HOUR = 3_600_000
const oauth = (access: string, expires: number, refresh = "r"): AuthCredential => ({
  type: "oauth",
  provider: "anthropic",
  access: Redacted.make(access),
  refresh: Redacted.make(refresh),
  expires
})
const token = (value: string, expires?: number): AuthCredential => ({
  type: "token",
  provider: "anthropic",
  token: Redacted.make(value),
  ...(expires === undefined ? {} : { expires })
})

describe("parseClaudeCredentials", () => {
  it("reads claudeAiOauth and refuses incomplete data", () => {
    expect(
      parseClaudeCredentials('{"claudeAiOauth":{"accessToken":"a","refreshToken":"r","expiresAt":5}}')
    ).toEqual(Option.some({ access: "a", refresh: "r", expires: 5 }))
    expect(parseClaudeCredentials('{"claudeAiOauth":{"accessToken":"a","expiresAt":5}}')).toEqual(
      Option.some({ access: "a", refresh: undefined, expires: 5 })
    )
    for (const bad of [
      "",
      "nope",
      "{}",
      '{"claudeAiOauth":{"accessToken":"","expiresAt":5}}',
      '{"claudeAiOauth":{"accessToken":"a","expiresAt":0}}'
    ])
      expect(Option.isNone(parseClaudeCredentials(bad))).toBe(true)
  })
})

describe("shouldSyncClaudeCli (spec §3.12 step 4)", () => {
  const cliOauth = { access: "new", refresh: "r2", expires: NOW + 8 * HOUR }
  const cliToken = { access: "new", expires: NOW + 8 * HOUR }
  it.each<[string, AuthCredential | undefined, typeof cliOauth | typeof cliToken, boolean]>([
    ["absent", undefined, cliOauth, true],
    ["token -> oauth upgrades", token("old", NOW + 100 * HOUR), cliOauth, true],
    ["oauth -> token never", oauth("old", NOW - HOUR), cliToken, false],
    ["healthy oauth is kept", oauth("old", NOW + 2 * HOUR), cliOauth, false],
    ["oauth expiring within 10 min, later CLI expiry", oauth("old", NOW + 5 * 60_000), cliOauth, true],
    ["expired oauth", oauth("old", NOW - 1), { ...cliOauth, expires: NOW - 10 }, true],
    ["token with a later CLI expiry", token("old", NOW + HOUR), cliToken, true],
    ["token with an earlier CLI expiry", token("old", NOW + 100 * HOUR), cliToken, false],
    ["identical", oauth("new", NOW + 8 * HOUR, "r2"), cliOauth, false]
  ])("%s", (_name, existing, cli, expected) => {
    expect(shouldSyncClaudeCli(existing, cli, NOW)).toBe(expected)
  })
})
