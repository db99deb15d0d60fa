/** What every route of the server is given: the database, its dialect and the quotas and delays in force. */
import type { Kysely } from 'kysely'
import type { ServerLimits } from './config'
import type { DialectName } from './db'
import type { Database } from './schema'

export interface ServerContext {
  db: Kysely<Database>
  dialect: DialectName
  limits: ServerLimits
  /** The server's epoch, read at start (it changes only while the server is stopped, by the restore step). */
  epoch: string
}
