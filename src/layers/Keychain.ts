/**
 * Keychain backends. macOS: `security` (the secret goes on stdin: `-w` as the last argument makes it prompt
 * there). Linux: `secret-tool` from libsecret (reads the secret from stdin). Elsewhere, or when neither is
 * reachable: `<state>/keychain.json`, 0600 in a 0700 dir, locked atomic writes.
 */
import * as path from "node:path"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { JsonObject } from "../domain/configEdit.js"
import { KeychainError } from "../domain/errors.js"
import { MAX_NESTING, nestingBeyond } from "../domain/jsonNesting.js"
import { Environment } from "../services/Environment.js"
import { KEYCHAIN_BACKENDS, Keychain, type KeychainBackend, type KeychainItem } from "../services/Keychain.js"
import { Paths } from "../services/Paths.js"
import { ProcessRunner } from "../services/ProcessRunner.js"
import {
  ensurePrivateDir,
  readForUpdate,
  readIfExists,
  withFileLock,
  writeAtomic
} from "./internal/stateFile.js"

type Stored = KeychainItem & { readonly account: string }

interface Backend {
  readonly get: (item: KeychainItem) => Effect.Effect<Option.Option<string>, KeychainError>
  readonly set: (item: Stored, secret: string) => Effect.Effect<void, KeychainError>
  readonly remove: (item: Stored) => Effect.Effect<boolean, KeychainError>
}

export const KEYCHAIN_FILE = "keychain.json"
/** A keychain that does not answer in this time is treated as failing (macOS may show a dialog). */
const TOOL_TIMEOUT = Duration.seconds(20)

const failure = (backend: KeychainBackend, operation: string, secret?: string) => (reason: string) =>
  new KeychainError({
    backend,
    operation,
    reason: (secret ? reason.split(secret).join("***") : reason).trim() || "unknown error"
  })

const runTool = (
  backend: KeychainBackend,
  operation: string,
  command: string,
  args: ReadonlyArray<string>,
  input?: string
) =>
  Effect.flatMap(ProcessRunner, (runner) =>
    runner.run(command, args, input === undefined ? {} : { input }).pipe(
      Effect.timeoutFail({
        duration: TOOL_TIMEOUT,
        onTimeout: () => `\`${command}\` did not answer within ${Duration.format(TOOL_TIMEOUT)}`
      }),
      Effect.mapError((error) =>
        failure(backend, operation, input)(typeof error === "string" ? error : error.message)
      )
    )
  )

/** `security` exits 44 when the item does not exist. */
const ITEM_NOT_FOUND = 44

export const macosBackend = Effect.map(
  ProcessRunner,
  (runner): Backend => ({
    get: (item) =>
      Effect.flatMap(
        runTool("macos", "read", "security", [
          "find-generic-password",
          "-s",
          item.service,
          ...(item.account === undefined ? [] : ["-a", item.account]),
          "-w"
        ]),
        (result) =>
          result.exitCode === 0
            ? Effect.succeed(Option.some(result.stdout.replace(/\r?\n$/, "")))
            : result.exitCode === ITEM_NOT_FOUND
              ? Effect.succeed(Option.none())
              : Effect.fail(failure("macos", "read")(result.stderr || `security exited ${result.exitCode}`))
      ).pipe(Effect.provideService(ProcessRunner, runner)),
    // `-w` last: security prompts for the password (twice) on stdin instead of taking it from argv.
    set: (item, secret) =>
      Effect.flatMap(
        runTool(
          "macos",
          "write",
          "security",
          ["add-generic-password", "-U", "-s", item.service, "-a", item.account, "-w"],
          `${secret}\n${secret}\n`
        ),
        (result) =>
          result.exitCode === 0
            ? Effect.void
            : Effect.fail(
                failure("macos", "write", secret)(result.stderr || `security exited ${result.exitCode}`)
              )
      ).pipe(Effect.provideService(ProcessRunner, runner)),
    remove: (item) =>
      Effect.flatMap(
        runTool("macos", "delete", "security", [
          "delete-generic-password",
          "-s",
          item.service,
          "-a",
          item.account
        ]),
        (result) =>
          result.exitCode === 0
            ? Effect.succeed(true)
            : result.exitCode === ITEM_NOT_FOUND
              ? Effect.succeed(false)
              : Effect.fail(failure("macos", "delete")(result.stderr || `security exited ${result.exitCode}`))
      ).pipe(Effect.provideService(ProcessRunner, runner))
  })
)

