// A change still waiting on the phone is put back on top of the row a pull brings: a restore waiting must show the
// record restored, never deleted.
import { describe, expect, it } from 'vitest'
import type { PullResponse } from '../../core/sync/protocol'
import type { RegieDatabase } from './db'
import { createRepository } from './repository'
import { applyPullPage } from './syncStore'
import { useTestDatabases } from './testDatabases'

const open = useTestDatabases()
const decor = { name: 'Café des Deux Moulins', intExt: 'INT', setting: 'natural', status: 'toScout' }

/** A décor created, deleted and restored on this phone, none of it acknowledged yet. */
async function restoredHere(database: RegieDatabase) {
  const locations = createRepository('location', database)
  const created = await locations.create('prod-1', decor)
  if (!created.ok) throw new Error('create')
  await locations.remove('prod-1', created.record.id)
  await locations.restore('prod-1', created.record.id)
  const outbox = await database.outbox.where('productionId').equals('prod-1').sortBy('mutationId')
  expect(outbox.map((entry) => entry.name)).toEqual(['location.create', 'location.delete', 'location.restore'])
  return { locations, record: created.record, outbox }
}

describe('a pull on top of a waiting restore', () => {
  it('keeps the record restored while its restore waits to be acknowledged', async () => {
    const database = open()
    const { locations, record, outbox } = await restoredHere(database)
    // The server has the create and the delete (acknowledged up to the delete), not yet the restore.
    const page: PullResponse = {
      changes: [{ entity: 'location', id: record.id, data: { ...record, deletedAt: new Date().toISOString() }, deleted: true, seq: 2 }],
      cursor: 2, hasMore: false, head: 2, lastMutationId: outbox[1]!.mutationId, rejections: [],
    }
    await applyPullPage('prod-1', page, database)
    expect(await locations.get('prod-1', record.id)).toMatchObject({ name: 'Café des Deux Moulins', deletedAt: null })
  })

  it('keeps it restored when a teammate changed it meanwhile, the whole stream still waiting', async () => {
    const database = open()
    const { locations, record } = await restoredHere(database)
    // A teammate's copy of the same id (created on both phones), live, with a note of theirs.
    const page: PullResponse = {
      changes: [{ entity: 'location', id: record.id, data: { ...record, notes: 'Code 4512' }, deleted: false, seq: 1 }],
      cursor: 1, hasMore: false, head: 1, lastMutationId: 0, rejections: [],
    }
    await applyPullPage('prod-1', page, database)
    expect(await locations.get('prod-1', record.id)).toMatchObject({ notes: 'Code 4512', deletedAt: null })
  })
})
