import { Migrator } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { migrateToLatest, migrations } from './index'

function historyMigrationSuite(createStore: CreateTestStore) {
  let store: TestStore
  beforeEach(async () => {
    store = await createStore()
  })
  afterEach(async () => {
    await store.drop()
  })

  it('names the record of every mutation logged before it, and leaves unreadable ones without', async () => {
    const { db } = store.open()
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    expect((await before.migrateTo('0003_blobs')).error).toBeUndefined()
    await db.insertInto('productions').values({ id: 'p1', name: 'Le Film', created_at: '2026-01-05T08:00:00Z' }).execute()
    const logged = (mutationId: number, name: string, args: string) => ({
      production_id: 'p1', client_id: 'c1', mutation_id: mutationId, name, args, hlc: '001767600000000:00000:c1', status: 'applied', error: null,
      received_at: '2026-01-05T08:00:00Z',
    })
    // Inserted as the old schema knew the table: without the new columns.
    await db.insertInto('mutation_log').values([
      logged(1, 'location.create', JSON.stringify({ record: { id: 'l1', productionId: 'p1' } })),
      logged(2, 'location.patch', JSON.stringify({ id: 'l1', fields: { name: 'Cave' } })),
      logged(3, 'location.patch', 'not json'),
      logged(4, 'nonsense', JSON.stringify({ id: 'l1' })),
      logged(5, 'permit.transition', JSON.stringify({ id: 'x'.repeat(65), from: 'draft', to: 'sent' })),
    ]).execute()

    expect(await migrateToLatest(db)).toEqual(['0004_history', '0005_trust'])
    const rows = await db.selectFrom('mutation_log').select(['mutation_id', 'entity', 'record_id', 'merge_hlc']).orderBy('mutation_id').execute()
    expect(rows).toEqual([
      { mutation_id: 1, entity: 'location', record_id: 'l1', merge_hlc: null },
      { mutation_id: 2, entity: 'location', record_id: 'l1', merge_hlc: null },
      { mutation_id: 3, entity: null, record_id: null, merge_hlc: null },
      { mutation_id: 4, entity: null, record_id: null, merge_hlc: null },
      { mutation_id: 5, entity: null, record_id: null, merge_hlc: null },
    ])
  })

  // 2,500 single-row updates, each committed with an fsync (synchronous = FULL): seconds on a slow disk.
  it('goes through a long log in batches', async () => {
    const { db } = store.open()
    const before = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    expect((await before.migrateTo('0003_blobs')).error).toBeUndefined()
    await db.insertInto('productions').values({ id: 'p1', name: 'Le Film', created_at: '2026-01-05T08:00:00Z' }).execute()
    const rows = Array.from({ length: 2500 }, (_, index) => ({
      production_id: 'p1', client_id: `c${index % 3}`, mutation_id: index + 1, name: 'location.patch', args: JSON.stringify({ id: `l${index}`, fields: {} }),
      hlc: '001767600000000:00000:c1', status: 'applied', error: null, received_at: '2026-01-05T08:00:00Z',
    }))
    for (let start = 0; start < rows.length; start += 500) await db.insertInto('mutation_log').values(rows.slice(start, start + 500)).execute()

    await migrateToLatest(db)
    const named = await db.selectFrom('mutation_log').select(['mutation_id', 'record_id']).where('record_id', 'is not', null).execute()
    expect(named).toHaveLength(2500)
    expect(named.every((row) => row.record_id === `l${row.mutation_id - 1}`)).toBe(true)
  }, 30_000)
}

describe('history migration on SQLite', () => {
  historyMigrationSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('history migration on PostgreSQL', () => {
  historyMigrationSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
