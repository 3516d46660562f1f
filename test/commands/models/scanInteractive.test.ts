/** `models scan` prompts in a real pseudo-terminal (spec §3.9: ordered multi-selects, pre-checked, cancel). */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type FakeOpenRouter, startFakeOpenRouter } from "../../support/fakeOpenRouter.mjs"
import { KEYS, runInPty } from "../../support/pty.js"
import { hasScript } from "../../support/ptySteps.js"
import { makeTempState, type TempState } from "../../support/tempState.js"

let fake: FakeOpenRouter
let state: TempState
let env: Record<string, string>

const GEMMA4_26 = "openrouter/google/gemma-4-26b-a4b-it:free"
const GEMMA4_31 = "openrouter/google/gemma-4-31b-it:free"
const FALLBACKS = "Select fallback models (ordered)"
const IMAGES = "Select image fallback models (ordered)"

beforeAll(async () => {
  // gemma-4-26b answers its tool probe a second sooner, so it ranks first even on a loaded machine (the
  // latency a scan measures includes its own scheduling delays).
  fake = await startFakeOpenRouter({
    latencyMs: 5,
    toolLatencyMsByModel: { "google/gemma-4-26b-a4b-it:free": 0, "google/gemma-4-31b-it:free": 1000 }
  })
})
afterAll(() => fake.close())
beforeEach(() => {
  state = makeTempState()
  state.writeConfig({
    agents: { defaults: { model: { primary: "anthropic/claude-opus-4-5" } } },
    models: { providers: { openrouter: { baseUrl: fake.baseUrl } } }
  })
  env = { ...state.env, OPENROUTER_API_KEY: fake.apiKey }
})
afterEach(() => state.cleanup())

const scan = (...flags: Array<string>) => runInPty(["models", "scan", "--provider", "google", ...flags], env)

describe.skipIf(!hasScript)("models scan on a terminal", () => {
  it("shows the ranked tool models pre-checked; Enter twice applies the pre-selection", async () => {
    const session = scan()
    await session.waitFor(FALLBACKS)
    await session.waitFor(`☒ ${GEMMA4_31}`)
    expect(session.screen()).toContain(`☒ ${GEMMA4_26}`)
    expect(session.screen().indexOf(`☒ ${GEMMA4_26}`)).toBeLessThan(
      session.screen().indexOf(`☒ ${GEMMA4_31}`)
    )
    await session.press(KEYS.enter)
    await session.waitFor(IMAGES)
    await session.press(KEYS.enter)
    expect(await session.exit).toBe(0)
    expect(session.screen()).toContain(`Fallbacks: ${GEMMA4_26}, ${GEMMA4_31}`)
    const { model, imageModel } = state.readConfig().agents.defaults
    expect(model).toEqual({ primary: "anthropic/claude-opus-4-5", fallbacks: [GEMMA4_26, GEMMA4_31] })
    expect(imageModel.fallbacks).toHaveLength(6)
  })

  it("unchecking a model leaves it out; the hint shows probe latency, context and size", async () => {
    const session = scan()
    await session.waitFor(FALLBACKS)
    // Rows: Select All, Inverse Selection, then the models in ranking order.
    await session.press(KEYS.down, KEYS.down)
    await session.waitFor("| ctx 262k | 26b")
    await session.press(KEYS.space, KEYS.enter)
    await session.waitFor(IMAGES)
    await session.press(KEYS.enter)
    expect(await session.exit).toBe(0)
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual([GEMMA4_31])
  })

  it("Ctrl-C at the first prompt: `Model scan cancelled.`, exit 0, nothing written", async () => {
    const before = state.readConfigText()
    const session = scan("--set-default")
    await session.waitFor(FALLBACKS)
    await session.press(KEYS.ctrlC)
    expect(await session.exit).toBe(0)
    expect(session.screen()).toContain("Model scan cancelled.")
    expect(state.readConfigText()).toBe(before)
  })

  it("Ctrl-C at the image prompt also writes nothing", async () => {
    const before = state.readConfigText()
    const session = scan()
    await session.waitFor(FALLBACKS)
    await session.press(KEYS.enter)
    await session.waitFor(IMAGES)
    await session.press(KEYS.ctrlC)
    expect(await session.exit).toBe(0)
    expect(session.screen()).toContain("Model scan cancelled.")
    expect(state.readConfigText()).toBe(before)
  })

  it("an empty selection is refused before the image question, and nothing is written", async () => {
    const before = state.readConfigText()
    const session = scan()
    await session.waitFor(FALLBACKS)
    // Row 2 is "Inverse Selection": everything was checked, so it unchecks all.
    await session.press(KEYS.down, KEYS.space, KEYS.enter)
    expect(await session.exit).toBe(1)
    expect(session.screen()).not.toContain(IMAGES)
    expect(session.screen()).toContain("Error: No models selected for fallbacks.")
    expect(state.readConfigText()).toBe(before)
  })

  it("--yes on a terminal does not prompt; progress goes to the terminal's stderr", async () => {
    const session = scan("--yes")
    expect(await session.exit).toBe(0)
    expect(session.screen()).not.toContain(FALLBACKS)
    expect(session.screen()).toContain("Probed 9 models in")
    expect(state.readConfig().agents.defaults.model.fallbacks).toEqual([GEMMA4_26, GEMMA4_31])
  })
})
