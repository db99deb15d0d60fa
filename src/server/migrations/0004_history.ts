/**
 * Record history: each logged mutation names the record it touched (`entity`, `record_id`) and keeps the clock it
 * was merged with (`merge_hlc`, after clamping), so a record's history is one indexed read and each value can be
 * told current or overwritten by comparing that clock with the field's clock in `entities.clocks`.
 * Rows logged before this migration get their record from their name and arguments; their merge clock is unknown
 * (null), the history then falls back to the clock the device sent.
 */
import { sql, type Kysely, type Migration } from 'kysely'

// Migrations see the schema as it was when they were written, not today's `Database` type.
type AnyDb = Kysely<unknown>

/** The log as this migration leaves it. */
interface LogSchema {
  mutation_log: {
    production_id: string
    client_id: string
    mutation_id: number
    name: string
    args: string
    entity: string | null
    record_id: string | null
    merge_hlc: string | null
  }
}

const BACKFILL_BATCH = 1000

export const history: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('mutation_log').addColumn('entity', 'text').execute()
    await db.schema.alterTable('mutation_log').addColumn('record_id', 'text').execute()
    await db.schema.alterTable('mutation_log').addColumn('merge_hlc', 'text').execute()
    await backfillRecords(db as Kysely<LogSchema>)
    await db.schema.createIndex('mutation_log_record').on('mutation_log').columns(['production_id', 'entity', 'record_id']).execute()
  },

  async down(db: AnyDb) {
    await db.schema.dropIndex('mutation_log_record').execute()
    await db.schema.alterTable('mutation_log').dropColumn('merge_hlc').execute()
    await db.schema.alterTable('mutation_log').dropColumn('record_id').execute()
    await db.schema.alterTable('mutation_log').dropColumn('entity').execute()
  },
}

type LoggedRow = Pick<LogSchema['mutation_log'], 'production_id' | 'client_id' | 'mutation_id' | 'name' | 'args'>

/** Walks the log in key order, in batches, so a long log never sits in memory at once. */
async function backfillRecords(db: Kysely<LogSchema>): Promise<void> {
  let after: LoggedRow | undefined
  for (;;) {
    let query = db.selectFrom('mutation_log').select(['production_id', 'client_id', 'mutation_id', 'name', 'args'])
    if (after) {
      const key = after
      query = query.where(sql<boolean>`(production_id, client_id, mutation_id) > (${key.production_id}, ${key.client_id}, ${key.mutation_id})`)
    }
    const rows: LoggedRow[] = await query.orderBy('production_id').orderBy('client_id').orderBy('mutation_id').limit(BACKFILL_BATCH).execute()
    for (const row of rows) {
      const record = recordOf(row.name, row.args)
      if (!record) continue
      await db.updateTable('mutation_log').set({ entity: record.entity, record_id: record.id })
        .where('production_id', '=', row.production_id).where('client_id', '=', row.client_id).where('mutation_id', '=', row.mutation_id).execute()
    }
    if (rows.length < BACKFILL_BATCH) return
    after = rows.at(-1)
  }
}

/** `location.patch` with `{id}` or `{record: {id}}` → the record; anything unreadable → null (the row keeps no record). */
function recordOf(name: string, argsJson: string): { entity: string; id: string } | null {
  const match = /^([A-Za-z]+)\.[A-Za-z]+$/.exec(name)
  if (!match) return null
  let args: unknown
  try {
    args = JSON.parse(argsJson)
  } catch {
    return null
  }
  const holder = args as { id?: unknown; record?: { id?: unknown } } | null
  const id = holder?.record?.id ?? holder?.id
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? { entity: match[1]!, id } : null
}
