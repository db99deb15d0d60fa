/**
 * Counting meals on two phones with no network: both create the same day's lunch, both count served covers,
 * one changes the order before the cut-off. After syncing in any order the phones agree, the served counts
 * are the sum of both phones' taps and nothing is counted twice.
 */
import { describe, expect, it } from 'vitest'
import { mealId, type Meal } from '../../src/core/model'
import { applyPullPage, clientIdFor, getTeam } from '../../src/app/db/syncStore'
import { commitChange } from '../../src/app/db/writePath'
import { liveRows, useTestServer, asPage } from './harness'

const server = useTestServer()

/** A team production with one shoot day, on the AD's phone and on the régisseur's (a member). */
const teamOfTwo = () =>
  server.teamOfTwo(async (ad, pid) => {
    const day = await ad.repository('shootDay').create(pid, { number: 1, date: '2030-03-04', dayType: 'normal', callTime: '08:00', wrapTime: '19:00' })
    if (!day.ok) throw new Error('day')
    return { dayId: day.record.id }
  })

describe('meal counts on two phones', () => {
  it('adds served covers counted offline on two phones and merges the same lunch created twice', async () => {
    const { ad, regie, pid, dayId } = await teamOfTwo()

    // Offline: both phones create the day's lunch (one id per day and service) with different orders.
    const id = mealId(dayId, 'lunch')
    const lunch = (crew: number) => ({ shootDayId: dayId, service: 'lunch', expected: { crew }, cutoffAt: '2030-03-04T10:30' })
    expect((await ad.repository('meal').create(pid, lunch(40), id)).ok).toBe(true)
    expect((await regie.repository('meal').create(pid, lunch(42), id)).ok).toBe(true)
    // Then they count: 3 crew and 1 extra on one phone, 5 crew (one taken back) on the other.
    const tap = (database: typeof ad.database, group: 'crew' | 'extras', delta: number) => commitChange({ op: 'adjust', entity: 'meal', productionId: pid, id, group, delta }, database)
    for (let i = 0; i < 3; i++) await tap(ad.database, 'crew', 1)
    await tap(ad.database, 'extras', 1)
    for (let i = 0; i < 5; i++) await tap(regie.database, 'crew', 1)
    await tap(regie.database, 'crew', -1)
    expect((await regie.repository<Meal>('meal').get(pid, id))?.served).toMatchObject({ crew: 4 })

    // The régisseur's phone syncs first, then the AD's, then the régisseur's again; a retry changes nothing.
    await regie.sync(pid)
    await ad.sync(pid)
    await regie.sync(pid)
    await ad.sync(pid)
    const [onAd, onRegie] = [await liveRows(ad.database, 'meal'), await liveRows(regie.database, 'meal')]
    expect(onRegie).toEqual(onAd)
    expect(onAd).toHaveLength(1)
    expect(onAd[0]).toMatchObject({ id, served: { crew: 7, extras: 1 }, expected: { crew: 42 } })
    expect(await ad.database.rejections.count()).toBe(0)
    expect(await regie.database.rejections.count()).toBe(0)
    expect(await ad.database.outbox.count()).toBe(0)
  })

  it('keeps counts made while a pull lands: pending taps are added on top of the pulled row', async () => {
    const { ad, regie, pid, dayId } = await teamOfTwo()
    const id = mealId(dayId, 'lunch')
    await ad.repository('meal').create(pid, { shootDayId: dayId, service: 'lunch', expected: { crew: 20 } }, id)
    await ad.sync(pid)
    await regie.sync(pid)

    await commitChange({ op: 'adjust', entity: 'meal', productionId: pid, id, group: 'crew', delta: 6 }, regie.database)
    await regie.sync(pid)
    // The AD counted 2 at the other table and has not pushed yet when the régisseur's 6 arrive by pull.
    await commitChange({ op: 'adjust', entity: 'meal', productionId: pid, id, group: 'crew', delta: 2 }, ad.database)
    const link = (await getTeam(pid, ad.database))!
    const page = asPage(await server.client().pull(pid, link.token, { clientId: await clientIdFor(pid, ad.database), cursor: link.cursor, limit: 500 }))
    await applyPullPage(pid, page, ad.database)
    expect((await ad.repository<Meal>('meal').get(pid, id))?.served?.crew).toBe(8)
    expect(await ad.database.outbox.count()).toBe(1)
    // Then the AD's tap goes up and comes back acknowledged: counted once, not twice.
    await ad.sync(pid)
    expect((await ad.repository<Meal>('meal').get(pid, id))?.served?.crew).toBe(8)
    expect(await ad.database.outbox.count()).toBe(0)
    await regie.sync(pid)
    expect((await regie.repository<Meal>('meal').get(pid, id))?.served?.crew).toBe(8)
  })
})
