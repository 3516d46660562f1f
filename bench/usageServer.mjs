// A local stand-in for Anthropic's OAuth usage endpoint, so the text `status` row of bench/startup.mjs (whose
// fixture holds an Anthropic token) times a real usage request without sending anything off the machine.
// Run as a child process (the bench times its commands with spawnSync, which would block an in-process server):
// it prints its base URL on stdout, then answers until killed.

import { createServer } from "node:http"

const inHours = (h) => new Date(Date.now() + h * 3_600_000).toISOString()
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url?.endsWith("/api/oauth/usage")) {
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        five_hour: { utilization: 12, resets_at: inHours(3) },
        seven_day: { utilization: 30, resets_at: inHours(90) }
      })
    )
    return
  }
  res.writeHead(404).end()
})
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address()
  process.stdout.write(`http://127.0.0.1:${port}/api/oauth/usage\n`)
})
