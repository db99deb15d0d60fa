/**
 * The real server in one process with phones as separate Dexie databases (fake-indexeddb): what the
 * integration tests share. Requests go through Fastify's inject, or over real HTTP with `{http: true}` (the
 * browser's fetch path, needed for blob bodies). Phones, the server store and its blob directory are
 * removed after each test.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach } from 'vitest'
import type { BaseRecord, EntityName } from '../../src/core/model'
import type { PullResponse, ResetResponse } from '../../src/core/sync/protocol'
import { Dexie, RegieDatabase } from '../../src/app/db/db'
import { createRepository } from '../../src/app/db/repository'
import { createSyncClient, type Fetcher } from '../../src/app/sync/syncClient'
import { joinProduction, syncProduction, uploadProduction } from '../../src/app/sync/syncEngine'
import { buildServer } from '../../src/server/app'
import { migrateToLatest } from '../../src/server/migrations'
import { SQLITE_FILE_NAME } from '../../src/server/db'
import { markRestored } from '../../src/server/restored'
import { createSqliteStore, type TestStore } from '../../src/server/testDatabases'
import { TEST_ACCESS_CODE } from '../../src/server/testAccessCode'

export function useTestServer(options: { http?: boolean } = {}) {
  let store: TestStore
  let app: FastifyInstance
  let blobDir: string
  let baseUrl = ''
  const phones: RegieDatabase[] = []

  async function startServer() {
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: path.join(os.tmpdir(), 'regie-no-dist'), blobDir })
  }

  beforeEach(async () => {
    store = await createSqliteStore()
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-blobs-'))
    await startServer()
    if (options.http) {
      await app.listen({ port: 0, host: '127.0.0.1' })
      const address = app.server.address()
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    }
  })

  afterEach(async () => {
    for (const database of phones.splice(0)) {
      database.close()
      await Dexie.delete(database.name)
    }
    await app.close()
    await store.drop()
    fs.rmSync(blobDir, { recursive: true, force: true })
  })

  const fetcher: Fetcher = async (url, init) => {
    const response = await app.inject({ method: init.method as 'GET', url, headers: init.headers, ...(init.body !== undefined && { payload: init.body }) })
    return { status: response.statusCode, json: async () => response.json() }
  }
  const client = () => (options.http ? createSyncClient(baseUrl) : createSyncClient('', fetcher))

  function phone(name: string) {
    const database = new RegieDatabase(`${name}-${Math.random().toString(36).slice(2)}`)
    phones.push(database)
    return {
      database,
      repository: <T extends BaseRecord = BaseRecord>(entity: EntityName) => createRepository<T>(entity, database),
      sync: (productionId: string) => syncProduction(productionId, client(), database),
    }
  }

  /**
   * A team production made on the AD's phone (with what `seed` creates there first), shared, and joined by
   * a régisseur (member) whose phone has pulled it.
   */
  async function teamOfTwo<S>(seed: (ad: ReturnType<typeof phone>, productionId: string) => Promise<S>) {
    const ad = phone('ad')
    const created = await ad.repository('production').create('', { name: 'Les Heures Claires', kind: 'feature' })
    if (!created.ok) throw new Error('production')
    const pid = created.record.id
    const seeded = await seed(ad, pid)
    const team = await uploadProduction({ id: pid, name: 'Les Heures Claires' }, { displayName: 'Camille' }, client(), ad.database, TEST_ACCESS_CODE)
    await ad.sync(pid)
    const regie = phone('regie')
    const invite = await client().createInvite(pid, team.token, 'member')
    await joinProduction(invite.code, { displayName: 'Sami' }, client(), regie.database)
    await regie.sync(pid)
    return { ad, regie, pid, ...seeded }
  }

  /** A copy of the server's database as the README's backup makes it (SQLite's online backup). */
  async function backup(): Promise<string> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'regie-backup-')), SQLITE_FILE_NAME)
    const live = new SQLite(path.join(store.dataDir!, SQLITE_FILE_NAME), { readonly: true })
    await live.backup(file)
    live.close()
    return file
  }

  /**
   * Stops the server, puts the backup in place of its database and starts it again; `marked`: the operator ran
   * the restore step (`npm run server:restored`), which gives the server a new epoch.
   */
  async function restore(file: string, { marked }: { marked: boolean }) {
    await app.close()
    await store.close()
    const dir = store.dataDir!
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, SQLITE_FILE_NAME + suffix), { force: true })
    fs.copyFileSync(file, path.join(dir, SQLITE_FILE_NAME))
    if (marked) await markRestored(store.open().db)
    await startServer()
  }

  return { client, fetcher, phone, teamOfTwo, backup, restore, app: () => app, baseUrl: () => baseUrl }
}

/** A pull's answer as a page: these tests never restore the server, so a reset is a failure. */
export function asPage(answer: PullResponse | ResetResponse): PullResponse {
  if (answer.reset) throw new Error('unexpected reset')
  return answer
}

export const liveRows = async (database: RegieDatabase, entity: EntityName) =>
  ((await database.records(entity).toArray()) as BaseRecord[]).filter((row) => !row.deletedAt).sort((a, b) => a.id.localeCompare(b.id))
