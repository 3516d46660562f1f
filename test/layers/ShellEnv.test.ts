/** ShellEnv live layer on real subprocesses: fake login shells written to a temp dir. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ShellEnvLive from "../../src/layers/ShellEnv.js"
import { ShellEnv } from "../../src/services/ShellEnv.js"

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-shellenv-"))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const script = (name: string, body: string) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 })
  return file
}

const layer = ShellEnvLive.layer.pipe(
  Layer.provide(NodeCommandExecutor.layer),
  Layer.provide(NodeFileSystem.layer)
)
const read = (shell: string, timeoutMs = 10_000) =>
  Effect.flatMap(ShellEnv, (service) => service.read(shell, timeoutMs)).pipe(
    Effect.either,
    Effect.provide(layer)
  )

describe("ShellEnv (live layer, spec §5.3)", () => {
  it.live('runs `<shell> -l -c "env -0"` and parses the variables', () =>
    Effect.gen(function* () {
      const argsFile = path.join(dir, "args")
      const shell = script(
        "ok.sh",
        `printf '%s\\n' "$@" > ${argsFile}\necho "motd banner"\nprintf 'OPENAI_API_KEY=sk-shell\\0MULTI=a\\nb\\0'`
      )
      const result = yield* read(shell)
      expect(result).toEqual(Either.right({ OPENAI_API_KEY: "sk-shell", MULTI: "a\nb" }))
      expect(fs.readFileSync(argsFile, "utf8")).toBe("-l\n-c\nenv -0\n")
    })
  )

  it.live("a shell that hangs fails with a timeout and is killed", () =>
    Effect.gen(function* () {
      const pidFile = path.join(dir, "pid")
      const shell = script("hang.sh", `echo $$ > ${pidFile}\nexec sleep 30`)
      const result = yield* read(shell, 300)
      expect(result).toEqual(
        Either.left(expect.objectContaining({ reason: `${shell} timed out after 300 ms` }))
      )
      const pid = Number(fs.readFileSync(pidFile, "utf8").trim())
      expect(() => process.kill(pid, 0)).toThrow()
    })
  )

  it.live("a non-zero exit fails and names the code", () =>
    Effect.gen(function* () {
      const shell = script("fail.sh", "printf 'A=b\\0'\nexit 3")
      expect(yield* read(shell)).toEqual(
        Either.left(expect.objectContaining({ reason: `${shell} exited with code 3` }))
      )
    })
  )

  it.live("output over 2 MiB fails instead of being read whole", () =>
    Effect.gen(function* () {
      const shell = script("big.sh", "head -c 3000000 /dev/zero | tr '\\0' 'a'")
      expect(yield* read(shell)).toEqual(
        Either.left(expect.objectContaining({ reason: "output exceeded 2097152 bytes" }))
      )
    })
  )

  it.live("a missing shell fails naming the shell and $SHELL, not the spawn internals", () =>
    Effect.gen(function* () {
      const shell = path.join(dir, "no-such-shell")
      const result = yield* read(shell)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.reason).toBe(`${shell} not found (ENOENT); check $SHELL`)
    })
  )
})
