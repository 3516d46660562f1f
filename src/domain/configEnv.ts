/** `${VAR}` substitution in config values (spec §1.1). Pure; the raw document is never rewritten with it. */

const VAR_REFERENCE = /\$?\$\{([A-Z_][A-Z0-9_]*)\}/g

export interface SubstitutionResult {
  readonly value: unknown
  /** `<json path>: Missing env var "X"` for each unresolved reference. */
  readonly issues: ReadonlyArray<string>
}

export const substituteEnv = (
  value: unknown,
  env: (name: string) => string | undefined
): SubstitutionResult => {
  const issues: Array<string> = []
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === "string") {
      return node.replace(VAR_REFERENCE, (match, name: string) => {
        if (match.startsWith("$$")) return match.slice(1)
        const resolved = env(name)
        if (resolved === undefined || resolved === "") {
          issues.push(
            `${at || "<root>"}: Missing env var "${name}" (set it, or escape the reference as $\${${name}})`
          )
          return match
        }
        return resolved
      })
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}[${index}]`))
    if (typeof node === "object" && node !== null) {
      return Object.fromEntries(
        Object.entries(node).map(([key, child]) => [key, walk(child, at === "" ? key : `${at}.${key}`)])
      )
    }
    return node
  }
  const result = walk(value, "")
  return { value: result, issues }
}
