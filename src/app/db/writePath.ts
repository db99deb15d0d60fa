/**
 * The one write path of DESIGN.md section 3. Every local change goes through `commitChanges`, which in one
 * Dexie transaction writes the record(s), allocates the next gapless mutationId of this device, ticks the
 * HLC and appends the outbox entry. Tabs share the `meta` row inside that transaction, so two tabs writing
 * at once still get consecutive ids. Applying pulled changes must never come through here.
 */
import type { BaseRecord, EntityName } from '../../core/model'
import { decodeHlc, encodeHlc, tickHlc } from '../../core/sync/hlc'
import { newId } from '../../core/sync/ids'
import type { MutationArgs, MutationName, OutboxEntry } from '../../core/sync/mutations'
import { db, type DeviceState, type RegieDatabase } from './db'
import { classifyStorageError } from './storageErrors'

export type LocalChange =
  | { op: 'create'; entity: EntityName; record: BaseRecord }
  | { op: 'patch'; entity: EntityName; id: string; fields: Record<string, unknown> }
  | { op: 'delete'; entity: EntityName; id: string }

export class RecordNotFound extends Error {
  constructor(entity: EntityName, id: string) {
    super(`${entity} ${id} not found`)
    this.name = 'RecordNotFound'
  }
}

async function deviceState(database: RegieDatabase): Promise<DeviceState> {
  const state = await database.meta.get('device')
  return state ?? { key: 'device', clientId: newId(), nextMutationId: 1, hlc: null }
}

export async function commitChanges(changes: LocalChange[], database: RegieDatabase = db): Promise<OutboxEntry[]> {
  const tables = [...new Set(changes.map((change) => database.records(change.entity)))]
  try {
    return await database.transaction('rw', [...tables, database.outbox, database.meta], async () => {
      const state = await deviceState(database)
      const entries: OutboxEntry[] = []
      let hlc = state.hlc ? decodeHlc(state.hlc) : null
      for (const change of changes) {
        const now = new Date()
        hlc = tickHlc(hlc, now.getTime(), state.clientId)
        const { productionId, args } = await applyChange(database, change, now.toISOString())
        entries.push({
          mutationId: state.nextMutationId++,
          clientId: state.clientId,
          productionId,
          name: `${change.entity}.${change.op}` as MutationName,
          args,
          hlc: encodeHlc(hlc),
          createdAt: now.toISOString(),
        })
      }
      await database.outbox.bulkAdd(entries)
      await database.meta.put({ ...state, hlc: hlc ? encodeHlc(hlc) : state.hlc })
      return entries
    })
  } catch (error) {
    if (error instanceof RecordNotFound) throw error
    throw classifyStorageError(error)
  }
}

export async function commitChange(change: LocalChange, database: RegieDatabase = db): Promise<OutboxEntry> {
  const [entry] = await commitChanges([change], database)
  return entry!
}

async function applyChange(
  database: RegieDatabase,
  change: LocalChange,
  now: string,
): Promise<{ productionId: string; args: MutationArgs }> {
  const table = database.records(change.entity)
  if (change.op === 'create') {
    const record = { ...change.record, createdAt: now, updatedAt: now, deletedAt: null }
    await table.put(record)
    return { productionId: record.productionId, args: { record } }
  }
  const existing = await table.get(change.id)
  if (!existing) throw new RecordNotFound(change.entity, change.id)
  if (change.op === 'patch') {
    await table.put({ ...existing, ...change.fields, updatedAt: now })
    return { productionId: existing.productionId, args: { id: change.id, fields: change.fields } }
  }
  await table.put({ ...existing, deletedAt: now, updatedAt: now })
  return { productionId: existing.productionId, args: { id: change.id } }
}

export async function pendingChangeCount(database: RegieDatabase = db): Promise<number> {
  return database.outbox.count()
}
