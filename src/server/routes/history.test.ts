import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { encodeHlc } from '../../core/sync/hlc'
import type { HistoryEntry, HistoryResponse } from '../../core/sync/history'
import { newId } from '../../core/sync/ids'
import { useTestApp } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore } from '../testDatabases'
import { ACCESS_HEADERS } from '../testAccessCode'


interface Session { productionId: string; token: string }

function historySuite(createStore: CreateTestStore) {
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ app } = opened))

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })

  async function createProduction(displayName = 'Camille'): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName } })
    expect(response.statusCode).toBe(201)
    return response.json()
  }

  async function join(owner: Session, role: string, displayName: string): Promise<Session> {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token), payload: { role } })
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName } })
    expect(accepted.statusCode).toBe(201)
    return { ...accepted.json(), productionId: owner.productionId }
  }

  /** A device of a member: gapless mutation ids, clocks given explicitly. */
  function device(session: Session) {
    const clientId = newId()
    let nextId = 1
    return {
      push: (mutations: { name: string; args: unknown; at: number }[]) =>
        app.inject({
          method: 'POST', url: `/api/v1/productions/${session.productionId}/push`, headers: auth(session.token),
          payload: {
            clientId, schemaVersion: 1,
            mutations: mutations.map(({ name, args, at }) => ({ mutationId: nextId++, name, args, hlc: encodeHlc({ millis: at, counter: 0, node: clientId }) })),
          },
        }),
    }
  }

  const history = (session: Session, entity: string, id: string, productionId = session.productionId) =>
    app.inject({ method: 'GET', url: `/api/v1/productions/${productionId}/history/${entity}/${id}`, headers: auth(session.token) })

  async function entriesOf(session: Session, entity: string, id: string): Promise<HistoryEntry[]> {
    const response = await history(session, entity, id)
    expect(response.statusCode).toBe(200)
    const body = response.json() as HistoryResponse
    expect(body.truncated).toBe(false)
    return body.entries
  }

  const decor = (productionId: string) => ({ id: newId(), productionId, name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout', notes: '' })

  it('lists both edits of one field, newest first, with their authors; the older value is marked overwritten', async () => {
    const owner = await createProduction('Camille')
    const member = await join(owner, 'member', 'Sami')
    const ad = device(owner)
    const regie = device(member)
    const record = decor(owner.productionId)
    const t = Date.now() - 60_000
    await ad.push([{ name: 'location.create', args: { record }, at: t }])
    // The régisseur's edit is later by clock but arrives first; the AD's arrives last and loses the name.
    await regie.push([{ name: 'location.patch', args: { id: record.id, fields: { name: 'Cave du bar', noise: 'Métro ligne 7' } }, at: t + 2000 }])
    await ad.push([{ name: 'location.patch', args: { id: record.id, fields: { name: 'Cave (AD)', parking: 'Rue Mouffetard' } }, at: t + 1000 }])

    const entries = await entriesOf(owner, 'location', record.id)
    expect(entries.map((entry) => [entry.author, entry.op, entry.status])).toEqual([
      ['Sami', 'patch', 'applied'], ['Camille', 'patch', 'applied'], ['Camille', 'create', 'applied'],
    ])
    expect(entries[0]).toMatchObject({ at: new Date(t + 2000).toISOString(), fields: { name: 'Cave du bar', noise: 'Métro ligne 7' }, overwritten: [] })
    expect(entries[1]).toMatchObject({ at: new Date(t + 1000).toISOString(), fields: { name: 'Cave (AD)', parking: 'Rue Mouffetard' }, overwritten: ['name'] })
    // A created record lists its filled fields only, without ids and timestamps; the replaced name is overwritten.
    expect(entries[2]!.fields).toEqual({ name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
    expect(entries[2]!.overwritten).toEqual(['name'])
  })

  it('dates an entry by the clock it merged with: a clock ahead of the server is shown clamped', async () => {
    const owner = await createProduction()
    const phone = device(owner)
    const record = decor(owner.productionId)
    const before = Date.now()
    await phone.push([{ name: 'location.create', args: { record }, at: before + 10 * 60_000 }])
    const [created] = await entriesOf(owner, 'location', record.id)
    const at = Date.parse(created!.at)
    expect(at).toBeGreaterThanOrEqual(before + 60_000)
    expect(at).toBeLessThanOrEqual(Date.now() + 60_000)
    expect(created!.overwritten).toEqual([])
  })

  it('lets a viewer read the history, where their refused edit shows with its reason', async () => {
    const owner = await createProduction()
    const viewerSession = await join(owner, 'viewer', 'Stagiaire observateur')
    const record = decor(owner.productionId)
    await device(owner).push([{ name: 'location.create', args: { record }, at: Date.now() - 5000 }])
    await device(viewerSession).push([{ name: 'location.patch', args: { id: record.id, fields: { name: 'Nom du viewer' } }, at: Date.now() - 1000 }])

    const entries = await entriesOf(viewerSession, 'location', record.id)
    expect(entries[0]).toMatchObject({ author: 'Stagiaire observateur', status: 'rejected', reason: 'forbidden', fields: { name: 'Nom du viewer' }, overwritten: [] })
    expect(entries[1]).toMatchObject({ op: 'create', status: 'applied', overwritten: [] })
  })

  it('keeps productions apart and validates the entity and the id', async () => {
    const a = await createProduction()
    const b = await createProduction()
    const record = decor(b.productionId)
    await device(b).push([{ name: 'location.create', args: { record }, at: Date.now() - 1000 }])

    expect((await history(a, 'location', record.id, b.productionId)).statusCode).toBe(403)
    // The same record id asked in one's own production finds nothing of the other one.
    expect(await entriesOf(a, 'location', record.id)).toEqual([])
    expect((await history(b, 'teleport', record.id)).json()).toMatchObject({ error: 'invalid_params' })
    expect((await history(b, 'location', 'x'.repeat(65))).statusCode).toBe(400)
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/productions/${b.productionId}/history/location/${record.id}` })
    expect(anonymous.statusCode).toBe(401)
  })
}

describe('record history on SQLite', () => {
  historySuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('record history on PostgreSQL', () => {
  historySuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
