import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { PLACEMENT_POSITION } from '../../core/model'
import { newId } from '../../core/sync/ids'
import type { HistoryResponse } from '../../core/sync/history'
import type { PullResponse, PushResponse } from '../../core/sync/protocol'
import { useTestApp } from '../testApp'
import { device } from '../testDevice'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { ACCESS_HEADERS } from '../testAccessCode'


const decor = (productionId: string, fields: Record<string, unknown> = {}) => ({
  id: newId(), productionId, name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields,
})

function syncSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ store, app } = opened))

  async function createProduction(kind = 'feature') {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', kind, displayName: 'Camille' } })
    expect(response.statusCode).toBe(201)
    return response.json() as { productionId: string; token: string; memberId: string; sessionId: string }
  }

  async function join(productionId: string, ownerToken: string, role: string) {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/invites`, headers: { authorization: `Bearer ${ownerToken}` }, payload: { role } })
    expect(invite.statusCode).toBe(201)
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName: `${role} test` } })
    expect(accepted.statusCode).toBe(201)
    return accepted.json() as { token: string; memberId: string; sessionId: string; role: string }
  }

  it('applies a push once, and a pull pages through the changes in seq order', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const records = Array.from({ length: 5 }, (_, i) => decor(productionId, { name: `Décor ${i}` }))
    const mutations = records.map((record) => phone.mutation('location.create', { record }))
    const first = await phone.push(mutations)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ lastMutationId: 5, applied: 5, skipped: 0, rejected: [] } satisfies PushResponse)

    // The same request again (a lost reply, a retry) applies nothing twice.
    expect((await phone.push(mutations)).json()).toMatchObject({ lastMutationId: 5, applied: 0, skipped: 5 })

    const page1 = await phone.pull(0, 2)
    expect(page1).toMatchObject({ hasMore: true, head: 5, lastMutationId: 5, rejections: [] })
    expect(page1.changes.map((change) => change.data.name)).toEqual(['Décor 0', 'Décor 1'])
    const page2 = await phone.pull(page1.cursor, 2)
    const page3 = await phone.pull(page2.cursor, 2)
    expect(page3.hasMore).toBe(false)
    expect([...page1.changes, ...page2.changes, ...page3.changes].map((change) => change.seq)).toEqual([1, 2, 3, 4, 5])
  })

  it('sends a large pull page compressed to a client that accepts it, the same bytes once decompressed', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    await phone.push(Array.from({ length: 50 }, (_, i) => phone.mutation('location.create', { record: decor(productionId, { name: `Décor ${i}` }) })))
    const pullWith = (headers: Record<string, string>) => app.inject({
      method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${phone.clientId}&cursor=0&limit=500`,
      headers: { authorization: `Bearer ${token}`, ...headers },
    })

    const plain = await pullWith({})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect((plain.json() as PullResponse).changes).toHaveLength(50)

    const brotli = await pullWith({ 'accept-encoding': 'gzip, deflate, br' })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(brotli.headers.vary).toBe('Accept-Encoding')
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4)
    expect(brotliDecompressSync(brotli.rawPayload).equals(plain.rawPayload)).toBe(true)

    const gzip = await pullWith({ 'accept-encoding': 'gzip, deflate' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true)

    const refused = await pullWith({ 'accept-encoding': 'br;q=0, gzip;q=0' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.rawPayload.equals(plain.rawPayload)).toBe(true)
  })

  it('sends a small pull page as it is: compressing it would gain nothing', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const response = await app.inject({
      method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${phone.clientId}&cursor=0&limit=500`,
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.json()).toMatchObject({ changes: [], hasMore: false })
  })

  it('refuses a gap in mutation ids with the id expected, and applies nothing of that push', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const one = phone.mutation('location.create', { record: decor(productionId) })
    phone.mutation('location.create', { record: decor(productionId) })
    const three = phone.mutation('location.create', { record: decor(productionId) })
    const response = await phone.push([one, three])
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ error: 'mutation_gap', expected: 2 })
    expect((await phone.pull()).changes).toEqual([])
  })

  it('records a refused mutation with its reason and goes on with the next ones', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const good = decor(productionId)
    const response = await phone.push([
      phone.mutation('location.create', { record: decor(productionId, { lat: 123 }) }),
      phone.mutation('teleport.create', { record: good }),
      phone.mutation('location.create', { record: good }),
      phone.mutation('location.patch', { id: good.id, fields: { id: 'stolen' } }),
    ])
    const body = response.json() as PushResponse
    expect(body.lastMutationId).toBe(4)
    expect(body.rejected.map((rejection) => [rejection.mutationId, rejection.reason])).toEqual([[1, 'invalid'], [2, 'unknown_mutation'], [4, 'forbidden_field']])
    expect(body.rejected[0]!.details).toEqual({ lat: 'validation.latitude' })
    const pulled = await phone.pull()
    expect(pulled.changes.map((change) => change.id)).toEqual([good.id])
    expect(pulled.rejections.map((rejection) => rejection.reason)).toEqual(['invalid', 'unknown_mutation', 'forbidden_field'])
  })

  it('merges edits of two members: per field, the later clock wins whatever the arrival order', async () => {
    const { productionId, token } = await createProduction()
    const member = await join(productionId, token, 'member')
    const ad = device(app, productionId, token)
    const regisseur = device(app, productionId, member.token)
    const record = decor(productionId)
    await ad.push([ad.mutation('location.create', { record })])
    const t = Date.now() - 30_000
    // The régisseur edited later (offline) but pushes first; the AD's earlier edit arrives last and loses.
    await regisseur.push([regisseur.mutation('location.patch', { id: record.id, fields: { name: 'Cave du bar', noise: 'Métro' } }, t + 2000)])
    await ad.push([ad.mutation('location.patch', { id: record.id, fields: { name: 'Cave (AD)', parking: 'Rue Mouffetard' } }, t + 1000)])
    const merged = (await ad.pull()).changes.find((change) => change.id === record.id)!.data
    expect(merged).toMatchObject({ name: 'Cave du bar', noise: 'Métro', parking: 'Rue Mouffetard' })
  })

  it('moves a vehicle as one position: a drag and a turn made offline on two phones never mix, and the history shows both', async () => {
    const { productionId, token } = await createProduction()
    const member = await join(productionId, token, 'member')
    const ad = device(app, productionId, token)
    const regisseur = device(app, productionId, member.token)
    const truck = { id: newId(), productionId, vehicleId: 'v-1', shootDayId: 'd-1', lat: 48.87, lng: 2.34, heading: 0 }
    await ad.push([ad.mutation('placement.create', { record: truck })])
    const t = Date.now() - 30_000
    // The AD drags the truck down the street; the régisseur, who had not seen the drag, turns it where it was.
    await regisseur.push([regisseur.mutation('placement.move', { id: truck.id, position: { ...PLACEMENT_POSITION, lat: 48.87, lng: 2.34, heading: 180 } }, t + 2000)])
    const late = await ad.push([ad.mutation('placement.move', { id: truck.id, position: { ...PLACEMENT_POSITION, lat: 48.8712, lng: 2.3421, heading: 0, street: 'Rue des Martyrs', side: 'odd', fromNumber: 21, toNumber: 25 } }, t + 1000)])
    expect(late.json()).toMatchObject({ applied: 1, rejected: [] })
    // An older app's turn names the heading only: it loses with the whole position, not just its field.
    await ad.push([ad.mutation('placement.patch', { id: truck.id, fields: { heading: 90 } }, t + 1500)])
    const row = (await ad.pull()).changes.find((change) => change.id === truck.id)!.data
    expect(row).toMatchObject({ lat: 48.87, lng: 2.34, heading: 180, street: '', fromNumber: null })

    const refused = await ad.push([
      ad.mutation('placement.move', { id: truck.id, position: { lat: 48.87, lng: 2.34 } }, t + 5000),
      ad.mutation('placement.move', { id: truck.id, position: { ...PLACEMENT_POSITION, lat: 91, lng: 2.34, heading: 0 } }, t + 6000),
      ad.mutation('location.move', { id: truck.id, position: PLACEMENT_POSITION }, t + 7000),
    ])
    expect((refused.json() as PushResponse).rejected.map((rejection) => [rejection.reason, rejection.details])).toEqual([
      ['invalid_args', undefined], ['invalid', { lat: 'validation.latitude' }], ['unknown_mutation', undefined],
    ])

    const history = await app.inject({ method: 'GET', url: `/api/v1/productions/${productionId}/history/placement/${truck.id}`, headers: { authorization: `Bearer ${token}` } })
    const moves = (history.json() as HistoryResponse).entries.filter((entry) => entry.op === 'move' && entry.status !== 'rejected')
    expect(moves.map((entry) => [entry.fields.heading, entry.overwritten.length > 0])).toEqual([[180, false], [0, true]])
  })

  it('adds meal counts from two phones, merges two creates of the same meal and refuses an order changed after the cut-off', async () => {
    const { productionId, token } = await createProduction()
    const member = await join(productionId, token, 'member')
    const ad = device(app, productionId, token)
    const regisseur = device(app, productionId, member.token)
    const dayId = newId()
    const id = `meal-${dayId}-lunch`
    const cutoff = new Date(Date.now() - 10 * 60_000)
    const parisLocal = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(date).replace(' ', 'T')
    const lunch = (expected: Record<string, number>) => ({ id, productionId, shootDayId: dayId, service: 'lunch', expected, served: {}, cutoffAt: parisLocal(cutoff) })
    const beforeCutoff = cutoff.getTime() - 60_000
    // Both phones created the same lunch offline: one record, the later order wins field by field.
    await ad.push([ad.mutation('meal.create', { record: lunch({ crew: 40 }) }, beforeCutoff)])
    const second = await regisseur.push([regisseur.mutation('meal.create', { record: lunch({ crew: 44 }) }, beforeCutoff + 1000)])
    expect((second.json() as PushResponse).rejected).toEqual([])
    // Two tables counting at once: +3 and +2 extras, +40 crew, add up.
    await ad.push([ad.mutation('meal.adjust', { id, group: 'extras', delta: 3 }), ad.mutation('meal.adjust', { id, group: 'crew', delta: 40 })])
    await regisseur.push([regisseur.mutation('meal.adjust', { id, group: 'extras', delta: 2 })])
    // After the cut-off the order is locked: a change is refused unless it records an unlock.
    const late = await ad.push([
      ad.mutation('meal.patch', { id, fields: { expected: { crew: 50 } } }),
      ad.mutation('meal.patch', { id, fields: { served: { crew: 0 } } }),
      ad.mutation('meal.adjust', { id, group: 'crew', delta: 1.5 }),
      ad.mutation('placement.adjust', { id, group: 'crew', delta: 1 }),
    ])
    expect((late.json() as PushResponse).rejected.map((r) => r.reason)).toEqual(['locked', 'forbidden_field', 'invalid_args', 'unknown_mutation'])
    const unlock = { at: new Date().toISOString(), by: 'Inès', reason: 'Cascadeurs ajoutés' }
    const unlocked = await ad.push([ad.mutation('meal.patch', { id, fields: { expected: { crew: 50 }, unlocks: [unlock] } })])
    expect((unlocked.json() as PushResponse).rejected).toEqual([])
    const meal = (await regisseur.pull()).changes.find((change) => change.id === id)!.data
    expect(meal).toMatchObject({ expected: { crew: 50 }, served: { crew: 40, extras: 5 }, unlocks: [unlock] })
  })

  it('lets one of two members racing the same permit transition win; the other is refused as stale and gets the row back', async () => {
    const { productionId, token } = await createProduction()
    const member = await join(productionId, token, 'member')
    const ad = device(app, productionId, token)
    const regisseur = device(app, productionId, member.token)
    const permit = { id: newId(), productionId, title: 'Rue des Martyrs (J1)', authorityId: newId(), status: 'draft', shootType: 'feature' }
    await ad.push([ad.mutation('permit.create', { record: permit })])
    const cursor = (await regisseur.pull()).cursor

    // Both saw "Brouillon" and tap "Envoyée" at once: the server compares, so exactly one of them moves it.
    const send = (phone: typeof ad) => phone.push([phone.mutation('permit.transition', { id: permit.id, from: 'draft', to: 'sent' })])
    const answers = (await Promise.all([send(ad), send(regisseur)])).map((response) => response.json() as PushResponse)
    expect(answers.map((answer) => answer.applied).sort()).toEqual([0, 1])
    const loser = answers.findIndex((answer) => answer.applied === 0)
    expect(answers[loser]!.rejected).toMatchObject([{ reason: 'stale_transition', name: 'permit.transition' }])
    const [winnerPhone, loserPhone] = loser === 0 ? [regisseur, ad] : [ad, regisseur]

    // The loser moves on from what it now knows: a status change it cannot make, or one from a status gone by.
    const next = (await loserPhone.push([
      loserPhone.mutation('permit.transition', { id: permit.id, from: 'sent', to: 'orderReceived' }),
      loserPhone.mutation('permit.transition', { id: permit.id, from: 'draft', to: 'sent' }),
      loserPhone.mutation('permit.patch', { id: permit.id, fields: { status: 'granted', reference: 'PF-1' } }),
      loserPhone.mutation('permit.transition', { id: permit.id, from: 'sent', to: 'toString' }),
      loserPhone.mutation('placement.transition', { id: permit.id, from: 'sent', to: 'granted' }),
      loserPhone.mutation('permit.transition', { id: permit.id, from: 'sent', to: 'underReview' }),
    ])).json() as PushResponse
    expect(next.rejected.map((r) => r.reason)).toEqual(['invalid_transition', 'stale_transition', 'forbidden_field', 'invalid_args', 'unknown_mutation'])
    expect(next.applied).toBe(1)

    // Everyone pulls the same row: under review, sent today, with no trace of the refused values.
    const seenByLoser = (await loserPhone.pull()).changes.find((change) => change.id === permit.id)!.data
    const seenByWinner = (await winnerPhone.pull()).changes.find((change) => change.id === permit.id)!.data
    expect(seenByLoser).toEqual(seenByWinner)
    expect(seenByLoser).toMatchObject({ status: 'underReview', reference: '' })
    expect(seenByLoser.sentOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // The regisseur's phone, whatever it did, finds the row again after its old cursor.
    expect((await regisseur.pull(cursor)).changes.map((change) => change.id)).toContain(permit.id)
    const log = await store.open().db.selectFrom('mutation_log').select(['name', 'status']).where('name', '=', 'permit.transition').execute()
    expect(log.filter((entry) => entry.status === 'applied')).toHaveLength(2)
    expect(log.filter((entry) => entry.status === 'rejected')).toHaveLength(4)
  })

  it('lets a delete win over later patches, which come back rejected', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const record = decor(productionId)
    await phone.push([phone.mutation('location.create', { record }), phone.mutation('location.delete', { id: record.id })])
    const late = await phone.push([phone.mutation('location.patch', { id: record.id, fields: { name: 'Encore là ?' } })])
    expect((late.json() as PushResponse).rejected).toMatchObject([{ reason: 'deleted' }])
    const [change] = (await phone.pull()).changes
    expect(change).toMatchObject({ id: record.id, deleted: true })
  })

  it('enforces roles: a viewer never writes; a trainee edits only what they created', async () => {
    const { productionId, token } = await createProduction()
    const owner = device(app, productionId, token)
    const ownersRecord = decor(productionId)
    await owner.push([owner.mutation('location.create', { record: ownersRecord })])

    const viewer = device(app, productionId, (await join(productionId, token, 'viewer')).token)
    const refused = (await viewer.push([viewer.mutation('location.create', { record: decor(productionId) })])).json() as PushResponse
    expect(refused.rejected).toMatchObject([{ reason: 'forbidden' }])

    const trainee = device(app, productionId, (await join(productionId, token, 'trainee')).token)
    const own = decor(productionId, { name: 'Exercice' })
    const result = (await trainee.push([
      trainee.mutation('location.create', { record: own }),
      trainee.mutation('location.patch', { id: own.id, fields: { status: 'scouted' } }),
      trainee.mutation('location.patch', { id: ownersRecord.id, fields: { status: 'rejected' } }),
    ])).json() as PushResponse
    expect(result.rejected.map((rejection) => [rejection.mutationId, rejection.reason])).toEqual([[3, 'forbidden']])
  })

  it('keeps productions apart and refuses forged clients, revoked devices and old app versions', async () => {
    const a = await createProduction()
    const b = await createProduction()
    const intruder = device(app, b.productionId, a.token)
    expect((await intruder.push([])).statusCode).toBe(403)
    const pull = await app.inject({ method: 'GET', url: `/api/v1/productions/${b.productionId}/pull?clientId=${newId()}`, headers: { authorization: `Bearer ${a.token}` } })
    expect(pull.statusCode).toBe(403)

    const owner = device(app, a.productionId, a.token)
    await owner.push([owner.mutation('location.create', { record: decor(a.productionId) })])
    const member = await join(a.productionId, a.token, 'member')
    const forged = device(app, a.productionId, member.token, owner.clientId)
    expect((await forged.push([])).json()).toMatchObject({ error: 'forged_client' })

    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${member.sessionId}`, headers: { authorization: `Bearer ${a.token}` } })
    expect(revoke.statusCode).toBe(204)
    expect((await device(app, a.productionId, member.token).push([])).json()).toMatchObject({ error: 'revoked' })

    const old = await owner.push([], { schemaVersion: 0 })
    expect(old.statusCode).toBe(426)
    expect((await app.inject({ method: 'POST', url: `/api/v1/productions/${a.productionId}/push`, headers: { authorization: 'Bearer nope' }, payload: {} })).statusCode).toBe(401)
  })

  it('answers malformed requests with a clear 4xx and keeps serving', async () => {
    const { productionId, token } = await createProduction()
    const url = `/api/v1/productions/${productionId}/push`
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    expect((await app.inject({ method: 'POST', url, headers, payload: '{"clientId": ' })).statusCode).toBe(400)
    expect((await app.inject({ method: 'POST', url, headers, payload: { clientId: 42, schemaVersion: 1, mutations: [] } })).statusCode).toBe(400)
    expect((await app.inject({ method: 'POST', url, headers, payload: 'x'.repeat(9 * 1024 * 1024) })).statusCode).toBe(413)
    const badQuery = await app.inject({ method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=../../etc&cursor=-1`, headers })
    expect(badQuery.statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  })

  it('rejects only the mutation the database refuses, and applies the rest of the push in order', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    // A value the database will not take, stood in for by a trigger refusing one record id.
    const { db } = store.open()
    if (store.dialect === 'postgres') {
      await sql`create function refuse_one() returns trigger language plpgsql as $$ begin raise exception 'refused by the database'; end $$`.execute(db)
      await sql`create trigger refuse_one before insert on entities for each row when (new.id = 'refused-by-db') execute function refuse_one()`.execute(db)
    } else {
      await sql`create trigger refuse_one before insert on entities when new.id = 'refused-by-db' begin select raise(abort, 'refused by the database'); end`.execute(db)
    }
    const kept = decor(productionId)
    const later = decor(productionId)
    const body = (await phone.push([
      phone.mutation('location.create', { record: kept }),
      phone.mutation('location.create', { record: decor(productionId, { id: 'refused-by-db' }) }),
      phone.mutation('location.patch', { id: kept.id, fields: { name: 'Cave voûtée (bis)' } }),
      phone.mutation('location.create', { record: later }),
    ])).json() as PushResponse
    expect(body).toMatchObject({ lastMutationId: 4, applied: 3 })
    expect(body.rejected).toMatchObject([{ mutationId: 2, reason: 'server_error' }])
    expect(body.rejected[0]!.details?._).toMatch(/refused by the database/)
    const pulled = await phone.pull()
    expect(pulled.changes.map((change) => [change.id, change.seq])).toEqual([[kept.id, 2], [later.id, 3]])
    expect(pulled.changes[0]!.data.name).toBe('Cave voûtée (bis)')
    expect(pulled.head).toBe(3)
    const log = await db.selectFrom('mutation_log').select(['mutation_id', 'status']).orderBy('mutation_id').execute()
    expect(log.map((row) => row.status)).toEqual(['applied', 'rejected', 'applied', 'applied'])
  })

  it('clamps a clock a little ahead and refuses one a day ahead', async () => {
    const { productionId, token } = await createProduction()
    const phone = device(app, productionId, token)
    const record = decor(productionId)
    const result = (await phone.push([
      phone.mutation('location.create', { record }, Date.now() + 5 * 60_000),
      phone.mutation('location.patch', { id: record.id, fields: { name: 'Futur' } }, Date.now() + 2 * 86_400_000),
    ])).json() as PushResponse
    expect(result.rejected).toMatchObject([{ mutationId: 2, reason: 'clock_ahead' }])
    const [change] = (await phone.pull()).changes
    // Clamped to the bound, a minute ahead of the server, not five: later clocks of the phone stay above it.
    expect(Date.parse(String(change!.data.updatedAt))).toBeLessThanOrEqual(Date.now() + 60_000)
  })
}

describe('sync on SQLite', () => {
  syncSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('sync on PostgreSQL', () => {
  syncSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
