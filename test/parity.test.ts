/**
 * The differential fixture set of issue 11: each `test/parity/<case>/` holds a state directory and, in
 * `case.json`, the commands a reference user would run on it and the answers the reference gives there, written
 * down from the spec (the reference CLI itself is not installed in CI). Each case runs the built `bin/clawdbot`
 * on a temp copy of its state; afterwards `clawdbot.json` must still load under the reference's strict rules.
 * The format is described in test/parity/README.md.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import JSON5 from "json5"
import { decodeAsReference } from "./support/referenceConfig.js"
import { runCli } from "./support/runCli.js"

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "parity")

interface Step {
  readonly args: ReadonlyArray<string>
  readonly env?: Record<string, string>
  readonly stdin?: string
  readonly exit: number
  readonly stdoutJson?: unknown
  readonly stdout?: string
  readonly stdoutIncludes?: ReadonlyArray<string>
  readonly stdoutExcludes?: ReadonlyArray<string>
  readonly stderr?: string
  readonly stderrIncludes?: ReadonlyArray<string>
  readonly stderrExcludes?: ReadonlyArray<string>
}

interface FileExpectation {
  readonly json?: unknown
  readonly equalsJson?: unknown
  readonly includes?: ReadonlyArray<string>
  readonly excludes?: ReadonlyArray<string>
  readonly unchanged?: boolean
  readonly absent?: boolean
}

interface ParityCase {
  readonly item: string
  readonly spec?: string
  readonly title: string
  readonly env?: Record<string, string>
  readonly steps: ReadonlyArray<Step>
  readonly files?: Record<string, FileExpectation>
  readonly referenceRoundTrip?: boolean
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

interface Paths {
  readonly stateDir: string
  readonly home: string
  readonly agentDir: string
}

/** `{{now±Nu}}` as a whole JSON string becomes a number; `{{stateDir}}`, `{{home}}`, `{{agentDir}}` are paths. */
const fillText = (text: string, paths: Paths, now: number): string =>
  text
    .replace(/"\{\{now([+-])(\d+)([smhd])\}\}"/g, (_, sign: string, amount: string, unit: string) =>
      String(now + (sign === "+" ? 1 : -1) * Number(amount) * (UNITS[unit] ?? 0))
    )
    .replaceAll("{{stateDir}}", paths.stateDir)
    .replaceAll("{{home}}", paths.home)
    .replaceAll("{{agentDir}}", paths.agentDir)

/** Expectations: `{{any-number}}` / `{{any-string}}` match any value of that type. */
const matchers = (value: unknown): unknown => {
  if (value === "{{any-number}}") return expect.any(Number)
  if (value === "{{any-string}}") return expect.any(String)
  if (Array.isArray(value)) return value.map(matchers)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, matchers(item)]))
  }
  return value
}

const copyFilled = (from: string, to: string, paths: Paths, now: number) => {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 })
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyFilled(source, target, paths, now)
    else fs.writeFileSync(target, fillText(fs.readFileSync(source, "utf8"), paths, now), { mode: 0o600 })
  }
}

const caseNames = fs.existsSync(CASES_DIR)
  ? fs
      .readdirSync(CASES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(CASES_DIR, entry.name, "case.json")))
      .map((entry) => entry.name)
      .sort()
  : []

const withoutMeta = (document: unknown): unknown => {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return document
  const { meta: _meta, ...rest } = document as Record<string, unknown>
  return rest
}

