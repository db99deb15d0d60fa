/**
 * Opens the server database: SQLite (better-sqlite3, one file in the data directory) by default, PostgreSQL when a
 * database URL is given. Both are driven through the same kysely `Kysely<Database>`, so queries and migrations are
 * written once. SQLite runs in WAL mode with foreign keys enforced and full fsync on commit, so an acknowledged
 * write survives a power cut.
 */
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'

export type DialectName = 'sqlite' | 'postgres'

export interface OpenDatabaseOptions {
  /** Directory for `regie.sqlite`; created if missing. Ignored when databaseUrl is set. */
  dataDir: string
  databaseUrl?: string | undefined
}

export interface OpenedDatabase {
  db: Kysely<Database>
  dialect: DialectName
  /** Where the data lives, for humans: the SQLite file path or the PostgreSQL host/database (never the password). */
  location: string
}

export const SQLITE_FILE_NAME = 'regie.sqlite'

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options.dataDir)
}

function openSqlite(dataDir: string): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, SQLITE_FILE_NAME)
  const database = new SQLite(file)
  database.pragma('journal_mode = WAL')
  database.pragma('foreign_keys = ON')
  // Wait for a competing writer (another process on the same file, a backup) instead of failing at once.
  database.pragma('busy_timeout = 5000')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', location: file }
}

const INT8_OID = 20

function openPostgres(databaseUrl: string): OpenedDatabase {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // bigint columns (seq, mutation ids, counts) come back as numbers, as they do on SQLite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its connection (database restart) must not crash the process; the pool reconnects.
  pool.on('error', (error) => console.error(`PostgreSQL idle connection error: ${error.message}`))
  const url = new URL(databaseUrl)
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    location: `${url.host}${url.pathname}`,
  }
}
