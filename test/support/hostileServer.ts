/**
 * A misbehaving HTTP server on 127.0.0.1:<random port> for hostile-input tests (issue 9): each test installs its
 * own handler. Helpers answer the ways a hostile or broken provider can: huge bodies written lazily (never held
 * in memory; writing stops when the client goes away), an endless gzip stream (a gzip bomb), a slow drip, a
 * redirect. The server logs every request (headers and body) and counts the body bytes it managed to write, so
 * a test can tell how much a client read before it stopped.
 */
import * as http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import * as zlib from "node:zlib"

export interface HostileRequest {
  readonly method: string
  readonly path: string
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/** Answers one request; `request.body` is the whole request body, already read. */
export type Handler = (request: HostileRequest, res: http.ServerResponse) => unknown

export interface HostileServer {
  readonly url: string
  readonly port: number
  readonly requests: ReadonlyArray<HostileRequest>
  /** Response body bytes written to sockets so far (all responses). */
  readonly bytesWritten: () => number
  readonly handle: (handler: Handler) => void
  readonly close: () => Promise<void>
}

const notFound: Handler = (_request, res) => {
  res.writeHead(404, { "content-type": "text/plain" }).end("no handler")
}

export const startHostileServer = async (handler: Handler = notFound): Promise<HostileServer> => {
  let current = handler
  const requests: Array<HostileRequest> = []
  const sockets = new Set<Socket>()
  let written = 0
  const server = http.createServer((req, res) => {
    const parts: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => parts.push(chunk))
    req.on("end", () => {
      const request = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(parts).toString("utf8")
      }
      requests.push(request)
      const write = res.write.bind(res)
      res.write = ((chunk: any, ...rest: Array<any>) => {
        written += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length
        return write(chunk, ...rest)
      }) as typeof res.write
      Promise.resolve(current(request, res)).catch(() => res.destroy())
    })
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    bytesWritten: () => written,
    handle: (next) => {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

/** The credential a request carries: `x-api-key`, `x-goog-api-key`, or the `Authorization` value's last word. */
export const credentialOf = (request: HostileRequest): string => {
  const header = (name: string) => {
    const value = request.headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  return (
    header("x-api-key") ??
    header("x-goog-api-key") ??
    header("authorization")?.split(/\s+/).pop() ??
    new URL(request.path, "http://x").searchParams.get("key") ??
    ""
  )
}

/**
 * Writes `totalBytes` of `fill` after `head`, chunk by chunk as the socket drains; stops when the client goes
 * away. `totalBytes` may be far larger than memory: nothing but one chunk is ever allocated.
 */
export const streamBody = (
  res: http.ServerResponse,
  options: {
    readonly status: number
    readonly headers?: http.OutgoingHttpHeaders
    readonly head?: string
    readonly totalBytes: number
    readonly fill?: string
  }
): void => {
  const chunk = Buffer.from((options.fill ?? "x").repeat(64 * 1024).slice(0, 64 * 1024))
  res.writeHead(options.status, { "content-type": "text/plain", ...options.headers })
  let left = options.totalBytes
  if (options.head) {
    res.write(options.head)
    left -= Buffer.byteLength(options.head)
  }
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
      left -= piece.length
      if (!res.write(piece)) return void res.once("drain", pump)
    }
    if (!res.destroyed) res.end()
  }
  res.on("close", () => {
    left = 0
  })
  pump()
}

/**
 * A gzip bomb: `content-encoding: gzip` and one small gzip member of 16 MiB of zeros (~16 KB) written again and
 * again until the client goes away: as fast as the socket takes them, or one every `everyMs`. Concatenated
 * members are one valid gzip stream, so a decompressing client sees an endless body (about 1000:1).
 */
export const gzipBomb = (res: http.ServerResponse, status: number, everyMs?: number): void => {
  res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip" })
  if (everyMs !== undefined) {
    res.write(BOMB_MEMBER)
    const timer = setInterval(() => res.write(BOMB_MEMBER), everyMs)
    res.on("close", () => clearInterval(timer))
    return
  }
  const pump = () => {
    while (!res.destroyed) if (!res.write(BOMB_MEMBER)) return void res.once("drain", pump)
  }
  pump()
}
const BOMB_MEMBER = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 })

/** One byte every `everyMs` after the head, forever (until the client goes away). */
export const drip = (res: http.ServerResponse, status: number, everyMs: number): void => {
  res.writeHead(status, { "content-type": "application/json" })
  res.write("{")
  const timer = setInterval(() => res.write(" "), everyMs)
  res.on("close", () => clearInterval(timer))
}

/** A `status` redirect to `location`, with a body that says so. */
export const redirect = (res: http.ServerResponse, status: number, location: string): void => {
  res.writeHead(status, { location, "content-type": "text/plain" }).end(`moved to ${location}`)
}

/** Every slice of `length` characters of `secret` (default 8) that occurs in `text`, compared case-insensitively. */
export const leakedSlices = (text: string, secret: string, length = 8): ReadonlyArray<string> => {
  const haystack = text.toLowerCase()
  const found = new Set<string>()
  for (let start = 0; start + length <= secret.length; start++) {
    const slice = secret.slice(start, start + length)
    if (haystack.includes(slice.toLowerCase())) found.add(slice)
  }
  return [...found]
}
