/**
 * A permit's documents checklist on two phones with no network: the AD ticks the insurance certificate, the
 * régisseur ticks the Kbis and adds a line, removes another. Each line is its own value in sync, so after both
 * sync both phones show every one of those changes; before, the later list replaced the other phone's whole.
 */
import { describe, expect, it } from 'vitest'
import { permitDocuments, type Permit } from '../../src/core/model'
import { useTestServer } from './harness'

const server = useTestServer()

describe('a permit\'s documents checklist on two phones', () => {
  it('keeps every line each phone ticked, added or removed offline', async () => {
    const { ad, regie, pid, id } = await server.teamOfTwo(async (owner, productionId) => {
      const authority = await owner.repository('authority').create(productionId, { name: 'Paris Film', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' })
      if (!authority.ok) throw new Error('authority')
      const permit = await owner.repository<Permit>('permit').create(productionId, { title: 'Rue des Martyrs (J1)', authorityId: authority.record.id, status: 'draft', shootType: 'feature' })
      if (!permit.ok) throw new Error('permit')
      return { id: permit.record.id }
    })
    // Each phone writes the lines it changes (as the checklist and the form do): a tick, a line added, one removed.
    const write = async (phone: typeof ad, change: (lines: ReturnType<typeof permitDocuments>) => Record<string, unknown>[]) => {
      const permit = (await phone.repository<Permit>('permit').get(pid, id))!
      expect(await phone.repository<Permit>('permit').update(pid, id, { documents: change(permitDocuments(permit)) })).toMatchObject({ ok: true })
    }
    const line = (lines: ReturnType<typeof permitDocuments>, kind: string) => lines.find((candidate) => candidate.kind === kind)!
    await write(ad, (lines) => [{ ...line(lines, 'insuranceCertificate'), done: true }])
    await write(regie, (lines) => [
      { ...line(lines, 'kbis'), done: true }, { ...line(lines, 'scenario'), removed: true },
      { id: 'syndic', kind: 'other', label: 'Accord du syndic', done: false, fileName: '', mime: '' },
    ])
    // What each phone sends is the lines it changed, not the list.
    const sent = (await regie.database.outbox.toArray()).map((entry) => (entry.args as unknown as { fields: { documents: { id: string }[] } }).fields.documents.map((line) => line.id))
    expect(sent).toEqual([['kbis', 'scenario', 'syndic']])

    await regie.sync(pid)
    await ad.sync(pid)
    await regie.sync(pid)
    for (const phone of [ad, regie]) {
      const lines = permitDocuments((await phone.repository<Permit>('permit').get(pid, id))!)
      expect(lines.map((line) => [line.kind, line.label, line.done])).toEqual([
        ['insuranceCertificate', '', true], ['plan', '', false], ['vehiclePlan', '', false], ['kbis', '', true], ['other', 'Accord du syndic', false],
      ])
    }
    expect(await ad.database.rejections.count()).toBe(0)
  })
})