const attributes = (item: KeychainItem) => [
  "service",
  item.service,
  ...(item.account === undefined ? [] : ["account", item.account])
]

/** libsecret's `secret-tool`: `lookup` exits 1 with nothing on stderr when there is no such item. */
export const secretServiceBackend = Effect.map(
  ProcessRunner,
  (runner): Backend => ({
    get: (item) =>
      Effect.flatMap(
        runTool("secret-service", "read", "secret-tool", ["lookup", ...attributes(item)]),
        (result) =>
          result.exitCode === 0
            ? Effect.succeed(Option.some(result.stdout.replace(/\n$/, "")))
            : result.stderr.trim() === ""
              ? Effect.succeed(Option.none())
              : Effect.fail(failure("secret-service", "read")(result.stderr))
      ).pipe(Effect.provideService(ProcessRunner, runner)),
    set: (item, secret) =>
      Effect.flatMap(
        runTool(
          "secret-service",
          "write",
          "secret-tool",
          ["store", `--label=clawdbot: ${item.service} ${item.account}`, ...attributes(item)],
          secret
        ),
        (result) =>
          result.exitCode === 0
            ? Effect.void
            : Effect.fail(
                failure(
                  "secret-service",
                  "write",
                  secret
                )(result.stderr || `secret-tool exited ${result.exitCode}`)
              )
      ).pipe(Effect.provideService(ProcessRunner, runner)),
    remove: (item) =>
      Effect.flatMap(
        runTool("secret-service", "delete", "secret-tool", ["clear", ...attributes(item)]),
        (result) =>
          result.exitCode === 0
            ? Effect.succeed(true)
            : result.stderr.trim() === ""
              ? Effect.succeed(false)
              : Effect.fail(failure("secret-service", "delete")(result.stderr))
      ).pipe(Effect.provideService(ProcessRunner, runner))
  })
)

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `<stateDir>/keychain.json`: `{ version: 1, items: { <service>: { <account>: <secret> } } }`. */
export const fileBackend = (stateDir: string): Backend => {
  const file = path.join(stateDir, KEYCHAIN_FILE)
  const asKeychainError = (operation: string) => (error: { readonly message: string }) =>
    failure("file", operation)(error.message)
  const parse = (text: string | undefined) => {
    if (text === undefined || text.trim() === "") return Effect.succeed({} as Record<string, JsonObject>)
    if (nestingBeyond(text) !== undefined)
      return Effect.fail(failure("file", "read")(`${file} is nested more than ${MAX_NESTING} levels deep`))
    try {
      const doc = JSON.parse(text) as unknown
      const items = isObject(doc) && isObject(doc.items) ? doc.items : {}
      return Effect.succeed(items as Record<string, JsonObject>)
    } catch {
      // V8's message quotes the text around the error, which here is a secret.
      return Effect.fail(failure("file", "read")(`${file} is not valid JSON`))
    }
  }
  const load = Effect.flatMap(readIfExists(file), parse)
  const update = <A>(edit: (items: Record<string, JsonObject>) => readonly [Record<string, JsonObject>, A]) =>
    Effect.gen(function* () {
      yield* ensurePrivateDir(stateDir, false)
      return yield* withFileLock(
        file,
        Effect.gen(function* () {
          const [next, result] = edit(yield* readForUpdate(file, parse))
          yield* writeAtomic(file, `${JSON.stringify({ version: 1, items: next }, null, 2)}\n`, {
            backup: false
          })
          return result
        })
      )
    })
  return {
    get: (item) =>
      Effect.map(load, (items) => {
        const accounts = items[item.service] ?? {}
        const value =
          item.account === undefined
            ? Object.values(accounts).find((v) => typeof v === "string")
            : accounts[item.account]
        return typeof value === "string" ? Option.some(value) : Option.none()
      }).pipe(Effect.catchTag("StateFileError", (e) => Effect.fail(asKeychainError("read")(e)))),
    set: (item, secret) =>
      update((items) => [
        { ...items, [item.service]: { ...(items[item.service] ?? {}), [item.account]: secret } },
        undefined
      ]).pipe(Effect.catchTag("StateFileError", (e) => Effect.fail(asKeychainError("write")(e)))),
    remove: (item) =>
      update((items) => {
        const { [item.account]: removed, ...rest } = items[item.service] ?? {}
        const { [item.service]: _service, ...others } = items
        return [
          Object.keys(rest).length === 0 ? others : { ...others, [item.service]: rest },
          removed !== undefined
        ] as const
      }).pipe(Effect.catchTag("StateFileError", (e) => Effect.fail(asKeychainError("delete")(e))))
  }
}

