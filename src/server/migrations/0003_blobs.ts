/**
 * Blob references: which production may read which content-addressed bytes. The bytes live once on disk
 * (blobs/ab/cd/<sha256>) whatever the number of productions holding them; access goes only through this table,
 * so a production never learns that another one holds the same file.
 */
import type { Kysely, Migration } from 'kysely'

// Migrations see the schema as it was when they were written, not today's `Database` type.
type AnyDb = Kysely<unknown>

export const blobs: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('blob_refs')
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('mime', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('blob_refs_pk', ['production_id', 'sha256'])
      .execute()
    // Finds every production holding a file: what a future garbage collector needs before deleting bytes.
    await db.schema.createIndex('blob_refs_sha256').on('blob_refs').column('sha256').execute()
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('blob_refs').execute()
  },
}
