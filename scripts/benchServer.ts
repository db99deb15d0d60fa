/**
 * Server figures for `npm run bench`: one push of 1,000 mutations, then pulling 50,000 rows in pages of 1,000,
 * on SQLite (and on PostgreSQL when BENCH_DATABASE_URL is set). Runs the real routes in process (fastify inject).
 */
import os from 'node:os'
import path from 'node:path'
import { encodeHlc } from '../src/core/sync/hlc'
import { newId } from '../src/core/sync/ids'
import { buildServer } from '../src/server/app'
import { migrateToLatest } from '../src/server/migrations'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore } from '../src/server/testDatabases'

async function bench(label: string, createStore: CreateTestStore) {
  const store = await createStore()
  const { db, dialect } = store.open()
  await migrateToLatest(db)
  const app = await buildServer({ db, dialect, distDir: path.join(os.tmpdir(), 'regie-no-dist') })
  try {
    const created = (await app.inject({ method: 'POST', url: '/api/v1/productions', payload: { name: 'Bench' } })).json()
    const headers = { authorization: `Bearer ${created.token}` }
    const clientId = newId()
    let mutationId = 0
    const batch = () =>
      Array.from({ length: 1000 }, () => {
        mutationId++
        const record = { id: newId(), productionId: created.productionId, name: `Décor ${mutationId}`, intExt: 'INT', setting: 'natural', status: 'toScout' }
        return { mutationId, name: 'location.create', args: { record }, hlc: encodeHlc({ millis: Date.now() - 1000, counter: mutationId, node: clientId }) }
      })
    const push = (mutations: unknown[]) =>
      app.inject({ method: 'POST', url: `/api/v1/productions/${created.productionId}/push`, headers, payload: { clientId, schemaVersion: 1, mutations } })

    const first = batch()
    const t0 = performance.now()
    const response = await push(first)
    const pushMs = performance.now() - t0
    if (response.json().applied !== 1000) throw new Error(`push applied ${response.body}`)
    console.log(`server ${label}: push of 1,000 mutations in one request: ${pushMs.toFixed(1)} ms`)

    for (let i = 1; i < 50; i++) await push(batch())
    const t1 = performance.now()
    let cursor = 0
    let rows = 0
    for (;;) {
      const page = (await app.inject({ method: 'GET', url: `/api/v1/productions/${created.productionId}/pull?clientId=${clientId}&cursor=${cursor}&limit=1000`, headers })).json()
      rows += page.changes.length
      cursor = page.cursor
      if (!page.hasMore) break
    }
    console.log(`server ${label}: pull of ${rows.toLocaleString('en')} rows (pages of 1,000): ${(performance.now() - t1).toFixed(1)} ms`)
  } finally {
    await app.close()
    await store.drop()
  }
}

await bench('SQLite', createSqliteStore)
if (process.env.BENCH_DATABASE_URL) await bench('PostgreSQL', postgresStoreFactory(process.env.BENCH_DATABASE_URL))
else console.log('server PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://... to measure it)')
