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

/** Bytes written for nobody (an upload refused once on disk): left to the collector unless a production references them. */
export async function markOrphanUnlessReferenced(db: Kysely<Database>, sha256: string): Promise<void> {
  const referenced = await db.selectFrom('blob_refs').select('sha256').where('sha256', '=', sha256).limit(1).executeTakeFirst()
  if (referenced) return
  await db.insertInto('blob_orphans').values({ sha256, since: new Date().toISOString() }).onConflict((conflict) => conflict.column('sha256').doNothing()).execute()
}
