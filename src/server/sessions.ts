/** Device sessions: opened when someone creates, joins or recovers a production, or adds a device; the token is shown once. */
import type { Kysely } from 'kysely'
import { newId } from '../core/sync/ids'
import { hashSecret, newSecret } from './auth'
import type { Database } from './schema'

export interface OpenedSession {
  token: string
  sessionId: string
}

export async function openSession(
  db: Kysely<Database>, productionId: string, memberId: string, label: string, replaces: string | null = null,
): Promise<OpenedSession> {
  const token = newSecret()
  const now = new Date().toISOString()
  const sessionId = newId()
  await db.insertInto('sessions').values({
    token_hash: hashSecret(token), id: sessionId, production_id: productionId, member_id: memberId, label, created_at: now, last_seen_at: now, replaces,
  }).execute()
  return { token, sessionId }
}

/** The server's epoch: made with the database, changed by the restore step (src/server/restored.ts). */
export async function readEpoch(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('server_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()
  return row.value
}
