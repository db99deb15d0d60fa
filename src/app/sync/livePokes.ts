/**
 * Live updates: while the app is online and visible, the leading tab holds one event stream per team production
 * (`GET /api/v1/productions/:pid/events`, read with fetch so the token stays in a header) and hands each poke's
 * head to the sync loop, which pulls at once instead of at its next periodic sync. A stream reconnects with
 * backoff and jitter; it closes when the device goes offline or the tab is hidden, and when the team link goes
 * or its token changes. A token the server refuses (401/403) is not tried again: the sync loop reports why.
 * Pokes are only hints: losing one costs a delay until the next periodic sync, never data.
 */
import { pokeHead, readEventStream } from '../../core/sync/eventStream'
import type { TeamLink } from '../db/db'
import { liveTeams } from '../db/syncStore'
import { SyncFailure } from './syncClient'

export interface StreamResponse {
  status: number
  headers: { get(name: string): string | null }
  body: ReadableStream<Uint8Array> | null
  /** Reads a refusal's JSON body. */
  json(): Promise<unknown>
}
export type StreamFetcher = (url: string, init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal }) => Promise<StreamResponse>

export interface TeamSource {
  subscribe(observer: { next(teams: TeamLink[]): void }): { unsubscribe(): void }
}

export interface LivePokesOptions {
  onPoke(productionId: string, head: number): void
  /** The team links to follow; the device's teams table by default. */
  teams?: TeamSource
  baseUrl?: string
  fetcher?: StreamFetcher
}

/** The server sends a heartbeat every 25 s: this long without a byte means the connection is dead. */
export const SILENCE_TIMEOUT_MS = 60_000
/** A stream that stayed up this long was healthy: the next failure starts the backoff again. */
const HEALTHY_MS = 60_000
const MAX_RETRY_MS = 60_000

export const retryDelay = (failures: number) => Math.min(MAX_RETRY_MS, 1_000 * 2 ** Math.max(0, failures - 1)) * (0.5 + Math.random())

/** Opens one production's stream and reads it until it ends, the signal aborts or it falls silent. */
export async function readPokes(
  options: { productionId: string; token: string; baseUrl?: string; fetcher?: StreamFetcher; signal: AbortSignal; onPoke(head: number): void },
): Promise<void> {
  const { productionId, token, baseUrl = '', fetcher = (url, init) => fetch(url, init), onPoke } = options
  const controller = new AbortController()
  const abort = () => controller.abort()
  options.signal.addEventListener('abort', abort)
  let silence: ReturnType<typeof setTimeout> | undefined
  const heard = () => {
    clearTimeout(silence)
    silence = setTimeout(abort, SILENCE_TIMEOUT_MS)
  }
  heard()
  try {
    const response = await fetcher(`${baseUrl}/api/v1/productions/${encodeURIComponent(productionId)}/events`, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    })
    if (response.status === 401 || response.status === 403) {
      const code = await response.json().then((body) => (body as { error?: string } | null)?.error ?? '', () => '')
      throw new SyncFailure(code === 'revoked' ? 'revoked' : 'unauthorized', code)
    }
    // A captive portal's page or an old server without the route: not a stream, try again later.
    if (response.status !== 200 || !response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel().catch(() => undefined)
      throw new SyncFailure('server', `HTTP ${response.status}`)
    }
    await readEventStream(response.body, (event) => {
      const head = pokeHead(event)
      if (head !== null) onPoke(head)
    }, heard)
  } finally {
    clearTimeout(silence)
    options.signal.removeEventListener('abort', abort)
  }
}

export function startLivePokes(options: LivePokesOptions): () => void {
  const streams = new Map<string, { token: string; controller: AbortController }>()
  /** Tokens the server refused, by production: not retried until the team link gets another one. */
  const refused = new Map<string, string>()
  let teams: TeamLink[] = []
  let stopped = false

  const online = () => typeof navigator === 'undefined' || navigator.onLine !== false
  const visible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden'

  function reconcile() {
    const wanted = new Map<string, string>()
    if (!stopped && online() && visible()) {
      for (const team of teams) if (refused.get(team.productionId) !== team.token) wanted.set(team.productionId, team.token)
    }
    for (const [productionId, stream] of streams) {
      if (wanted.get(productionId) === stream.token) continue
      stream.controller.abort()
      streams.delete(productionId)
    }
    for (const [productionId, token] of wanted) {
      if (streams.has(productionId)) continue
      const controller = new AbortController()
      streams.set(productionId, { token, controller })
      void follow(productionId, token, controller.signal)
    }
  }

  async function follow(productionId: string, token: string, signal: AbortSignal) {
    let failures = 0
    while (!signal.aborted) {
      const openedAt = Date.now()
      try {
        await readPokes({ productionId, token, baseUrl: options.baseUrl, fetcher: options.fetcher, signal, onPoke: (head) => options.onPoke(productionId, head) })
      } catch (error) {
        if (signal.aborted) return
        if (error instanceof SyncFailure && (error.kind === 'unauthorized' || error.kind === 'revoked')) {
          refused.set(productionId, token)
          if (streams.get(productionId)?.controller.signal === signal) streams.delete(productionId)
          return
        }
      }
      // Ended by the server (a restart) or by the network: come back, sooner if the stream had been up a while.
      failures = Date.now() - openedAt >= HEALTHY_MS ? 1 : failures + 1
      await sleep(retryDelay(failures), signal)
    }
  }

  const subscription = (options.teams ?? liveTeams()).subscribe({
    next: (next) => {
      teams = next
      reconcile()
    },
  })
  const events: [EventTarget | undefined, string][] = [
    [typeof window === 'undefined' ? undefined : window, 'online'],
    [typeof window === 'undefined' ? undefined : window, 'offline'],
    [typeof document === 'undefined' ? undefined : document, 'visibilitychange'],
  ]
  for (const [target, name] of events) target?.addEventListener(name, reconcile)

  return () => {
    stopped = true
    subscription.unsubscribe()
    for (const [target, name] of events) target?.removeEventListener(name, reconcile)
    reconcile()
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
