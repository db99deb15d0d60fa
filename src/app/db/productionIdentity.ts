/**
 * A production's id on this phone, which is never a credential (README, "Security"):
 * - `productionOnPhone` tells whether the phone already holds a production of that id (its records, or a link to a
 *   team server): joining an invite of that id is then refused, since it would merge two productions;
 * - `renameProduction` gives a production of this phone a fresh id when sharing finds its id taken on the server.
 *   Its records, outbox, kept changes, refusals, photos' upload queue and clock move to the new id in one
 *   transaction, so nothing is lost and nothing of it stays under the old id.
 */
import type { BaseRecord, EntityName } from '../../core/model'
import { ENTITY_TABLES } from '../../core/model/tables'
import type { MutationArgs, OutboxEntry } from '../../core/sync/mutations'
import { clientStateKey, db, type RegieDatabase } from './db'

export interface ProductionOnPhone {
  name: string | null
  /** Linked to a team server (joined or shared), not only kept on this phone. */
  linked: boolean
}

/** What the phone holds under this production id, or null when nothing. */
export async function productionOnPhone(productionId: string, database: RegieDatabase = db): Promise<ProductionOnPhone | null> {
  const [team, production, records] = await Promise.all([
    database.teams.get(productionId),
    database.records('production').get([productionId, productionId]),
    Promise.all(Object.values(ENTITY_TABLES).map((table) => database.table(table).where('productionId').equals(productionId).count())),
  ])
  if (!team && !production && records.every((count) => count === 0)) return null
  return { name: typeof production?.name === 'string' ? production.name : null, linked: team !== undefined }
}

/** The arguments of a change, moved to the new production id (a create's record, the production's own id). */
function movedArgs(entry: OutboxEntry, from: string, to: string): MutationArgs {
  const args = entry.args
  if ('record' in args) {
    const own = entry.name === 'production.create' && args.record.id === from
    return { record: { ...args.record, productionId: to, ...(own && { id: to }) } }
  }
  if (entry.name.startsWith('production.') && (args as { id?: string }).id === from) return { ...args, id: to } as MutationArgs
  return args
}

export async function renameProduction(from: string, to: string, database: RegieDatabase = db): Promise<void> {
  const recordTables = Object.values(ENTITY_TABLES).map((table) => database.table(table))
  await database.transaction('rw', [...recordTables, database.outbox, database.sent, database.rejections, database.meta, database.teams, database.blobs, database.blobUploads], async () => {
    if (await database.teams.get(from)) throw new Error(`Production ${from} is linked to a team server: its id cannot change`)
    for (const [entity, table] of Object.entries(ENTITY_TABLES) as [EntityName, string][]) {
      const rows = (await database.table(table).where('productionId').equals(from).toArray()) as BaseRecord[]
      await database.table(table).bulkDelete(rows.map((row) => [from, row.id]))
      await database.table(table).bulkPut(rows.map((row) => ({ ...row, productionId: to, ...(entity === 'production' && row.id === from && { id: to }) })))
    }
    const waiting = await database.outbox.where('productionId').equals(from).toArray()
    await database.outbox.bulkDelete(waiting.map((entry) => [from, entry.mutationId] as [string, number]))
    await database.outbox.bulkPut(waiting.map((entry) => ({ ...entry, productionId: to, args: movedArgs(entry, from, to) })))
    const sent = await database.sent.where('productionId').equals(from).toArray()
    await database.sent.bulkDelete(sent.map((entry) => [from, entry.mutationId] as [string, number]))
    await database.sent.bulkPut(sent.map((entry) => ({ ...entry, productionId: to, args: movedArgs(entry, from, to) })))
    const refusals = await database.rejections.where('productionId').equals(from).toArray()
    await database.rejections.bulkDelete(refusals.map((refusal) => [from, refusal.mutationId] as [string, number]))
    await database.rejections.bulkPut(refusals.map((refusal) => ({ ...refusal, productionId: to })))
    const state = await database.meta.get(clientStateKey(from))
    if (state) {
      await database.meta.delete(clientStateKey(from))
      await database.meta.put({ ...state, key: clientStateKey(to), productionId: to })
    }
    const uploads = await database.blobUploads.where('productionId').equals(from).toArray()
    await database.blobUploads.bulkDelete(uploads.map((upload) => [from, upload.sha256] as [string, string]))
    await database.blobUploads.bulkPut(uploads.map((upload) => ({ ...upload, productionId: to })))
    await database.blobs.where('[productionId+pending]').between([from, 0], [from, 1], true, true).modify({ productionId: to })
  })
}
