import type { IncomingHttpHeaders } from "node:http"

export type Behaviour = "hang" | "slow" | "500" | "no-tool-call" | "error-200" | "echo-key"

export interface FakeOpenRouterOptions {
  /** The `/models` body; default: the real 2026-05-01 fixture. */
  readonly catalog?: { readonly data: ReadonlyArray<unknown> }
  /** Delay before every chat answer (ms). */
  readonly latencyMs?: number
  /** Per-model delay, instead of `latencyMs`. */
  readonly latencyMsByModel?: Readonly<Record<string, number>>
  /**
   * Per-model delay of tool probes only (the latency the ranking sorts by). Make the steps far apart (hundreds of
   * ms): the latency a scan measures includes the client's own time, which a loaded machine stretches.
   */
  readonly toolLatencyMsByModel?: Readonly<Record<string, number>>
  /** Extra delay of `slow` models (ms). Default 1500. */
  readonly slowMs?: number
  /** The only key accepted. Default `sk-or-v1-fake-key-0123456789abcdef`. */
  readonly apiKey?: string
  /** Per-model overrides. */
  readonly behaviour?: Readonly<Record<string, Behaviour>>
  /** Status of `GET /models` (200 = serve the catalog). */
  readonly catalogStatus?: number
  readonly port?: number
}

export interface LoggedRequest {
  readonly kind: "models" | "tool" | "image" | "chat"
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body?: any
  /** Chat requests: when the request body was read and when the answer was sent or the client left (epoch ms). */
  readonly startedAt?: number
  readonly finishedAt?: number
}

export interface FakeOpenRouter {
  readonly port: number
  /** `http://127.0.0.1:<port>/api/v1`: put in `models.providers.openrouter.baseUrl`. */
  readonly baseUrl: string
  readonly apiKey: string
  readonly requests: ReadonlyArray<LoggedRequest>
  readonly inFlight: () => number
  readonly maxInFlight: () => number
  /** Chat requests whose client went away before the answer (aborted at a timeout). */
  readonly aborted: () => number
  readonly setCatalogStatus: (status: number) => void
  readonly reset: () => void
  readonly close: () => Promise<void>
}

export declare const FIXTURE_URL: URL
export declare const loadFixture: () => { readonly data: ReadonlyArray<Record<string, any>> }
export declare const startFakeOpenRouter: (options?: FakeOpenRouterOptions) => Promise<FakeOpenRouter>
