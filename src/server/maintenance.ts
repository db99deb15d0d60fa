/**
 * Housekeeping the server runs by itself (at start, then every few hours; idempotent, so several processes may run
 * it on one database):
 * - the trash: tombstones older than `limits.trashDays` lose their data (kept as a bare tombstone so every phone still
 *   learns of the deletion); the records quota is freed and the purge reaches phones as a change like any other.
 * - blobs: a production's reference to bytes that none of its records (live or in the trash) has named for
 *   `limits.blobGraceDays` is dropped, freeing its blob quota; bytes no production references any more are deleted
 *   on a later pass if still unreferenced then, so an upload racing the collector always finds its bytes.
 * Guarantee: a blob a record names is never collected, whatever the order of uploads and pushes.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import type { DiskBlobStore } from './blobs/diskBlobStore'
import type { ServerContext } from './context'
import type { Database } from './schema'

const DAY_MS = 86_400_000
/** Rows purged per transaction: short transactions keep pushes flowing meanwhile. */
const PURGE_BATCH = 500
/** Rows read per query while looking for blob references. */
const SCAN_BATCH = 1000
/** How long unreferenced bytes wait on disk before they are deleted: longer than any upload takes. */
export const ORPHAN_DELAY_MS = 60 * 60_000
export const MAINTENANCE_EVERY_MS = 6 * 60 * 60_000

const SHA256_IN_TEXT = /\b[0-9a-f]{64}\b/g

export interface MaintenanceReport {
  purged: number
  refsDropped: number
  filesDeleted: number
}

/** Purges tombstones past the trash delay; returns how many. */
export async function purgeTrash({ db, dialect, limits }: ServerContext, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - limits.trashDays * DAY_MS).toISOString()
  let purged = 0
  for (;;) {
    const due = await db.selectFrom('entities').select(['production_id', 'entity', 'id', 'data']).where('deleted', '=', 1).where('purged', '=', 0)
      .where('deleted_at', '<', cutoff).limit(PURGE_BATCH).execute()
    if (due.length === 0) return purged
    const byProduction = new Map<string, typeof due>()
    for (const row of due) byProduction.set(row.production_id, [...(byProduction.get(row.production_id) ?? []), row])
    for (const [productionId, rows] of byProduction) {
      purged += await db.transaction().execute(async (trx) => {
        const seq = await lockProduction(trx, dialect, productionId)
        let next = seq
        for (const row of rows) {
          const data = JSON.parse(row.data) as Record<string, unknown>
          const bare = { id: data.id ?? row.id, productionId, deletedAt: data.deletedAt ?? null, updatedAt: data.updatedAt ?? null }
          // Checked again under the lock: since the read above, a push may have restored the row (or deleted it
          // again, later), and another pass (another process) may have purged it already.
          const result = await trx.updateTable('entities').set({ data: JSON.stringify(bare), clocks: '{}', purged: 1, seq: next + 1 })
            .where('production_id', '=', productionId).where('entity', '=', row.entity).where('id', '=', row.id)
            .where('deleted', '=', 1).where('purged', '=', 0).where('deleted_at', '<', cutoff).executeTakeFirst()
          if (Number(result.numUpdatedRows) > 0) next++
        }
        if (next === seq) return 0
        await trx.updateTable('productions').set((eb) => ({ seq: next, record_count: eb('record_count', '-', next - seq) })).where('id', '=', productionId).execute()
        return next - seq
      })
    }
  }
}

/** Locks the production row (pushes wait for the purge, as for each other) and returns its seq. */
async function lockProduction(trx: Transaction<Database>, dialect: ServerContext['dialect'], productionId: string): Promise<number> {
  const query = trx.selectFrom('productions').select('seq').where('id', '=', productionId)
  const row = dialect === 'postgres' ? await query.forUpdate().executeTakeFirstOrThrow() : await query.executeTakeFirstOrThrow()
  return row.seq
}

