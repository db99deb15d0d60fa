/**
 * The trash of a production on this phone: its records deleted within the server's trash delay (TRASH_DAYS), newest
 * first, read from the tombstones index alone. A record in it is taken back out by a `<entity>.restore` change
 * (repository.restore), which syncs like any other; after the delay the server purges it and refuses a restore.
 */
import type { BaseRecord, EntityName } from '../../core/model'
import { ENTITY_TABLES } from '../../core/model/tables'
import { db, liveQuery, type RegieDatabase } from './db'

/** The server's default (REGIE_TRASH_DAYS): past this, a deleted record may be purged and cannot come back. */
export const TRASH_DAYS = 30

export interface TrashedRecord {
  entity: EntityName
  record: BaseRecord
  /** Until when it can be restored. */
  restorableUntil: string
}

export async function trashOf(productionId: string, now = Date.now(), database: RegieDatabase = db): Promise<TrashedRecord[]> {
  const since = new Date(now - TRASH_DAYS * 86_400_000).toISOString()
  const found: TrashedRecord[] = []
  for (const [entity, table] of Object.entries(ENTITY_TABLES) as [EntityName, string][]) {
    if (entity === 'production') continue
    const rows = (await database.table(table).where('[productionId+deletedAt]').between([productionId, since], [productionId, '\uffff']).toArray()) as BaseRecord[]
    for (const record of rows) {
      const restorableUntil = new Date(Date.parse(record.deletedAt!) + TRASH_DAYS * 86_400_000).toISOString()
      found.push({ entity, record, restorableUntil })
    }
  }
  return found.sort((a, b) => b.record.deletedAt!.localeCompare(a.record.deletedAt!))
}

export function liveTrash(productionId: string, database: RegieDatabase = db) {
  return liveQuery(() => trashOf(productionId, Date.now(), database))
}