/** Whether `secret-tool` runs and reaches a Secret Service on the session bus. */
const secretServiceReachable = (backend: Backend) =>
  backend.get({ service: "clawdbot-probe", account: "reachable" }).pipe(
    Effect.as(true),
    Effect.catchAll(() => Effect.succeed(false))
  )

/**
 * The live Keychain: `CLAWDBOT_KEYCHAIN` (macos | secret-service | file) forces a backend; otherwise macOS uses
 * the Keychain, Linux the Secret Service when a D-Bus session answers, and anything else the 0600 file.
 * The choice is made on first use, so commands that never touch secrets never spawn a process for it.
 */
export const layer = Layer.effect(
  Keychain,
  Effect.gen(function* () {
    const env = yield* Environment
    const paths = yield* Paths
    const runner = yield* ProcessRunner
    const backends: Record<KeychainBackend, Backend> = {
      macos: yield* Effect.provideService(macosBackend, ProcessRunner, runner),
      "secret-service": yield* Effect.provideService(secretServiceBackend, ProcessRunner, runner),
      file: fileBackend(paths.stateDir)
    }
    const forced = env.get("CLAWDBOT_KEYCHAIN")?.trim().toLowerCase()
    const choose: Effect.Effect<KeychainBackend> = Effect.suspend(() => {
      if (
        forced !== undefined &&
        forced !== "" &&
        (KEYCHAIN_BACKENDS as ReadonlyArray<string>).includes(forced)
      )
        return Effect.succeed(forced as KeychainBackend)
      if (process.platform === "darwin") return Effect.succeed<KeychainBackend>("macos")
      if (process.platform === "linux" && (env.get("DBUS_SESSION_BUS_ADDRESS") ?? "").trim() !== "")
        return Effect.map(
          secretServiceReachable(backends["secret-service"]),
          (ok): KeychainBackend => (ok ? "secret-service" : "file")
        )
      return Effect.succeed<KeychainBackend>("file")
    })
    const backend = yield* Effect.cached(choose)
    return {
      backend,
      get: (item, name) =>
        Effect.flatMap(name === undefined ? backend : Effect.succeed(name), (b) => backends[b].get(item)),
      set: (item, secret, name) =>
        Effect.flatMap(name === undefined ? backend : Effect.succeed(name), (b) =>
          Effect.as(backends[b].set(item, secret), b)
        ),
      remove: (item, name) =>
        Effect.flatMap(name === undefined ? backend : Effect.succeed(name), (b) => backends[b].remove(item))
    }
  })
)

/** An in-memory keychain for embedding and tests. */
export const layerMemory = (backend: KeychainBackend = "file") => {
  const items = new Map<string, string>()
  const key = (item: KeychainItem) => `${item.service}\u0000${item.account ?? ""}`
  const find = (item: KeychainItem) =>
    item.account !== undefined
      ? items.get(key(item))
      : [...items.entries()].find(([k]) => k.startsWith(`${item.service}\u0000`))?.[1]
  return {
    layer: Layer.succeed(Keychain, {
      backend: Effect.succeed(backend),
      get: (item) => Effect.sync(() => Option.fromNullable(find(item))),
      set: (item, secret) =>
        Effect.sync(() => {
          items.set(key(item), secret)
          return backend
        }),
      remove: (item) => Effect.sync(() => items.delete(key(item)))
    }),
    items
  }
}
