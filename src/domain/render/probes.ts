/** The `Auth probes` block of `models status --probe` (spec §4) and its `--json` form (`auth.probes`). Pure. */
import type { ProbeResult, ProbeSummary } from "../probe/types.js"
import { sanitizeDeep } from "../terminal.js"

/** `-`, `<n>ms` under a second, else seconds with one decimal (`1.4s`, `12s`). */
export const formatLatency = (ms: number | undefined): string => {
  if (ms === undefined || !Number.isFinite(ms)) return "-"
  if (ms < 1000) return `${Math.round(ms)}ms`
  const seconds = ms / 1000
  return seconds >= 10 ? `${Math.round(seconds)}s` : `${seconds.toFixed(1).replace(/\.0$/, "")}s`
}

const byProviderThenLabel = (a: ProbeResult, b: ProbeResult) =>
  a.provider.localeCompare(b.provider) ||
  a.label.localeCompare(b.label) ||
  (a.model ?? "").localeCompare(b.model ?? "")

/** Lines of the probe block, starting with the blank line and `Auth probes`. */
export const renderProbesText = (untrusted: ProbeSummary): string => {
  // Errors echo provider bodies; labels and models come from the store and the config.
  const summary = sanitizeDeep(untrusted)
  const out = ["", "Auth probes"]
  if (summary.results.length === 0) out.push("- none")
  const sorted = [...summary.results].sort(byProviderThenLabel)
  const providers = [...new Set(sorted.map((result) => result.provider))]
  for (const provider of providers) {
    const group = sorted.filter((result) => result.provider === provider)
    const models = [...new Set(group.flatMap((result) => (result.model ? [result.model] : [])))]
    out.push(`- ${provider} (model: ${models.length === 0 ? "-" : models.join(", ")})`)
    for (const result of group) {
      const mode = result.mode ? ` (${result.mode})` : ""
      const model = models.length > 1 && result.model ? ` [${result.model}]` : ""
      const error = result.error ? ` - ${result.error}` : ""
      out.push(
        `  - ${result.label}${mode}${model} ${result.status} ${formatLatency(result.latencyMs)}${error}`
      )
    }
  }
  out.push(
    summary.totalTargets === 0
      ? "No probe targets."
      : `Probed ${summary.totalTargets} target${summary.totalTargets === 1 ? "" : "s"} in ${formatLatency(summary.durationMs)}`
  )
  return out.join("\n")
}
