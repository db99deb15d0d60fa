// @vitest-environment node
// Node's fetch types (Headers, ReadableStream) back the stub server; the DOM objects the code listens to are stubbed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PullResponse } from '../../core/sync/protocol'
import { db, type TeamLink } from '../db/db'
import { saveTeam } from '../db/syncStore'
import { readPokes, startLivePokes, type StreamFetcher, type TeamSource } from './livePokes'
import { SyncFailure, type SyncClient } from './syncClient'
import { startSyncLoop } from './syncLoop'

const WAIT = { timeout: 3_000, interval: 10 }
const team = (productionId: string, token = `token-of-${productionId}-abcdefghij`): TeamLink => ({
  productionId, serverUrl: '', token, memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null,
})

/** A server as the stream sees it: each request opens a stream the test writes to, or gets a refusal. */
function stubServer() {
  const requests: { url: string; headers: Record<string, string>; signal: AbortSignal; ended: boolean; send(text: string): void; end(): void }[] = []
  let refusal: { status: number; body: unknown } | null = null
  const encoder = new TextEncoder()
  const fetcher: StreamFetcher = async (url, init) => {
    if (refusal) {
      const { status, body } = refusal
      requests.push({ url, headers: init.headers, signal: init.signal, ended: true, send: () => undefined, end: () => undefined })
      return { status, headers: new Headers({ 'content-type': 'application/json' }), body: null, json: async () => body }
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
    init.signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))
    const request = {
      url, headers: init.headers, signal: init.signal, ended: false,
      send: (text: string) => controller.enqueue(encoder.encode(text)),
      end: () => {
        request.ended = true
        controller.close()
      },
    }
    requests.push(request)
    return { status: 200, headers: new Headers({ 'content-type': 'text/event-stream; charset=utf-8' }), body, json: async () => null }
  }
  return {
    fetcher,
    requests,
    open: () => requests.filter((request) => !request.signal.aborted && !request.ended),
    refuse: (status: number, body: unknown) => void (refusal = { status, body }),
  }
}

/** A team list the test changes by hand, shaped like a Dexie live query. */
function teamList(initial: TeamLink[]) {
  const observers = new Set<{ next(teams: TeamLink[]): void }>()
  let current = initial
  const source: TeamSource = {
    subscribe(observer) {
      observers.add(observer)
      observer.next(current)
      return { unsubscribe: () => void observers.delete(observer) }
    },
  }
  return { source, set: (teams: TeamLink[]) => observers.forEach((observer) => observer.next((current = teams))) }
}

let documentStub: EventTarget & { visibilityState: string }
let windowStub: EventTarget
let online = true
beforeEach(() => {
  online = true
  windowStub = new EventTarget()
  documentStub = Object.assign(new EventTarget(), { visibilityState: 'visible' })
  vi.stubGlobal('window', windowStub)
  vi.stubGlobal('document', documentStub)
  vi.stubGlobal('navigator', { get onLine() { return online } })
})
afterEach(async () => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  await Promise.all([db.teams.clear(), db.outbox.clear()])
})

describe('one poke stream', () => {
  it('sends the token in a header, never in the URL, and passes on each poke\'s head', async () => {
    const server = stubServer()
    const heads: number[] = []
    const controller = new AbortController()
    const reading = readPokes({ productionId: 'prod 1', token: 'secret-token-abcdefghijkl', fetcher: server.fetcher, signal: controller.signal, onPoke: (head) => heads.push(head) })
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), WAIT)
    const [request] = server.requests
    expect(request!.url).toBe('/api/v1/productions/prod%201/events')
    expect(request!.url).not.toContain('secret')
    expect(request!.headers.authorization).toBe('Bearer secret-token-abcdefghijkl')
    request!.send('event: poke\ndata: {"head":4}\n\n: keepalive\n\nevent: other\ndata: {"head":9}\n\nevent: po')
    request!.send('ke\ndata: {"head":5}\n\n')
    await vi.waitFor(() => expect(heads).toEqual([4, 5]), WAIT)
    request!.end()
    await reading
  })

  it('reports a revoked session, and a response that is not an event stream', async () => {
    const server = stubServer()
    const signal = new AbortController().signal
    server.refuse(403, { error: 'revoked' })
    await expect(readPokes({ productionId: 'p', token: 't', fetcher: server.fetcher, signal, onPoke: () => undefined })).rejects.toMatchObject({ kind: 'revoked' })
    server.refuse(401, { error: 'unauthenticated' })
    await expect(readPokes({ productionId: 'p', token: 't', fetcher: server.fetcher, signal, onPoke: () => undefined })).rejects.toMatchObject({ kind: 'unauthorized' })
    server.refuse(200, '<html>Wi-Fi de la gare</html>')
    await expect(readPokes({ productionId: 'p', token: 't', fetcher: server.fetcher, signal, onPoke: () => undefined })).rejects.toBeInstanceOf(SyncFailure)
  })
})

