/**
 * What the sync loop reads and writes on the device: team links, the outbox of one production, pulled pages
 * and refused changes. Guarantees: a pulled page, the cursor that follows it, the outbox entries it
 * acknowledges and the rejections it reports commit in one transaction; pending local changes are
 * re-applied on top of pulled rows so the user never sees an edit vanish while it waits. Acknowledged entries
 * are kept SENT_RETENTION_DAYS in `sent`: after a server restored from a backup, `requeueLost` puts back into the
 * outbox those it no longer knows (the only write to the outbox here: entries that were in it, with their ids).
 */
import type { BaseRecord, EntityName, MealGroup } from '../../core/model'
import { patchedRecord } from '../../core/model/lines'
import { canTransition, transitionFields } from '../../core/model/permitStatus'
import { ENTITY_TABLES } from '../../core/model/tables'
import { applyMealAdjust } from '../../core/rules/mealCounter'
import { calendarDateIn } from '../../core/rules/workingDays'
import type { AdjustArgs, CreateArgs, DeleteArgs, MoveArgs, OutboxEntry, PatchArgs, TransitionArgs } from '../../core/sync/mutations'
import { parseMutationName } from '../../core/sync/mutationNames'
import type { PullResponse } from '../../core/sync/protocol'
import { newId } from '../../core/sync/ids'
import { decodeHlc, encodeHlc, HLC_MAX_AHEAD_MS, receiveHlc } from '../../core/sync/hlc'
import { clientStateKey, db, liveQuery, type RegieDatabase, type SentEntry, type TeamLink } from './db'

export function getTeam(productionId: string, database: RegieDatabase = db): Promise<TeamLink | undefined> {
  return database.teams.get(productionId)
}

export async function saveTeam(team: TeamLink, database: RegieDatabase = db): Promise<void> {
  await database.teams.put(team)
}

export async function updateTeam(productionId: string, changes: Partial<TeamLink>, database: RegieDatabase = db): Promise<void> {
  await database.teams.update(productionId, changes)
}

export function allTeams(database: RegieDatabase = db): Promise<TeamLink[]> {
  return database.teams.toArray()
}

export function liveTeams(database: RegieDatabase = db) {
  return liveQuery(() => database.teams.toArray())
}

/** One team production as the Synchronisation screen lists it: its name, last sync, last error and changes waiting. */
export interface TeamSyncSummary {
  productionId: string
  productionName: string | null
  lastSyncAt: string | null
  lastError: string | null
  pending: number
  rejected: number
}

export function liveTeamSyncSummaries(database: RegieDatabase = db) {
  return liveQuery(async (): Promise<TeamSyncSummary[]> => {
    const teams = await database.teams.toArray()
    return Promise.all(teams.map(async (team) => {
      const [production, pending, rejected] = await Promise.all([
        database.records('production').get([team.productionId, team.productionId]),
        database.outbox.where('productionId').equals(team.productionId).count(),
        database.rejections.where('productionId').equals(team.productionId).count(),
      ])
      const name = production?.name
      return {
        productionId: team.productionId, productionName: typeof name === 'string' ? name : null,
        lastSyncAt: team.lastSyncAt, lastError: team.lastError, pending, rejected,
      }
    }))
  })
}

/** This device's clientId for a production, made (with an empty stream) if it has never written there. */
export async function clientIdFor(productionId: string, database: RegieDatabase = db): Promise<string> {
  return database.transaction('rw', database.meta, async () => {
    const key = clientStateKey(productionId)
    const state = await database.meta.get(key)
    if (state) return state.clientId
    const clientId = newId()
    await database.meta.put({ key, productionId, clientId, nextMutationId: 1, hlc: null })
    return clientId
  })
}

/**
 * The last mutationId of this device's stream for the production whose outcome it already holds: entries leave the
 * outbox only once a pull reported them, so everything before the first waiting entry.
 */
export async function acknowledgedUpTo(productionId: string, database: RegieDatabase = db): Promise<number> {
  return database.transaction('r', database.outbox, database.meta, async () => {
    const [first] = await pendingEntries(productionId, 1, database)
    if (first) return first.mutationId - 1
    return ((await database.meta.get(clientStateKey(productionId)))?.nextMutationId ?? 1) - 1
  })
}

/** The production's waiting changes in mutationId order, at most `limit`. */
export function pendingEntries(productionId: string, limit: number, database: RegieDatabase = db): Promise<OutboxEntry[]> {
  return database.outbox.where('[productionId+mutationId]').between([productionId, 0], [productionId, Infinity]).limit(limit).toArray()
}

