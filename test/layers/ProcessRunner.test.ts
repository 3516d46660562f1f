import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ProcessRunnerLive from "../../src/layers/ProcessRunner.js"
import { ProcessRunner } from "../../src/services/ProcessRunner.js"

const live = ProcessRunnerLive.layer.pipe(
  Layer.provide(NodeCommandExecutor.layer),
  Layer.provide(NodeFileSystem.layer)
)

describe("ProcessRunner (live, real subprocesses)", () => {
  it.effect("captures stdout, stderr and the exit code; input arrives on stdin", () =>
    Effect.gen(function* () {
      const result = yield* (yield* ProcessRunner).run(
        "sh",
        ["-c", 'read -r line; echo "out:$line"; echo "err:$FOO" >&2; exit 3'],
        { input: "hello\n", env: { FOO: "bar" } }
      )
      expect(result).toEqual({ exitCode: 3, stdout: "out:hello\n", stderr: "err:bar\n" })
    }).pipe(Effect.provide(live))
  )

  it.effect("a missing executable is SpawnFailed with notFound", () =>
    Effect.gen(function* () {
      const error = yield* (yield* ProcessRunner).run("clawdbot-no-such-tool-xyz", []).pipe(Effect.flip)
      expect(error._tag).toBe("SpawnFailed")
      expect(error.notFound).toBe(true)
      expect(error.message).toBe("`clawdbot-no-such-tool-xyz` was not found on PATH.")
    }).pipe(Effect.provide(live))
  )

  it.live("interrupting the run kills the child", () =>
    Effect.gen(function* () {
      const result = yield* (yield* ProcessRunner)
        .run("sleep", ["30"])
        .pipe(Effect.timeout("200 millis"), Effect.option)
      expect(result._tag).toBe("None")
    }).pipe(Effect.provide(live))
  )
})
