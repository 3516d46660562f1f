/**
 * What some suites need from the machine (a pseudo-terminal, a Secret Service). Outside CI a missing piece skips
 * those suites and says why on stderr; with `CLAWDBOT_TEST_REQUIRE_ALL=1` (set by .ci/run) it fails the suite
 * instead, so CI can never go green on a silent skip.
 */
import { spawnSync } from "node:child_process"

const strict = process.env.CLAWDBOT_TEST_REQUIRE_ALL === "1"

/** Whether `what` is available; when it is not, warns (or, in strict mode, throws) naming how to get it. */
export const requirement = (what: string, available: boolean, howToGet: string): boolean => {
  if (available) return true
  const why = `${what} is not available (${howToGet})`
  if (strict) throw new Error(`CLAWDBOT_TEST_REQUIRE_ALL=1 but ${why}`)
  console.warn(`Skipping the suites that need ${what}: ${why}.`)
  return false
}

/**
 * A Secret Service to store real keychain items in: a D-Bus session bus and `secret-tool` (gnome-keyring +
 * libsecret-tools; .ci/run provides both inside dbus-run-session).
 */
export const hasSecretService = (): boolean =>
  requirement(
    "a D-Bus session",
    (process.env.DBUS_SESSION_BUS_ADDRESS ?? "") !== "",
    "run the tests inside dbus-run-session, as .ci/run does"
  ) &&
  requirement(
    "secret-tool",
    spawnSync("secret-tool", ["--version"], { stdio: "ignore" }).error === undefined,
    "Debian packages gnome-keyring + libsecret-tools; .ci/run installs them"
  )
