/**
 * Opens the server database: SQLite (better-sqlite3, one file in the data directory) by default, PostgreSQL when a
 * database URL is given. Both are driven through the same kysely `Kysely<Database>`, so queries and migrations are
 * written once. SQLite runs in WAL mode with foreign keys enforced and `synchronous = FULL` (every commit is fsynced
 * to the WAL before it is acknowledged), so an acknowledged write survives a power cut; its files are readable by the
 * server's user only. `checkSqliteIntegrity` is the quick check run at start.
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
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = path.join(dataDir, SQLITE_FILE_NAME)
  const database = new SQLite(file)
  database.pragma('journal_mode = WAL')
  // better-sqlite3's default in WAL mode is NORMAL, which may lose the last commits on a power cut.
  database.pragma('synchronous = FULL')
  // The database, its WAL and shared-memory files hold every production: the server's user only.
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600)
  database.pragma('foreign_keys = ON')
  // Wait for a competing writer (another process on the same file, a backup) instead of failing at once.
  database.pragma('busy_timeout = 5000')
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite', location: file }
}

/**
 * SQLite's quick integrity check: null when the file is sound, else what it found (the server then refuses to
 * start rather than serve a damaged database). PostgreSQL checks its own pages.
 */
export function checkSqliteIntegrity(dataDir: string): string | null {
  const file = path.join(dataDir, SQLITE_FILE_NAME)
  if (!fs.existsSync(file)) return null
  const database = new SQLite(file, { readonly: true, fileMustExist: true })
  try {
    const rows = database.pragma('quick_check') as { quick_check: string }[]
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok')
    return problems.length > 0 ? problems.slice(0, 5).join('; ') : null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    database.close()
  }
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
