// Stand-in for yaml/toml/ini in the CLI bundle: @effect/cli imports them for `Options.fileParse`, which this
// CLI never uses. Keeping them out saves ~150 KiB of parse and start-up time.
"use strict"
const unsupported = () => {
  throw new Error("file formats (yaml/toml/ini) are not bundled in clawdbot")
}
module.exports = { parse: unsupported, stringify: unsupported, decode: unsupported, encode: unsupported }
