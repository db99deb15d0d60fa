/**
 * The one write path of DESIGN.md section 3. Every local change goes through `commitChanges`, which in one
 * Dexie transaction writes the record(s), allocates the next gapless mutationId of this device's stream for
 * the record's production, ticks the HLC and appends the outbox entry. Tabs share the `meta` rows inside
 * that transaction, so two tabs writing at once still get consecutive ids. Applying pulled changes must
 * never come through here. A patch that changes where a vehicle stands becomes a `placement.move` of its whole
 * position (and a patch of its other fields), whoever asked for it: the plan's drag, its turn, or the form. A patch
 * of a list kept line by line (a permit's documents) carries only the lines it changes.
 */
import type { BaseRecord, EntityName, MealGroup } from '../../core/model'
import { changedLines, lineListsOf, linesOf, mergeLines, patchedRecord } from '../../core/model/lines'
import { PLACEMENT_POSITION, PLACEMENT_POSITION_FIELDS, type PlacementPosition } from '../../core/model/placementPosition'
import { canTransition, transitionFields, type PermitStatus } from '../../core/model/permitStatus'
import { applyMealAdjust } from '../../core/rules/mealCounter'
import { calendarDateIn } from '../../core/rules/workingDays'
import { decodeHlc, encodeHlc, tickHlc } from '../../core/sync/hlc'
import { newId } from '../../core/sync/ids'
import type { MutationArgs, MutationName, OutboxEntry } from '../../core/sync/mutations'
import { clientStateKey, db, type ClientState, type RegieDatabase } from './db'
import { writeFailure } from './storageErrors'
import { ReadOnlyProduction } from './writeErrors'

/** A change of this phone. Every change but a create names its record by production and id (the records' key). */
export type LocalChange =
  | { op: 'create'; entity: EntityName; record: BaseRecord }
  | { op: 'patch'; entity: EntityName; productionId: string; id: string; fields: Record<string, unknown> }
  | { op: 'delete'; entity: EntityName; productionId: string; id: string }
  | { op: 'restore'; entity: EntityName; productionId: string; id: string }
  | { op: 'adjust'; entity: 'meal'; productionId: string; id: string; group: MealGroup; delta: number }
  | { op: 'transition'; entity: 'permit'; productionId: string; id: string; from: PermitStatus; to: PermitStatus }
  | { op: 'move'; entity: 'placement'; productionId: string; id: string; position: PlacementPosition }

export class RecordNotFound extends Error {
  constructor(entity: EntityName, id: string) {
    super(`${entity} ${id} not found`)
    this.name = 'RecordNotFound'
  }
}

/**
 * A change this phone refuses before anything is written, for the reason the server would give
 * (`stale_transition`: the record's status is no longer the one the user saw; `invalid_transition`).
 */
export class ChangeRefused extends Error {
  constructor(readonly reason: 'stale_transition' | 'invalid_transition', entity: EntityName, id: string) {
    super(`${entity} ${id}: ${reason}`)
    this.name = 'ChangeRefused'
  }
}

/**
 * The tables a write holds besides the records it changes: the outbox, the clocks and ids, the team links (a
 * viewer's production is read-only). A transaction that wraps commitChanges must hold them too.
 */
export const writeTables = (database: RegieDatabase) => [database.outbox, database.meta, database.teams]

async function clientState(database: RegieDatabase, productionId: string): Promise<ClientState> {
  const state = await database.meta.get(clientStateKey(productionId))
  return state ?? { key: clientStateKey(productionId), productionId, clientId: newId(), nextMutationId: 1, hlc: null }
}

export async function commitChanges(changes: LocalChange[], database: RegieDatabase = db): Promise<OutboxEntry[]> {
  const tables = [...new Set(changes.map((change) => database.records(change.entity)))]
  try {
    return await database.transaction('rw', [...tables, ...writeTables(database)], async () => {
      const states = new Map<string, ClientState>()
      const entries: OutboxEntry[] = []
      // Each change as the mutations it makes, once the batch's earlier changes are written (a create, then its patch).
      for (const requested of changes) {
        for (const change of await asMutations(database, requested)) {
          const now = new Date()
          const target = await targetOf(database, change)
          if (!states.has(target.productionId) && (await database.teams.get(target.productionId))?.role === 'viewer') {
            throw new ReadOnlyProduction(target.productionId)
          }
          const state = states.get(target.productionId) ?? (await clientState(database, target.productionId))
          states.set(target.productionId, state)
          const hlc = tickHlc(state.hlc ? decodeHlc(state.hlc) : null, now.getTime(), state.clientId)
          state.hlc = encodeHlc(hlc)
          const args = await applyChange(database, change, target.existing, now.toISOString())
          entries.push({
            mutationId: state.nextMutationId++,
            clientId: state.clientId,
            productionId: target.productionId,
            name: `${change.entity}.${change.op}` as MutationName,
            args,
            hlc: state.hlc,
            createdAt: now.toISOString(),
          })
        }
      }
      await database.outbox.bulkAdd(entries)
      await database.meta.bulkPut([...states.values()])
      return entries
    })
  } catch (error) {
    throw writeFailure(error)
  }
}

