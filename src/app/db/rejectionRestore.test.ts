import { describe, expect, it } from 'vitest'
import { PLACEMENT_POSITION, type BaseRecord, type EntityName } from '../../core/model'
import { mealId } from '../../core/model/meal'
import { newId } from '../../core/sync/ids'
import type { MutationArgs, MutationName } from '../../core/sync/mutations'
import { RegieDatabase } from './db'
import { restorePlan, restoreRejection, RestoreOutdated } from './rejectionRestore'
import { commitChange } from './writePath'
import { useTestDatabases } from './testDatabases'

const PID = 'prod-restore'
const open = useTestDatabases()

const decor = (fields: Record<string, unknown> = {}): BaseRecord => ({
  id: newId(), productionId: PID, createdAt: '', updatedAt: '', name: 'Café des Deux Moulins', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields,
})

/** A record as the last pull left it: stored without an outbox entry (pulled rows never make one). */
async function pulled(database: RegieDatabase, entity: EntityName, record: BaseRecord) {
  const at = '2026-01-01T00:00:00.000Z'
  await database.records(entity).put({ ...record, createdAt: record.createdAt || at, updatedAt: record.updatedAt || at, deletedAt: record.deletedAt ?? null })
}

/** The rejection a pull stores for a refused change of this phone. */
async function refused(database: RegieDatabase, name: MutationName, args: MutationArgs, reason: string, mutationId = 7) {
  const rejection = { productionId: PID, mutationId, name, args, reason, createdAt: new Date().toISOString() }
  await database.rejections.put(rejection)
  return rejection
}

/** Plans, restores as the user confirmed, and returns what was written. */
async function restore(database: RegieDatabase, rejection: Awaited<ReturnType<typeof refused>>) {
  const plan = await restorePlan(rejection, database)
  const id = await restoreRejection(PID, rejection.mutationId, plan, database)
  return { plan, id, outbox: await database.outbox.toArray(), left: await database.rejections.count() }
}

