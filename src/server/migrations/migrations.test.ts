import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { migrateToLatest } from './index'

const SYNC_TABLES = ['blob_orphans', 'blob_refs', 'clients', 'entities', 'invites', 'members', 'mutation_log', 'productions', 'server_meta', 'sessions']

function migrationSuite(createStore: CreateTestStore) {
  let store: TestStore
  beforeEach(async () => {
    store = await createStore()
  })
  afterEach(async () => {
    await store.drop()
  })

  it('creates the sync tables with their keys', async () => {
    const { db } = store.open()
    expect(await migrateToLatest(db)).toEqual(['0001_initial', '0002_team_sync', '0003_blobs', '0004_history', '0005_trust'])

    const tables = await db.introspection.getTables()
    const names = tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'))
    expect(names.sort()).toEqual(SYNC_TABLES)
    const entities = tables.find((table) => table.name === 'entities')
    expect(entities?.columns.map((column) => column.name).sort()).toEqual(
      ['clocks', 'created_by', 'data', 'deleted', 'deleted_at', 'entity', 'id', 'production_id', 'purged', 'seq', 'updated_at'],
    )

    await db.insertInto('productions').values({ id: 'p1', name: 'Le Film', created_at: '2026-01-05T08:00:00Z' }).execute()
    const bumped = await db
      .updateTable('productions')
      .set({ seq: sql`seq + 1` })
      .where('id', '=', 'p1')
      .returning('seq')
      .executeTakeFirstOrThrow()
    // bigint columns read as numbers on both databases.
    expect(bumped.seq).toBe(1)

    const entity = { production_id: 'p1', entity: 'location', id: 'l1', data: '{}', seq: 1, updated_at: '2026-01-05T08:00:00Z' }
    await db.insertInto('entities').values(entity).execute()
    const stored = await db.selectFrom('entities').selectAll().executeTakeFirstOrThrow()
    expect(stored.deleted).toBe(0)
    await expect(db.insertInto('entities').values(entity).execute()).rejects.toThrow()
    // Rows of a production that does not exist are refused (SQLite needs foreign_keys=ON for this).
    await expect(db.insertInto('entities').values({ ...entity, production_id: 'nope' }).execute()).rejects.toThrow()
  })

  it('is a no-op when run again, also after a restart', async () => {
    const first = store.open()
    await migrateToLatest(first.db)
    await first.db.insertInto('productions').values({ id: 'p1', name: 'Le Film', created_at: '2026-01-05T08:00:00Z' }).execute()
    expect(await migrateToLatest(first.db)).toEqual([])
    await first.db.destroy()

    const restarted = store.open()
    expect(await migrateToLatest(restarted.db)).toEqual([])
    expect(await restarted.db.selectFrom('productions').select('name').execute()).toEqual([{ name: 'Le Film' }])
  })
}

describe('migrations on SQLite', () => {
  migrationSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  migrationSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