/** Drops references no record names any more after the grace period, then deletes bytes orphaned long enough. */
export async function collectBlobs({ db, limits }: ServerContext, store: Pick<DiskBlobStore, 'remove'>, now = Date.now()): Promise<Omit<MaintenanceReport, 'purged'>> {
  const nowText = new Date(now).toISOString()
  const graceCutoff = new Date(now - limits.blobGraceDays * DAY_MS).toISOString()
  let refsDropped = 0
  const productions = await db.selectFrom('blob_refs').select('production_id').distinct().execute()
  for (const { production_id: productionId } of productions) {
    const named = await shaNamedBy(db, productionId)
    const refs = await db.selectFrom('blob_refs').select(['sha256', 'created_at', 'last_referenced_at']).where('production_id', '=', productionId).execute()
    const seen = refs.filter((ref) => named.has(ref.sha256)).map((ref) => ref.sha256)
    for (let start = 0; start < seen.length; start += SCAN_BATCH) {
      await db.updateTable('blob_refs').set({ last_referenced_at: nowText }).where('production_id', '=', productionId).where('sha256', 'in', seen.slice(start, start + SCAN_BATCH)).execute()
    }
    const stale = refs.filter((ref) => !named.has(ref.sha256) && (ref.last_referenced_at ?? ref.created_at) < graceCutoff).map((ref) => ref.sha256)
    for (const sha256 of stale) {
      const dropped = await db.deleteFrom('blob_refs').where('production_id', '=', productionId).where('sha256', '=', sha256)
        .where((eb) => eb(eb.fn.coalesce('last_referenced_at', 'created_at'), '<', graceCutoff)).executeTakeFirst()
      if (Number(dropped.numDeletedRows) === 0) continue
      refsDropped++
      const left = await db.selectFrom('blob_refs').select('sha256').where('sha256', '=', sha256).limit(1).executeTakeFirst()
      if (!left) await db.insertInto('blob_orphans').values({ sha256, since: nowText }).onConflict((conflict) => conflict.column('sha256').doNothing()).execute()
    }
  }
  return { refsDropped, filesDeleted: await deleteOrphans(db, store, now) }
}

/** Every SHA-256 the production's records name (live and in the trash), read in batches. */
async function shaNamedBy(db: Kysely<Database>, productionId: string): Promise<Set<string>> {
  const named = new Set<string>()
  let after = ''
  let afterEntity = ''
  for (;;) {
    const rows = await db.selectFrom('entities').select(['entity', 'id', 'data']).where('production_id', '=', productionId).where('purged', '=', 0)
      .where((eb) => eb.or([eb('entity', '>', afterEntity), eb.and([eb('entity', '=', afterEntity), eb('id', '>', after)])]))
      .orderBy('entity').orderBy('id').limit(SCAN_BATCH).execute()
    for (const row of rows) for (const match of row.data.matchAll(SHA256_IN_TEXT)) named.add(match[0])
    if (rows.length < SCAN_BATCH) return named
    afterEntity = rows.at(-1)!.entity
    after = rows.at(-1)!.id
  }
}

/** Deletes bytes orphaned for ORPHAN_DELAY_MS and still unreferenced; returns how many files. */
async function deleteOrphans(db: Kysely<Database>, store: Pick<DiskBlobStore, 'remove'>, now: number): Promise<number> {
  const due = await db.selectFrom('blob_orphans').select('sha256').where('since', '<', new Date(now - ORPHAN_DELAY_MS).toISOString()).execute()
  let deleted = 0
  for (const { sha256 } of due) {
    const referenced = await db.selectFrom('blob_refs').select('sha256').where('sha256', '=', sha256).limit(1).executeTakeFirst()
    await db.deleteFrom('blob_orphans').where('sha256', '=', sha256).execute()
    if (referenced) continue
    await store.remove(sha256)
    deleted++
  }
  return deleted
}

export async function runMaintenance(context: ServerContext, store: Pick<DiskBlobStore, 'remove'> | undefined, now = Date.now()): Promise<MaintenanceReport> {
  const purged = await purgeTrash(context, now)
  const blobs = store ? await collectBlobs(context, store, now) : { refsDropped: 0, filesDeleted: 0 }
  return { purged, ...blobs }
}

/** Runs maintenance soon after start, then every MAINTENANCE_EVERY_MS; returns the function that stops it. */
export function startMaintenance(context: ServerContext, store: Pick<DiskBlobStore, 'remove'> | undefined, log: FastifyBaseLogger): () => void {
  let running = false
  const run = () => {
    if (running) return
    running = true
    runMaintenance(context, store)
      .then((report) => {
        if (report.purged + report.refsDropped + report.filesDeleted > 0) log.info(report, 'maintenance: trash purged and blobs collected')
      })
      .catch((error: unknown) => log.error({ err: error }, 'maintenance failed'))
      .finally(() => {
        running = false
      })
  }
  const first = setTimeout(run, 60_000)
  const every = setInterval(run, MAINTENANCE_EVERY_MS)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
