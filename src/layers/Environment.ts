import * as Layer from "effect/Layer"
import { Environment } from "../services/Environment.js"

/** The real process environment and terminal. */
export const layer = Layer.sync(Environment, () => ({
  get: (name: string) => process.env[name],
  isTTY: {
    stdin: process.stdin.isTTY === true,
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true
  },
  now: () => Date.now()
}))

/** A fixed environment for embedding and tests: no process state is read. */
export const layerTest = (
  vars: Readonly<Record<string, string | undefined>>,
  options: { readonly now?: () => number; readonly tty?: boolean } = {}
) =>
  Layer.succeed(Environment, {
    get: (name: string) => vars[name],
    isTTY: { stdin: options.tty ?? false, stdout: options.tty ?? false, stderr: options.tty ?? false },
    now: options.now ?? (() => Date.now())
  })
