import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pokeHead, readEventStream } from '../../core/sync/eventStream'
import { encodeHlc } from '../../core/sync/hlc'
import { newId } from '../../core/sync/ids'
import type { PullResponse } from '../../core/sync/protocol'
import { buildServer, type BuildServerOptions } from '../app'
import { migrateToLatest } from '../migrations'
import { POKE_CHANNEL, type PokeLimits } from '../sync/pokeHub'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { PokeStream } from './events'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../testAccessCode'

const NO_DIST = path.join(os.tmpdir(), 'regie-test-no-dist')
const WAIT = { timeout: 5_000, interval: 20 }

async function startServer(store: TestStore, liveEvents?: Partial<PokeLimits>): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const { db, dialect } = store.open()
  await migrateToLatest(db)
  const options: BuildServerOptions = { db, dialect, distDir: NO_DIST, accessCode: TEST_ACCESS_CODE, databaseUrl: store.databaseUrl, ...(liveEvents && { liveEvents }) }
  const app = await buildServer(options)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  return { app, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` }
}

async function createProduction(app: FastifyInstance) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName: 'Camille' } })
  expect(response.statusCode).toBe(201)
  return response.json() as { productionId: string; token: string; sessionId: string }
}

async function join(app: FastifyInstance, productionId: string, ownerToken: string) {
  const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/invites`, headers: { authorization: `Bearer ${ownerToken}` }, payload: { role: 'member' } })
  const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName: 'Sami' } })
  expect(accepted.statusCode).toBe(201)
  return accepted.json() as { token: string; sessionId: string }
}