const recordTables = (database: RegieDatabase) => Object.values(ENTITY_TABLES).map((table) => database.table(table))

/** How long acknowledged changes are kept, in case the server is restored from an older backup. */
export const SENT_RETENTION_DAYS = 7

/**
 * After a restore: puts back into the outbox the acknowledged changes the server no longer knows (ids above
 * `serverKnows`), and forgets the refusals it will decide again. Returns how many were put back, and how many
 * the phone no longer held (older than SENT_RETENTION_DAYS: lost with the server's database).
 */
export async function requeueLost(productionId: string, serverKnows: number, database: RegieDatabase = db): Promise<{ requeued: number; lost: number }> {
  return database.transaction('rw', [database.outbox, database.sent, database.rejections, database.meta], async () => {
    const lost = await database.sent.where('[productionId+mutationId]').between([productionId, serverKnows + 1], [productionId, Infinity]).toArray()
    await database.outbox.bulkPut(lost.map(({ acknowledgedAt: _acknowledged, ...entry }) => entry))
    await database.sent.bulkDelete(lost.map((entry) => [productionId, entry.mutationId] as [string, number]))
    await database.rejections.where('[productionId+mutationId]').between([productionId, serverKnows + 1], [productionId, Infinity]).delete()
    const [first] = await pendingEntries(productionId, 1, database)
    const next = first?.mutationId ?? (await database.meta.get(clientStateKey(productionId)))?.nextMutationId ?? serverKnows + 1
    return { requeued: lost.length, lost: Math.max(0, next - serverKnows - 1) }
  })
}

/**
 * Writes a pulled page, what it acknowledges and its cursor in one transaction. The page's rows are put together
 * in memory first, with this device's waiting changes of those rows re-applied on top, then written with one
 * bulkPut per table: the same rows as putting each and re-applying one by one, in a fraction of the requests.
 */
export async function applyPullPage(productionId: string, page: PullResponse, database: RegieDatabase = db): Promise<void> {
  await database.transaction('rw', [...recordTables(database), database.outbox, database.sent, database.teams, database.rejections, database.meta], async () => {
    const now = new Date().toISOString()
    const pulled = new Map<string, { entity: EntityName; record: BaseRecord }>()
    for (const change of page.changes) {
      // The row is this production's whatever it claims: a pulled row never lands in another production.
      const record = {
        ...change.data, id: change.id, productionId, deletedAt: change.deleted ? (change.data.deletedAt ?? now) : null,
        ...(change.createdBy && { createdBy: change.createdBy }),
      } as BaseRecord
      if (change.entity === 'production' && change.id !== productionId) continue
      pulled.set(`${change.entity}:${change.id}`, { entity: change.entity, record })
    }
    // The outbox in one read: what the page acknowledges leaves it, the rest waits and goes on top of the page.
    const outbox = await pendingEntries(productionId, Infinity, database)
    const acknowledged = outbox.filter((entry) => entry.mutationId <= page.lastMutationId)
    if (acknowledged.length > 0) {
      const refused = new Map(page.rejections.map((rejection) => [rejection.mutationId, rejection]))
      const newlyRefused = acknowledged.filter((entry) => refused.has(entry.mutationId))
      await database.rejections.bulkPut(newlyRefused.map((entry) => {
        const rejection = refused.get(entry.mutationId)!
        return { productionId, mutationId: entry.mutationId, name: entry.name, args: entry.args, reason: rejection.reason, details: rejection.details, createdAt: now }
      }))
      await database.outbox.bulkDelete(acknowledged.map((entry) => [productionId, entry.mutationId] as [string, number]))
      // Kept a while, refused ones too (a restored server must get back a gapless stream).
      await database.sent.bulkPut(acknowledged.map((entry): SentEntry => ({ ...entry, acknowledgedAt: now })))
    }
    await database.sent.where('acknowledgedAt').below(new Date(Date.now() - SENT_RETENTION_DAYS * 86_400_000).toISOString()).delete()

    // Only entries of rows this page replaced, in mutationId order, each on top of the one before.
    for (const entry of outbox) {
      if (entry.mutationId <= page.lastMutationId) continue
      const row = pulled.get(recordKey(entry))
      if (row) row.record = reapplied(entry, row.record)
    }
    const byTable = new Map<EntityName, BaseRecord[]>()
    for (const { entity, record } of pulled.values()) {
      const records = byTable.get(entity) ?? []
      byTable.set(entity, records)
      records.push(record)
    }
    await Promise.all([...byTable].map(([entity, records]) => database.records(entity).bulkPut(records)))
    await database.teams.update(productionId, { cursor: page.cursor, ...(page.epoch && { epoch: page.epoch }) })
    await receiveClocks(productionId, page, database)
  })
}

