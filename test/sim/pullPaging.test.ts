/**
 * Pull never skips a row under concurrent writers (DESIGN.md section 3: "seq order equals commit order"), proven on
 * PostgreSQL where transactions really overlap: 20 clients push batches at once through three server instances
 * (three connection pools on one database, as behind a load balancer) while two readers page through pull with
 * small pages, one following the head, one starting again from 0 again and again. After every page the test reads
 * the database itself: every row whose seq is at or below the reader's cursor must be held by the reader at that
 * seq. A row committed with a seq the cursor had already passed (a commit landing out of seq order) would fail this
 * and be lost to that reader for ever. At the end each reader holds exactly the server's rows.
 */
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeHlc } from '../../src/core/sync/hlc'
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol'
import { buildServer } from '../../src/server/app'
import { migrateToLatest } from '../../src/server/migrations'
import type { Database } from '../../src/server/schema'
import { postgresStoreFactory, type TestStore } from '../../src/server/testDatabases'
import { createRandom } from './random'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../../src/server/testAccessCode'

const pgUrl = process.env.TEST_DATABASE_URL ?? ''
const WRITERS = 20
const BATCHES_PER_WRITER = 8
const NO_DIST = path.join(os.tmpdir(), 'regie-paging-no-dist')

interface HeldRow {
  seq: number
  data: Record<string, unknown>
}