describe('live pokes for the team productions', () => {
  it('holds one stream per team production while online and visible, and closes them offline, hidden or unlinked', async () => {
    const server = stubServer()
    const teams = teamList([team('a'), team('b')])
    const pokes: [string, number][] = []
    const stop = startLivePokes({ teams: teams.source, fetcher: server.fetcher, onPoke: (productionId, head) => pokes.push([productionId, head]) })
    await vi.waitFor(() => expect(server.open().map((request) => request.url)).toEqual(['/api/v1/productions/a/events', '/api/v1/productions/b/events']), WAIT)
    server.open()[1]!.send('event: poke\ndata: {"head":7}\n\n')
    await vi.waitFor(() => expect(pokes).toEqual([['b', 7]]), WAIT)

    online = false
    windowStub.dispatchEvent(new Event('offline'))
    expect(server.open()).toEqual([])
    online = true
    windowStub.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(server.open()).toHaveLength(2), WAIT)

    documentStub.visibilityState = 'hidden'
    documentStub.dispatchEvent(new Event('visibilitychange'))
    expect(server.open()).toEqual([])
    documentStub.visibilityState = 'visible'
    documentStub.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(() => expect(server.open()).toHaveLength(2), WAIT)

    // Leaving a production (or signing out of it) closes its stream at once.
    teams.set([team('a')])
    expect(server.open().map((request) => request.url)).toEqual(['/api/v1/productions/a/events'])
    stop()
    expect(server.open()).toEqual([])
  })

  it('reconnects with backoff when the stream ends, and gives up on a refused token until it changes', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const server = stubServer()
    const teams = teamList([team('a')])
    const stop = startLivePokes({ teams: teams.source, fetcher: server.fetcher, onPoke: () => undefined })
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), WAIT)
    server.requests[0]!.end()
    // A server restart: back after half a second (1 s backoff, jitter at its lowest).
    await vi.waitFor(() => expect(server.open()).toHaveLength(1), WAIT)
    expect(server.requests).toHaveLength(2)

    server.refuse(403, { error: 'revoked' })
    server.requests[1]!.end()
    await vi.waitFor(() => expect(server.requests).toHaveLength(3), WAIT)
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    expect(server.requests).toHaveLength(3)

    teams.set([team('a', 'a-new-token-after-joining-again')])
    await vi.waitFor(() => expect(server.requests).toHaveLength(4), WAIT)
    expect(server.requests[3]!.headers.authorization).toBe('Bearer a-new-token-after-joining-again')
    stop()
  })
})

describe('a poke starts a sync', () => {
  const pullAt = (head: number): PullResponse => ({ changes: [], cursor: head, hasMore: false, head, lastMutationId: 0, rejections: [] })

  async function startLoop() {
    await saveTeam(team('a'))
    await saveTeam(team('b'))
    const server = stubServer()
    let serverHead = 0
    const pulls: string[] = []
    const client: Partial<SyncClient> = {
      pull: async (productionId) => (pulls.push(productionId), pullAt(serverHead)),
      hasBlob: async () => true,
    }
    let idle!: () => void
    let settled = new Promise<void>((resolve) => (idle = resolve))
    const stop = startSyncLoop(
      { onSyncing: (syncing) => !syncing && idle(), onFailure: () => undefined },
      client as SyncClient,
      (onPoke) => startLivePokes({ onPoke, fetcher: server.fetcher }),
    )
    await settled
    await vi.waitFor(() => expect(server.open()).toHaveLength(2), WAIT)
    const streamOf = (productionId: string) => server.open().find((request) => request.url.includes(`/productions/${productionId}/`))!
    return {
      pulls,
      stop,
      setHead: (head: number) => void (serverHead = head),
      poke: (productionId: string, head: number) => streamOf(productionId).send(`event: poke\ndata: {"head":${head}}\n\n`),
      nextIdle: () => (settled = new Promise<void>((resolve) => (idle = resolve))),
    }
  }

  it('pulls the poked production within a second, once for a burst of pokes', async () => {
    const loop = await startLoop()
    expect(loop.pulls.sort()).toEqual(['a', 'b'])
    loop.pulls.length = 0
    loop.setHead(3)
    const idle = loop.nextIdle()
    const pokedAt = Date.now()
    loop.poke('b', 1)
    loop.poke('b', 2)
    loop.poke('b', 3)
    await idle
    expect(Date.now() - pokedAt).toBeLessThan(1_000)
    expect(loop.pulls).toEqual(['b'])
    expect((await db.teams.get('b'))?.cursor).toBe(3)
    loop.stop()
  })

  it('does not sync for a head the device already has (its own push, a change already pulled)', async () => {
    const loop = await startLoop()
    loop.pulls.length = 0
    loop.setHead(5)
    await db.teams.update('a', { cursor: 5 })
    loop.poke('a', 5)
    loop.poke('a', 4)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(loop.pulls).toEqual([])
    loop.stop()
  })
})
