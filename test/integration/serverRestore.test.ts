/**
 * A server restored from a backup: phones whose acknowledged changes the backup does not hold send them again,
 * each applied once (meal taps included), a teammate's record made since the restore reaches them, and nobody is
 * stranded on "contact support" — whether or not the operator ran the restore step (a new epoch).
 */
import { describe, expect, it } from 'vitest'
import { mealId, type Meal } from '../../src/core/model'
import { commitChange } from '../../src/app/db/writePath'
import { liveRows, useTestServer } from './harness'

const server = useTestServer()

async function teamWithALunch() {
  return server.teamOfTwo(async (ad, pid) => {
    const day = await ad.repository('shootDay').create(pid, { number: 1, date: '2030-03-04', dayType: 'normal', callTime: '08:00', wrapTime: '19:00' })
    if (!day.ok) throw new Error('day')
    const lunch = await ad.repository('meal').create(pid, { shootDayId: day.record.id, service: 'lunch', expected: { crew: 40 }, cutoffAt: '2030-03-04T10:30' }, mealId(day.record.id, 'lunch'))
    if (!lunch.ok) throw new Error('meal')
    return { lunchId: lunch.record.id }
  })
}

const decor = (name: string) => ({ name, intExt: 'EXT', setting: 'natural', status: 'toScout' })

describe.each([
  { marked: true, how: 'after the restore step (a new epoch)' },
  { marked: false, how: 'when the operator forgot the restore step' },
])('a server restored from a backup, $how', ({ marked }) => {
  it('gets back what the phones had sent since the backup, once, and both phones end equal', async () => {
    const { ad, regie, pid, lunchId } = await teamWithALunch()
    const backup = await server.backup()

    // After the backup: the AD adds a décor and counts 3 at lunch; the server acknowledges all of it.
    const quai = await ad.repository('location').create(pid, decor('Quai de la Tournelle'))
    if (!quai.ok) throw new Error('location')
    for (let i = 0; i < 3; i++) await commitChange({ op: 'adjust', entity: 'meal', productionId: pid, id: lunchId, group: 'crew', delta: 1 }, ad.database)
    await ad.sync(pid)
    expect(await ad.database.outbox.count()).toBe(0)
    await regie.sync(pid)

    await server.restore(backup, { marked })

    // The régisseur, back on the network first, adds a décor on the restored server.
    const toit = await regie.repository('location').create(pid, decor('Toit du 6e'))
    if (!toit.ok) throw new Error('location')
    await regie.sync(pid)
    // The AD's phone recovers: it pulls again and sends what the backup lost.
    await ad.sync(pid)
    await regie.sync(pid)
    await ad.sync(pid)

    const names = async (phone: typeof ad) => (await liveRows(phone.database, 'location')).map((row) => row.name).sort()
    expect(await names(ad)).toEqual(['Quai de la Tournelle', 'Toit du 6e'])
    expect(await names(regie)).toEqual(['Quai de la Tournelle', 'Toit du 6e'])
    // Three taps, counted once on the server and on both phones.
    for (const phone of [ad, regie]) expect((await phone.repository<Meal>('meal').get(pid, lunchId))?.served).toMatchObject({ crew: 3 })
    for (const phone of [ad, regie]) {
      expect(await phone.database.outbox.count()).toBe(0)
      expect(await phone.database.rejections.count()).toBe(0)
      expect((await phone.database.teams.get(pid))).toMatchObject({ lastError: null, recovering: false })
    }
  })
})

describe('a phone that reloads in the middle of a recovery', () => {
  it('goes on from where it stopped and sends the lost changes once', async () => {
    const { ad, regie, pid } = await teamWithALunch()
    const backup = await server.backup()
    const cave = await ad.repository('location').create(pid, decor('Cave voûtée'))
    if (!cave.ok) throw new Error('location')
    await ad.sync(pid)
    await server.restore(backup, { marked: true })

    // The first attempt fails on the push of what was lost (the network drops): the pull from zero is kept.
    const failing = server.client()
    const offlinePush = { ...failing, push: async () => Promise.reject(new Error('network down')) }
    await expect(import('../../src/app/sync/syncEngine').then(({ syncProduction }) => syncProduction(pid, offlinePush, ad.database))).rejects.toThrow('network down')
    expect(await ad.database.teams.get(pid)).toMatchObject({ recovering: true })
    expect(await ad.database.outbox.count()).toBe(1)

    await ad.sync(pid)
    await regie.sync(pid)
    expect((await liveRows(regie.database, 'location')).map((row) => row.name)).toEqual(['Cave voûtée'])
    expect(await ad.database.teams.get(pid)).toMatchObject({ recovering: false, lastError: null })
  })
})
