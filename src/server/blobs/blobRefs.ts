/**
 * Which production may read which blob (table blob_refs). Every read goes through a reference of the caller's
 * own production, so the shared bytes on disk never reveal that another production holds the same file.
 */
import type { Kysely } from 'kysely'
import type { BlobRefTable, Database } from '../schema'

export function findBlobRef(db: Kysely<Database>, productionId: string, sha256: string): Promise<BlobRefTable | undefined> {
  return db.selectFrom('blob_refs').selectAll().where('production_id', '=', productionId).where('sha256', '=', sha256).executeTakeFirst()
}

/** Adds the reference unless it exists; true when it was new. Two identical uploads racing both end here safely. */
export async function addBlobRef(db: Kysely<Database>, ref: BlobRefTable): Promise<boolean> {
  const result = await db.insertInto('blob_refs').values(ref)
    .onConflict((conflict) => conflict.columns(['production_id', 'sha256']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}