describe("parity with the reference (issue 11, test/parity/*)", () => {
  it("has cases", () => {
    expect(caseNames.length).toBeGreaterThan(0)
  })

  for (const name of caseNames) {
    const dir = path.join(CASES_DIR, name)
    const spec: ParityCase = JSON5.parse(fs.readFileSync(path.join(dir, "case.json"), "utf8"))

    it(`${name}: ${spec.title} (issue ${spec.item}${spec.spec ? `, spec ${spec.spec}` : ""})`, async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "clawdbot-parity-"))
      try {
        const paths: Paths = {
          stateDir: path.join(root, "state"),
          home: path.join(root, "home"),
          agentDir: path.join(root, "state", "agents", "main", "agent")
        }
        const now = Date.now()
        fs.mkdirSync(paths.home, { recursive: true })
        const seeded = path.join(dir, "state")
        if (fs.existsSync(seeded)) copyFilled(seeded, paths.stateDir, paths, now)
        const seededText = (relative: string) => {
          const file = path.join(seeded, relative)
          return fs.existsSync(file) ? fillText(fs.readFileSync(file, "utf8"), paths, now) : undefined
        }
        const fillEnv = (env: Record<string, string> | undefined) =>
          Object.fromEntries(
            Object.entries(env ?? {}).map(([key, value]) => [key, fillText(value, paths, now)])
          )

        for (const [index, step] of spec.steps.entries()) {
          const result = await runCli(step.args, {
            env: {
              HOME: paths.home,
              CLAWDBOT_STATE_DIR: paths.stateDir,
              ...fillEnv(spec.env),
              ...fillEnv(step.env)
            },
            cwd: root,
            ...(step.stdin !== undefined ? { input: step.stdin } : {})
          })
          const label = `step ${index + 1}: clawdbot ${step.args.join(" ")}`
          expect({ step: label, code: result.code, stderr: result.stderr }).toEqual({
            step: label,
            code: step.exit,
            stderr: step.stderr ?? expect.any(String)
          })
          if (step.stdout !== undefined) expect(result.stdout, label).toBe(fillText(step.stdout, paths, now))
          if (step.stdoutJson !== undefined) {
            const expected = JSON.parse(fillText(JSON.stringify(step.stdoutJson), paths, now))
            expect(JSON.parse(result.stdout), label).toMatchObject(matchers(expected) as object)
          }
          for (const text of step.stdoutIncludes ?? [])
            expect(result.stdout, label).toContain(fillText(text, paths, now))
          for (const text of step.stdoutExcludes ?? [])
            expect(result.stdout, label).not.toContain(fillText(text, paths, now))
          for (const text of step.stderrIncludes ?? [])
            expect(result.stderr, label).toContain(fillText(text, paths, now))
          for (const text of step.stderrExcludes ?? [])
            expect(result.stderr, label).not.toContain(fillText(text, paths, now))
        }

        for (const [relative, expectation] of Object.entries(spec.files ?? {})) {
          const file = path.join(paths.stateDir, relative)
          const label = `file ${relative}`
          if (expectation.absent) {
            expect(fs.existsSync(file), `${label} should not exist`).toBe(false)
            continue
          }
          expect(fs.existsSync(file), `${label} should exist`).toBe(true)
          const text = fs.readFileSync(file, "utf8")
          if (expectation.unchanged) expect(text, `${label} should be unchanged`).toBe(seededText(relative))
          for (const needle of expectation.includes ?? []) expect(text, label).toContain(needle)
          for (const needle of expectation.excludes ?? []) expect(text, label).not.toContain(needle)
          if (expectation.json !== undefined || expectation.equalsJson !== undefined) {
            const parsed = JSON5.parse(text)
            const fill = (value: unknown) => matchers(JSON.parse(fillText(JSON.stringify(value), paths, now)))
            if (expectation.json !== undefined)
              expect(parsed, label).toMatchObject(fill(expectation.json) as object)
            if (expectation.equalsJson !== undefined) {
              expect(withoutMeta(parsed), label).toEqual(fill(expectation.equalsJson))
            }
          }
        }

        const config = path.join(paths.stateDir, "clawdbot.json")
        if (spec.referenceRoundTrip !== false && fs.existsSync(config)) {
          const decoded = decodeAsReference(config)
          expect(
            Either.isLeft(decoded) ? decoded.left : [],
            "clawdbot.json must still load under the reference's strict schema"
          ).toEqual([])
        }
      } finally {
        fs.rmSync(root, { recursive: true, force: true })
      }
    })
  }
})