/** A phone writing décors: one push per call, with its own clientId and gapless mutation ids. */
function writer(app: FastifyInstance, productionId: string, token: string) {
  const clientId = newId()
  let mutationId = 0
  let last: unknown[] = []
  const mutation = (name: string, args: unknown) => ({ mutationId: ++mutationId, name, args, hlc: encodeHlc({ millis: Date.now() - 1_000, counter: mutationId, node: clientId }) })
  const push = (mutations: unknown[]) =>
    app.inject({
      method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers: { authorization: `Bearer ${token}` },
      payload: { clientId, schemaVersion: 1, mutations: (last = mutations) },
    })
  return {
    createDecor: (name = 'Cave voûtée') =>
      push([mutation('location.create', { record: { id: newId(), productionId, name, intExt: 'INT', setting: 'natural', status: 'toScout' } })]),
    /** The last push again, as after a lost reply. */
    retry: () => push(last),
    pull: async () =>
      (await app.inject({ method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${clientId}&cursor=0`, headers: { authorization: `Bearer ${token}` } })).json() as PullResponse,
  }
}

/** Opens the event stream the way the app does (fetch, bearer header) and records the heads it is poked with. */
async function listen(baseUrl: string, productionId: string, token?: string) {
  const controller = new AbortController()
  const response = await fetch(`${baseUrl}/api/v1/productions/${productionId}/events`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: controller.signal,
  })
  const heads: number[] = []
  let chunks = 0
  let ended = false
  const reading = response.ok && response.body
    ? readEventStream(response.body, (event) => {
      const head = pokeHead(event)
      if (head !== null) heads.push(head)
    }, () => chunks++).then(() => (ended = true), () => undefined)
    : Promise.resolve()
  return {
    response,
    heads,
    chunks: () => chunks,
    ended: () => ended,
    async close() {
      controller.abort()
      await reading
    },
  }
}

function eventsSuite(createStore: CreateTestStore) {
  let store: TestStore
  const servers: FastifyInstance[] = []
  const streams: { close(): Promise<void> }[] = []

  beforeEach(async () => {
    store = await createStore()
  })
  afterEach(async () => {
    // Servers first: they end their streams themselves, as on a real shutdown.
    await Promise.all(servers.splice(0).map((app) => app.close()))
    await Promise.all(streams.splice(0).map((stream) => stream.close()))
    await store.drop()
  })

  async function server(liveEvents?: Partial<PokeLimits>) {
    const started = await startServer(store, liveEvents)
    servers.push(started.app)
    return started
  }
  async function open(baseUrl: string, productionId: string, token?: string) {
    const stream = await listen(baseUrl, productionId, token)
    streams.push(stream)
    return stream
  }

  it('pokes a production\'s streams with the new head once a push has committed, and nobody else', async () => {
    const { app, baseUrl } = await server()
    const a = await createProduction(app)
    const b = await createProduction(app)
    const member = await join(app, a.productionId, a.token)
    const ad = writer(app, a.productionId, a.token)
    await ad.createDecor('Déjà là')

    const regie = await open(baseUrl, a.productionId, member.token)
    const other = await open(baseUrl, b.productionId, b.token)
    expect(regie.response.status).toBe(200)
    expect(regie.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(regie.response.headers.get('cache-control')).toBe('no-store')
    expect(regie.response.headers.get('x-content-type-options')).toBe('nosniff')
    // On connect: the current head, so a phone that missed pokes while away catches up.
    await vi.waitFor(() => expect(regie.heads).toEqual([1]), WAIT)
    await vi.waitFor(() => expect(other.heads).toEqual([0]), WAIT)

    const pushed = await ad.createDecor('Cave du bar')
    expect(pushed.statusCode).toBe(200)
    await vi.waitFor(() => expect(regie.heads).toEqual([1, 2]), WAIT)
    // Whoever is poked finds the change already there.
    expect((await writer(app, a.productionId, member.token).pull()).head).toBe(2)

    // A push that changes nothing (a retry of the same batch) pokes nobody; neither does another production's.
    expect((await ad.retry()).json()).toMatchObject({ applied: 0, skipped: 1 })
    await writer(app, b.productionId, b.token).createDecor('Ailleurs')
    await vi.waitFor(() => expect(other.heads).toEqual([0, 1]), WAIT)
    expect(regie.heads).toEqual([1, 2])
  })

  it('refuses missing, unknown, foreign and revoked tokens before opening anything', async () => {
    const { app, baseUrl } = await server()
    const a = await createProduction(app)
    const b = await createProduction(app)
    const member = await join(app, a.productionId, a.token)

    expect((await open(baseUrl, a.productionId)).response.status).toBe(401)
    expect((await open(baseUrl, a.productionId, 'x'.repeat(43))).response.status).toBe(401)
    const foreign = await open(baseUrl, a.productionId, b.token)
    expect(foreign.response.status).toBe(403)
    expect(await foreign.response.json()).toMatchObject({ error: 'forbidden' })

    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${member.sessionId}`, headers: { authorization: `Bearer ${a.token}` } })
    expect(revoke.statusCode).toBe(204)
    const revoked = await open(baseUrl, a.productionId, member.token)
    expect(revoked.response.status).toBe(403)
    expect(await revoked.response.json()).toMatchObject({ error: 'revoked' })
  })

  it('sends heartbeats, and closes a stream once its session is revoked', async () => {
    const { app, baseUrl } = await server({ heartbeatMs: 100 })
    const a = await createProduction(app)
    const member = await join(app, a.productionId, a.token)
    const regie = await open(baseUrl, a.productionId, member.token)
    const owner = await open(baseUrl, a.productionId, a.token)
    await vi.waitFor(() => expect(regie.chunks()).toBeGreaterThanOrEqual(3), WAIT)

    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${member.sessionId}`, headers: { authorization: `Bearer ${a.token}` } })
    expect(revoke.statusCode).toBe(204)
    await vi.waitFor(() => expect(regie.ended()).toBe(true), WAIT)
    expect(owner.ended()).toBe(false)
  })

  it('caps open streams per session and per process, and frees the place of a closed one', async () => {
    const { app, baseUrl } = await server({ maxStreamsPerSession: 1, maxStreams: 2, heartbeatMs: 100 })
    const a = await createProduction(app)
    const regie = await join(app, a.productionId, a.token)
    const runner = await join(app, a.productionId, a.token)
    expect((await open(baseUrl, a.productionId, a.token)).response.status).toBe(200)
    const second = await open(baseUrl, a.productionId, a.token)
    expect(second.response.status).toBe(429)
    expect(await second.response.json()).toMatchObject({ error: 'too_many_streams' })
    const regieStream = await open(baseUrl, a.productionId, regie.token)
    expect(regieStream.response.status).toBe(200)
    expect((await open(baseUrl, a.productionId, runner.token)).response.status).toBe(429)

    await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${regie.sessionId}`, headers: { authorization: `Bearer ${a.token}` } })
    await vi.waitFor(() => expect(regieStream.ended()).toBe(true), WAIT)
    expect((await open(baseUrl, a.productionId, runner.token)).response.status).toBe(200)
  })

  it('ends open streams when the server shuts down, instead of waiting for them', async () => {
    const { app, baseUrl } = await server()
    const a = await createProduction(app)
    const stream = await open(baseUrl, a.productionId, a.token)
    await vi.waitFor(() => expect(stream.heads).toEqual([0]), WAIT)
    await app.close()
    await vi.waitFor(() => expect(stream.ended()).toBe(true), WAIT)
  })
}

