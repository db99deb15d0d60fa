import { describe, expect, it } from 'vitest'
import { createRepository } from './repository'
import { useTestDatabases } from './testDatabases'
import { TRASH_DAYS, trashOf } from './trash'

const open = useTestDatabases()
const decor = (name: string) => ({ name, intExt: 'INT', setting: 'natural', status: 'toScout' })

describe('the trash', () => {
  it('lists what the production deleted within the delay, newest first, and a restore brings a record back as a change', async () => {
    const database = open()
    const locations = createRepository('location', database)
    const days = createRepository('shootDay', database)
    const made = await Promise.all(['Cave', 'Quai', 'Toit'].map((name) => locations.create('prod-1', decor(name))))
    const elsewhere = await locations.create('prod-2', decor('Ailleurs'))
    const day = await days.create('prod-1', { number: 1, date: '2030-03-04', dayType: 'normal', callTime: '08:00', wrapTime: '19:00' })
    if (!made.every((result) => result.ok) || !elsewhere.ok || !day.ok) throw new Error('create')
    const [cave, quai] = made.map((result) => (result.ok ? result.record : null!))
    await locations.remove('prod-1', cave!.id)
    await days.remove('prod-1', day.record.id)
    await locations.remove('prod-2', elsewhere.record.id)
    // Deleted long ago: past the delay, no longer offered.
    await database.records('location').update(['prod-1', quai!.id], { deletedAt: new Date(Date.now() - (TRASH_DAYS + 1) * 86_400_000).toISOString() })

    const trash = await trashOf('prod-1', Date.now(), database)
    expect(trash.map((item) => [item.entity, item.record.id])).toEqual([['shootDay', day.record.id], ['location', cave!.id]])
    expect(Date.parse(trash[1]!.restorableUntil) - Date.parse(trash[1]!.record.deletedAt!)).toBe(TRASH_DAYS * 86_400_000)

    await locations.restore('prod-1', cave!.id)
    expect(await locations.get('prod-1', cave!.id)).toMatchObject({ name: 'Cave', deletedAt: null })
    expect((await database.outbox.where('productionId').equals('prod-1').toArray()).at(-1)).toMatchObject({ name: 'location.restore', productionId: 'prod-1', args: { id: cave!.id } })
    expect((await trashOf('prod-1', Date.now(), database)).map((item) => item.entity)).toEqual(['shootDay'])
  })
})
