/**
 * Team sync: members with roles, device sessions and invites (tokens and codes stored as SHA-256 hashes only),
 * the per-field clocks of each entity row and who created it (trainees may edit only their own records),
 * the production kind (trainees write freely in exercise productions) and which member owns a clientId.
 */
import type { Kysely, Migration } from 'kysely'

type AnyDb = Kysely<unknown>

export const teamSync: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('productions').addColumn('kind', 'text', (col) => col.notNull().defaultTo('feature')).execute()
    await db.schema.alterTable('entities').addColumn('clocks', 'text', (col) => col.notNull().defaultTo('{}')).execute()
    await db.schema.alterTable('entities').addColumn('created_by', 'text').execute()
    await db.schema.alterTable('clients').addColumn('member_id', 'text').execute()

    await db.schema
      .createTable('members')
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('members_pk', ['production_id', 'id'])
      .execute()

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('id', 'text', (col) => col.notNull().unique())
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('member_id', 'text', (col) => col.notNull())
      .addColumn('label', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema.createIndex('sessions_member').on('sessions').columns(['production_id', 'member_id']).execute()

    await db.schema
      .createTable('invites')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('production_id', 'text', (col) => col.notNull().references('productions.id').onDelete('cascade'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('invites').execute()
    await db.schema.dropTable('sessions').execute()
    await db.schema.dropTable('members').execute()
    await db.schema.alterTable('clients').dropColumn('member_id').execute()
    await db.schema.alterTable('entities').dropColumn('created_by').execute()
    await db.schema.alterTable('entities').dropColumn('clocks').execute()
    await db.schema.alterTable('productions').dropColumn('kind').execute()
  },
}
