import { describe, expect, it } from 'vitest'
import type { BaseRecord, EntityName } from '../../core/model'
import { changedFields, createRepository, editableFields } from './repository'
import { useTestDatabases } from './testDatabases'

const open = useTestDatabases()

function setup<T extends BaseRecord = BaseRecord>(entity: EntityName = 'location') {
  const database = open()
  return { database, repo: createRepository<T>(entity, database), table: database.records(entity) }
}

const decor = { name: 'Gare de l’Est, quai 3', intExt: 'EXT', setting: 'natural', status: 'toScout' }

describe('repository.create', () => {
  it('validates, fills defaults and writes the record with its outbox entry', async () => {
    const { database, repo, table } = setup()
    const result = await repo.create('prod-1', { ...decor, name: '  Gare de l’Est, quai 3  ' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.record).toMatchObject({ ...decor, productionId: 'prod-1', lat: null, advantages: [], deletedAt: null })
    expect(await table.get(['prod-1', result.record.id])).toEqual(result.record)
    const outbox = await database.outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ mutationId: 1, name: 'location.create', productionId: 'prod-1', args: { record: result.record } })
  })

  it('returns field errors and writes nothing when the input is invalid', async () => {
    const { database, repo, table } = setup()
    const result = await repo.create('prod-1', { intExt: 'EXT', setting: 'natural', status: 'nowhere', lat: 123 })
    expect(result).toEqual({
      ok: false,
      errors: { name: 'validation.required', status: 'validation.choice', lat: 'validation.latitude' },
    })
    expect(await table.count()).toBe(0)
    expect(await database.outbox.count()).toBe(0)
    expect(await database.meta.count()).toBe(0)
  })

  it('refuses a cross-field mistake (departure before arrival)', async () => {
    const { database, repo } = setup('placement')
    const result = await repo.create('prod-1', { vehicleId: 'v1', shootDayId: 'd1', arrival: '09:00', departure: '08:00' })
    expect(result).toEqual({ ok: false, errors: { departure: 'validation.departureBeforeArrival' } })
    expect(await database.outbox.count()).toBe(0)
  })

  it('uses the given id, and a production is its own productionId', async () => {
    const { repo } = setup('production')
    const result = await repo.create('ignored', { name: 'Court-métrage', kind: 'short' }, 'prod-42')
    expect(result).toMatchObject({ ok: true, record: { id: 'prod-42', productionId: 'prod-42' } })
  })

  it('does not let the input choose the id, production or tombstone', async () => {
    const { repo, table } = setup()
    const result = await repo.create('prod-1', { ...decor, id: 'forged', productionId: 'other', deletedAt: '2020-01-01' }, 'real-id')
    expect(result).toMatchObject({ ok: true, record: { id: 'real-id', productionId: 'prod-1', deletedAt: null } })
    expect(await table.get(['prod-1', 'forged'])).toBeUndefined()
  })
})

