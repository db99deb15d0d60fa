import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Dexie, RegieDatabase } from '../../db/db'
import { createRepository, editableFields } from '../../db/repository'
import { useRecordSave } from './useRecordSave'

let database: RegieDatabase
beforeEach(() => {
  setActivePinia(createPinia())
  database = new RegieDatabase(`save-${Math.random().toString(36).slice(2)}`)
})
afterEach(async () => {
  database.close()
  await Dexie.delete(database.name)
})

describe('useRecordSave', () => {
  it('sends only what the user changed: a teammate\'s edit of another field, pulled while the form was open, stays', async () => {
    const repository = createRepository('location', database)
    const created = await repository.create('p1', { name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
    if (!created.ok) throw new Error('create')
    const opened = editableFields(created.record)
    // Meanwhile a teammate's change arrives by sync (written straight to the table, as a pull does).
    await database.records('location').update(created.record.id, { parking: 'Rue Mouffetard, 3 places' })

    const { save, errors } = useRecordSave({ repository, productionId: 'p1', id: created.record.id, initial: () => opened, onSaved: () => undefined })
    await save({ ...opened, name: 'Cave du bar' })

    expect(errors.value).toEqual({})
    expect(await repository.get(created.record.id)).toMatchObject({ name: 'Cave du bar', parking: 'Rue Mouffetard, 3 places' })
    const patch = (await database.outbox.toArray()).at(-1)!
    expect(patch).toMatchObject({ name: 'location.patch', args: { fields: { name: 'Cave du bar' } } })
    expect(Object.keys((patch.args as { fields: object }).fields)).toEqual(['name'])
  })
})

describe('useRecordSave cross-record check', () => {
  it('refuses the save with the check\'s field errors and writes nothing; a passing check lets it through', async () => {
    const repository = createRepository('location', database)
    const refuse = useRecordSave({ repository, productionId: 'p1', check: async () => ({ name: 'validation.placementOtherDay' }), onSaved: () => undefined })
    await refuse.save({ name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
    expect(refuse.errors.value).toEqual({ name: 'validation.placementOtherDay' })
    expect(await database.records('location').count()).toBe(0)
    expect(await database.outbox.count()).toBe(0)

    const saved: string[] = []
    const pass = useRecordSave({ repository, productionId: 'p1', check: async () => null, onSaved: (record) => saved.push(record.id) })
    await pass.save({ name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
    expect(pass.errors.value).toEqual({})
    expect(saved).toHaveLength(1)
  })
})
