/**
 * One sync of one team production: push every waiting change in mutationId order (batches of 500), then
 * pull pages until the head. Outbox entries leave the device only when a pull reports them applied (or
 * refused, in which case they are kept as rejections for their author). Safe to repeat at any point: the
 * server skips what it already has, and a pull resumes from the cursor saved with the last page.
 */
import { PROTOCOL_VERSION } from '../../core/sync/protocol'
import { db, type RegieDatabase, type TeamLink } from '../db/db'
import { acknowledgedUpTo, applyPullPage, clientIdFor, getTeam, pendingEntries, saveTeam, updateTeam } from '../db/syncStore'
import { SyncFailure, type Session, type SyncClient } from './syncClient'

const PUSH_BATCH = 500
const PULL_PAGE = 500

export interface SyncResult {
  pushed: number
  pulled: number
}

export async function syncProduction(productionId: string, client: SyncClient, database: RegieDatabase = db): Promise<SyncResult> {
  const team = await getTeam(productionId, database)
  if (!team) return { pushed: 0, pulled: 0 }
  try {
    const pushed = await pushAll(team, client, database)
    const pulled = await pullAll(team, client, database)
    await updateTeam(productionId, { lastSyncAt: new Date().toISOString(), lastError: null }, database)
    return { pushed, pulled }
  } catch (error) {
    // A failure of the exchange is kept as its kind (the team page says what it means); anything else as its message.
    const lastError = error instanceof SyncFailure ? error.kind : error instanceof Error ? error.message : String(error)
    await updateTeam(productionId, { lastError }, database)
    throw error
  }
}

async function pushAll(team: TeamLink, client: SyncClient, database: RegieDatabase): Promise<number> {
  let pushed = 0
  let after = 0
  for (;;) {
    const batch = (await pendingEntries(team.productionId, Infinity, database)).filter((entry) => entry.mutationId > after).slice(0, PUSH_BATCH)
    if (batch.length === 0) return pushed
    await client.push(team.productionId, team.token, {
      clientId: batch[0]!.clientId,
      schemaVersion: PROTOCOL_VERSION,
      mutations: batch.map(({ mutationId, name, args, hlc }) => ({ mutationId, name, args, hlc })),
    })
    pushed += batch.length
    after = batch.at(-1)!.mutationId
  }
}

async function pullAll(team: TeamLink, client: SyncClient, database: RegieDatabase): Promise<number> {
  const clientId = await clientIdFor(team.productionId, database)
  let cursor = team.cursor
  let pulled = 0
  for (;;) {
    const acked = await acknowledgedUpTo(team.productionId, database)
    const page = await client.pull(team.productionId, team.token, { clientId, cursor, limit: PULL_PAGE, acked })
    await applyPullPage(team.productionId, page, database)
    pulled += page.changes.length
    cursor = page.cursor
    if (!page.hasMore) return pulled
  }
}

/** Links a production of this phone to a new team production on the server (same id), as its owner. */
export async function uploadProduction(
  production: { id: string; name: string; kind?: string },
  owner: { displayName: string; deviceLabel?: string },
  client: SyncClient,
  database: RegieDatabase = db,
): Promise<TeamLink> {
  const session = await client.createProduction({ id: production.id, name: production.name, kind: production.kind, ...owner })
  return link(session, database)
}

/** Joins a team production with an invite code; its records arrive with the first pull. */
export async function joinProduction(code: string, member: { displayName: string; deviceLabel?: string }, client: SyncClient, database: RegieDatabase = db): Promise<TeamLink> {
  const session = await client.acceptInvite(code, member)
  return link(session, database)
}

async function link(session: Session, database: RegieDatabase): Promise<TeamLink> {
  const team: TeamLink = {
    productionId: session.productionId, serverUrl: '', token: session.token, memberId: session.memberId, sessionId: session.sessionId,
    role: session.role, cursor: 0, lastSyncAt: null, lastError: null,
  }
  await saveTeam(team, database)
  return team
}
