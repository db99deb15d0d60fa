import { Migrator } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { migrateToLatest, migrations } from './index'

function trustMigrationSuite(createStore: CreateTestStore) {
  let store: TestStore
  beforeEach(async () => {
    store = await createStore()
  })
  afterEach(async () => {
    await store.drop()
  })

  it('counts the records kept, dates old tombstones, makes old invites single-use and the server an epoch', async () => {
    const { db } = store.open()
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    expect((await before.migrateTo('0004_history')).error).toBeUndefined()
    const at = '2026-01-05T08:00:00Z'
    await db.insertInto('productions').values([{ id: 'p1', name: 'Le Film', created_at: at }, { id: 'p2', name: 'Vide', created_at: at }]).execute()
    const row = (id: string, deleted: number) => ({ production_id: 'p1', entity: 'location', id, data: '{}', seq: 1, updated_at: at, deleted })
    await db.insertInto('entities').values([row('l1', 0), row('l2', 1), row('l3', 0)]).execute()
    // As the old schema knew invites: reusable, without an id.
    await db.insertInto('invites').values({ code_hash: 'h1', production_id: 'p1', role: 'member', created_by: 'm1', created_at: at, expires_at: '2099-01-01T00:00:00Z' } as never).execute()

    expect(await migrateToLatest(db)).toEqual(['0005_trust'])
    expect(await db.selectFrom('productions').select(['id', 'record_count', 'recovery_hash']).orderBy('id').execute()).toEqual([
      { id: 'p1', record_count: 3, recovery_hash: null }, { id: 'p2', record_count: 0, recovery_hash: null },
    ])
    expect(await db.selectFrom('entities').select(['id', 'deleted_at', 'purged']).orderBy('id').execute()).toEqual([
      { id: 'l1', deleted_at: null, purged: 0 }, { id: 'l2', deleted_at: at, purged: 0 }, { id: 'l3', deleted_at: null, purged: 0 },
    ])
    expect(await db.selectFrom('invites').select(['max_uses', 'uses', 'member_id']).execute()).toEqual([{ max_uses: 1, uses: 0, member_id: null }])
    expect((await db.selectFrom('invites').select('id').executeTakeFirstOrThrow()).id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect((await db.selectFrom('server_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })
}

describe('trust migration on SQLite', () => {
  trustMigrationSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('trust migration on PostgreSQL', () => {
  trustMigrationSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
