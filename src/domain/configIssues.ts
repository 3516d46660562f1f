/**
 * Schema issues of a config in the user's words: one line per issue, naming the key (as a path a user can find in
 * the file), what is accepted there and what kind of value it holds. A value is described, never quoted: any key
 * may hold a pasted secret. Only a model reference (annotated with `showsModelRef`) is shown, cut short.
 */
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"
import { excerpt } from "./terminal.js"

/** Longest key or model reference quoted in an issue. */
const MAX_QUOTED = 60

/** Marks a schema whose wrong value may be shown in an issue: it holds model references, never secrets. */
export const ShowsModelRefId: unique symbol = Symbol.for("clawdbot/ShowsModelRef")

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `agents.list[0].id`, `agents.defaults.models["openai/gpt-5"].alias`: as a user finds it in the file. */
export const formatConfigPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "<root>"
    : path
        .map((key, index) => {
          if (typeof key === "number") return `[${key}]`
          const name = excerpt(String(key), MAX_QUOTED)
          if (IDENTIFIER.test(name)) return index === 0 ? name : `.${name}`
          return `[${JSON.stringify(name)}]`
        })
        .join("")

/** What a value is, in words (`a string`, `a list`, `an object`), never the value itself. */
export const describeValue = (value: unknown): string => {
  if (value === null) return "null"
  if (Array.isArray(value)) return "a list"
  switch (typeof value) {
    case "string":
      return "a string"
    case "number":
      return "a number"
    case "boolean":
      return value ? "true" : "false"
    case "object":
      return "an object"
    default:
      return `a ${typeof value}`
  }
}

/** What `ast` accepts, in words: its `description` annotation, else one derived from its type. */
const accepted = (ast: AST.AST): string => {
  const described = AST.getDescriptionAnnotation(ast)
  if (Option.isSome(described)) return described.value
  switch (ast._tag) {
    case "StringKeyword":
      return "a string"
    case "NumberKeyword":
      return "a number"
    case "BooleanKeyword":
      return "true or false"
    case "Literal":
      return JSON.stringify(ast.literal)
    case "TypeLiteral":
      return "an object"
    case "TupleType":
      return "a list"
    case "Union": {
      const members = ast.types.map(accepted)
      return members.length <= 2
        ? members.join(" or ")
        : `${members.slice(0, -1).join(", ")} or ${members[members.length - 1]}`
    }
    case "Refinement":
      return accepted(ast.from)
    case "Transformation":
      return accepted(ast.to)
    default:
      return "another value"
  }
}

const showsModelRef = (ast: AST.AST): boolean => ast.annotations[ShowsModelRefId] === true

/** The literals `ast` accepts (`"merge" | "replace"`), or none when it accepts more than literals. */
const literals = (ast: AST.AST): ReadonlyArray<AST.LiteralValue> =>
  AST.isLiteral(ast)
    ? [ast.literal]
    : AST.isUnion(ast) && ast.types.every(AST.isLiteral)
      ? ast.types.map((member) => (member as AST.Literal).literal)
      : []

/**
 * The value's kind; for a model-ref key, the string itself (cut and escaped), which is no secret. A wrong choice
 * among literals is "a different string": the value is not quoted, and "got a string" would read as no error.
 */
const got = (ast: AST.AST, actual: unknown, mayShow: boolean): string => {
  if (typeof actual === "string" && mayShow && showsModelRef(ast))
    return `a string ("${excerpt(actual, MAX_QUOTED)}")`
  if (literals(ast).some((literal) => typeof literal === typeof actual)) return `a different ${typeof actual}`
  return describeValue(actual)
}

const isContainer = (ast: AST.AST): boolean => ast._tag === "TypeLiteral" || ast._tag === "TupleType"

const sameKind = (ast: AST.AST, actual: unknown): boolean =>
  ast._tag === "TupleType" ? Array.isArray(actual) : typeof actual === "object" && actual !== null

/**
 * Whether the value at `path` may be shown (even a model ref): not when it came from a `${VAR}` that could hold
 * anything, a key included.
 */
export type MayShowValue = (path: ReadonlyArray<PropertyKey>, value: unknown) => boolean

const line = (path: ReadonlyArray<PropertyKey>, ast: AST.AST, actual: unknown, mayShow: MayShowValue) =>
  `${formatConfigPath(path)}: expected ${accepted(ast)}, got ${got(ast, actual, mayShow(path, actual))}`

/**
 * A union whose member of the value's kind (an object for `{ primary, fallbacks }`) failed inside: that member's
 * own issues, at their own keys. Otherwise one line for the union as a whole.
 */
const unionLines = (
  issue: ParseResult.Composite,
  path: ReadonlyArray<PropertyKey>,
  mayShow: MayShowValue
): Array<string> => {
  const members = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
  const inside = members.find(
    (member) =>
      member._tag === "Composite" &&
      isContainer(member.ast) &&
      sameKind(member.ast, issue.actual) &&
      !AST.isUnion(member.ast)
  )
  return inside === undefined ? [line(path, issue.ast, issue.actual, mayShow)] : walk(inside, path, mayShow)
}

const walk = (
  issue: ParseResult.ParseIssue,
  path: ReadonlyArray<PropertyKey>,
  mayShow: MayShowValue
): Array<string> => {
  switch (issue._tag) {
    case "Pointer":
      return walk(issue.issue, [...path, ...(Array.isArray(issue.path) ? issue.path : [issue.path])], mayShow)
    case "Type":
      return [
        issue.message === undefined
          ? line(path, issue.ast, issue.actual, mayShow)
          : `${formatConfigPath(path)}: ${issue.message}`
      ]
    case "Missing":
      return [`${formatConfigPath(path)}: missing; expected ${accepted(issue.ast.type)}`]
    case "Unexpected":
      return [`${formatConfigPath(path)}: not allowed here`]
    case "Forbidden":
      return [`${formatConfigPath(path)}: could not be checked`]
    case "Composite":
      if (AST.isUnion(issue.ast)) return unionLines(issue, path, mayShow)
      return (Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]).flatMap(
        (inner) => walk(inner, path, mayShow)
      )
    case "Refinement":
    case "Transformation":
      return walk(issue.issue, path, mayShow)
  }
}

/** One line per issue: `agents.defaults.model.fallbacks: expected a list of "provider/model" strings, got a string`. */
export const configIssues = (
  issue: ParseResult.ParseIssue,
  mayShow: MayShowValue = () => true
): ReadonlyArray<string> => walk(issue, [], mayShow)
