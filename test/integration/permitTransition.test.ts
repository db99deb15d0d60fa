/**
 * Moving a permit request's status on two phones with no network: both saw "Brouillon". The server compares
 * and sets, so the first move to arrive wins; the other comes back refused as stale, and its phone shows the
 * team's status instead of its own. A move still waiting when a pull lands stays on screen until it is pushed.
 */
import { describe, expect, it } from 'vitest'
import type { Permit } from '../../src/core/model'
import { applyPullPage, clientIdFor, getTeam } from '../../src/app/db/syncStore'
import { commitChange } from '../../src/app/db/writePath'
import { liveRows, useTestServer, asPage } from './harness'

const server = useTestServer()

const twoPhonesWithADraft = () =>
  server.teamOfTwo(async (ad, pid) => {
    const authority = await ad.repository('authority').create(pid, { name: 'Paris Film', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' })
    if (!authority.ok) throw new Error('authority')
    const permit = await ad.repository<Permit>('permit').create(pid, { title: 'Rue des Martyrs (J1)', authorityId: authority.record.id, status: 'draft', shootType: 'feature' })
    if (!permit.ok) throw new Error('permit')
    return { id: permit.record.id }
  })

describe('permit status on two phones', () => {
  it('lets the first move win; the second phone is refused as stale and shows the team\'s status', async () => {
    const { ad, regie, pid, id } = await twoPhonesWithADraft()
    const move = (database: typeof ad.database, from: Permit['status'], to: Permit['status']) =>
      commitChange({ op: 'transition', entity: 'permit', productionId: pid, id, from, to }, database)

    // Offline, both send the draft; the régisseur then records that the city is reviewing it.
    await move(ad.database, 'draft', 'sent')
    await move(regie.database, 'draft', 'sent')
    await move(regie.database, 'sent', 'underReview')
    expect((await ad.repository<Permit>('permit').get(pid, id))?.status).toBe('sent')

    // The régisseur's phone reaches the network first.
    await regie.sync(pid)
    await ad.sync(pid)
    await regie.sync(pid)
    const [onAd, onRegie] = [await liveRows(ad.database, 'permit'), await liveRows(regie.database, 'permit')]
    expect(onAd).toEqual(onRegie)
    expect(onAd[0]).toMatchObject({ id, status: 'underReview' })
    expect(await ad.database.outbox.count()).toBe(0)
    // The AD is told why their move did not count; the régisseur was not refused anything.
    expect(await ad.database.rejections.toArray()).toMatchObject([{ name: 'permit.transition', reason: 'stale_transition', args: { id, from: 'draft', to: 'sent' } }])
    expect(await regie.database.rejections.count()).toBe(0)
  })

  it('keeps a move made while a pull lands: the waiting transition is put back on top of the pulled row, then counted once', async () => {
    const { ad, regie, pid, id } = await twoPhonesWithADraft()
    // The régisseur fills in the reference; the AD sends the request before hearing of it.
    expect(await regie.repository<Permit>('permit').update(pid, id, { reference: 'PF-2030-0042' })).toMatchObject({ ok: true })
    await regie.sync(pid)
    await commitChange({ op: 'transition', entity: 'permit', productionId: pid, id, from: 'draft', to: 'sent' }, ad.database)
    const link = (await getTeam(pid, ad.database))!
    const page = asPage(await server.client().pull(pid, link.token, { clientId: await clientIdFor(pid, ad.database), cursor: link.cursor, limit: 500 }))
    await applyPullPage(pid, page, ad.database)
    expect(await ad.repository<Permit>('permit').get(pid, id)).toMatchObject({ status: 'sent', reference: 'PF-2030-0042' })
    expect(await ad.database.outbox.count()).toBe(1)

    await ad.sync(pid)
    await regie.sync(pid)
    expect(await ad.database.outbox.count()).toBe(0)
    expect(await ad.database.rejections.count()).toBe(0)
    expect(await regie.repository<Permit>('permit').get(pid, id)).toMatchObject({ status: 'sent', reference: 'PF-2030-0042' })
    expect((await regie.repository<Permit>('permit').get(pid, id))?.sentOn).toBe((await ad.repository<Permit>('permit').get(pid, id))?.sentOn)
  })
})