describe.skipIf(!pgUrl)('pull paging under 20 concurrent writers on PostgreSQL', () => {
  let store: TestStore
  let servers: FastifyInstance[]
  let checker: Kysely<Database>

  beforeAll(async () => {
    store = await postgresStoreFactory(pgUrl)()
    const first = store.open()
    await migrateToLatest(first.db)
    // Three writer instances and one for the readers, each with its own pool of connections. The readers ask for
    // thousands of pages a minute with one session: far past the session rate limit, which is not under test here.
    const options = { dialect: 'postgres', distDir: NO_DIST, rateLimitPerMinute: 1_000_000, accessCode: TEST_ACCESS_CODE } as const
    servers = [await buildServer({ db: first.db, ...options })]
    for (let i = 0; i < 3; i++) servers.push(await buildServer({ db: store.open().db, ...options }))
    checker = store.open().db
  })

  afterAll(async () => {
    for (const server of servers ?? []) await server.close()
    await store?.drop()
  })

  it('never lets a reader\'s cursor pass a row committed later', async () => {
    const random = createRandom(Number(process.env.SIM_SEED_BASE ?? 1))
    const created = await servers[0]!.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Concurrence', displayName: 'Camille' } })
    expect(created.statusCode).toBe(201)
    const { productionId, token } = created.json() as { productionId: string; token: string }
    const headers = { authorization: `Bearer ${token}` }
    const mealId = 'meal-paging-lunch'

    let writing = true
    const writer = async (index: number) => {
      const server = servers[index % 3]!
      const clientId = `writer-${index}-${productionId}`.slice(0, 64)
      const rng = random.fork()
      let mutationId = 0
      const mine: string[] = []
      const mutation = (name: string, args: unknown) => ({
        mutationId: ++mutationId, name, args, hlc: encodeHlc({ millis: Date.now() - 30_000, counter: mutationId, node: clientId }),
      })
      for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
        const mutations = []
        for (let n = rng.int(1, 15); n > 0; n--) {
          const roll = rng.next()
          if (roll < 0.5 || mine.length === 0) {
            const id = `${clientId}-loc-${mutationId + 1}`.slice(-64)
            mine.push(id)
            mutations.push(mutation('location.create', { record: { id, productionId, name: `Décor ${mutationId}`, intExt: 'INT', setting: 'natural', status: 'toScout' } }))
          } else if (roll < 0.8) {
            mutations.push(mutation('location.patch', { id: rng.pick(mine), fields: { noise: `Bruit ${mutationId}` } }))
          } else {
            // Everyone counts on the same meal: the hottest row, moved by every writer.
            mutations.push(mutation('meal.adjust', { id: mealId, group: 'crew', delta: 1 }))
          }
        }
        const response = await server.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers, payload: { clientId, schemaVersion: 1, mutations } })
        expect(response.statusCode).toBe(200)
        expect((response.json() as PushResponse).lastMutationId).toBe(mutationId)
      }
    }

    // The shared meal exists before the writers start.
    const setupClient = `setup-${productionId}`.slice(0, 64)
    const setup = await servers[0]!.inject({
      method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers,
      payload: {
        clientId: setupClient, schemaVersion: 1,
        mutations: [{ mutationId: 1, name: 'meal.create', args: { record: { id: mealId, productionId, shootDayId: 'day-1', service: 'lunch', served: {} } }, hlc: encodeHlc({ millis: Date.now() - 60_000, counter: 0, node: setupClient }) }],
      },
    })
    expect(setup.statusCode).toBe(200)

    const pages = { count: 0, withRows: 0, passes: 0 }
    /** One page from `cursor`, then the check against the database: nothing at or below the new cursor is missing. */
    const readPage = async (replica: Map<string, HeldRow>, cursor: number, clientId: string) => {
      const limit = random.int(1, 7)
      const response = await servers[3]!.inject({
        method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`, headers,
      })
      expect(response.statusCode).toBe(200)
      const page = response.json() as PullResponse
      const seqs = page.changes.map((change) => change.seq)
      expect(seqs.every((seq, i) => seq > (i === 0 ? cursor : seqs[i - 1]!))).toBe(true)
      for (const change of page.changes) replica.set(`${change.entity}:${change.id}`, { seq: change.seq, data: change.data })
      pages.count++
      if (page.changes.length > 0) pages.withRows++
      const committed = await checker.selectFrom('entities').select(['entity', 'id', 'seq'])
        .where('production_id', '=', productionId).where('seq', '<=', page.cursor).execute()
      for (const row of committed) {
        const held = replica.get(`${row.entity}:${row.id}`)
        if (held?.seq !== row.seq) {
          throw new Error(`${row.entity}:${row.id} committed with seq ${row.seq} at or below cursor ${page.cursor}, the reader holds ${held ? `seq ${held.seq}` : 'nothing'}`)
        }
      }
      return page
    }

    const follower = new Map<string, HeldRow>()
    const follow = async () => {
      let cursor = 0
      for (;;) {
        const done = !writing
        const page = await readPage(follower, cursor, 'reader-follows-head')
        cursor = page.cursor
        if (done && !page.hasMore) return
      }
    }
    let restarted = new Map<string, HeldRow>()
    const restartFromZero = async () => {
      for (;;) {
        const done = !writing
        restarted = new Map()
        let cursor = 0
        for (let more = true; more;) {
          const page = await readPage(restarted, cursor, 'reader-from-zero')
          cursor = page.cursor
          more = page.hasMore
        }
        pages.passes++
        if (done) return
      }
    }

    const readers = Promise.all([follow(), restartFromZero()])
    // A reader's failure is reported by the await below, once the writers are done.
    readers.catch(() => undefined)
    await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)))
    writing = false
    await readers

    const rows = await checker.selectFrom('entities').select(['entity', 'id', 'seq', 'data']).where('production_id', '=', productionId).execute()
    const server = new Map(rows.map((row) => [`${row.entity}:${row.id}`, { seq: row.seq, data: JSON.parse(row.data) as Record<string, unknown> }]))
    expect(follower).toEqual(server)
    expect(restarted).toEqual(server)
    // Readers really ran alongside the writers, over many small pages and several passes from zero.
    expect(pages.passes).toBeGreaterThan(2)
    expect(pages.withRows).toBeGreaterThan(100)
    const adjusts = await checker.selectFrom('mutation_log').select((eb) => eb.fn.countAll<number>().as('count'))
      .where('production_id', '=', productionId).where('name', '=', 'meal.adjust').executeTakeFirstOrThrow()
    expect(server.get(`meal:${mealId}`)?.data.served).toMatchObject({ crew: Number(adjusts.count) })
  }, 180_000)
})
