/**
 * Trust: what keeps strangers out and members from breaking a production (README, "Security").
 * - `server_meta`: the server's epoch (made here, when the database is created or upgraded, and changed by the
 *   documented restore step), so phones notice a database restored from a backup and pull it again.
 * - productions: the recovery code's hash (gives back an owner session from any device) and the count of records
 *   stored (live and in the trash), kept with every push so a quota check reads one number.
 * - invites: an id to list and revoke them by (the code's hash is never shown), uses allowed / made, and the member
 *   a device link signs in again (null for an invite of a new person).
 * - sessions: the session a rotated one replaces (revoked once the new token is first used).
 * - entities: when a tombstone was made (the trash keeps it restorable for 30 days) and whether its data was purged.
 * - blob_refs: when a record last referenced the blob (unreferenced blobs are collected after a grace period), and
 *   blob_orphans: bytes no production references any more, deleted on a later pass.
 * Invites made before this migration could be used any number of times: they become single-use.
 */
import { randomBytes } from 'node:crypto'
import { sql, type Kysely, type Migration } from 'kysely'

// Migrations see the schema as it was when they were written, not today's `Database` type.
type AnyDb = Kysely<unknown>

interface TrustSchema {
  server_meta: { key: string; value: string }
  invites: { code_hash: string; id: string | null }
}

export const trust: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('server_meta')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .execute()
    await (db as Kysely<TrustSchema>).insertInto('server_meta').values({ key: 'epoch', value: randomBytes(12).toString('base64url') }).execute()

    await db.schema.alterTable('productions').addColumn('recovery_hash', 'text').execute()
    await db.schema.alterTable('productions').addColumn('record_count', 'bigint', (col) => col.notNull().defaultTo(0)).execute()
    await sql`update productions set record_count = (select count(*) from entities where entities.production_id = productions.id)`.execute(db)
    // Recovery finds its production by the code's hash alone.
    await db.schema.createIndex('productions_recovery').on('productions').column('recovery_hash').execute()

    await db.schema.alterTable('invites').addColumn('id', 'text').execute()
    await db.schema.alterTable('invites').addColumn('max_uses', 'integer', (col) => col.notNull().defaultTo(1)).execute()
    await db.schema.alterTable('invites').addColumn('uses', 'integer', (col) => col.notNull().defaultTo(0)).execute()
    // A device link: accepting it signs in one more device of this member instead of adding a person.
    await db.schema.alterTable('invites').addColumn('member_id', 'text').execute()
    const invites = await (db as Kysely<TrustSchema>).selectFrom('invites').select('code_hash').execute()
    for (const invite of invites) {
      await (db as Kysely<TrustSchema>).updateTable('invites').set({ id: randomBytes(12).toString('base64url') }).where('code_hash', '=', invite.code_hash).execute()
    }
    await db.schema.createIndex('invites_id').on('invites').column('id').unique().execute()
    await db.schema.createIndex('invites_production').on('invites').column('production_id').execute()

    await db.schema.alterTable('sessions').addColumn('replaces', 'text').execute()

    await db.schema.alterTable('entities').addColumn('deleted_at', 'text').execute()
    await db.schema.alterTable('entities').addColumn('purged', 'integer', (col) => col.notNull().defaultTo(0)).execute()
    await sql`update entities set deleted_at = updated_at where deleted = 1`.execute(db)
    // The trash purge looks for old tombstones still holding their data.
    await db.schema.createIndex('entities_trash').on('entities').columns(['deleted', 'purged', 'deleted_at']).execute()

    await db.schema.alterTable('blob_refs').addColumn('last_referenced_at', 'text').execute()
    // Bytes no production references any more, and since when: deleted by a later pass if still unreferenced then,
    // so an upload racing the collector always finds its bytes.
    await db.schema
      .createTable('blob_orphans')
      .addColumn('sha256', 'text', (col) => col.primaryKey())
      .addColumn('since', 'text', (col) => col.notNull())
      .execute()
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('blob_orphans').execute()
    await db.schema.alterTable('blob_refs').dropColumn('last_referenced_at').execute()
    await db.schema.dropIndex('entities_trash').execute()
    await db.schema.alterTable('entities').dropColumn('purged').execute()
    await db.schema.alterTable('entities').dropColumn('deleted_at').execute()
    await db.schema.alterTable('sessions').dropColumn('replaces').execute()
    await db.schema.dropIndex('invites_production').execute()
    await db.schema.dropIndex('invites_id').execute()
    await db.schema.alterTable('invites').dropColumn('member_id').execute()
    await db.schema.alterTable('invites').dropColumn('uses').execute()
    await db.schema.alterTable('invites').dropColumn('max_uses').execute()
    await db.schema.alterTable('invites').dropColumn('id').execute()
    await db.schema.dropIndex('productions_recovery').execute()
    await db.schema.alterTable('productions').dropColumn('record_count').execute()
    await db.schema.alterTable('productions').dropColumn('recovery_hash').execute()
    await db.schema.dropTable('server_meta').execute()
  },
}
