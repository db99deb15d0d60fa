// Records are keyed by production: a row of one production never replaces another's on the phone, a phone upgraded
// from single keys keeps every row, and a production whose id is taken on the server moves to a fresh id whole.
import { afterEach, describe, expect, it } from 'vitest'
import type { BaseRecord } from '../../core/model'
import type { PullResponse } from '../../core/sync/protocol'
import { Dexie, RegieDatabase, clientStateKey } from './db'
import { productionOnPhone, renameProduction } from './productionIdentity'
import { createRepository } from './repository'
import { applyPullPage, saveTeam } from './syncStore'
import { useTestDatabases } from './testDatabases'
import { commitChange } from './writePath'

const open = useTestDatabases()
const decor = { name: 'Café des Deux Moulins', intExt: 'INT', setting: 'natural', status: 'toScout' }
const page = (changes: PullResponse['changes']): PullResponse => ({ changes, cursor: changes.length, hasMore: false, head: changes.length, lastMutationId: 0, rejections: [] })

describe('two productions on one phone', () => {
  it("keeps a victim's décor when a hostile member of another production pulls in a row with its id", async () => {
    const database = open()
    const locations = createRepository('location', database)
    const created = await locations.create('prod-a', decor)
    if (!created.ok) throw new Error('create')
    const victim = created.record
    await saveTeam({ productionId: 'prod-b', serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null }, database)

    // Production B's server sends a row with A's décor id, claiming production A.
    const forged = { ...victim, productionId: 'prod-a', name: 'Remplacé par un inconnu', updatedAt: '2030-01-01T00:00:00.000Z' }
    await applyPullPage('prod-b', page([{ entity: 'location', id: victim.id, data: forged, deleted: false, seq: 1, createdBy: 'hostile' }]), database)

    expect(await locations.get('prod-a', victim.id)).toEqual(victim)
    expect((await locations.list('prod-a')).map((row) => row.name)).toEqual(['Café des Deux Moulins'])
    // The row lands in B, whatever it said, and only there.
    expect(await locations.get('prod-b', victim.id)).toMatchObject({ productionId: 'prod-b', name: 'Remplacé par un inconnu', createdBy: 'hostile' })
    // A's edits still reach A's record only.
    await locations.update('prod-a', victim.id, { name: 'Café (vrai)' })
    expect((await locations.get('prod-b', victim.id))?.name).toBe('Remplacé par un inconnu')
    expect((await locations.get('prod-a', victim.id))?.name).toBe('Café (vrai)')
  })

  it('never lets a pulled production record stand for another production', async () => {
    const database = open()
    await createRepository('production', database).create('', { name: 'Le vrai film', kind: 'feature' }, 'prod-a')
    await saveTeam({ productionId: 'prod-b', serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null }, database)
    await applyPullPage('prod-b', page([{ entity: 'production', id: 'prod-a', data: { id: 'prod-a', productionId: 'prod-a', name: 'Squat' }, deleted: false, seq: 1 }]), database)
    expect(await database.records('production').count()).toBe(1)
    expect((await database.records('production').get(['prod-a', 'prod-a']))?.name).toBe('Le vrai film')
  })
})

describe('a phone upgraded from records keyed by id alone', () => {
  const name = `keys-upgrade-${Math.random().toString(36).slice(2)}`
  afterEach(() => Dexie.delete(name))

  it('copies every record of every production into the per-production tables and drops the old ones', async () => {
    const old = new Dexie(name)
    old.version(3).stores({ productions: 'id, productionId', locations: 'id, productionId, [productionId+status]', photos: 'id, productionId, ownerId' })
    const row = (id: string, productionId: string, extra: Record<string, unknown> = {}) => ({ id, productionId, createdAt: '', updatedAt: '', deletedAt: null, ...extra })
    await old.table('productions').bulkAdd([row('p1', 'p1', { name: 'Un' }), row('p2', 'p2', { name: 'Deux' })])
    await old.table('locations').bulkAdd([row('l1', 'p1', { name: 'Cave' }), row('l2', 'p2', { name: 'Quai', deletedAt: '2026-01-01' })])
    await old.table('photos').bulkAdd([row('ph1', 'p1', { ownerId: 'l1' })])
    old.close()

    const upgraded = new RegieDatabase(name)
    await upgraded.open()
    expect(upgraded.tables.map((table) => table.name)).not.toContain('locations')
    expect(await upgraded.records('production').count()).toBe(2)
    expect(await upgraded.records('location').get(['p1', 'l1'])).toMatchObject({ name: 'Cave' })
    expect(await upgraded.records('location').get(['p2', 'l2'])).toMatchObject({ name: 'Quai', deletedAt: '2026-01-01' })
    expect(await upgraded.records<BaseRecord & { ownerId: string }>('photo').where('[productionId+ownerId]').equals(['p1', 'l1']).count()).toBe(1)
    upgraded.close()
  })
})

describe('a production whose id is taken on the server', () => {
  it('moves whole to a fresh id: records, outbox, clock and upload queue, nothing left under the old id', async () => {
    const database = open()
    await createRepository('production', database).create('', { name: 'Court-métrage', kind: 'short' }, 'old-id')
    const created = await createRepository('location', database).create('old-id', decor)
    if (!created.ok) throw new Error('create')
    await commitChange({ op: 'patch', entity: 'production', productionId: 'old-id', id: 'old-id', fields: { notes: 'Tournage en mai' } }, database)
    await database.blobUploads.put({ productionId: 'old-id', sha256: 'a'.repeat(64), createdAt: '' })
    const state = await database.meta.get(clientStateKey('old-id'))

    expect(await productionOnPhone('old-id', database)).toEqual({ name: 'Court-métrage', linked: false })
    await renameProduction('old-id', 'new-id', database)

    expect(await productionOnPhone('old-id', database)).toBeNull()
    expect(await database.records('production').get(['new-id', 'new-id'])).toMatchObject({ id: 'new-id', productionId: 'new-id', name: 'Court-métrage', notes: 'Tournage en mai' })
    expect(await database.records('location').get(['new-id', created.record.id])).toMatchObject({ name: decor.name })
    const outbox = await database.outbox.orderBy('[productionId+mutationId]').toArray()
    expect(outbox.map((entry) => [entry.productionId, entry.mutationId, entry.name])).toEqual([
      ['new-id', 1, 'production.create'], ['new-id', 2, 'location.create'], ['new-id', 3, 'production.patch'],
    ])
    expect(outbox[0]!.args).toMatchObject({ record: { id: 'new-id', productionId: 'new-id' } })
    expect(outbox[1]!.args).toMatchObject({ record: { productionId: 'new-id' } })
    expect(outbox[2]!.args).toMatchObject({ id: 'new-id' })
    expect(await database.meta.get(clientStateKey('new-id'))).toEqual({ ...state, key: clientStateKey('new-id'), productionId: 'new-id' })
    expect(await database.blobUploads.toArray()).toEqual([{ productionId: 'new-id', sha256: 'a'.repeat(64), createdAt: '' }])
  })

  it('refuses to rename a production linked to a team', async () => {
    const database = open()
    await saveTeam({ productionId: 'linked', serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'owner', cursor: 0, lastSyncAt: null, lastError: null }, database)
    await expect(renameProduction('linked', 'other', database)).rejects.toThrow(/linked/)
    expect(await productionOnPhone('linked', database)).toEqual({ name: null, linked: true })
  })
})
