import { afterEach, describe, expect, it } from 'vitest'
import { PLACEMENT_POSITION, type BaseRecord } from '../../core/model'
import { decodeHlc } from '../../core/sync/hlc'
import { newId, UUID_V7 } from '../../core/sync/ids'
import { Dexie, RegieDatabase } from './db'
import { saveFailureMessage, ReadOnlyProduction } from './writeErrors'
import { commitChange, commitChanges, pendingChangeCount, RecordNotFound } from './writePath'

const opened: RegieDatabase[] = []

function freshName(): string {
  return `test-${Math.random().toString(36).slice(2)}-${Date.now()}`
}

function open(name = freshName()): RegieDatabase {
  const database = new RegieDatabase(name)
  opened.push(database)
  return database
}

afterEach(async () => {
  const databases = opened.splice(0)
  for (const database of databases) database.close()
  for (const name of new Set(databases.map((database) => database.name))) await Dexie.delete(name)
})

function location(fields: Record<string, unknown> = {}): BaseRecord {
  return {
    id: newId(),
    productionId: 'prod-1',
    createdAt: '',
    updatedAt: '',
    name: 'Café des Deux Moulins',
    intExt: 'INT',
    setting: 'natural',
    status: 'toScout',
    ...fields,
  }
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('commitChange', () => {
  it('writes the record and one outbox entry in the same commit', async () => {
    const database = open()
    const record = location()
    const entry = await commitChange({ op: 'create', entity: 'location', record }, database)

    const stored = await database.records('location').get(['prod-1', record.id])
    expect(stored).toMatchObject({ ...record, createdAt: expect.any(String), updatedAt: expect.any(String), deletedAt: null })
    expect(stored!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(stored!.updatedAt).toBe(stored!.createdAt)

    const outbox = await database.outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toEqual(entry)
    expect(entry).toMatchObject({ mutationId: 1, productionId: 'prod-1', name: 'location.create', args: { record: stored } })
    expect(entry.clientId).toMatch(UUID_V7)
    expect(decodeHlc(entry.hlc).node).toBe(entry.clientId)

    const device = await database.meta.get('client:prod-1')
    expect(device).toMatchObject({ clientId: entry.clientId, nextMutationId: 2, hlc: entry.hlc })
    expect(await pendingChangeCount(database)).toBe(1)
  })

  it('allocates gapless mutationIds, one clientId and increasing HLCs across many writes', async () => {
    const database = open()
    const first = location()
    await commitChange({ op: 'create', entity: 'location', record: first }, database)
    for (let i = 0; i < 30; i++) {
      const change =
        i % 3 === 0
          ? ({ op: 'create', entity: 'location', record: location() } as const)
          : ({ op: 'patch', entity: 'location', productionId: 'prod-1', id: first.id, fields: { name: `Décor ${i}` } } as const)
      await commitChange(change, database)
    }
    await commitChange({ op: 'delete', entity: 'location', productionId: 'prod-1', id: first.id }, database)

    const outbox = await database.outbox.orderBy('mutationId').toArray()
    expect(outbox.map((entry) => entry.mutationId)).toEqual(ids(32))
    expect(new Set(outbox.map((entry) => entry.clientId)).size).toBe(1)
    const hlcs = outbox.map((entry) => entry.hlc)
    expect([...hlcs].sort()).toEqual(hlcs)
    expect(new Set(hlcs).size).toBe(hlcs.length)
    expect(outbox.at(-1)).toMatchObject({ name: 'location.delete', args: { id: first.id } })
  })

  it('gives consecutive ids to the changes of one batch', async () => {
    const database = open()
    const entries = await commitChanges(
      [
        { op: 'create', entity: 'location', record: location() },
        { op: 'create', entity: 'vehicle', record: { id: 'v1', productionId: 'prod-1', createdAt: '', updatedAt: '', name: 'Loges', kind: 'dressingRoom', lengthM: 12, widthM: 2.55 } },
        { op: 'patch', entity: 'vehicle', productionId: 'prod-1', id: 'v1', fields: { driver: 'Karim' } },
      ],
      database,
    )
    expect(entries.map((entry) => [entry.mutationId, entry.name])).toEqual([
      [1, 'location.create'],
      [2, 'vehicle.create'],
      [3, 'vehicle.patch'],
    ])
    expect(await database.records('vehicle').get(['prod-1', 'v1'])).toMatchObject({ driver: 'Karim', kind: 'dressingRoom' })
  })

  it('patches merge into the record and the outbox carries only the fields given', async () => {
    const database = open()
    const record = location({ futureField: { kept: true } })
    await commitChange({ op: 'create', entity: 'location', record }, database)
    const entry = await commitChange({ op: 'patch', entity: 'location', productionId: 'prod-1', id: record.id, fields: { status: 'scouted' } }, database)
    expect(entry).toMatchObject({ mutationId: 2, name: 'location.patch', productionId: 'prod-1', args: { id: record.id, fields: { status: 'scouted' } } })
    expect(await database.records('location').get(['prod-1', record.id])).toMatchObject({ status: 'scouted', name: record.name, futureField: { kept: true } })
  })

  it('a placement patch that moves the vehicle sends its whole position as one move, and its other fields as a patch', async () => {
    const database = open()
    const truck = { id: 'pl-1', productionId: 'prod-1', createdAt: '', updatedAt: '', vehicleId: 'v-1', shootDayId: 'd-1', lat: 48.87, lng: 2.34, heading: 30, street: 'Rue des Martyrs' }
    await commitChange({ op: 'create', entity: 'placement', record: truck }, database)
    // A turn names the heading only: the move carries where the vehicle stands too, street reading included.
    await commitChanges([{ op: 'patch', entity: 'placement', productionId: 'prod-1', id: 'pl-1', fields: { heading: 120, arrival: '06:30' } }], database)
    // A form sending the position back unchanged moves nothing.
    await commitChange({ op: 'patch', entity: 'placement', productionId: 'prod-1', id: 'pl-1', fields: { lat: 48.87, notes: 'Côté pharmacie' } }, database)
    const outbox = await database.outbox.orderBy('mutationId').toArray()
    expect(outbox.map(({ mutationId, name, args }) => ({ mutationId, name, args }))).toEqual([
      { mutationId: 1, name: 'placement.create', args: expect.anything() },
      { mutationId: 2, name: 'placement.move', args: { id: 'pl-1', position: { ...PLACEMENT_POSITION, lat: 48.87, lng: 2.34, heading: 120, street: 'Rue des Martyrs' } } },
      { mutationId: 3, name: 'placement.patch', args: { id: 'pl-1', fields: { arrival: '06:30' } } },
      { mutationId: 4, name: 'placement.patch', args: { id: 'pl-1', fields: { notes: 'Côté pharmacie' } } },
    ])
    expect(await database.records('placement').get(['prod-1', 'pl-1'])).toMatchObject({ lat: 48.87, heading: 120, arrival: '06:30', notes: 'Côté pharmacie' })
  })

  it('deletes by tombstone: the row stays, marked deleted', async () => {
    const database = open()
    const record = location()
    await commitChange({ op: 'create', entity: 'location', record }, database)
    const entry = await commitChange({ op: 'delete', entity: 'location', productionId: 'prod-1', id: record.id }, database)
    const stored = await database.records('location').get(['prod-1', record.id])
    expect(stored?.deletedAt).toEqual(expect.any(String))
    expect(stored?.name).toBe(record.name)
    expect(entry).toMatchObject({ mutationId: 2, name: 'location.delete', args: { id: record.id } })
  })

  it('two tabs writing at once on the same database get ids 1..N with no gap and no duplicate', async () => {
    const name = freshName()
    const tabA = open(name)
    const tabB = open(name)
    const perTab = 40
    const writes = (tab: RegieDatabase) =>
      Array.from({ length: perTab }, () => commitChange({ op: 'create', entity: 'location', record: location() }, tab))
    const entries = await Promise.all([...writes(tabA), ...writes(tabB)])

    const returned = entries.map((entry) => entry.mutationId).sort((a, b) => a - b)
    expect(returned).toEqual(ids(2 * perTab))

    const outbox = await tabA.outbox.orderBy('mutationId').toArray()
    expect(outbox.map((entry) => entry.mutationId)).toEqual(ids(2 * perTab))
    expect(new Set(outbox.map((entry) => entry.clientId)).size).toBe(1)
    const hlcs = outbox.map((entry) => entry.hlc)
    expect([...hlcs].sort()).toEqual(hlcs)
    expect(await tabB.records('location').count()).toBe(2 * perTab)
    expect(await tabB.meta.get('client:prod-1')).toMatchObject({ nextMutationId: 2 * perTab + 1, hlc: hlcs.at(-1) })
  })

  it('a batch that fails midway leaves neither the record nor an outbox entry', async () => {
    const database = open()
    const before = location()
    await commitChange({ op: 'create', entity: 'location', record: before }, database)
    const device = await database.meta.get('client:prod-1')

    const doomed = location()
    await expect(
      commitChanges(
        [
          { op: 'create', entity: 'location', record: doomed },
          { op: 'patch', entity: 'location', productionId: 'prod-1', id: before.id, fields: { name: 'changed' } },
          { op: 'patch', entity: 'location', productionId: 'prod-1', id: 'missing-id', fields: { name: 'x' } },
        ],
        database,
      ),
    ).rejects.toBeInstanceOf(RecordNotFound)

    expect(await database.records('location').get(['prod-1', doomed.id])).toBeUndefined()
    expect((await database.records('location').get(['prod-1', before.id]))?.name).toBe(before.name)
    expect((await database.outbox.toArray()).map((entry) => entry.mutationId)).toEqual([1])
    expect(await database.meta.get('client:prod-1')).toEqual(device)

    // The failed batch burnt no mutationId: the next change follows on.
    const next = await commitChange({ op: 'create', entity: 'location', record: location() }, database)
    expect(next.mutationId).toBe(2)
  })

  it('a first write that fails leaves an empty database', async () => {
    const database = open()
    const record = location()
    await expect(
      commitChanges([{ op: 'create', entity: 'location', record }, { op: 'delete', entity: 'placement', productionId: 'prod-1', id: 'nope' }], database),
    ).rejects.toThrow(RecordNotFound)
    expect(await database.records('location').count()).toBe(0)
    expect(await database.outbox.count()).toBe(0)
    expect(await database.meta.count()).toBe(0)
  })
})

describe('a write the device cannot store', () => {
  it('reports a full device as a quota failure and leaves what was saved before intact', async () => {
    const database = open()
    const saved = location({ name: 'Déjà enregistré' })
    await commitChange({ op: 'create', entity: 'location', record: saved }, database)

    // The outbox write hits the quota: the whole transaction, record included, must roll back.
    const original = database.outbox.bulkAdd.bind(database.outbox)
    database.outbox.bulkAdd = (() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as unknown as typeof original
    const refused = location({ name: 'Trop tard' })
    await expect(commitChange({ op: 'create', entity: 'location', record: refused }, database)).rejects.toMatchObject({ name: 'StorageFailure', kind: 'quota' })
    database.outbox.bulkAdd = original

    expect(await database.records('location').get(['prod-1', refused.id])).toBeUndefined()
    expect(await database.records('location').get(['prod-1', saved.id])).toMatchObject({ name: 'Déjà enregistré' })
    expect(await pendingChangeCount(database)).toBe(1)
    const next = await commitChange({ op: 'create', entity: 'location', record: refused }, database)
    expect(next.mutationId).toBe(2)
  })
})

describe('several productions on one phone', () => {
  it('gives each production its own clientId and gapless mutationIds, even in one batch', async () => {
    const database = open()
    const inA = (name: string) => location({ productionId: 'prod-a', name })
    const inB = (name: string) => location({ productionId: 'prod-b', name })
    const entries = await commitChanges(
      [inA('A1'), inB('B1'), inA('A2'), inB('B2'), inA('A3')].map((record) => ({ op: 'create' as const, entity: 'location' as const, record })),
      database,
    )
    const stream = (productionId: string) => entries.filter((entry) => entry.productionId === productionId)
    expect(stream('prod-a').map((entry) => entry.mutationId)).toEqual([1, 2, 3])
    expect(stream('prod-b').map((entry) => entry.mutationId)).toEqual([1, 2])
    expect(new Set(stream('prod-a').map((entry) => entry.clientId)).size).toBe(1)
    expect(stream('prod-a')[0]!.clientId).not.toBe(stream('prod-b')[0]!.clientId)
    expect(await database.outbox.count()).toBe(5)

    // A patch goes to the stream of the production its record belongs to.
    const patch = await commitChange({ op: 'patch', entity: 'location', productionId: 'prod-b', id: (stream('prod-b')[0]!.args as { record: BaseRecord }).record.id, fields: { name: 'B1 bis' } }, database)
    expect(patch).toMatchObject({ productionId: 'prod-b', mutationId: 3 })
  })
})

describe('a production this phone only views', () => {
  it('refuses every write to it before anything is stored, and leaves the other productions writable', async () => {
    const database = open()
    await database.teams.put({ productionId: 'prod-view', serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'viewer', cursor: 0, lastSyncAt: null, lastError: null })
    const pulled = location({ productionId: 'prod-view', name: 'Cave du bar', createdAt: '2026-01-01', updatedAt: '2026-01-01' })
    await database.records('location').put(pulled)
    const mine = location({ productionId: 'prod-own' })

    await expect(commitChange({ op: 'patch', entity: 'location', productionId: 'prod-view', id: pulled.id, fields: { name: 'Nom du viewer' } }, database)).rejects.toBeInstanceOf(ReadOnlyProduction)
    // A batch touching it is refused whole, the writable part included.
    await expect(commitChanges([{ op: 'create', entity: 'location', record: mine }, { op: 'delete', entity: 'location', productionId: 'prod-view', id: pulled.id }], database))
      .rejects.toBeInstanceOf(ReadOnlyProduction)
    const kept = await database.records('location').get(['prod-view', pulled.id])
    expect(kept).toMatchObject({ name: 'Cave du bar' })
    expect(kept?.deletedAt).toBeFalsy()
    expect(await database.records('location').get(['prod-own', mine.id])).toBeUndefined()
    expect(await database.outbox.count()).toBe(0)
    expect(saveFailureMessage(await commitChange({ op: 'delete', entity: 'location', productionId: 'prod-view', id: pulled.id }, database).catch((error: unknown) => error))).toBe('errors.readOnly')

    expect(await commitChange({ op: 'create', entity: 'location', record: mine }, database)).toMatchObject({ productionId: 'prod-own', mutationId: 1 })
  })
})
