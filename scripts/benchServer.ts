/**
 * Server figures for `npm run bench` (DESIGN.md section 7): pushes of 1,000 mutations in one request (new records,
 * then edits of stored ones), and a device joining the production pulling its 50,000 rows in pages of 1,000 (as
 * they are, then compressed as a browser accepts them), on SQLite and on PostgreSQL. Runs the real routes in process (fastify inject). PostgreSQL: BENCH_DATABASE_URL or
 * TEST_DATABASE_URL when set, otherwise a throwaway server started here when PostgreSQL is installed (as .ci/run
 * does), otherwise printed as skipped. Prints figures only.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { encodeHlc } from '../src/core/sync/hlc'
import { newId } from '../src/core/sync/ids'
import type { PullResponse, PushResponse } from '../src/core/sync/protocol'
import { buildServer } from '../src/server/app'
import { migrateToLatest } from '../src/server/migrations'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore } from '../src/server/testDatabases'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../src/server/testAccessCode'

const PUSHES = 50
const PER_PUSH = 1000
const EDIT_PUSHES = 5

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => `${value.toFixed(1)} ms`

async function bench(label: string, createStore: CreateTestStore) {
  const store = await createStore()
  const { db, dialect } = store.open()
  await migrateToLatest(db)
  const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: path.join(os.tmpdir(), 'regie-no-dist') })
  try {
    const created = (await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Bench' } })).json() as { productionId: string; token: string }
    const { productionId } = created
    const headers = { authorization: `Bearer ${created.token}` }
    const clientId = newId()
    let mutationId = 0
    const mutation = (name: string, args: unknown) => {
      mutationId++
      return { mutationId, name, args, hlc: encodeHlc({ millis: Date.now() - 1000, counter: mutationId, node: clientId }) }
    }
    const push = async (mutations: unknown[]) => {
      const t0 = performance.now()
      const response = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers, payload: { clientId, schemaVersion: 1, mutations } })
      const elapsed = performance.now() - t0
      const body = response.json() as PushResponse
      if (body.applied !== mutations.length) throw new Error(`push applied ${response.body.slice(0, 300)}`)
      return elapsed
    }

    const ids: string[] = []
    const createTimes: number[] = []
    for (let i = 0; i < PUSHES; i++) {
      createTimes.push(await push(Array.from({ length: PER_PUSH }, () => {
        const record = { id: newId(), productionId, name: `Décor ${mutationId + 1}`, intExt: 'INT', setting: 'natural', status: 'toScout' }
        ids.push(record.id)
        return mutation('location.create', { record })
      })))
    }
    console.log(`server ${label}: push of 1,000 new records in one request: first ${ms(createTimes[0]!)}, median of the next ${PUSHES - 1} ${ms(median(createTimes.slice(1)))}`)
    const editTimes: number[] = []
    for (let i = 0; i < EDIT_PUSHES; i++) {
      editTimes.push(await push(ids.slice(i * PER_PUSH, (i + 1) * PER_PUSH).map((id) => mutation('location.patch', { id, fields: { noise: `Bruit ${mutationId + 1}` } }))))
    }
    console.log(`server ${label}: push of 1,000 edits of stored records in one request: median of ${EDIT_PUSHES} ${ms(median(editTimes))}`)

    // Fresh statistics, as autovacuum has them within a minute of a bulk load: the figure is the steady state's, not
    // the planner's first guess on a table it has never measured.
    if (dialect === 'postgres') await sql`analyze`.execute(db)
    // A phone joining the production: its own clientId, nothing acknowledged yet, as the app asks; then as a browser
    // asks, accepting compressed pages (the time includes decompressing them, as the phone would).
    const joinPull = async (acceptEncoding?: string) => {
      const reader = newId()
      const t1 = performance.now()
      let cursor = 0
      let rows = 0
      let sent = 0
      let json = 0
      for (;;) {
        const response = await app.inject({
          method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${reader}&cursor=${cursor}&limit=1000&acked=0`,
          headers: acceptEncoding ? { ...headers, 'accept-encoding': acceptEncoding } : headers,
        })
        const encoding = response.headers['content-encoding']
        const text = encoding === 'br' ? brotliDecompressSync(response.rawPayload) : encoding === 'gzip' ? gunzipSync(response.rawPayload) : response.rawPayload
        const page = JSON.parse(text.toString()) as PullResponse
        sent += response.rawPayload.length
        json += text.length
        rows += page.changes.length
        cursor = page.cursor
        if (!page.hasMore) break
      }
      return { rows, elapsed: performance.now() - t1, sent, json }
    }
    const plain = await joinPull()
    console.log(`server ${label}: pull of ${plain.rows.toLocaleString('en')} rows by a joining device (pages of 1,000, parsed): ${ms(plain.elapsed)}`)
    for (const encoding of ['br', 'gzip']) {
      const compressed = await joinPull(encoding)
      console.log(`server ${label}: the same pull compressed (${encoding}), decompressed and parsed: ${ms(compressed.elapsed)}, ` +
        `${(compressed.sent / 1e6).toFixed(1)} MB sent for ${(compressed.json / 1e6).toFixed(1)} MB of JSON`)
    }
  } finally {
    await app.close()
    await store.drop()
  }
}

/** A PostgreSQL server in a temp directory (initdb + pg_ctl, as user postgres when run as root), or why there is none. */
function throwawayPostgres(): { url: string; stop: () => void } | { skipped: string } {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : []
  const bin = versions.map((version) => `/usr/lib/postgresql/${version}/bin`).filter((dir) => fs.existsSync(`${dir}/initdb`)).at(-1)
  if (!bin) return { skipped: 'PostgreSQL is not installed (apt-get install postgresql), and neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set' }
  const port = Number(process.env.BENCH_PG_PORT ?? 55441)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-bench-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) spawnSync('chown', ['postgres', dir])
  const run = (command: string) => asRoot ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { encoding: 'utf8' }) : spawnSync('sh', ['-c', command], { encoding: 'utf8' })
  const stop = () => {
    run(`${bin}/pg_ctl -D ${dir}/data -m immediate stop`)
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const init = run(`${bin}/initdb -D ${dir}/data -A trust -U postgres`)
  const start = init.status === 0 ? run(`${bin}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1' -l ${dir}/log -w start`) : init
  if (start.status !== 0) {
    stop()
    return { skipped: `a throwaway PostgreSQL did not start on port ${port} (${(start.stderr || start.stdout).trim().split('\n').at(-1)})` }
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop }
}

await bench('SQLite', createSqliteStore)
const givenUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL
const postgres = givenUrl ? { url: givenUrl, stop: () => {} } : throwawayPostgres()
if ('skipped' in postgres) console.log(`server PostgreSQL: SKIPPED, ${postgres.skipped}`)
else {
  try {
    await bench('PostgreSQL', postgresStoreFactory(postgres.url))
  } finally {
    postgres.stop()
  }
}
