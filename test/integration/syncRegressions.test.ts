/**
 * Sync bugs the simulation (test/sim) found, each replayed here in a few lines: a phone is shown every change the
 * server refused however many, a pull page lands whatever number of changes wait on the phone, a phone whose edit
 * lost to a later one gets the team's version back, a phone whose clock runs minutes fast keeps its own
 * later edit of a field, and a phone whose clock runs behind wins over a teammate's edit it saw before its own.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyPullPage, clientIdFor, getTeam } from '../../src/app/db/syncStore'
import { commitChange } from '../../src/app/db/writePath'
import { useTestServer, asPage } from './harness'

const server = useTestServer()
const MINUTE = 60_000

afterEach(() => {
  vi.useRealTimers()
})

const decor = { name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' }

/** Two phones of one team production, both holding the décor the AD created. */
async function caveOnBothPhones() {
  const team = await server.teamOfTwo(async () => ({}))
  const cave = await team.ad.repository('location').create(team.pid, decor)
  if (!cave.ok) throw new Error('location')
  await team.ad.sync(team.pid)
  await team.regie.sync(team.pid)
  return { ...team, cave }
}

describe('sync regressions found by the simulation', () => {
  it('lists every refused change for its author, even hundreds between two pulls', async () => {
    const { regie, pid } = await server.teamOfTwo(async () => ({}))
    // Only the owner and coordinators may change the production itself: offline, the member's phone keeps 250 edits
    // of its notes the server will refuse one by one.
    for (let i = 0; i < 250; i++) await commitChange({ op: 'patch', entity: 'production', productionId: pid, id: pid, fields: { notes: `Note ${i}` } }, regie.database)
    await regie.sync(pid)
    expect(await regie.database.outbox.count()).toBe(0)
    expect(await regie.database.rejections.count()).toBe(250)
  })

  it('applies a pull page while hundreds of changes wait on the phone, on that row and on others', async () => {
    const { ad, regie, pid } = await server.teamOfTwo(async () => ({}))
    const cave = await regie.repository('location').create(pid, { name: 'Cave', intExt: 'INT', setting: 'natural', status: 'toScout' })
    if (!cave.ok) throw new Error('location')
    await regie.sync(pid)
    await ad.sync(pid)
    // Offline, the régisseur edits the décor and the production notes many times; the AD renames the décor.
    for (let i = 0; i < 150; i++) await commitChange({ op: 'patch', entity: 'production', productionId: pid, id: pid, fields: { notes: `Note ${i}` } }, regie.database)
    for (let i = 0; i < 150; i++) await commitChange({ op: 'patch', entity: 'location', productionId: pid, id: cave.record.id, fields: { noise: `Métro ${i}` } }, regie.database)
    expect(await ad.repository('location').update(pid, cave.record.id, { name: 'Cave du bar' })).toMatchObject({ ok: true })
    await ad.sync(pid)
    const link = (await getTeam(pid, regie.database))!
    const page = asPage(await server.client().pull(pid, link.token, { clientId: await clientIdFor(pid, regie.database), cursor: link.cursor, limit: 500 }))
    await applyPullPage(pid, page, regie.database)
    expect((await getTeam(pid, regie.database))!.cursor).toBe(page.cursor)
    // The team's rename is in, and the phone's own waiting edit stays on top until it is pushed.
    expect(await regie.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave du bar', noise: 'Métro 149' })
    expect(await regie.database.outbox.count()).toBe(300)
  })

  it('brings the team\'s version back to a phone whose edit lost to a later one while it waited', async () => {
    const { ad, regie, pid, cave } = await caveOnBothPhones()
    vi.useFakeTimers({ toFake: ['Date'] })
    const now = Date.now()
    // The régisseur renames the décor; the AD, whose phone runs five minutes slow, renamed it before (by the clocks).
    vi.setSystemTime(now + MINUTE)
    await regie.repository('location').update(pid, cave.record.id, { name: 'Cave du bar' })
    await regie.sync(pid)
    vi.setSystemTime(now - 5 * MINUTE)
    await ad.repository('location').update(pid, cave.record.id, { name: 'Cave (AD)' })
    // A pull lands before the AD's rename is pushed: the phone keeps showing its own waiting rename on top.
    vi.setSystemTime(now + 2 * MINUTE)
    const link = (await getTeam(pid, ad.database))!
    await applyPullPage(pid, asPage(await server.client().pull(pid, link.token, { clientId: await clientIdFor(pid, ad.database), cursor: link.cursor, limit: 500 })), ad.database)
    expect(await ad.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave (AD)' })
    // Pushed, the rename loses to the later one: the AD's phone must then show the team's name, not its own.
    await ad.sync(pid)
    expect(await ad.database.outbox.count()).toBe(0)
    expect(await ad.repository('location').get(pid, cave.record.id)).toEqual(await regie.repository('location').get(pid, cave.record.id))
    expect(await ad.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave du bar' })
  })

  it('lets a phone whose clock is behind win over an edit it has already seen and then changed', async () => {
    const { ad, regie, pid, cave } = await caveOnBothPhones()
    vi.useFakeTimers({ toFake: ['Date'] })
    const now = Date.now()
    // The AD's phone runs 50 s fast: within the minute the server takes as it is.
    vi.setSystemTime(now + 50_000)
    expect(await ad.repository('location').update(pid, cave.record.id, { name: 'Cave (AD)' })).toMatchObject({ ok: true })
    vi.setSystemTime(now + 1000)
    await ad.sync(pid)
    // The régisseur sees the AD's name, then renames the décor: later in fact, earlier by the phones' clocks.
    await regie.sync(pid)
    expect(await regie.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave (AD)' })
    vi.setSystemTime(now + 5000)
    expect(await regie.repository('location').update(pid, cave.record.id, { name: 'Cave du bar' })).toMatchObject({ ok: true })
    await regie.sync(pid)
    await ad.sync(pid)
    for (const phone of [ad, regie]) expect(await phone.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave du bar' })
  })

  it('keeps the later of two edits of a phone whose clock runs minutes fast, in one push or two', async () => {
    const { ad, regie, pid, cave } = await caveOnBothPhones()
    vi.useFakeTimers({ toFake: ['Date'] })
    const now = Date.now()
    const fast = (at: number) => vi.setSystemTime(at + 5 * MINUTE)
    const rename = async (name: string) => expect(await regie.repository('location').update(pid, cave.record.id, { name })).toMatchObject({ ok: true })
    // Two renames, then one push: both clocks are more than a minute ahead of the server's.
    fast(now)
    await rename('Cave 1')
    fast(now + 10)
    await rename('Cave 2')
    vi.setSystemTime(now + 20)
    await regie.sync(pid)
    expect((await ad.sync(pid), await ad.repository('location').get(pid, cave.record.id))).toMatchObject({ name: 'Cave 2' })
    // A rename synced 4.5 min after it was made (its clock is then within the minute), then one made just after.
    fast(now + MINUTE)
    await rename('Cave 3')
    vi.setSystemTime(now + MINUTE + 4.5 * MINUTE)
    await regie.sync(pid)
    fast(now + MINUTE + 4.5 * MINUTE + 1000)
    await rename('Cave 4')
    vi.setSystemTime(now + MINUTE + 4.5 * MINUTE + 2000)
    await regie.sync(pid)
    await ad.sync(pid)
    expect(await ad.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave 4' })
    expect(await regie.repository('location').get(pid, cave.record.id)).toMatchObject({ name: 'Cave 4' })
  })
})