export async function commitChange(change: LocalChange, database: RegieDatabase = db): Promise<OutboxEntry> {
  const [entry] = await commitChanges([change], database)
  return entry!
}

/**
 * The mutations a change makes: a placement patch that moves the vehicle gives a move and a patch of the rest; a
 * patch of a line list (the lines to write) keeps only those that change something.
 */
async function asMutations(database: RegieDatabase, change: LocalChange): Promise<LocalChange[]> {
  if (change.op !== 'patch') return [change]
  const lists = lineListsOf(change.entity).filter((field) => field in change.fields)
  if (lists.length > 0) {
    const { existing } = await targetOf(database, change)
    const fields = { ...change.fields }
    for (const field of lists) {
      const before = linesOf(change.entity, existing!, field)
      const lines = changedLines(before, mergeLines(before, fields[field]), newId)
      if (lines.length > 0) fields[field] = lines
      else delete fields[field]
    }
    return Object.keys(fields).length > 0 ? [{ ...change, fields }] : []
  }
  if (change.entity !== 'placement' || !PLACEMENT_POSITION_FIELDS.some((field) => field in change.fields)) return [change]
  const { existing } = await targetOf(database, change)
  const valueOf = (record: Record<string, unknown>, field: keyof PlacementPosition) => record[field] ?? PLACEMENT_POSITION[field]
  const after = { ...existing!, ...change.fields }
  const position = Object.fromEntries(PLACEMENT_POSITION_FIELDS.map((field) => [field, valueOf(after, field)])) as unknown as PlacementPosition
  const mutations: LocalChange[] = []
  // A position sent back unchanged (a form saving every field) must not win the position over a teammate's move.
  if (PLACEMENT_POSITION_FIELDS.some((field) => position[field] !== valueOf(existing!, field))) {
    mutations.push({ op: 'move', entity: 'placement', productionId: change.productionId, id: change.id, position })
  }
  const rest = Object.fromEntries(Object.entries(change.fields).filter(([field]) => !(field in PLACEMENT_POSITION)))
  if (Object.keys(rest).length > 0) mutations.push({ ...change, fields: rest })
  return mutations
}

/** The production a change belongs to, and the record it changes (which must exist for a patch or delete). */
async function targetOf(database: RegieDatabase, change: LocalChange): Promise<{ productionId: string; existing?: BaseRecord }> {
  if (change.op === 'create') return { productionId: change.record.productionId }
  const existing = await database.records(change.entity).get([change.productionId, change.id])
  if (!existing) throw new RecordNotFound(change.entity, change.id)
  return { productionId: existing.productionId, existing }
}

async function applyChange(database: RegieDatabase, change: LocalChange, existing: BaseRecord | undefined, now: string): Promise<MutationArgs> {
  const table = database.records(change.entity)
  if (change.op === 'create') {
    const record = { ...change.record, createdAt: now, updatedAt: now, deletedAt: null }
    await table.put(record)
    return { record }
  }
  if (change.op === 'patch') {
    await table.put({ ...patchedRecord(change.entity, existing!, change.fields), updatedAt: now })
    return { id: change.id, fields: change.fields }
  }
  if (change.op === 'move') {
    await table.put({ ...existing!, ...change.position, updatedAt: now })
    return { id: change.id, position: change.position }
  }
  if (change.op === 'adjust') {
    const { served } = applyMealAdjust((existing!.served ?? {}) as Partial<Record<MealGroup, number>>, change)
    await table.put({ ...existing!, served, updatedAt: now })
    return { id: change.id, group: change.group, delta: change.delta }
  }
  if (change.op === 'restore') {
    await table.put({ ...existing!, deletedAt: null, updatedAt: now })
    return { id: change.id }
  }
  if (change.op === 'transition') {
    // Compare-and-set here as on the server: thrown inside the transaction, so nothing is written.
    if (existing!.deletedAt) throw new RecordNotFound(change.entity, change.id)
    if (!canTransition(change.from, change.to)) throw new ChangeRefused('invalid_transition', change.entity, change.id)
    if (existing!.status !== change.from) throw new ChangeRefused('stale_transition', change.entity, change.id)
    const fields = transitionFields(existing as { sentOn?: string }, change.to, calendarDateIn(Date.parse(now)))
    await table.put({ ...existing!, ...fields, updatedAt: now })
    return { id: change.id, from: change.from, to: change.to }
  }
  await table.put({ ...existing!, deletedAt: now, updatedAt: now })
  return { id: change.id }
}

export async function pendingChangeCount(database: RegieDatabase = db): Promise<number> {
  return database.outbox.count()
}
