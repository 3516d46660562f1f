/**
 * Misspelt keys in the config sections this tool reads (`agents.defaults.modle`): a key close to one the schema
 * knows at the same place. Real configs carry many keys this tool does not read, so only a near miss is named, and
 * as a warning, never an error. The top level is not checked: every section there belongs to some part of clawdbot.
 */
import type * as AST from "effect/SchemaAST"
import { ClawdbotConfig } from "./config.js"
import { formatConfigPath } from "./configIssues.js"
import { editDistance } from "./suggest.js"

export interface MisspeltKey {
  /** Where the key is, as `formatConfigPath` writes it. */
  readonly path: string
  /** The same place with the known key it is closest to. */
  readonly suggestion: string
}

/** The known key `key` is a slip of (case ignored; one edit for short keys, two otherwise), if any. */
const closestKnown = (key: string, known: ReadonlyArray<string>): string | undefined => {
  const lower = key.toLowerCase()
  let best: { readonly name: string; readonly distance: number } | undefined
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase())
    const allowed = name.length <= 4 ? 1 : 2
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance }
  }
  return best?.name
}

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const walk = (
  ast: AST.AST,
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  found: Array<MisspeltKey>
): void => {
  switch (ast._tag) {
    case "Refinement":
      walk(ast.from, value, path, found)
      return
    case "Union":
      for (const member of ast.types) walk(member, value, path, found)
      return
    case "TupleType": {
      const element = ast.rest[0]?.type
      if (element !== undefined && Array.isArray(value))
        value.forEach((item, index) => {
          walk(element, item, [...path, index], found)
        })
      return
    }
    case "TypeLiteral": {
      if (!isPlainObject(value)) return
      const properties = new Map(
        ast.propertySignatures.map((signature) => [String(signature.name), signature.type])
      )
      const index = ast.indexSignatures[0]?.type
      for (const [key, inner] of Object.entries(value)) {
        const known = properties.get(key)
        if (known !== undefined) walk(known, inner, [...path, key], found)
        else if (index !== undefined) walk(index, inner, [...path, key], found)
        else if (path.length > 0) {
          const suggestion = closestKnown(key, [...properties.keys()])
          if (suggestion !== undefined)
            found.push({
              path: formatConfigPath([...path, key]),
              suggestion: formatConfigPath([...path, suggestion])
            })
        }
      }
      return
    }
    default:
      return
  }
}

/** The near-miss keys of a config document (keys are never `${VAR}`-substituted, so the raw document will do). */
export const misspeltKeys = (document: unknown): ReadonlyArray<MisspeltKey> => {
  const found: Array<MisspeltKey> = []
  walk(ClawdbotConfig.ast, document, [], found)
  return found
}

/** The warning for one near miss, as the CLI prints it. */
export const misspeltKeyWarning = (key: MisspeltKey, configPath: string): string =>
  `Warning: ${key.path} in ${configPath} is not a key clawdbot reads; did you mean ${key.suggestion}?`
