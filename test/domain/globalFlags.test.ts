import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { parseGlobalFlags } from "../../src/domain/globalFlags.js"

const HOME = "/home/u"
const none = () => undefined

describe("global --profile / --dev (spec §1.1)", () => {
  it("--profile picks ~/.clawdbot-<name> and is removed from argv", () => {
    const result = Either.getOrThrow(
      parseGlobalFlags(["node", "clawdbot", "--profile", "work", "models", "status"], none, HOME)
    )
    expect(result.argv).toEqual(["node", "clawdbot", "models", "status"])
    expect(result.fill).toEqual({
      CLAWDBOT_PROFILE: "work",
      CLAWDBOT_STATE_DIR: "/home/u/.clawdbot-work",
      CLAWDBOT_CONFIG_PATH: "/home/u/.clawdbot-work/clawdbot.json"
    })
  })

  it("--profile=default is the normal state dir; --dev is profile dev with the dev gateway port", () => {
    const byDefault = Either.getOrThrow(
      parseGlobalFlags(["n", "c", "--profile=default", "models"], none, HOME)
    )
    expect(byDefault.fill.CLAWDBOT_STATE_DIR).toBe("/home/u/.clawdbot")
    const dev = Either.getOrThrow(parseGlobalFlags(["n", "c", "--dev", "models", "list"], none, HOME))
    expect(dev.argv).toEqual(["n", "c", "models", "list"])
    expect(dev.fill).toMatchObject({ CLAWDBOT_PROFILE: "dev", CLAWDBOT_GATEWAY_PORT: "19001" })
  })

  it("a state dir already set decides the config path (fill-only)", () => {
    const env = (name: string) => (name === "CLAWDBOT_STATE_DIR" ? "/srv/state" : undefined)
    const result = Either.getOrThrow(parseGlobalFlags(["n", "c", "--profile", "x", "models"], env, HOME))
    expect(result.fill.CLAWDBOT_CONFIG_PATH).toBe("/srv/state/clawdbot.json")
  })

  it("flags after the command word are left to the command", () => {
    const argv = ["n", "c", "models", "auth", "paste-token", "--profile-id", "p", "--dev"]
    expect(Either.getOrThrow(parseGlobalFlags(argv, none, HOME))).toEqual({ argv, fill: {} })
  })

  it.each([
    [["--profile"], /--profile needs a name/],
    [["--profile", "--dev"], /--profile needs a name/],
    [["--profile", "a b", "models"], /Invalid --profile "a b"/],
    [["--profile", "../x", "models"], /Invalid --profile/],
    [["--dev", "--profile", "work", "models"], /either --dev or --profile/]
  ])("%j is an error naming the flag", (args, message) => {
    const result = parseGlobalFlags(["n", "c", ...args], none, HOME)
    expect(Either.isLeft(result) && result.left).toMatch(message)
  })
})
