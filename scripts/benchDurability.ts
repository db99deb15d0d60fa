/**
 * The cost of SQLite's `synchronous = FULL` (the server's setting, src/server/db.ts), for `npm run bench`: pushes of
 * one change (a phone syncing each edit) and of 1,000, through the real push route, with FULL and with NORMAL
 * (better-sqlite3's default in WAL mode, which may lose the last commits on a power cut). Prints figures only.
 */
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { encodeHlc } from '../src/core/sync/hlc'
import { newId } from '../src/core/sync/ids'
import { buildServer } from '../src/server/app'
import { migrateToLatest } from '../src/server/migrations'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../src/server/testAccessCode'
import { createSqliteStore } from '../src/server/testDatabases'

const SINGLES = 200
const BATCHES = 10
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function measure(synchronous: 'FULL' | 'NORMAL') {
  const store = await createSqliteStore()
  const { db, dialect } = store.open()
  await migrateToLatest(db)
  await sql.raw(`pragma synchronous = ${synchronous}`).execute(db)
  const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: path.join(os.tmpdir(), 'regie-no-dist') })
  try {
    const created = (await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Bench' } })).json() as { productionId: string; token: string }
    const headers = { authorization: `Bearer ${created.token}` }
    const clientId = newId()
    let mutationId = 0
    const push = async (count: number) => {
      const mutations = Array.from({ length: count }, () => {
        mutationId++
        const record = { id: newId(), productionId: created.productionId, name: `Décor ${mutationId}`, intExt: 'INT', setting: 'natural', status: 'toScout' }
        return { mutationId, name: 'location.create', args: { record }, hlc: encodeHlc({ millis: Date.now() - 1000, counter: mutationId, node: clientId }) }
      })
      const t0 = performance.now()
      const response = await app.inject({ method: 'POST', url: `/api/v1/productions/${created.productionId}/push`, headers, payload: { clientId, schemaVersion: 1, mutations } })
      if (response.statusCode !== 200) throw new Error(response.body)
      return performance.now() - t0
    }
    const singles: number[] = []
    for (let i = 0; i < SINGLES; i++) singles.push(await push(1))
    const batches: number[] = []
    for (let i = 0; i < BATCHES; i++) batches.push(await push(1000))
    return { single: median(singles), batch: median(batches) }
  } finally {
    await app.close()
    await store.drop()
  }
}

const full = await measure('FULL')
const normal = await measure('NORMAL')
const line = (name: string, a: number, b: number) => `SQLite durability: ${name}: ${a.toFixed(2)} ms with synchronous=FULL, ${b.toFixed(2)} ms with NORMAL (${(a / b).toFixed(2)}x)`
console.log(line(`push of 1 change, median of ${SINGLES}`, full.single, normal.single))
console.log(line(`push of 1,000 changes, median of ${BATCHES}`, full.batch, normal.batch))
