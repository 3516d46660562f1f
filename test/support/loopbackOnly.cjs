// Test-only preload for a CLI child (`NODE_OPTIONS=--require <this file>`): a TCP connection to anything but
// loopback fails (ECONNREFUSED) before any DNS lookup, and its host:port is appended to the file named by
// CLAWDBOT_TEST_BLOCKED_LOG. So a test can let the CLI use its real provider endpoints, never reach them, and
// still see where a credential would have gone.
"use strict"
const fs = require("node:fs")
const net = require("node:net")

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"])
const log = process.env.CLAWDBOT_TEST_BLOCKED_LOG
const connect = net.Socket.prototype.connect

net.Socket.prototype.connect = function (...args) {
  // Node calls this with an already normalised [options, callback] array, users with (options | port, ...).
  const [options] = Array.isArray(args[0]) ? args[0] : net._normalizeArgs(args)
  if (typeof options.path === "string" || LOOPBACK.has(options.host ?? "localhost"))
    return connect.apply(this, args)
  if (log) fs.appendFileSync(log, `${options.host}:${options.port}\n`)
  const error = Object.assign(new Error(`connect ECONNREFUSED ${options.host} (blocked by the test)`), {
    code: "ECONNREFUSED"
  })
  process.nextTick(() => this.destroy(error))
  return this
}
