/**
 * Which production may read which blob (table blob_refs). Every read goes through a reference of the caller's
 * own production, so the shared bytes on disk never reveal that another production holds the same file. The bytes a
 * production references count against its blob quota (limits.blobBytesPerProduction).
 */
import type { Insertable, Kysely, Selectable } from 'kysely'
import type { BlobRefTable, Database } from '../schema'

export function findBlobRef(db: Kysely<Database>, productionId: string, sha256: string): Promise<Selectable<BlobRefTable> | undefined> {
  return db.selectFrom('blob_refs').selectAll().where('production_id', '=', productionId).where('sha256', '=', sha256).executeTakeFirst()
}

/** Adds the reference unless it exists; true when it was new. Two identical uploads racing both end here safely. */
export async function addBlobRef(db: Kysely<Database>, ref: Insertable<BlobRefTable>): Promise<boolean> {
  const result = await db.insertInto('blob_refs').values(ref)
    .onConflict((conflict) => conflict.columns(['production_id', 'sha256']).doNothing())
    .executeTakeFirst()
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false
  // Bytes referenced again are no orphan any more: the collector must not delete them.
  await db.deleteFrom('blob_orphans').where('sha256', '=', ref.sha256).execute()
  return true
}

/** The bytes a production's references add up to: what its blob quota counts. */
export async function blobBytesOf(db: Kysely<Database>, productionId: string): Promise<number> {
  const row = await db.selectFrom('blob_refs').select((eb) => eb.fn.sum<number | string | null>('size').as('bytes'))
    .where('production_id', '=', productionId).executeTakeFirst()
  return Number(row?.bytes ?? 0)
}
