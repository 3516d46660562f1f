/**
 * Opt-in keychain storage (`auth.store: "keychain"`), driven through the real binary: the secret goes to the
 * keychain (never argv, never the files), the store keeps a keyRef, and reads resolve it.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { fakeBin, pathWith } from "../../../support/fakeBin.js"
import { requirement } from "../../../support/requirements.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const TOKEN = "sk-ant-oat01-KeychainTokenKeychainTokenKeychainToken-0123456789abcdefghijklmnopqrstuvwxyzAB"

const keychainConfig = (box: Sandbox) => {
  mkdirSync(box.stateDir, { recursive: true, mode: 0o700 })
  writeFileSync(box.configPath, '{ auth: { store: "keychain" } }\n')
}
const storeText = (box: Sandbox) => readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8")
const statusLabel = async (box: Sandbox, env: Record<string, string | undefined>) => {
  const status = await runBin(box, ["models", "status", "--json"], { env })
  const providers = JSON.parse(status.stdout).auth.providers as Array<{
    provider: string
    profiles: { labels: Array<string> }
  }>
  return providers.find((p) => p.provider === "anthropic")?.profiles.labels[0]
}

describe("auth.store keychain: macOS Keychain through a fake `security` on PATH", () => {
  const fakeSecurity = (dir: string) =>
    fakeBin(
      dir,
      "security",
      `echo "$*" >> "$HOME/security-argv"
cmd="$1"; shift; svc=""; acct=""
while [ $# -gt 0 ]; do case "$1" in -s) svc="$2"; shift;; -a) acct="$2"; shift;; esac; shift; done
store="$HOME/fake-keychain/$svc"
case "$cmd" in
  add-generic-password)
    IFS= read -r first; IFS= read -r second
    [ "$first" = "$second" ] || { echo "passwords differ" >&2; exit 1; }
    mkdir -p "$store"; printf '%s' "$first" > "$store/$acct";;
  find-generic-password)
    f="$store/$acct"; [ -f "$f" ] || exit 44; cat "$f"; echo;;
  delete-generic-password) [ -f "$store/$acct" ] || exit 44; rm "$store/$acct";;
  *) exit 2;;
esac`
    )

  it("paste-token stores the secret via stdin, keeps a keyRef, and status resolves it", async () => {
    const box = sandbox()
    const bin = path.join(box.home, "fakebin")
    fakeSecurity(bin)
    keychainConfig(box)
    const env = { PATH: pathWith(bin), CLAWDBOT_KEYCHAIN: "macos" }
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: `${TOKEN}\n`,
      env
    })
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("Secret stored in the macOS Keychain")
    const store = JSON.parse(storeText(box))
    const profile = store.profiles["anthropic:manual"]
    expect(profile).toEqual({
      type: "token",
      provider: "anthropic",
      keyRef: {
        keychain: expect.stringMatching(/^clawdbot\/anthropic:manual@[0-9a-f]{8}$/),
        backend: "macos"
      }
    })
    expect(storeText(box)).not.toContain(TOKEN.slice(0, 24))
    expect(readFileSync(box.configPath, "utf8")).not.toContain(TOKEN.slice(0, 24))
    const argv = readFileSync(path.join(box.home, "security-argv"), "utf8")
    expect(argv).toMatch(/^add-generic-password -U -s clawdbot -a anthropic:manual@[0-9a-f]{8} -w$/m)
    expect(argv).not.toContain(TOKEN.slice(0, 24))

    expect(await statusLabel(box, env)).toBe(
      `anthropic:manual=token:${TOKEN.slice(0, 8)}...${TOKEN.slice(-8)}`
    )
  })
})

describe("auth.store keychain: 0600 file fallback when no keychain is reachable", () => {
  it("stores in <state>/keychain.json (0600), says so, and an unreadable item shows as missing", async () => {
    const box = sandbox()
    keychainConfig(box)
    const env = { DBUS_SESSION_BUS_ADDRESS: undefined, CLAWDBOT_KEYCHAIN: undefined }
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env
    })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("no OS keychain reachable")
    const file = path.join(box.stateDir, "keychain.json")
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, "utf8")).toContain(TOKEN)
    expect(storeText(box)).not.toContain(TOKEN.slice(0, 24))
    expect(await statusLabel(box, env)).toBe(
      `anthropic:manual=token:${TOKEN.slice(0, 8)}...${TOKEN.slice(-8)}`
    )

    rmSync(file)
    expect(await statusLabel(box, env)).toBe("anthropic:manual=token:missing")
  })
})

const dbus = (process.env.DBUS_SESSION_BUS_ADDRESS ?? "") !== ""
const secretTool = spawnSync("secret-tool", ["--version"], { stdio: "ignore" }).error === undefined
const secretService =
  requirement("a D-Bus session", dbus, "run the tests inside dbus-run-session, as .ci/run does") &&
  requirement(
    "secret-tool",
    secretTool,
    "Debian packages gnome-keyring + libsecret-tools; .ci/run installs them"
  )

describe.skipIf(!secretService)("auth.store keychain: real Secret Service (gnome-keyring)", () => {
  const accounts: Array<string> = []
  afterAll(() => {
    for (const account of accounts)
      spawnSync("secret-tool", ["clear", "service", "clawdbot", "account", account])
  })

  it("round-trips a token through the keyring; argv never holds it", async () => {
    const box = sandbox()
    const bin = path.join(box.home, "fakebin")
    const real = spawnSync("sh", ["-c", "command -v secret-tool"], { encoding: "utf8" }).stdout.trim()
    fakeBin(bin, "secret-tool", `echo "$*" >> "$HOME/secret-tool-argv"\nexec ${real} "$@"`)
    keychainConfig(box)
    const env = {
      PATH: pathWith(bin),
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      CLAWDBOT_KEYCHAIN: undefined
    }
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env
    })
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("Secret stored in the Secret Service keyring")
    const ref = JSON.parse(storeText(box)).profiles["anthropic:manual"].keyRef
    expect(ref.backend).toBe("secret-service")
    const account = String(ref.keychain).slice("clawdbot/".length)
    accounts.push(account)

    const lookup = spawnSync("secret-tool", ["lookup", "service", "clawdbot", "account", account], {
      encoding: "utf8"
    })
    expect(JSON.parse(lookup.stdout)).toEqual({ token: TOKEN })
    expect(readFileSync(path.join(box.home, "secret-tool-argv"), "utf8")).not.toContain(TOKEN.slice(0, 24))
    expect(storeText(box)).not.toContain(TOKEN.slice(0, 24))

    expect(await statusLabel(box, env)).toBe(
      `anthropic:manual=token:${TOKEN.slice(0, 8)}...${TOKEN.slice(-8)}`
    )
  })
})
