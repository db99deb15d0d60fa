/**
 * The storage the sync protocol needs (DESIGN.md section 3): productions with their change counter, the forensic
 * mutation log, each client's last applied mutation id, and the entity rows that pulls read by seq.
 * Written only with the kysely schema builder so the same code creates the same tables on SQLite and PostgreSQL.
 * Every table is keyed by production_id first, so PostgreSQL can later be distributed by it (Citus) unchanged.
 */
import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was when they were written, not today's `Database` type.
type AnyDb = Kysely<unknown>

export const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('productions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute()

    await db.schema
      .createTable('mutation_log')
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('mutation_id', 'bigint', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('args', 'text', (col) => col.notNull())
      .addColumn('hlc', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('received_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('mutation_log_pk', ['production_id', 'client_id', 'mutation_id'])
      .execute()

    await db.schema
      .createTable('clients')
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('client_id', 'text', (col) => col.notNull())
      .addColumn('last_mutation_id', 'bigint', (col) => col.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('clients_pk', ['production_id', 'client_id'])
      .execute()

    await db.schema
      .createTable('entities')
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('entity', 'text', (col) => col.notNull())
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('entities_pk', ['production_id', 'entity', 'id'])
      .execute()

    // A pull reads one production's rows in seq order from a cursor.
    await db.schema.createIndex('entities_production_seq').on('entities').columns(['production_id', 'seq']).execute()
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('entities').execute()
    await db.schema.dropTable('clients').execute()
    await db.schema.dropTable('mutation_log').execute()
    await db.schema.dropTable('productions').execute()
  },
}
