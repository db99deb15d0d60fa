/**
 * One sync of one team production: push every waiting change in mutationId order (batches of 500), then
 * pull pages until the head. Outbox entries leave the device only when a pull reports them applied (or
 * refused, in which case they are kept as rejections for their author). Safe to repeat at any point: the
 * server skips what it already has, and a pull resumes from the cursor saved with the last page.
 *
 * A server restored from a backup answers a reset (another epoch, or a cursor beyond its head), or shows by a
 * gap that it lost changes it had acknowledged. The phone then recovers: it pulls the production again from
 * zero, puts back into the outbox the changes the server no longer knows (kept SENT_RETENTION_DAYS after their
 * acknowledgement) and sends them again with `recovery`, so each applies once. The recovery survives a reload
 * (TeamLink.recovering) and ends only once the re-sent changes are in.
 */
import { PROTOCOL_VERSION, type PullResponse } from '../../core/sync/protocol'
import { db, type RegieDatabase, type TeamLink } from '../db/db'
import { acknowledgedUpTo, applyPullPage, clientIdFor, getTeam, pendingEntries, requeueLost, saveTeam, updateTeam } from '../db/syncStore'
import { SyncFailure, type Session, type SyncClient } from './syncClient'

const PUSH_BATCH = 500
const PULL_PAGE = 500
/** A server that answers reset after reset is broken, not restored: give up this round rather than loop. */
const MAX_RESETS = 3

export interface SyncResult {
  pushed: number
  pulled: number
}

export async function syncProduction(productionId: string, client: SyncClient, database: RegieDatabase = db): Promise<SyncResult> {
  let team = await getTeam(productionId, database)
  if (!team) return { pushed: 0, pulled: 0 }
  try {
    let pushed = 0
    if (!team.recovering) {
      try {
        pushed = await pushAll(team, client, database, false)
      } catch (error) {
        const epoch = await lostByServer(error, team, database)
        if (epoch === null) throw error
        await startRecovery(productionId, epoch, database)
      }
    }
    let pulled = await pullAll(productionId, client, database)
    team = (await getTeam(productionId, database))!
    if (team.recovering) {
      pushed += await pushAll(team, client, database, true)
      await updateTeam(productionId, { recovering: false }, database)
      pulled += await pullAll(productionId, client, database)
    }
    await updateTeam(productionId, { lastSyncAt: new Date().toISOString(), lastError: null }, database)
    return { pushed, pulled }
  } catch (error) {
    // A failure of the exchange is kept as its kind (the team page says what it means); anything else as its message.
    const lastError = error instanceof SyncFailure ? error.kind : error instanceof Error ? error.message : String(error)
    await updateTeam(productionId, { lastError }, database)
    throw error
  }
}

/**
 * The server's epoch when a refused push shows that it lost changes it had acknowledged (a reset, or a gap below
 * what this phone holds as acknowledged); null for any other failure.
 */
async function lostByServer(error: unknown, team: TeamLink, database: RegieDatabase): Promise<string | null> {
  if (!(error instanceof SyncFailure)) return null
  const body = error.body as { epoch?: string; lastMutationId?: number } | undefined
  if (error.kind === 'reset') return body?.epoch ?? team.epoch ?? ''
  if (error.kind === 'gap' && typeof body?.lastMutationId === 'number' && body.lastMutationId < (await acknowledgedUpTo(team.productionId, database))) {
    return team.epoch ?? ''
  }
  return null
}

async function startRecovery(productionId: string, epoch: string, database: RegieDatabase): Promise<void> {
  await updateTeam(productionId, { recovering: true, cursor: 0, ...(epoch && { epoch }) }, database)
}

async function pushAll(team: TeamLink, client: SyncClient, database: RegieDatabase, recovery: boolean): Promise<number> {
  let pushed = 0
  let after = 0
  for (;;) {
    const batch = (await pendingEntries(team.productionId, Infinity, database)).filter((entry) => entry.mutationId > after).slice(0, PUSH_BATCH)
    if (batch.length === 0) return pushed
    await client.push(team.productionId, team.token, {
      clientId: batch[0]!.clientId,
      schemaVersion: PROTOCOL_VERSION,
      mutations: batch.map(({ mutationId, name, args, hlc }) => ({ mutationId, name, args, hlc })),
      ...(team.epoch && { epoch: team.epoch }),
      ...(recovery && { recovery: true }),
    })
    pushed += batch.length
    after = batch.at(-1)!.mutationId
  }
}

/** Pulls to the head; a reset on the way starts (or restarts) the recovery from zero. */
async function pullAll(productionId: string, client: SyncClient, database: RegieDatabase): Promise<number> {
  const clientId = await clientIdFor(productionId, database)
  let pulled = 0
  for (let resets = 0; ; resets++) {
    const team = (await getTeam(productionId, database))!
    let cursor = team.cursor
    // The first page of a recovery says how far the server knows this phone's changes: asked without `acked`.
    let first = team.recovering === true && cursor === 0
    let reset = false
    for (;;) {
      const acked = first ? undefined : await acknowledgedUpTo(productionId, database)
      const page = await client.pull(productionId, team.token, { clientId, cursor, limit: PULL_PAGE, ...(acked !== undefined && { acked }), ...(team.epoch && { epoch: team.epoch }) })
      if (page.reset) {
        if (resets + 1 >= MAX_RESETS) throw new SyncFailure('server', 'repeated reset', page)
        await startRecovery(productionId, page.epoch, database)
        reset = true
        break
      }
      if (first) await requeueLost(productionId, page.lastMutationId, database)
      await applyPullPage(productionId, page satisfies PullResponse, database)
      pulled += page.changes.length
      cursor = page.cursor
      first = false
      if (!page.hasMore) return pulled
    }
    if (!reset) return pulled
  }
}

/**
 * Links a production of this phone to a new team production on the server (same id), as its owner, with the
 * server's access code. Returns the link and the production's recovery code, shown to the owner once.
 */
export async function uploadProduction(
  production: { id: string; name: string; kind?: string },
  owner: { displayName: string; deviceLabel?: string },
  client: SyncClient,
  database: RegieDatabase = db,
  accessCode?: string,
): Promise<TeamLink & { recoveryCode: string }> {
  const session = await client.createProduction({ id: production.id, name: production.name, kind: production.kind, ...owner }, accessCode)
  return { ...(await link(session, database)), recoveryCode: session.recoveryCode }
}

/** Joins a team production with an invite code; its records arrive with the first pull. */
export async function joinProduction(code: string, member: { displayName: string; deviceLabel?: string }, client: SyncClient, database: RegieDatabase = db): Promise<TeamLink> {
  const session = await client.acceptInvite(code, member)
  return link(session, database)
}

export async function link(session: Session & { epoch?: string }, database: RegieDatabase = db): Promise<TeamLink> {
  const team: TeamLink = {
    productionId: session.productionId, serverUrl: '', token: session.token, memberId: session.memberId, sessionId: session.sessionId,
    role: session.role, cursor: 0, lastSyncAt: null, lastError: null, ...(session.epoch && { epoch: session.epoch }),
  }
  await saveTeam(team, database)
  return team
}
