/** Read access to the outbox for the Synchronisation screen. Entries are removed only by the sync loop. */
import type { OutboxEntry } from '../../core/sync/mutations'
import { db, liveQuery, type RegieDatabase } from './db'

export function liveOutboxCount(database: RegieDatabase = db) {
  return liveQuery(() => database.outbox.count())
}

export function liveOutboxEntries(limit = 200, database: RegieDatabase = db) {
  return liveQuery<OutboxEntry[]>(() => database.outbox.orderBy('createdAt').reverse().limit(limit).toArray())
}

