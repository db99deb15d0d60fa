/**
 * Schema migrations, listed in code rather than discovered in a folder so they run the same under tsx, in tests and
 * in a bundle. Kysely records applied migrations in `kysely_migration` and takes a lock, so running them at every
 * start is safe: an up-to-date database is left untouched, and two servers starting together do not race.
 * Migrations are append-only: never edit or rename one that has shipped.
 */
import { Migrator, type Kysely, type Migration } from 'kysely'
import type { Database } from '../schema'
import { initial } from './0001_initial'
import { teamSync } from './0002_team_sync'
import { blobs } from './0003_blobs'
import { history } from './0004_history'
import { trust } from './0005_trust'

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_team_sync': teamSync,
  '0003_blobs': blobs,
  '0004_history': history,
  '0005_trust': trust,
}

/** Applies every pending migration in name order; returns the names applied (empty when already up to date). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((result) => result.status === 'Error')
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${messageOf(error)}`, { cause: error })
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