describe('restorePlan and restoreRejection', () => {
  it('restores a refused patch as a new patch of the fields that differ now, with a fresh clock, and drops the rejection', async () => {
    const database = open()
    // This phone already wrote once (mutation 1, acknowledged): the restore continues its stream.
    const earlier = await commitChange({ op: 'create', entity: 'location', record: decor() }, database)
    await database.outbox.clear()
    const record = decor({ name: "Nom de l'équipe", city: 'Paris' })
    await pulled(database, 'location', record)
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Mon nom', city: 'Paris' } }, 'forbidden')

    const { plan, id, outbox, left } = await restore(database, rejection)
    expect(plan).toEqual({ kind: 'patch', entity: 'location', id: record.id, changes: [{ field: 'name', current: "Nom de l'équipe", restored: 'Mon nom' }] })
    expect(id).toBe(record.id)
    expect(outbox).toEqual([expect.objectContaining({ mutationId: 2, name: 'location.patch', args: { id: record.id, fields: { name: 'Mon nom' } } })])
    expect(outbox[0]!.hlc > earlier.hlc).toBe(true)
    expect(await database.records('location').get([PID, record.id])).toMatchObject({ name: 'Mon nom', city: 'Paris' })
    expect(left).toBe(0)
  })

  it('restores a refused move as a move of the whole position', async () => {
    const database = open()
    const truck = { ...PLACEMENT_POSITION, id: newId(), productionId: PID, createdAt: '', updatedAt: '', vehicleId: 'v-1', shootDayId: 'd-1', lat: 48.87, lng: 2.34, heading: 90 }
    await pulled(database, 'placement', truck)
    const rejection = await refused(database, 'placement.move', { id: truck.id, position: { ...PLACEMENT_POSITION, lat: 48.871, lng: 2.34, heading: 90 } }, 'forbidden')

    const { plan, outbox } = await restore(database, rejection)
    expect(plan).toEqual({ kind: 'patch', entity: 'placement', id: truck.id, changes: [{ field: 'lat', current: 48.87, restored: 48.871 }] })
    expect(outbox).toEqual([expect.objectContaining({ name: 'placement.move', args: { id: truck.id, position: { ...PLACEMENT_POSITION, lat: 48.871, lng: 2.34, heading: 90 } } })])
  })

  it('restores a change refused for a clock days ahead with a clock the server takes, once the phone is set right', async () => {
    const database = open()
    await commitChange({ op: 'create', entity: 'location', record: decor() }, database)
    await database.outbox.clear()
    // The phone's clock was three days ahead when it wrote: the server refused the change (clock_ahead).
    const wrongHlc = `${String(Date.now() + 3 * 86_400_000).padStart(15, '0')}:00000:dev`
    await database.meta.toCollection().modify({ hlc: wrongHlc })
    const record = decor({ name: "Nom de l'équipe" })
    await pulled(database, 'location', record)
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'clock_ahead')
    const { outbox } = await restore(database, rejection)
    const sentAt = Number(outbox[0]!.hlc.split(':')[0])
    expect(Math.abs(sentAt - Date.now())).toBeLessThan(60_000)
  })

  it('has nothing to restore when the record already holds the refused values', async () => {
    const database = open()
    const record = decor({ name: 'Mon nom' })
    await pulled(database, 'location', record)
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'clock_ahead')
    expect(await restorePlan(rejection, database)).toEqual({ kind: 'none', entity: 'location', why: 'same' })
  })

  it('creates a refused record again, same id, when it is absent from the phone', async () => {
    const database = open()
    const record = decor({ name: 'Gare de l’Est' })
    const rejection = await refused(database, 'location.create', { record }, 'server_error')
    const { plan, id, outbox, left } = await restore(database, rejection)
    expect(plan).toMatchObject({ kind: 'create', entity: 'location', id: record.id, values: { name: 'Gare de l’Est', status: 'toScout' } })
    expect(id).toBe(record.id)
    expect(outbox).toEqual([expect.objectContaining({ name: 'location.create', args: { record: expect.objectContaining({ id: record.id, productionId: PID, name: 'Gare de l’Est' }) } })])
    expect(await database.records('location').get([PID, record.id])).toMatchObject({ name: 'Gare de l’Est', deletedAt: null })
    expect(left).toBe(0)
  })

  it('sends a refused create again when the phone still holds it as refused, and patches it when the team version came down', async () => {
    const database = open()
    const mine = decor()
    await pulled(database, 'location', mine)
    const asRefused = await refused(database, 'location.create', { record: mine }, 'forbidden', 3)
    expect(await restorePlan(asRefused, database)).toMatchObject({ kind: 'create', id: mine.id, values: { name: mine.name } })

    const theirs = decor()
    await pulled(database, 'location', { ...theirs, status: 'scouted' })
    const overwritten = await refused(database, 'location.create', { record: theirs }, 'forbidden', 4)
    expect(await restorePlan(overwritten, database)).toEqual({
      kind: 'patch', entity: 'location', id: theirs.id, changes: [{ field: 'status', current: 'scouted', restored: 'toScout' }],
    })
  })

  it('sends the whole record when a patch was refused because the server never had the record', async () => {
    const database = open()
    const record = decor({ name: 'Mon nom' })
    await pulled(database, 'location', record)
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'not_found')
    const { plan, outbox } = await restore(database, rejection)
    expect(plan).toMatchObject({ kind: 'create', id: record.id, values: { name: 'Mon nom', intExt: 'INT' } })
    expect(outbox.map((entry) => entry.name)).toEqual(['location.create'])
  })

  it('recreates a record the team deleted as a new record, a copy of the refused values, and leaves the tombstone alone', async () => {
    const database = open()
    const record = decor({ city: 'Montreuil' })
    await pulled(database, 'location', { ...record, deletedAt: '2026-02-01T10:00:00.000Z' })
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Cave refaite' } }, 'deleted')
    const { plan, id, outbox, left } = await restore(database, rejection)
    expect(plan).toMatchObject({ kind: 'recreate', entity: 'location', id: record.id, values: { name: 'Cave refaite', city: 'Montreuil' } })
    expect(id).not.toBe(record.id)
    expect(await database.records('location').get([PID, id])).toMatchObject({ name: 'Cave refaite', city: 'Montreuil', productionId: PID, deletedAt: null })
    expect((await database.records('location').get([PID, record.id]))!.deletedAt).toBe('2026-02-01T10:00:00.000Z')
    expect(outbox).toEqual([expect.objectContaining({ name: 'location.create', args: { record: expect.objectContaining({ id }) } })])
    expect(left).toBe(0)
  })

  it('recreates a deleted meal under the next id of its day and service, and refuses when the team has a live one', async () => {
    const database = open()
    const day = newId()
    const meal = { id: mealId(day, 'lunch'), productionId: PID, createdAt: '', updatedAt: '', shootDayId: day, service: 'lunch', expected: { crew: 40 } }
    await pulled(database, 'meal', { ...meal, deletedAt: '2026-02-01T10:00:00.000Z' })
    const rejection = await refused(database, 'meal.create', { record: meal }, 'deleted')
    const { id } = await restore(database, rejection)
    expect(id).toBe(mealId(day, 'lunch', 2))

    const again = await refused(database, 'meal.create', { record: meal }, 'deleted', 8)
    expect(await restorePlan(again, database)).toEqual({ kind: 'none', entity: 'meal', why: 'duplicate' })
  })

  it('restores a refused count as a new meal.adjust, and explains it cannot when the meal is gone', async () => {
    const database = open()
    const day = newId()
    const meal = { id: mealId(day, 'dinner'), productionId: PID, createdAt: '', updatedAt: '', shootDayId: day, service: 'dinner', served: { extras: 12 } }
    await pulled(database, 'meal', meal)
    const rejection = await refused(database, 'meal.adjust', { id: meal.id, group: 'extras', delta: 3 }, 'server_error')
    const { plan, outbox } = await restore(database, rejection)
    expect(plan).toEqual({ kind: 'adjust', entity: 'meal', id: meal.id, group: 'extras', delta: 3, current: 12, after: 15 })
    expect(outbox).toEqual([expect.objectContaining({ name: 'meal.adjust', args: { id: meal.id, group: 'extras', delta: 3 } })])
    expect((await database.records('meal').get([PID, meal.id]))!.served).toEqual({ extras: 15 })

    await pulled(database, 'meal', { ...meal, deletedAt: '2026-02-01T10:00:00.000Z' })
    const late = await refused(database, 'meal.adjust', { id: meal.id, group: 'extras', delta: 1 }, 'deleted', 9)
    expect(await restorePlan(late, database)).toEqual({ kind: 'none', entity: 'meal', why: 'countGone' })
  })

  it('says a locked meal order must be unlocked first, rather than send a change the server would refuse again', async () => {
    const database = open()
    const day = newId()
    const meal = { id: mealId(day, 'lunch'), productionId: PID, createdAt: '', updatedAt: '', shootDayId: day, service: 'lunch', expected: { crew: 40 }, locked: true }
    await pulled(database, 'meal', meal)
    const rejection = await refused(database, 'meal.patch', { id: meal.id, fields: { expected: { crew: 45 } } }, 'locked')
    expect(await restorePlan(rejection, database)).toEqual({ kind: 'none', entity: 'meal', why: 'locked' })
  })

  it('has nothing to restore for a refused permit transition: restoring it is refused and writes nothing', async () => {
    const database = open()
    const rejection = await refused(database, 'permit.transition', { id: newId(), from: 'draft', to: 'sent' }, 'stale_transition')
    const plan = await restorePlan(rejection, database)
    expect(plan).toEqual({ kind: 'none', entity: 'permit', why: 'transition' })
    await expect(restoreRejection(PID, rejection.mutationId, plan, database)).rejects.toBeInstanceOf(RestoreOutdated)
    expect(await database.outbox.count()).toBe(0)
    expect(await database.rejections.count()).toBe(1)
  })

  it('writes nothing when the record changed after the plan was shown (a pull came in)', async () => {
    const database = open()
    const record = decor()
    await pulled(database, 'location', record)
    const rejection = await refused(database, 'location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'forbidden')
    const seen = await restorePlan(rejection, database)
    await pulled(database, 'location', { ...record, name: 'Encore un autre nom' })
    await expect(restoreRejection(PID, rejection.mutationId, seen, database)).rejects.toBeInstanceOf(RestoreOutdated)
    expect(await database.outbox.count()).toBe(0)
    expect((await database.records('location').get([PID, record.id]))!.name).toBe('Encore un autre nom')
    expect(await database.rejections.count()).toBe(1)
  })

  it('deletes again after a refused delete, and refuses values the schema would refuse', async () => {
    const database = open()
    const record = decor()
    await pulled(database, 'location', record)
    const deletion = await refused(database, 'location.delete', { id: record.id }, 'forbidden')
    const { plan } = await restore(database, deletion)
    expect(plan).toEqual({ kind: 'delete', entity: 'location', id: record.id })
    expect((await database.records('location').get([PID, record.id]))!.deletedAt).toEqual(expect.any(String))

    const other = decor()
    await pulled(database, 'location', other)
    const invalid = await refused(database, 'location.patch', { id: other.id, fields: { intExt: 'SOMEWHERE' } }, 'invalid', 8)
    expect(await restorePlan(invalid, database)).toEqual({ kind: 'none', entity: 'location', why: 'invalid' })
  })
})
