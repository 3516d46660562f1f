/**
 * Opt-in keychain storage (`{ "authStore": "keychain" }` in `<state>/clawdbot-models.json`, or
 * `CLAWDBOT_AUTH_STORE=keychain`; the old `auth.store` of the config until a write moves it), driven through the
 * real binary: the secret goes to the keychain (never argv, never the files), the store keeps a keyRef, and reads
 * resolve it.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { fakeBin, pathWith } from "../../../support/fakeBin.js"
import { decodeAsReference } from "../../../support/referenceConfig.js"
import { hasSecretService } from "../../../support/requirements.js"
import { runBin, type Sandbox, sandbox } from "../../../support/runBin.js"

const TOKEN = "sk-ant-oat01-KeychainTokenKeychainTokenKeychainToken-0123456789abcdefghijklmnopqrstuvwxyzAB"

const settingsPath = (box: Sandbox) => path.join(box.stateDir, "clawdbot-models.json")
/** The opt-in in this tool's settings file, where the reference never looks. */
const keychainSettings = (box: Sandbox) => {
  mkdirSync(box.stateDir, { recursive: true, mode: 0o700 })
  writeFileSync(settingsPath(box), '{ "authStore": "keychain" }\n')
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

describe("keychain opt-in: macOS Keychain through a fake `security` on PATH", () => {
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
    keychainSettings(box)
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

describe("keychain opt-in: moved out of clawdbot.json, where the reference rejects it", () => {
  const OLD_CONFIG = `// my settings
{
  auth: { store: "keychain" },
  agents: { defaults: { model: { primary: "openai/gpt-5.2" } } }, // keep me
}
`
  const oldConfig = (box: Sandbox) => {
    mkdirSync(box.stateDir, { recursive: true, mode: 0o700 })
    writeFileSync(box.configPath, OLD_CONFIG)
  }
  const fileKeychain = { DBUS_SESSION_BUS_ADDRESS: undefined, CLAWDBOT_KEYCHAIN: "file" }

  it("the old auth.store still opts in; the write moves it to clawdbot-models.json, comments kept", async () => {
    const box = sandbox()
    oldConfig(box)
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env: fileKeychain
    })
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" })
    expect(JSON.parse(storeText(box)).profiles["anthropic:manual"].keyRef.backend).toBe("file")
    expect(storeText(box)).not.toContain(TOKEN.slice(0, 24))

    const config = readFileSync(box.configPath, "utf8")
    expect(config).not.toContain("store")
    expect(config).toContain("// my settings")
    expect(config).toContain("// keep me")
    expect(decodeAsReference(box.configPath)).toEqual(Either.right(expect.anything()))
    expect(JSON.parse(readFileSync(settingsPath(box), "utf8"))).toEqual({ authStore: "keychain" })
    expect(statSync(settingsPath(box)).mode & 0o777).toBe(0o600)

    // The opt-in holds from its new place.
    const again = await runBin(
      box,
      ["models", "auth", "paste-token", "--provider", "openai", "--profile-id", "openai:second"],
      { input: "sk-second-0123456789abcdefghij", env: fileKeychain }
    )
    expect(again.code).toBe(0)
    expect(JSON.parse(storeText(box)).profiles["openai:second"].keyRef.backend).toBe("file")
    expect(storeText(box)).not.toContain("sk-second-0123456789abcdefghij")
  })

  it("a config write that cannot record the opt-in changes nothing: the config keeps auth.store, byte for byte", async () => {
    const box = sandbox()
    oldConfig(box)
    // A settings path that is no file: the move fails before the config is touched.
    mkdirSync(settingsPath(box))
    const result = await runBin(box, ["models", "set", "openai/gpt-4o"], { env: fileKeychain })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(settingsPath(box))
    expect(readFileSync(box.configPath, "utf8")).toBe(OLD_CONFIG)
  })

  it("CLAWDBOT_AUTH_STORE=file wins over the settings file; a value it does not know is refused, nothing written", async () => {
    const box = sandbox()
    keychainSettings(box)
    const plain = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env: { ...fileKeychain, CLAWDBOT_AUTH_STORE: "file" }
    })
    expect(plain.code).toBe(0)
    expect(JSON.parse(storeText(box)).profiles["anthropic:manual"].token).toBe(TOKEN)

    const other = sandbox()
    const refused = await runBin(other, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env: { ...fileKeychain, CLAWDBOT_AUTH_STORE: "vault" }
    })
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toBe('Error: CLAWDBOT_AUTH_STORE is "vault": use "keychain" or "file".\n')
    expect(existsSync(path.join(other.mainAgentDir, "auth-profiles.json"))).toBe(false)
  })

  it("a damaged settings file is an error naming it; the secret is stored nowhere", async () => {
    const box = sandbox()
    mkdirSync(box.stateDir, { recursive: true, mode: 0o700 })
    writeFileSync(settingsPath(box), '{ "authStore": "keychain", ')
    const result = await runBin(box, ["models", "auth", "paste-token", "--provider", "anthropic"], {
      input: TOKEN,
      env: fileKeychain
    })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(settingsPath(box))
    expect(result.stderr).not.toContain(TOKEN.slice(0, 24))
    expect(existsSync(path.join(box.mainAgentDir, "auth-profiles.json"))).toBe(false)
  })
})

describe("keychain opt-in: 0600 file fallback when no keychain is reachable", () => {
  it("stores in <state>/keychain.json (0600), says so, and an unreadable item shows as missing", async () => {
    const box = sandbox()
    const env = {
      DBUS_SESSION_BUS_ADDRESS: undefined,
      CLAWDBOT_KEYCHAIN: undefined,
      CLAWDBOT_AUTH_STORE: "keychain"
    }
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

const secretService = hasSecretService()

describe.skipIf(!secretService)("keychain opt-in: real Secret Service (gnome-keyring)", () => {
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
    keychainSettings(box)
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
