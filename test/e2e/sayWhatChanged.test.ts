/**
 * Every write command says what it changed (issue 13 item 8): the value it replaced, "unchanged" (and no file
 * written) when it changed nothing, and a warning when the result cannot do what was asked. Each test spawns
 * `bin/clawdbot` on a temp state dir; run `npm run build` first.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { hasScript, runPtySteps } from "../support/ptySteps.js"
import { runBin, sandbox } from "../support/runBin.js"

const HOUR = 3_600_000

const run = async (box: ReturnType<typeof sandbox>, args: ReadonlyArray<string>, input?: string) => {
  const result = await runBin(box, ["models", ...args], input === undefined ? {} : { input })
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
  return result
}

const mtimeOf = (file: string) => fs.statSync(file).mtimeMs

describe("say what changed (issue 13 item 8)", () => {
  it("`set` names the model it replaced", async () => {
    const box = sandbox()
    const first = await run(box, ["set", "openai/gpt-5.2"])
    expect(first.stdout).toContain("Default model: openai/gpt-5.2 (was anthropic/claude-opus-4-5)\n")
    const second = await run(box, ["set", "anthropic/claude-sonnet-4-5"])
    expect(second.stdout).toContain("Default model: anthropic/claude-sonnet-4-5 (was openai/gpt-5.2)\n")
  })

  it("`set-image` names the image model it replaced (none at first)", async () => {
    const box = sandbox()
    expect((await run(box, ["set-image", "openai/gpt-5.2"])).stdout).toContain(
      "Image model: openai/gpt-5.2 (was none)\n"
    )
    expect((await run(box, ["set-image", "openai/gpt-5-mini"])).stdout).toContain(
      "Image model: openai/gpt-5-mini (was openai/gpt-5.2)\n"
    )
  })

  it("a repeated `set` says unchanged, prints no Updated line and leaves the file alone", async () => {
    const box = sandbox()
    await run(box, ["set", "openai/gpt-5.2"])
    const before = fs.readFileSync(box.configPath, "utf8")
    const mtime = mtimeOf(box.configPath)
    const again = await run(box, ["set", "openai/gpt-5.2"])
    expect(again.stdout).toBe("Default model: openai/gpt-5.2 (unchanged)\n")
    expect(fs.readFileSync(box.configPath, "utf8")).toBe(before)
    expect(mtimeOf(box.configPath)).toBe(mtime)
  })

  it("`fallbacks clear` on a fresh state says so and creates no file", async () => {
    const box = sandbox()
    for (const kind of ["fallbacks", "image-fallbacks"]) {
      const result = await run(box, [kind, "clear"])
      expect(result.stdout).not.toContain("Updated")
      expect(result.stdout).toMatch(/already empty \(unchanged\)/)
    }
    expect(fs.existsSync(box.configPath)).toBe(false)
  })

  it("`fallbacks add` of a model already listed says unchanged without an Updated line", async () => {
    const box = sandbox()
    await run(box, ["fallbacks", "add", "openai/gpt-5-mini"])
    const again = await run(box, ["fallbacks", "add", "openai/gpt-5-mini"])
    expect(again.stdout).toBe("Fallbacks: openai/gpt-5-mini (unchanged)\n")
  })

  it("`auth order clear` with no override says unchanged and writes no auth file", async () => {
    const box = sandbox()
    const result = await run(box, ["auth", "order", "clear", "--provider", "openai"])
    expect(result.stdout).toContain("No per-agent order override to clear (unchanged).")
    expect(result.stdout).not.toContain("Cleared")
    expect(fs.existsSync(path.join(box.mainAgentDir, "auth-profiles.json"))).toBe(false)
  })

  it("a repeated `auth order set` says unchanged", async () => {
    const box = sandbox()
    await run(box, ["auth", "paste-token", "--provider", "openai"], "sk-test-order-0123456789")
    const order = ["auth", "order", "set", "--provider", "openai", "openai:manual"]
    expect((await run(box, order)).stdout).toContain("Order override: openai:manual\n")
    expect((await run(box, order)).stdout).toContain("Order override: openai:manual (unchanged)\n")
  })

  it("`aliases add fast2` on a model aliased `fast` says it replaced `fast`; repeating it says unchanged", async () => {
    const box = sandbox()
    await run(box, ["aliases", "add", "fast", "openai/gpt-5-mini"])
    const replaced = await run(box, ["aliases", "add", "fast2", "openai/gpt-5-mini"])
    expect(replaced.stdout).toContain("Alias fast2 -> openai/gpt-5-mini\nReplaced alias fast\n")
    const again = await run(box, ["aliases", "add", "fast2", "openai/gpt-5-mini"])
    expect(again.stdout).toBe("Alias fast2 -> openai/gpt-5-mini (unchanged)\n")
  })

  it("`set-image` and `image-fallbacks add` of a text-only model warn; an image model does not", async () => {
    const box = sandbox()
    const warning = "Warning: openai/o3-mini takes no image input"
    expect((await run(box, ["set-image", "openai/o3-mini"])).stderr).toContain(warning)
    expect((await run(box, ["image-fallbacks", "add", "openai/o3-mini"])).stderr).toContain(warning)
    expect((await run(box, ["set-image", "openai/gpt-5.2"])).stderr).not.toContain("image input")
  })

  it("`fallbacks add` of the current default model warns", async () => {
    const box = sandbox()
    await run(box, ["set", "openai/gpt-5.2"])
    const result = await run(box, ["fallbacks", "add", "openai/gpt-5.2"])
    expect(result.stderr).toContain(
      "Warning: openai/gpt-5.2 is the default model; as a fallback it is only tried after itself has failed."
    )
    expect((await run(box, ["fallbacks", "add", "openai/gpt-5-mini"])).stderr).not.toContain("default model")
  })

  it("`paste-token` over an existing profile (piped) says it replaced the token and its expiry", async () => {
    const box = sandbox()
    const first = await run(
      box,
      ["auth", "paste-token", "--provider", "openai", "--expires-in", "3h"],
      "sk-test-first-0123456789"
    )
    expect(first.stdout).not.toContain("Replaced")
    const second = await run(
      box,
      ["auth", "paste-token", "--provider", "openai"],
      "sk-test-second-0123456789"
    )
    expect(second.stdout).toContain(
      "Replaced the token and expiry of openai:manual (was token, expires in 3h)\n"
    )
    expect(second.stdout).not.toContain("sk-test")
  })
})

describe.skipIf(!hasScript)("paste-token over an existing profile on a terminal (issue 13 item 8)", () => {
  const seeded = async () => {
    const box = sandbox()
    await run(
      box,
      ["auth", "paste-token", "--provider", "openai", "--expires-in", "3h"],
      "sk-test-kept-0123456789"
    )
    return box
  }
  const storedToken = (box: ReturnType<typeof sandbox>) =>
    JSON.parse(fs.readFileSync(path.join(box.mainAgentDir, "auth-profiles.json"), "utf8")).profiles[
      "openai:manual"
    ]

  it("asks first; answering no writes nothing", async () => {
    const box = await seeded()
    const before = storedToken(box)
    const result = await runPtySteps(box, ["models", "auth", "paste-token", "--provider", "openai"], {
      steps: [{ when: "Replace its token and expiry?", send: "n\r" }],
      timeoutMs: 30_000
    })
    expect(result.screen).toContain("Auth profile openai:manual exists (token, expires in 3h)")
    expect(result.screen).toContain("Nothing written.")
    expect(result.screen).not.toContain("Paste token")
    expect(result.code).toBe(0)
    expect(storedToken(box)).toEqual(before)
    expect(before.expires).toBeGreaterThan(Date.now() + HOUR)
  })

  it("Ctrl-C at the question writes nothing", async () => {
    const box = await seeded()
    const before = storedToken(box)
    const result = await runPtySteps(box, ["models", "auth", "paste-token", "--provider", "openai"], {
      steps: [{ when: "Replace its token and expiry?", send: "\x03" }],
      timeoutMs: 30_000
    })
    expect(result.code).not.toBe(0)
    expect(storedToken(box)).toEqual(before)
  })

  it("yes: the token is read, stored, and the replacement is said", async () => {
    const box = await seeded()
    const result = await runPtySteps(box, ["models", "auth", "paste-token", "--provider", "openai"], {
      steps: [
        { when: "Replace its token and expiry?", send: "y\r" },
        { when: "Paste token for openai", send: "sk-test-new-0123456789\r" }
      ],
      timeoutMs: 30_000
    })
    expect(result.code).toBe(0)
    expect(result.screen).toContain(
      "Replaced the token and expiry of openai:manual (was token, expires in 3h)"
    )
    expect(storedToken(box).token).toBe("sk-test-new-0123456789")
    expect(storedToken(box).expires).toBeUndefined()
  })
})