describe('repository.update', () => {
  async function withDecor() {
    const context = setup()
    const created = await context.repo.create('prod-1', { ...decor, advantages: ['Quai vide le dimanche'] })
    if (!created.ok) throw new Error('create failed')
    return { ...context, record: created.record }
  }

  it('writes a patch holding only the changed fields', async () => {
    const { database, repo, record } = await withDecor()
    const result = await repo.update('prod-1', record.id, { ...record, status: 'scouted', parking: 'Rue d’Alsace' })
    expect(result).toMatchObject({ ok: true, record: { status: 'scouted', parking: 'Rue d’Alsace', name: decor.name } })
    const last = await database.outbox.orderBy('mutationId').last()
    expect(last).toMatchObject({ mutationId: 2, name: 'location.patch', args: { id: record.id, fields: { status: 'scouted', parking: 'Rue d’Alsace' } } })
    expect(Object.keys((last!.args as { fields: object }).fields).sort()).toEqual(['parking', 'status'])
  })

  it('patches an edited list, and a field the stored record lacked once it is given a value', async () => {
    const { database, repo, table, record } = await withDecor()
    const olderShape: Record<string, unknown> = { ...record }
    delete olderShape.pmrAccessible
    await table.put(olderShape as BaseRecord)
    await repo.update('prod-1', record.id, { advantages: ['Quai vide le dimanche', 'Verrière'], pmrAccessible: true })
    expect((await database.outbox.orderBy('mutationId').last())?.args).toEqual({
      id: record.id,
      fields: { advantages: ['Quai vide le dimanche', 'Verrière'], pmrAccessible: true },
    })
  })

  it('writes nothing when nothing changed', async () => {
    const { database, repo, record } = await withDecor()
    expect(await repo.update('prod-1', record.id, { name: decor.name, advantages: ['Quai vide le dimanche'] })).toMatchObject({ ok: true })
    expect(await database.outbox.count()).toBe(1)
  })

  it('never patches the base fields, even from a stale copy of the whole record', async () => {
    const { database, repo, table, record } = await withDecor()
    const stale = { ...record, updatedAt: '2000-01-01T00:00:00.000Z', createdAt: '2000-01-01T00:00:00.000Z' }
    await repo.update('prod-1', record.id, { ...stale, id: 'other-id', productionId: 'prod-2', deletedAt: '2000-01-01', name: 'Gare du Nord' })
    const last = await database.outbox.orderBy('mutationId').last()
    expect(last?.args).toEqual({ id: record.id, fields: { name: 'Gare du Nord' } })
    expect(await table.get(['prod-1', 'other-id'])).toBeUndefined()
    expect(await table.get(['prod-1', record.id])).toMatchObject({ name: 'Gare du Nord', productionId: 'prod-1', createdAt: record.createdAt, deletedAt: null })
    expect(await repo.list('prod-1')).toHaveLength(1)
  })

  it('returns field errors and writes nothing when the result is invalid', async () => {
    const { database, repo, table, record } = await withDecor()
    expect(await repo.update('prod-1', record.id, { name: '   ', lng: 400 })).toEqual({
      ok: false,
      errors: { name: 'validation.required', lng: 'validation.longitude' },
    })
    expect(await table.get(['prod-1', record.id])).toEqual(record)
    expect(await database.outbox.count()).toBe(1)
  })

  it('reports a missing or deleted record as not found', async () => {
    const { repo, record } = await withDecor()
    expect(await repo.update('prod-1', 'nope', { name: 'x' })).toEqual({ ok: false, errors: { _: 'errors.notFound' } })
    await repo.remove('prod-1', record.id)
    expect(await repo.update('prod-1', record.id, { name: 'x' })).toEqual({ ok: false, errors: { _: 'errors.notFound' } })
  })

  it('keeps fields this version does not know (written by a newer app)', async () => {
    const { database, repo, table, record } = await withDecor()
    const fromNewerApp = { ...record, droneZone: { class: 'C2', maxHeightM: 50 }, contacts: [{ role: 'owner', name: 'SNCF', badge: 'B-12' }] }
    await table.put(fromNewerApp)
    const result = await repo.update('prod-1', record.id, { status: 'option' })
    expect(result.ok).toBe(true)
    expect(await table.get(['prod-1', record.id])).toMatchObject({ status: 'option', droneZone: { class: 'C2', maxHeightM: 50 }, contacts: [{ badge: 'B-12' }] })
    const last = await database.outbox.orderBy('mutationId').last()
    expect(last?.args).toEqual({ id: record.id, fields: { status: 'option' } })
  })

  it('keeps a meal group a newer app counts, whether or not the counts are edited here', async () => {
    const { database, repo, table } = setup('meal')
    const created = await repo.create('prod-1', { shootDayId: 'd1', service: 'lunch', expected: { crew: 40 } })
    if (!created.ok) throw new Error('create failed')
    const id = created.record.id
    const expected = { ...(created.record.expected as object), drivers: 6 }
    await table.put({ ...created.record, expected })

    await repo.update('prod-1', id, { caterer: 'Cantine Lumière' })
    expect((await table.get(['prod-1', id]))?.expected).toEqual(expected)
    expect((await database.outbox.orderBy('mutationId').last())?.args).toEqual({ id, fields: { caterer: 'Cantine Lumière' } })

    await repo.update('prod-1', id, { expected: { ...expected, crew: 42 } })
    expect((await table.get(['prod-1', id]))?.expected).toEqual({ ...expected, crew: 42, drivers: 6 })
    expect((await database.outbox.orderBy('mutationId').last())?.args).toEqual({ id, fields: { expected: { ...expected, crew: 42 } } })
  })

  it('does not see a change in nested key order (a record as another device stored it)', async () => {
    const { database, repo, table, record } = await withDecor()
    const reordered = { ...record, contacts: [{ email: '', phone: '', name: 'M. Roux', role: 'owner' }] }
    await table.put(reordered)
    await repo.update('prod-1', record.id, { noise: 'Annonces en gare' })
    expect((await database.outbox.orderBy('mutationId').last())?.args).toEqual({ id: record.id, fields: { noise: 'Annonces en gare' } })
  })
})

