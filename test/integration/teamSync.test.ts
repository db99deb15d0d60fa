/**
 * Two phones and the real server: a production made offline is uploaded to a team, a second member joins,
 * both edit the same décor offline, and after syncing in any order both phones hold the same data; refused
 * changes stay visible to their author with the reason.
 */
import { describe, expect, it } from 'vitest'
import { liveRows as live, useTestServer, asPage } from './harness'
import { TEST_ACCESS_CODE } from '../../src/server/testAccessCode'
import { joinProduction, uploadProduction } from '../../src/app/sync/syncEngine'

const server = useTestServer()

function phone(name: string) {
  const device = server.phone(name)
  return { ...device, productions: device.repository('production'), locations: device.repository('location') }
}

describe('team sync between two phones', () => {
  it('uploads a local production, lets a member join, and converges after concurrent offline edits', async () => {
    const client = server.client()
    const ad = phone('ad')
    const created = await ad.productions.create('', { name: 'Les Heures Claires', kind: 'feature' })
    if (!created.ok) throw new Error('production')
    const pid = created.record.id
    const cave = await ad.locations.create(pid, { name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
    const quai = await ad.locations.create(pid, { name: 'Quai de la Tournelle', intExt: 'EXT', setting: 'natural', status: 'scouted' })
    if (!cave.ok || !quai.ok) throw new Error('locations')

    const team = await uploadProduction({ id: pid, name: 'Les Heures Claires' }, { displayName: 'Camille (1er assistant)' }, client, ad.database, TEST_ACCESS_CODE)
    expect(await ad.sync(pid)).toMatchObject({ pushed: 3 })
    expect(await ad.database.outbox.count()).toBe(0)

    const regie = phone('regie')
    const invite = await client.createInvite(pid, team.token, 'member')
    await joinProduction(invite.code, { displayName: 'Sami (régisseur)' }, client, regie.database)
    await regie.sync(pid)
    expect((await live(regie.database, 'location')).map((row) => row.name).sort()).toEqual(['Cave voûtée', 'Quai de la Tournelle'])
    expect(await regie.productions.get(pid, pid)).toMatchObject({ name: 'Les Heures Claires' })

    // Offline on both phones: the same décor, different fields and then the same field (the régisseur edits last).
    await ad.locations.update(pid, cave.record.id, { parking: 'Rue Mouffetard, 3 places' })
    await ad.locations.update(pid, cave.record.id, { name: 'Cave (nom AD)' })
    await regie.locations.update(pid, cave.record.id, { noise: 'Métro ligne 7 toutes les 4 min' })
    await regie.locations.update(pid, cave.record.id, { name: 'Cave du bar' })
    // The AD deletes the quai while the régisseur, offline, still edits it.
    await ad.locations.remove(pid, quai.record.id)
    await regie.locations.update(pid, quai.record.id, { status: 'option' })
    // A member may not rename the production: refused, but kept for its author.
    await regie.productions.update(pid, pid, { name: 'Titre provisoire' })

    // The AD's phone reaches the network first: its older rename arrives before the régisseur's newer one.
    await ad.sync(pid)
    await regie.sync(pid)
    await ad.sync(pid)

    const [onAd, onRegie] = [await live(ad.database, 'location'), await live(regie.database, 'location')]
    expect(onRegie).toEqual(onAd)
    expect(onAd).toHaveLength(1)
    expect(onAd[0]).toMatchObject({ name: 'Cave du bar', parking: 'Rue Mouffetard, 3 places', noise: 'Métro ligne 7 toutes les 4 min' })
    expect(await ad.database.outbox.count()).toBe(0)
    expect(await regie.database.outbox.count()).toBe(0)

    const refused = await regie.database.rejections.toArray()
    expect(refused.map((rejection) => [rejection.name, rejection.reason]).sort()).toEqual([['location.patch', 'deleted'], ['production.patch', 'forbidden']])
    expect(await ad.database.rejections.count()).toBe(0)
    expect((await ad.productions.get(pid, pid))?.name).toBe('Les Heures Claires')
    // The refused rename is listed for its author, and their phone is back to the team's version.
    expect((await regie.productions.get(pid, pid))?.name).toBe('Les Heures Claires')
    expect(refused.find((rejection) => rejection.name === 'production.patch')!.args).toMatchObject({ fields: { name: 'Titre provisoire' } })
  })

  it('resumes a pull from its saved cursor and never applies a page twice', async () => {
    const client = server.client()
    const ad = phone('ad')
    const created = await ad.productions.create('', { name: 'Court métrage', kind: 'short' })
    if (!created.ok) throw new Error('production')
    const pid = created.record.id
    for (let i = 0; i < 30; i++) await ad.locations.create(pid, { name: `Décor ${i}`, intExt: 'INT', setting: 'natural', status: 'toScout' })
    const team = await uploadProduction({ id: pid, name: 'Court métrage' }, { displayName: 'Lou' }, client, ad.database, TEST_ACCESS_CODE)
    await ad.sync(pid)

    const viewer = phone('viewer')
    const invite = await client.createInvite(pid, team.token, 'viewer')
    await joinProduction(invite.code, { displayName: 'Stagiaire' }, client, viewer.database)
    // Pull one small page by hand, as if the app were killed right after: the cursor is saved with it.
    const { applyPullPage, clientIdFor } = await import('../../src/app/db/syncStore')
    const link = (await viewer.database.teams.get(pid))!
    const page = asPage(await client.pull(pid, link.token, { clientId: await clientIdFor(pid, viewer.database), cursor: 0, limit: 10 }))
    await applyPullPage(pid, page, viewer.database)
    expect((await viewer.database.teams.get(pid))!.cursor).toBe(page.cursor)
    const result = await viewer.sync(pid)
    expect(result.pulled).toBe(31 - 10)
    expect(await live(viewer.database, 'location')).toHaveLength(30)
  })
})
