/**
 * What no member can do to a production, and what a restored server does to its phones (README, "Security"):
 * quotas and the record size cap, short logs of refused changes, pages bounded by bytes, clocks bound to their
 * sender, deletions that members may make only of their own records and that owners can undo, the trash purge,
 * and the reset a phone gets from a server of another epoch.
 */
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { newId } from '../../core/sync/ids'
import type { PushResponse } from '../../core/sync/protocol'
import { DEFAULT_LIMITS, type ServerLimits } from '../config'
import type { ServerContext } from '../context'
import { purgeTrash } from '../maintenance'
import { readEpoch } from '../sessions'
import { ACCESS_HEADERS } from '../testAccessCode'
import { useTestApp } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { device } from '../testDevice'
import { REFUSED_ARGS_EXCERPT } from './push'
import { PULL_PAGE_BYTES } from './pull'

const LIMITS: Partial<ServerLimits> = { recordsPerProduction: 40, recordBytes: 128 * 1024 }

const decor = (productionId: string, fields: Record<string, unknown> = {}) => ({
  id: newId(), productionId, name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields,
})

function trustSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ store, app } = opened), () => ({ limits: LIMITS }))

  async function createProduction() {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName: 'Camille' } })
    expect(response.statusCode).toBe(201)
    return response.json() as { productionId: string; token: string; memberId: string; epoch: string }
  }

  async function join(productionId: string, ownerToken: string, role: string) {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/invites`, headers: { authorization: `Bearer ${ownerToken}` }, payload: { role } })
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName: `${role} test` } })
    expect(accepted.statusCode).toBe(201)
    return accepted.json() as { token: string; memberId: string }
  }

  const reasons = (body: PushResponse) => body.rejected.map((rejection) => rejection.reason)
  const context = (): ServerContext => {
    const { db, dialect } = store.open()
    return { db, dialect, limits: { ...DEFAULT_LIMITS, ...LIMITS }, epoch: '' }
  }

  describe('sizes and quotas', () => {
    it('refuses a record past the size cap, unknown fields included, as a mutation with its reason', async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const record = decor(productionId)
      const response = await phone.push([
        phone.mutation('location.create', { record: decor(productionId, { junk: 'x'.repeat(200_000) }) }),
        phone.mutation('location.create', { record }),
        phone.mutation('location.patch', { id: record.id, fields: { notes: 'y'.repeat(140_000) } }),
        phone.mutation('location.patch', { id: record.id, fields: { notes: 'Porte cochère' } }),
      ])
      expect(response.statusCode).toBe(200)
      const body = response.json() as PushResponse
      expect(body.rejected.map((rejection) => [rejection.mutationId, rejection.reason])).toEqual([[1, 'record_too_large'], [3, 'record_too_large']])
      expect(body.rejected[0]!.details).toEqual({ size: expect.any(String), limit: String(128 * 1024) })
      const pulled = await phone.pull()
      expect(pulled.changes.map((change) => change.data.notes)).toEqual(['Porte cochère'])
    })

    it('refuses creates past the records quota, deletions still counted until purged', async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const records = Array.from({ length: 42 }, () => decor(productionId))
      const first = (await phone.push(records.slice(0, 39).map((record) => phone.mutation('location.create', { record })))).json() as PushResponse
      expect(first.rejected).toEqual([])
      await phone.push([phone.mutation('location.delete', { id: records[0]!.id })])
      const over = (await phone.push(records.slice(39).map((record) => phone.mutation('location.create', { record })))).json() as PushResponse
      // The production record does not count: it lives on the phone only until it is pushed.
      expect(reasons(over)).toEqual(['quota_records', 'quota_records'])
      expect(over.rejected[0]!.details).toEqual({ limit: '40' })

      const { db } = store.open()
      expect((await db.selectFrom('productions').select('record_count').where('id', '=', productionId).executeTakeFirstOrThrow()).record_count).toBe(40)
      // The trash purge frees the deleted record's place.
      expect(await purgeTrash(context(), Date.now() + 31 * 86_400_000)).toBe(1)
      const after = (await phone.push([phone.mutation('location.create', { record: records[41] })])).json() as PushResponse
      expect(after.rejected).toEqual([])
    })

    it('logs a refused change as a short excerpt, so refusals cannot fill the disk', async () => {
      const { productionId, token } = await createProduction()
      const viewer = await join(productionId, token, 'viewer')
      const phone = device(app, productionId, viewer.token)
      const body = (await phone.push([phone.mutation('location.create', { record: decor(productionId, { notes: 'z'.repeat(100_000) }) })])).json() as PushResponse
      expect(reasons(body)).toEqual(['forbidden'])
      const { db } = store.open()
      const logged = await db.selectFrom('mutation_log').select('args').where('client_id', '=', phone.clientId).executeTakeFirstOrThrow()
      expect(logged.args.length).toBeLessThan(REFUSED_ARGS_EXCERPT + 100)
      expect(JSON.parse(logged.args)).toEqual({ excerpt: expect.stringContaining('"notes":"zzz'), length: expect.any(Number) })
    })

    it('ends a pull page once its rows pass the byte bound, and pages through everything', async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const big = Array.from({ length: 40 }, () => decor(productionId, { notes: 'n'.repeat(120_000) }))
      for (let start = 0; start < big.length; start += 10) {
        expect(((await phone.push(big.slice(start, start + 10).map((record) => phone.mutation('location.create', { record })))).json() as PushResponse).rejected).toEqual([])
      }
      const first = await phone.pull(0, 1000)
      expect(first.hasMore).toBe(true)
      const second = await phone.pull(first.cursor, 1000)
      // A page stays within the bound; the row that would pass it starts the next page.
      const bytes = (changes: typeof first.changes) => changes.reduce((sum, change) => sum + JSON.stringify(change.data).length, 0)
      expect(bytes(first.changes)).toBeLessThanOrEqual(PULL_PAGE_BYTES)
      expect(bytes([...first.changes, second.changes[0]!])).toBeGreaterThan(PULL_PAGE_BYTES)
      expect(first.changes.length + second.changes.length).toBe(40)
      expect(second.hasMore).toBe(false)
    })
  })

  describe('clocks and deletions', () => {
    it("refuses a clock whose node is not the sender's clientId", async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const forged = { ...phone.mutation('location.create', { record: decor(productionId) }), hlc: `${String(Date.now()).padStart(15, '0')}:00000:zzzz-other-phone` }
      expect(reasons((await phone.push([forged])).json())).toEqual(['forged_clock'])
    })

    it('lets a member delete only what they created, and only owners and coordinators restore from the trash', async () => {
      const { productionId, token } = await createProduction()
      const owner = device(app, productionId, token)
      const sam = device(app, productionId, (await join(productionId, token, 'member')).token)
      const lou = device(app, productionId, (await join(productionId, token, 'coordinator')).token)
      const ownersDecor = decor(productionId)
      const samsDecor = decor(productionId)
      await owner.push([owner.mutation('location.create', { record: ownersDecor })])
      await sam.push([sam.mutation('location.create', { record: samsDecor })])

      expect(reasons((await sam.push([sam.mutation('location.delete', { id: ownersDecor.id })])).json())).toEqual(['forbidden'])
      expect(reasons((await sam.push([sam.mutation('location.delete', { id: samsDecor.id })])).json())).toEqual([])
      expect(reasons((await sam.push([sam.mutation('location.restore', { id: samsDecor.id })])).json())).toEqual(['forbidden'])
      // Lou saw the deletion before taking the décor back: her clock is past it.
      expect(reasons((await lou.push([lou.mutation('location.restore', { id: samsDecor.id }, Date.now())])).json())).toEqual([])

      const pulled = await owner.pull()
      const latest = pulled.changes.filter((change) => change.id === samsDecor.id).at(-1)!
      expect(latest).toMatchObject({ deleted: false, data: { deletedAt: null, name: 'Cave voûtée' } })
    })

    it('purges the trash after its delay: the data goes, the deletion stays, a restore is refused', async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const record = decor(productionId, { notes: 'secret' })
      await phone.push([phone.mutation('location.create', { record }), phone.mutation('location.delete', { id: record.id })])
      expect(await purgeTrash(context(), Date.now() + 29 * 86_400_000)).toBe(0)
      expect(await purgeTrash(context(), Date.now() + 31 * 86_400_000)).toBe(1)
      const pulled = await phone.pull()
      const row = pulled.changes.find((change) => change.id === record.id)!
      expect(row.deleted).toBe(true)
      expect(row.data).not.toHaveProperty('notes')
      expect(reasons((await phone.push([phone.mutation('location.restore', { id: record.id })])).json())).toEqual(['purged'])
    })
  })

  describe('restores from a backup', () => {
    it('answers a reset to a pull or push of another epoch and to a cursor beyond the head', async () => {
      const { productionId, token, epoch } = await createProduction()
      expect(epoch).toBe(await readEpoch(store.open().db))
      const phone = device(app, productionId, token)
      await phone.push([phone.mutation('location.create', { record: decor(productionId) })], { epoch })
      expect(await phone.pullOrReset(0, 500, `&epoch=${epoch}`)).toMatchObject({ changes: [expect.anything()], epoch })
      expect(await phone.pullOrReset(0, 500, '&epoch=another-epoch-0001')).toEqual({ reset: true, epoch, head: 1 })
      expect(await phone.pullOrReset(7)).toEqual({ reset: true, epoch, head: 1 })
      const pushed = await phone.push([phone.mutation('location.create', { record: decor(productionId) })], { epoch: 'another-epoch-0001' })
      expect([pushed.statusCode, pushed.json()]).toEqual([409, { error: 'reset', reset: true, epoch, head: 1 }])
    })

    it('takes a recovery push that starts after a gap, and keeps refusing gaps otherwise', async () => {
      const { productionId, token } = await createProduction()
      const phone = device(app, productionId, token)
      const lost = [1, 2, 3].map(() => phone.mutation('location.create', { record: decor(productionId) }))
      const kept = [4, 5].map(() => phone.mutation('location.create', { record: decor(productionId) }))
      expect(lost.map((mutation) => mutation.mutationId)).toEqual([1, 2, 3])
      expect((await phone.push(kept)).json()).toMatchObject({ error: 'mutation_gap', expected: 1 })
      const recovered = await phone.push(kept, { recovery: true })
      expect(recovered.json()).toMatchObject({ lastMutationId: 5, applied: 2 })
      // Applied once: the same recovery push again changes nothing.
      expect((await phone.push(kept, { recovery: true })).json()).toMatchObject({ lastMutationId: 5, applied: 0, skipped: 2 })
    })
  })
}

describe('trust on SQLite', () => {
  trustSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('trust on PostgreSQL', () => {
  trustSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