describe('repository.remove, get and list', () => {
  it('sets the tombstone: the record leaves list() and get() but stays in the table', async () => {
    const { database, repo, table } = setup()
    const created = await repo.create('prod-1', decor)
    if (!created.ok) throw new Error('create failed')
    await repo.remove('prod-1', created.record.id)

    expect(await repo.list('prod-1')).toEqual([])
    expect(await repo.get('prod-1', created.record.id)).toBeUndefined()
    const stored = await table.get(['prod-1', created.record.id])
    expect(stored).toMatchObject({ name: decor.name, deletedAt: expect.any(String) })
    expect((await database.outbox.orderBy('mutationId').last())).toMatchObject({ mutationId: 2, name: 'location.delete', args: { id: created.record.id } })

    await repo.remove('prod-1', created.record.id)
    await repo.remove('prod-1', 'never-existed')
    expect(await database.outbox.count()).toBe(2)
  })

  it('lists the live records of one production only', async () => {
    const { repo } = setup()
    const ours = ['Atelier', 'Bistrot', 'Cour']
    for (const name of ours) await repo.create('prod-1', { ...decor, name })
    await repo.create('prod-2', { ...decor, name: 'Ailleurs' })
    const gone = await repo.create('prod-1', { ...decor, name: 'Démoli' })
    if (gone.ok) await repo.remove('prod-1', gone.record.id)

    const listed = await repo.list('prod-1')
    expect(listed.map((record) => record.name).sort()).toEqual(ours)
    expect(listed.every((record) => record.productionId === 'prod-1')).toBe(true)
    expect((await repo.list('prod-2')).map((record) => record.name)).toEqual(['Ailleurs'])
    expect(await repo.list('prod-3')).toEqual([])
  })

  it('counts live records from the indexes, tombstones excluded, and keeps the last list for a quick reopen', async () => {
    const { repo } = setup()
    for (const name of ['Atelier', 'Bistrot', 'Cour']) await repo.create('prod-1', { ...decor, name })
    await repo.create('prod-2', { ...decor, name: 'Ailleurs' })
    const gone = await repo.create('prod-1', { ...decor, name: 'Démoli' })
    if (gone.ok) await repo.remove('prod-1', gone.record.id)

    const firstValue = <T,>(observable: { subscribe(o: { next(v: T): void }): { unsubscribe(): void } }) =>
      new Promise<T>((resolve) => {
        const subscription = observable.subscribe({ next: (value) => { subscription?.unsubscribe(); resolve(value) } })
      })
    expect(await firstValue<number>(repo.liveCount('prod-1'))).toBe(3)
    expect(await firstValue<number>(repo.liveCount('prod-2'))).toBe(1)

    expect(repo.cached('prod-1')).toBeUndefined()
    await repo.list('prod-1')
    expect(repo.cached('prod-1')?.map((record) => record.name).sort()).toEqual(['Atelier', 'Bistrot', 'Cour'])
  })

  it('get returns a live record by id', async () => {
    const { repo } = setup()
    const created = await repo.create('prod-1', decor)
    if (!created.ok) throw new Error('create failed')
    expect(await repo.get('prod-1', created.record.id)).toEqual(created.record)
    expect(await repo.get('prod-1', 'nope')).toBeUndefined()
  })
})

describe('editableFields and changedFields', () => {
  it('editableFields drops the base fields only', () => {
    expect(editableFields({ id: 'a', productionId: 'p', createdAt: 'c', updatedAt: 'u', deletedAt: null, name: 'n', extra: 1 })).toEqual({ name: 'n', extra: 1 })
  })

  it('changedFields keeps what differs, deeply', () => {
    const before = { name: 'a', rooms: [{ name: 'Salon', lengthM: 5 }], counts: { crew: 1, cast: 2 }, same: [1, 2] }
    expect(changedFields(before, structuredClone(before))).toEqual({})
    expect(changedFields(before, { name: 'b', rooms: [{ name: 'Salon', lengthM: 6 }], counts: { crew: 1, cast: 2 }, same: [2, 1] })).toEqual({
      name: 'b',
      rooms: [{ name: 'Salon', lengthM: 6 }],
      same: [2, 1],
    })
    expect(changedFields({ a: null }, { a: null, b: '' })).toEqual({ b: '' })
    expect(changedFields({ a: 1 }, { a: undefined })).toEqual({ a: undefined })
  })
})
