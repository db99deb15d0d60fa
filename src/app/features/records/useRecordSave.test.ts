import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultPermitDocuments } from '../../../core/model'
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
    await database.records('location').update([created.record.productionId, created.record.id], { parking: 'Rue Mouffetard, 3 places' })

    const { save, errors } = useRecordSave({ repository, productionId: 'p1', id: created.record.id, initial: () => opened, onSaved: () => undefined })
    await save({ ...opened, name: 'Cave du bar' })

    expect(errors.value).toEqual({})
    expect(await repository.get(created.record.productionId, created.record.id)).toMatchObject({ name: 'Cave du bar', parking: 'Rue Mouffetard, 3 places' })
    const patch = (await database.outbox.toArray()).at(-1)!
    expect(patch).toMatchObject({ name: 'location.patch', args: { fields: { name: 'Cave du bar' } } })
    expect(Object.keys((patch.args as { fields: object }).fields)).toEqual(['name'])
  })
})

describe('useRecordSave and a permit\'s checklist', () => {
  it('sends the lines the user changed in the form: a teammate\'s tick and added line, pulled while it was open, stay', async () => {
    const repository = createRepository('permit', database)
    const created = await repository.create('p1', { title: 'Rue des Martyrs', authorityId: 'a1', status: 'draft', shootType: 'feature', documents: defaultPermitDocuments() })
    if (!created.ok) throw new Error('create')
    const opened = editableFields(created.record)
    const lines = opened.documents as { id: string; done: boolean }[]
    // Meanwhile a pull brings a teammate's tick of the Kbis and a line of theirs.
    await database.records('permit').update([created.record.productionId, created.record.id], {
      documents: [...lines.map((line) => (line.id === 'kbis' ? { ...line, done: true } : line)), { id: 'syndic', kind: 'other', label: 'Accord du syndic', done: true }],
    })

    // In the form (opened before), the user removes the scenario line and adds one of their own.
    const { save, errors } = useRecordSave({ repository, productionId: 'p1', id: created.record.id, initial: () => opened, onSaved: () => undefined })
    await save({ ...opened, documents: [...lines.filter((line) => line.id !== 'scenario'), { id: 'photos', kind: 'other', label: 'Photos du lieu', done: false }] })

    expect(errors.value).toEqual({})
    const stored = (await repository.get(created.record.productionId, created.record.id))!.documents as { id: string; done: boolean; removed?: boolean }[]
    expect(stored.map((line) => [line.id, line.done, !!line.removed])).toEqual([
      ['insuranceCertificate', false, false], ['plan', false, false], ['vehiclePlan', false, false], ['kbis', true, false], ['scenario', false, true],
      ['syndic', true, false], ['photos', false, false],
    ])
    const patch = (await database.outbox.toArray()).at(-1)!
    expect((patch.args as unknown as { fields: { documents: { id: string }[] } }).fields.documents.map((line) => line.id)).toEqual(['scenario', 'photos'])
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
