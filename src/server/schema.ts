/**
 * Row types of the server database, as kysely sees them after the latest migration.
 * Integers (including bigint columns) are read as JavaScript numbers on both SQLite and PostgreSQL
 * (db.ts installs an int8 parser for pg); sequence numbers stay far below 2^53.
 */
import type { Generated } from 'kysely'

export interface ProductionTable {
  id: string
  name: string
  /** Per-production change counter: the pull cursor. Bumped inside every push transaction. */
  seq: Generated<number>
  created_at: string
}

export interface MutationLogTable {
  production_id: string
  client_id: string
  mutation_id: number
  name: string
  /** JSON text of the mutation arguments, as received. */
  args: string
  hlc: string
  status: string
  error: string | null
  received_at: string
}

export interface ClientTable {
  production_id: string
  client_id: string
  last_mutation_id: Generated<number>
}

export interface EntityTable {
  production_id: string
  entity: string
  id: string
  /** JSON text of the record. */
  data: string
  seq: number
  /** 1 for a tombstone, 0 otherwise (an integer so SQLite and PostgreSQL agree). */
  deleted: Generated<number>
  updated_at: string
}

export interface Database {
  productions: ProductionTable
  mutation_log: MutationLogTable
  clients: ClientTable
  entities: EntityTable
}
