/**
 * `clawdbot-models/node`: the Node live layers and the CLI. Placeholder until the lib-read branch lands its
 * version (issue 10): re-exports what exists today so the package and its build have all three entries.
 */

export { root as cli } from "./cli.js"
export { MainLive as NodeLive } from "./layers/Main.js"
