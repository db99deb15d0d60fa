/**
 * Reads a page of changes after a cursor, in one read snapshot: the rows whose seq is above the cursor in seq
 * order, the production's head, how far this client's pushes have been applied, and the client's refused
 * mutations with their reasons. Seq is assigned under the production row's lock, so a reader paging by seq
 * never skips a row committed late. Every refused mutation reaches its client: after `acked`, oldest first,
 * and lastMutationId stops before the first one a page could not list (the client acknowledges only what it
 * was told about, and pulls again for the rest).
 * The answer is built as JSON text: each row's stored `data` (JSON written by push) goes into it as it is,
 * never parsed and written again, so a page of a thousand rows costs little more than reading it. A page stops
 * before PULL_PAGE_BYTES of row data as well as at its row limit.
 * A cursor beyond the head, or an epoch other than the server's, means the server's database was restored from a
 * backup: the answer is a reset, and the phone pulls again from zero (DESIGN.md section 3).
 */
import type { PullResponse, ResetResponse, SyncRejection } from '../../core/sync/protocol'
import type { ServerContext } from '../context'

const REJECTIONS_SHOWN = 200
/** Rows are at most `limits.recordBytes` each: a page holds at least one, and never more data than this otherwise. */
export const PULL_PAGE_BYTES = 4 * 1024 * 1024

/** A page of changes as the JSON text of a PullResponse. */
export async function readPullJson(
  { db, dialect, epoch }: ServerContext,
  query: { productionId: string; clientId: string; cursor: number; limit: number; acked?: number | undefined; epoch?: string | undefined },
): Promise<string> {
  const transaction = dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction()
  return transaction.execute(async (trx) => {
    const production = await trx.selectFrom('productions').select('seq').where('id', '=', query.productionId).executeTakeFirstOrThrow()
    if ((query.epoch !== undefined && query.epoch !== epoch) || query.cursor > production.seq) {
      return JSON.stringify({ reset: true, epoch, head: production.seq } satisfies ResetResponse)
    }
    const rows = await trx
      .selectFrom('entities')
      .select(['entity', 'id', 'data', 'deleted', 'seq', 'created_by'])
      .where('production_id', '=', query.productionId)
      .where('seq', '>', query.cursor)
      .orderBy('seq')
      .limit(query.limit + 1)
      .execute()
    const page = pageWithin(rows, query.limit)
    const client = await trx.selectFrom('clients').select('last_mutation_id')
      .where('production_id', '=', query.productionId).where('client_id', '=', query.clientId).executeTakeFirst()
    const rejectedOf = trx.selectFrom('mutation_log').select(['mutation_id', 'name', 'error'])
      .where('production_id', '=', query.productionId).where('client_id', '=', query.clientId).where('status', '=', 'rejected')
    // Without `acked` (an app from before it), the latest refusals only.
    const refused = query.acked === undefined
      ? (await rejectedOf.orderBy('mutation_id', 'desc').limit(REJECTIONS_SHOWN).execute()).reverse()
      : await rejectedOf.where('mutation_id', '>', query.acked).orderBy('mutation_id').limit(REJECTIONS_SHOWN + 1).execute()
    const unlisted = refused.length > REJECTIONS_SHOWN ? refused[REJECTIONS_SHOWN]!.mutation_id : null
    const changes = page.map((row) =>
      `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"data":${row.data},"deleted":${row.deleted === 1},"seq":${Number(row.seq)},` +
      `"createdBy":${JSON.stringify(row.created_by)}}`)
    const rest: Omit<PullResponse, 'changes'> = {
      cursor: page.at(-1)?.seq ?? query.cursor,
      hasMore: rows.length > page.length || unlisted !== null,
      head: production.seq,
      lastMutationId: unlisted === null ? (client?.last_mutation_id ?? 0) : unlisted - 1,
      rejections: refused.slice(0, REJECTIONS_SHOWN).map((row): SyncRejection => {
        const error = JSON.parse(row.error ?? '{}') as { reason?: string; details?: Record<string, string> }
        return { mutationId: row.mutation_id, name: row.name, reason: error.reason ?? 'rejected', ...(error.details && { details: error.details }) }
      }),
      epoch,
    }
    return `{"changes":[${changes.join(',')}],${JSON.stringify(rest).slice(1)}`
  })
}

/** The first `limit` rows, fewer when their data would pass PULL_PAGE_BYTES (always at least one). */
function pageWithin<T extends { data: string }>(rows: T[], limit: number): T[] {
  let bytes = 0
  for (let index = 0; index < Math.min(rows.length, limit); index++) {
    bytes += rows[index]!.data.length
    if (bytes > PULL_PAGE_BYTES && index > 0) return rows.slice(0, index)
  }
  return rows.slice(0, limit)
}
