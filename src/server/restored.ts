/**
 * `npm run server:restored`: the step after putting back a database from a backup (README, "Backups and restores").
 * It gives the server a new epoch, so every phone notices at its next sync that the server's data went back in
 * time: it pulls the production again from zero and sends again the changes the backup does not hold (each applies
 * once). Run it with the server stopped, with the same DATA_DIR or DATABASE_URL as the server.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { readConfig } from './config'
import { openDatabase } from './db'
import { migrateToLatest } from './migrations'
import type { Database } from './schema'

/** Writes a new epoch; returns it. */
export async function markRestored(db: Kysely<Database>): Promise<string> {
  const epoch = randomBytes(12).toString('base64url')
  await db.insertInto('server_meta').values({ key: 'epoch', value: epoch })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: epoch })).execute()
  return epoch
}

async function main(): Promise<void> {
  const config = readConfig()
  const { db, location } = openDatabase(config)
  try {
    // A backup from an older version gets the tables the epoch lives in first.
    await migrateToLatest(db)
    const epoch = await markRestored(db)
    console.log(`Marked ${location} as restored from a backup (new epoch ${epoch}): phones will pull it again and send what it lost.`)
  } finally {
    await db.destroy()
  }
}

if (process.argv[1] && /restored\.(ts|js)$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error('Could not mark the database as restored:', error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