/**
 * Moves this phone's clock past the latest change the page brings (a row's updatedAt is the time of the clock that
 * last wrote it): an edit made here after seeing a teammate's value must win over it, even when this phone's clock
 * runs behind the teammate's. Clocks a day ahead are a broken phone's, not followed (see tickHlc).
 */
async function receiveClocks(productionId: string, page: PullResponse, database: RegieDatabase): Promise<void> {
  const wall = Date.now()
  let latest = 0
  for (const change of page.changes) {
    const at = Date.parse(String(change.data.updatedAt ?? ''))
    if (at > latest && at <= wall + HLC_MAX_AHEAD_MS) latest = at
  }
  const state = await database.meta.get(clientStateKey(productionId))
  const local = state?.hlc ? decodeHlc(state.hlc) : null
  // Only when the page is ahead of both this phone's wall clock and its last clock: the next tick does the rest.
  if (!state || latest < wall || (local && latest < local.millis)) return
  // updatedAt keeps the millisecond only: one more orders this phone after any counter within it.
  const next = receiveHlc(local, { millis: latest + 1, counter: 0, node: '' }, wall, state.clientId)
  await database.meta.put({ ...state, hlc: encodeHlc(next) })
}

const recordIdOf = (entry: OutboxEntry) =>
  String('record' in entry.args ? (entry.args as CreateArgs).record.id : (entry.args as PatchArgs | DeleteArgs | AdjustArgs | TransitionArgs | MoveArgs).id)

/** `entity:id` of the record an outbox entry changes ('' for a mutation this app does not know). */
function recordKey(entry: OutboxEntry): string {
  const parsed = parseMutationName(entry.name)
  return parsed ? `${parsed.entity}:${recordIdOf(entry)}` : ''
}

/** A waiting local change put back on top of a row the pull just replaced (the row as it was when it does not apply). */
function reapplied(entry: OutboxEntry, current: BaseRecord): BaseRecord {
  const parsed = parseMutationName(entry.name)!
  // A restore waiting takes the row back out of the trash, whatever the pull says of it (a later delete by a
  // teammate wins on the server, and the pull after the restore's acknowledgement says so).
  if (parsed.op === 'restore') return { ...current, deletedAt: null }
  // A create of a row the server already has changes nothing: the pulled row stands.
  if (parsed.op === 'create' || current.deletedAt) return current
  if (parsed.op === 'patch') return patchedRecord(parsed.entity, current, (entry.args as PatchArgs).fields)
  if (parsed.op === 'move') return { ...current, ...(entry.args as MoveArgs).position }
  if (parsed.op === 'adjust') {
    // The pulled row does not hold this count yet (its outbox entry is not acknowledged): add it again.
    const { served } = applyMealAdjust((current.served ?? {}) as Partial<Record<MealGroup, number>>, entry.args as AdjustArgs)
    return { ...current, served }
  }
  if (parsed.op === 'transition') {
    // Put the move back only if the pulled row still stands where the user saw it; otherwise the team moved it
    // first, the server will refuse this one as stale, and the phone keeps showing the team's status.
    const { from, to } = entry.args as TransitionArgs
    if (current.status !== from || !canTransition(from, to)) return current
    return { ...current, ...transitionFields(current as { sentOn?: string }, to, calendarDateIn(Date.parse(entry.createdAt))) }
  }
  if (parsed.op === 'delete') return { ...current, deletedAt: entry.createdAt }
  return current
}

export function liveRejections(productionId: string, database: RegieDatabase = db) {
  return liveQuery(() => database.rejections.where('productionId').equals(productionId).toArray())
}

/** The productions that have refused changes waiting for their author (the Synchronisation screen). */
export function liveRejectedProductions(database: RegieDatabase = db) {
  return liveQuery(async () => (await database.rejections.orderBy('productionId').uniqueKeys()).map(String))
}

export async function dismissRejection(productionId: string, mutationId: number, database: RegieDatabase = db): Promise<void> {
  await database.rejections.delete([productionId, mutationId])
}
