/**
 * A hostile review of push, the log and the trash purge: what a member, or two housekeeping passes, could still do
 * to a production's records, its quota and the server's memory.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newId } from '../../core/sync/ids'
import type { PushResponse } from '../../core/sync/protocol'
import { buildServer } from '../app'
import { DEFAULT_LIMITS, type ServerLimits } from '../config'
import type { ServerContext } from '../context'
import { purgeTrash } from '../maintenance'
import { migrateToLatest } from '../migrations'
import type { Database } from '../schema'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../testAccessCode'
import { NO_DIST } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { device } from '../testDevice'

const LIMITS: Partial<ServerLimits> = { recordsPerProduction: 40 }
const DAY = 86_400_000

const decor = (productionId: string, fields: Record<string, unknown> = {}) => ({
  id: newId(), productionId, name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields,
})

/**
 * The database as purgeTrash sees it, with `between` run once, right after its first read of the entities table
 * (what another process, or a push, may do between that read and the purge's own transaction).
 */
function withPause(db: Kysely<Database>, between: () => Promise<unknown>): Kysely<Database> {
  let paused = false
  const wrap = (builder: object): object => new Proxy(builder, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown
      if (typeof value !== 'function') return value
      if (property === 'execute') {
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
          if (!paused) {
            paused = true
            await between()
          }
          return result
        }
      }
      return (...args: unknown[]) => {
        const next = (value as (...a: unknown[]) => unknown).apply(target, args)
        return next !== null && typeof next === 'object' && 'execute' in next ? wrap(next) : next
      }
    },
  })
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown
      if (property !== 'selectFrom') return typeof value === 'function' ? value.bind(target) : value
      return (...args: unknown[]) => wrap((target.selectFrom as (...a: unknown[]) => object)(...args))
    },
  })
}

function hostileSyncSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  let context: ServerContext
  beforeEach(async () => {
    store = await createStore()
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, limits: LIMITS })
    context = { db, dialect, limits: { ...DEFAULT_LIMITS, ...LIMITS }, epoch: '' }
  })
  afterEach(async () => {
    await app.close()
    await store.drop()
  })

  async function createProduction() {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName: 'Camille' } })
    expect(response.statusCode).toBe(201)
    return response.json() as { productionId: string; token: string }
  }
  async function join(productionId: string, ownerToken: string, role: string) {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/invites`, headers: { authorization: `Bearer ${ownerToken}` }, payload: { role } })
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName: `${role} test` } })
    expect(accepted.statusCode).toBe(201)
    return accepted.json() as { token: string; memberId: string }
  }
  const counted = async (productionId: string) => {
    const production = await context.db.selectFrom('productions').select('record_count').where('id', '=', productionId).executeTakeFirstOrThrow()
    const rows = await context.db.selectFrom('entities').select('id').where('production_id', '=', productionId).where('purged', '=', 0).execute()
    return { recordCount: Number(production.record_count), rows: rows.length }
  }

  describe('the trash purge', () => {
    it('never purges a record restored after the purge read it', async () => {
      const { productionId, token } = await createProduction()
      const owner = device(app, productionId, token)
      const record = decor(productionId, { notes: 'Porte cochère, code 4512' })
      await owner.push([owner.mutation('location.create', { record }), owner.mutation('location.delete', { id: record.id })])
      // The owner restores it while the purge is between its read and its transaction.
      const restore = () => owner.push([owner.mutation('location.restore', { id: record.id }, Date.now())])
      await purgeTrash({ ...context, db: withPause(context.db, restore) }, Date.now() + 31 * DAY)
      const pulled = await owner.pull()
      const latest = pulled.changes.filter((change) => change.id === record.id).at(-1)!
      expect(latest).toMatchObject({ deleted: false, data: { notes: 'Porte cochère, code 4512' } })
    })

    it('frees each purged record once when two passes run at once (several processes on one database)', async () => {
      const { productionId, token } = await createProduction()
      const owner = device(app, productionId, token)
      const records = Array.from({ length: 5 }, () => decor(productionId))
      await owner.push(records.map((record) => owner.mutation('location.create', { record })))
      await owner.push(records.slice(0, 3).map((record) => owner.mutation('location.delete', { id: record.id })))
      expect(await counted(productionId)).toEqual({ recordCount: 5, rows: 5 })
      const now = Date.now() + 31 * DAY
      await purgeTrash({ ...context, db: withPause(context.db, () => purgeTrash(context, now)) }, now)
      expect(await counted(productionId)).toEqual({ recordCount: 2, rows: 2 })
    })
  })

  describe('odd text', () => {
    it('refuses a record id or mutation name holding a NUL as a change, never as a 500 of the whole push', async () => {
      const { productionId, token } = await createProduction()
      const owner = device(app, productionId, token)
      const fine = decor(productionId)
      const response = await owner.push([
        owner.mutation('location.create', { record: fine }),
        owner.mutation('location.create', { record: decor(productionId, { id: 'cave\u0000001' }) }),
        owner.mutation('location\u0000.create', { record: decor(productionId) }),
      ])
      expect(response.statusCode).toBe(200)
      expect((response.json() as PushResponse).rejected.map((rejection) => rejection.reason)).toEqual(['invalid_args', 'unknown_mutation'])
      expect((await owner.pull()).changes.map((change) => change.id)).toEqual([fine.id])
    })
  })

  describe('the mutation log', () => {
    it('keeps no change larger than a record whole, even one merged without effect', async () => {
      const { productionId, token } = await createProduction()
      const owner = device(app, productionId, token)
      const record = decor(productionId)
      await owner.push([owner.mutation('location.create', { record })])
      const member = await join(productionId, token, 'member')
      const sam = device(app, productionId, member.token)
      // An ancient clock: every field loses, so nothing reaches the record and its size cap is never checked.
      const junk = { name: 'x'.repeat(6 * 1024 * 1024) }
      const body = (await sam.push([sam.mutation('location.patch', { id: record.id, fields: junk }, 1_000)])).json() as PushResponse
      expect(body.rejected.map((rejection) => rejection.reason)).toEqual([])
      const logged = await context.db.selectFrom('mutation_log').select((eb) => eb.fn('length', ['args']).as('length'))
        .where('client_id', '=', sam.clientId).executeTakeFirstOrThrow()
      // The history route reads up to 200 of these per record into one answer.
      expect(Number(logged.length)).toBeLessThanOrEqual(DEFAULT_LIMITS.recordBytes)
    })
  })
}

describe('hostile sync review on SQLite', () => {
  hostileSyncSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('hostile sync review on PostgreSQL', () => {
  hostileSyncSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
