/**
 * A vehicle moved on two phones with no network: the AD parks the truck along the kerb, the régisseur, who had
 * not seen it, turns it where it was. Where a vehicle stands is one value (`placement.move`): after both sync,
 * both phones show the truck as the later of the two left it, with the street reading of that place, never the
 * AD's place with the régisseur's heading or the régisseur's place with the AD's street numbers.
 */
import { describe, expect, it } from 'vitest'
import type { Placement, Vehicle } from '../../src/core/model'
import { applyPullPage, clientIdFor, getTeam } from '../../src/app/db/syncStore'
import { liveRows, useTestServer, asPage } from './harness'

const server = useTestServer()

const twoPhonesWithATruck = () =>
  server.teamOfTwo(async (ad, pid) => {
    const day = await ad.repository('shootDay').create(pid, { number: 1, date: '2030-03-04', dayType: 'normal', callTime: '08:00', wrapTime: '19:00' })
    const vehicle = await ad.repository<Vehicle>('vehicle').create(pid, { name: 'Camion machino', kind: 'gripTruck', lengthM: 10, widthM: 2.5 })
    if (!day.ok || !vehicle.ok) throw new Error('fixtures')
    const placement = await ad.repository<Placement>('placement').create(pid, { vehicleId: vehicle.record.id, shootDayId: day.record.id, lat: 48.87, lng: 2.34, heading: 0 })
    if (!placement.ok) throw new Error('placement')
    return { id: placement.record.id }
  })

const alongKerb = { lat: 48.8712, lng: 2.3405, heading: 90, kerbId: 'k-1', street: 'Rue des Martyrs', side: 'even', fromNumber: 12, toNumber: 18 }

describe('a vehicle moved on two phones', () => {
  it('stands where the later move left it, with that place\'s street reading, on both phones', async () => {
    const { ad, regie, pid, id } = await twoPhonesWithATruck()
    expect(await ad.repository<Placement>('placement').update(pid, id, alongKerb)).toMatchObject({ ok: true })
    // A moment later the régisseur turns the truck where their phone still shows it.
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await regie.repository<Placement>('placement').update(pid, id, { heading: 180 })).toMatchObject({ ok: true })
    expect((await regie.database.outbox.toArray()).map((entry) => entry.name)).toEqual(['placement.move'])

    await ad.sync(pid)
    await regie.sync(pid)
    await ad.sync(pid)
    const [onAd, onRegie] = [await liveRows(ad.database, 'placement'), await liveRows(regie.database, 'placement')]
    expect(onAd).toEqual(onRegie)
    expect(onAd[0]).toMatchObject({ lat: 48.87, lng: 2.34, heading: 180, kerbId: '', street: '', fromNumber: null })
    expect(await ad.database.rejections.count()).toBe(0)
  })

  it('keeps a move made while a pull lands on screen, whole, until it is pushed', async () => {
    const { ad, regie, pid, id } = await twoPhonesWithATruck()
    expect(await regie.repository<Placement>('placement').update(pid, id, { heading: 270, notes: 'Hayon côté trottoir' })).toMatchObject({ ok: true })
    await regie.sync(pid)
    expect(await ad.repository<Placement>('placement').update(pid, id, alongKerb)).toMatchObject({ ok: true })
    const link = (await getTeam(pid, ad.database))!
    const page = asPage(await server.client().pull(pid, link.token, { clientId: await clientIdFor(pid, ad.database), cursor: link.cursor, limit: 500 }))
    await applyPullPage(pid, page, ad.database)
    expect(await ad.repository<Placement>('placement').get(pid, id)).toMatchObject({ ...alongKerb, notes: 'Hayon côté trottoir' })

    await ad.sync(pid)
    await regie.sync(pid)
    expect(await regie.repository<Placement>('placement').get(pid, id)).toMatchObject({ ...alongKerb, notes: 'Hayon côté trottoir' })
  })
})
