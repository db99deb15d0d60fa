/**
 * Throwaway databases for server tests. SQLite lives in a fresh temp directory; PostgreSQL (when TEST_DATABASE_URL
 * points at a server) gets a fresh database per store, dropped afterwards, so parallel test files and runs never see
 * each other's rows.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, type DialectName, type OpenedDatabase } from './db'

export interface TestStore {
  dialect: DialectName
  /** The PostgreSQL URL of this store (for a server's own LISTEN connection); undefined for SQLite. */
  databaseUrl?: string | undefined
  /** Opens a new connection to the same store, as a server restart would. */
  open(): OpenedDatabase
  /** Closes every connection opened here (the store stays, as after a server stop). */
  close(): Promise<void>
  /** Closes every connection opened here and deletes the store. */
  drop(): Promise<void>
  /** SQLite only: the directory of the database file (a backup is restored by putting a file there). */
  dataDir?: string
}

export type CreateTestStore = () => Promise<TestStore>

export const createSqliteStore: CreateTestStore = async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-test-'))
  return trackConnections('sqlite', { dataDir }, async () => fs.rmSync(dataDir, { recursive: true, force: true }))
}

export function postgresStoreFactory(adminUrl: string): CreateTestStore {
  return async () => {
    const name = `regie_test_${process.pid}_${randomBytes(4).toString('hex')}`
    await runAdminStatement(adminUrl, `CREATE DATABASE "${name}"`)
    const databaseUrl = new URL(adminUrl)
    databaseUrl.pathname = `/${name}`
    return trackConnections('postgres', { dataDir: '', databaseUrl: databaseUrl.toString() }, () =>
      runAdminStatement(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    )
  }
}

function trackConnections(
  dialect: DialectName,
  options: Parameters<typeof openDatabase>[0],
  remove: () => Promise<void>,
): TestStore {
  const opened: OpenedDatabase[] = []
  const close = async () => {
    await Promise.all(opened.splice(0).map((database) => database.db.destroy()))
  }
  return {
    dialect,
    databaseUrl: options.databaseUrl,
    ...(dialect === 'sqlite' && { dataDir: options.dataDir }),
    open() {
      const database = openDatabase(options)
      opened.push(database)
      return database
    },
    close,
    async drop() {
      await close()
      await remove()
    },
  }
}

async function runAdminStatement(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
