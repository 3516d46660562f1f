import { describe, expect, it } from "@effect/vitest"
import type { ProbeSummary } from "../../../src/domain/probe/types.js"
import { formatLatency, renderProbesText } from "../../../src/domain/render/probes.js"

const summary = (results: ProbeSummary["results"], totalTargets = results.length): ProbeSummary => ({
  startedAt: 0,
  finishedAt: 1900,
  durationMs: 1900,
  totalTargets,
  options: { profileIds: [], timeoutMs: 8000, concurrency: 2, maxTokens: 8 },
  results
})

describe("probe rendering (§4)", () => {
  it.each([
    [undefined, "-"],
    [310, "310ms"],
    [999, "999ms"],
    [1400, "1.4s"],
    [2000, "2s"],
    [12_345, "12s"]
  ])("latency %j -> %s", (ms, text) => {
    expect(formatLatency(ms)).toBe(text)
  })

  it("groups by provider, sorts by label, shows mode, status, latency and error; footer counts targets", () => {
    const text = renderProbesText(
      summary([
        {
          provider: "anthropic",
          model: "anthropic/claude-opus-4-5",
          label: "env",
          source: "env",
          mode: "api_key",
          status: "auth",
          error: "HTTP 401 authentication_error: invalid x-api-key",
          latencyMs: 310
        },
        {
          provider: "anthropic",
          model: "anthropic/claude-opus-4-5",
          profileId: "anthropic:claude-cli",
          label: "anthropic:claude-cli",
          source: "profile",
          mode: "oauth",
          status: "ok",
          latencyMs: 1400
        }
      ])
    )
    expect(text).toBe(
      [
        "",
        "Auth probes",
        "- anthropic (model: anthropic/claude-opus-4-5)",
        "  - anthropic:claude-cli (oauth) ok 1.4s",
        "  - env (api_key) auth 310ms - HTTP 401 authentication_error: invalid x-api-key",
        "Probed 2 targets in 1.9s"
      ].join("\n")
    )
  })

  it("no results: `- none` and `No probe targets.`; one target is singular", () => {
    expect(renderProbesText(summary([], 0))).toBe("\nAuth probes\n- none\nNo probe targets.")
    expect(
      renderProbesText(
        summary(
          [
            {
              provider: "x",
              label: "env",
              source: "env",
              status: "no_model",
              error: "No model available for probe"
            }
          ],
          1
        )
      )
    ).toContain("- x (model: -)\n  - env no_model - - No model available for probe\nProbed 1 target in 1.9s")
  })
})
