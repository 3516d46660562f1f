// Stand-in for the `undici` package in the CLI bundle: @effect/platform-node/NodeHttpClient imports it for its
// undici-based client, which this CLI never uses (it uses the node:http one). Keeping it out saves ~500 KiB.
"use strict"
const unsupported = () => {
  throw new Error("undici is not bundled in clawdbot")
}
module.exports = { Agent: unsupported, getGlobalDispatcher: unsupported, FormData: unsupported }