describe('live event streams on SQLite', () => {
  eventsSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('live event streams on PostgreSQL', () => {
  const createStore = postgresStoreFactory(process.env.TEST_DATABASE_URL ?? '')
  eventsSuite(createStore)

  it('shares pokes between two server processes on one database (LISTEN/NOTIFY)', async () => {
    const store = await createStore()
    const one = await startServer(store)
    const two = await startServer(store)
    try {
      const a = await createProduction(one.app)
      const member = await join(one.app, a.productionId, a.token)
      const onTwo = await listen(two.baseUrl, a.productionId, member.token)
      await vi.waitFor(() => expect(onTwo.heads).toEqual([0]), WAIT)
      expect((await writer(one.app, a.productionId, a.token).createDecor()).statusCode).toBe(200)
      await vi.waitFor(() => expect(onTwo.heads).toEqual([0, 1]), WAIT)

      // The LISTEN connections drop (a database restart, a failover): they come back, and the streams of the
      // process that missed a poke meanwhile are told the current head.
      const { db } = store.open()
      const terminated = await sql<{ ok: boolean }>`select pg_terminate_backend(pid) as ok from pg_stat_activity where query = ${`LISTEN ${POKE_CHANNEL}`} and datname = current_database()`.execute(db)
      expect(terminated.rows).toEqual([{ ok: true }, { ok: true }])
      expect((await writer(one.app, a.productionId, a.token).createDecor()).statusCode).toBe(200)
      await vi.waitFor(() => expect(onTwo.heads).toEqual([0, 1, 2]), WAIT)
      expect((await writer(one.app, a.productionId, a.token).createDecor()).statusCode).toBe(200)
      await vi.waitFor(() => expect(onTwo.heads).toEqual([0, 1, 2, 3]), WAIT)
    } finally {
      await one.app.close()
      await two.app.close()
      await store.drop()
    }
  })
})

describe('a slow client', () => {
  /** A response whose socket buffer fills after every write until it drains. */
  function slowResponse() {
    const response = Object.assign(new EventEmitter(), {
      headersSent: true, writableEnded: false, destroyed: false, writableNeedDrain: false, written: [] as string[],
      write(text: string) {
        response.written.push(text)
        response.writableNeedDrain = true
        return false
      },
      end() {
        response.writableEnded = true
      },
      destroy() {
        response.destroyed = true
      },
      drain() {
        response.writableNeedDrain = false
        response.emit('drain')
      },
    })
    return response
  }

  it('holds only the newest head while its buffer is full, and is cut off when it never drains', () => {
    const response = slowResponse()
    const stream = new PokeStream(response as unknown as ServerResponse, 'p', 's')
    stream.poke(1)
    for (let head = 2; head <= 1000; head++) stream.poke(head)
    expect(response.written).toEqual(['event: poke\ndata: {"head":1}\n\n'])
    response.drain()
    expect(response.written.at(-1)).toBe('event: poke\ndata: {"head":1000}\n\n')
    expect(response.written).toHaveLength(2)

    stream.heartbeat()
    expect(response.destroyed).toBe(false)
    stream.heartbeat()
    expect(response.destroyed).toBe(true)
  })
})
