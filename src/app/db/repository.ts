/**
 * A repository per entity: reads the live, non-deleted records of a production and writes through the one
 * write path. It validates with the entity's shared schema first, so an invalid form never reaches the
 * database and the caller gets `{field: messageKey}` to show next to each field.
 */
import type { Observable } from 'dexie'
import { ENTITIES, validate, type BaseRecord, type EntityName, type FieldErrors } from '../../core/model'
import { newId } from '../../core/sync/ids'
import { db, liveQuery, type RegieDatabase } from './db'
import { commitChange, commitChanges } from './writePath'

export type SaveResult<T> = { ok: true; record: T } | { ok: false; errors: FieldErrors }

const BASE_KEYS = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt'])

export function editableFields(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !BASE_KEYS.has(key)))
}

/** Fields whose value differs: a patch carries only these, so concurrent edits of other fields merge. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value)))
}

export interface Repository<T extends BaseRecord> {
  entity: EntityName
  list(productionId: string): Promise<T[]>
  live(productionId: string): Observable<T[]>
  /** The last list read for this production, if still in memory: lets a list reopen at once, then refresh. */
  cached(productionId: string): T[] | undefined
  /** Every live record of the entity, across productions (the production picker). */
  liveAll(): Observable<T[]>
  /** Number of live records, counted on the indexes without reading the records. */
  liveCount(productionId: string): Observable<number>
  get(id: string): Promise<T | undefined>
  liveOne(id: string): Observable<T | undefined>
  create(productionId: string, input: Record<string, unknown>, id?: string): Promise<SaveResult<T>>
  update(id: string, input: Record<string, unknown>): Promise<SaveResult<T>>
  remove(id: string): Promise<void>
}

/** The last few lists read, per entity and production (a phone works on one production at a time). */
const recentLists = new Map<string, BaseRecord[]>()
const RECENT_LISTS = 6

function remember(key: string, rows: BaseRecord[]) {
  recentLists.delete(key)
  recentLists.set(key, rows)
  if (recentLists.size > RECENT_LISTS) recentLists.delete(recentLists.keys().next().value!)
}

export function createRepository<T extends BaseRecord>(entity: EntityName, database: RegieDatabase = db): Repository<T> {
  const table = () => database.records<T>(entity)
  const { input: inputSchema } = ENTITIES[entity]
  const alive = (record: T | undefined) => (record && !record.deletedAt ? record : undefined)

  async function list(productionId: string): Promise<T[]> {
    const rows = (await table().where('productionId').equals(productionId).toArray()).filter((row) => !row.deletedAt)
    remember(`${database.name}:${entity}:${productionId}`, rows)
    return rows
  }

  /** Live records = all records of the production minus tombstones; only tombstones are in the deletedAt index. */
  async function count(productionId: string): Promise<number> {
    const all = await table().where('productionId').equals(productionId).count()
    const deleted = await table().where('[productionId+deletedAt]').between([productionId, ''], [productionId, '\uffff']).count()
    return all - deleted
  }

  async function get(id: string): Promise<T | undefined> {
    return alive(await table().get(id))
  }

  return {
    entity,
    list,
    live: (productionId) => liveQuery(() => list(productionId)),
    cached: (productionId) => recentLists.get(`${database.name}:${entity}:${productionId}`) as T[] | undefined,
    liveCount: (productionId) => liveQuery(() => count(productionId)),
    liveAll: () => liveQuery(async () => (await table().toArray()).filter((row) => !row.deletedAt)),
    get,
    liveOne: (id) => liveQuery(() => get(id)),

    async create(productionId, input, id = newId()) {
      const result = validate(inputSchema, input)
      if (!result.ok) return result
      const record = { ...(result.value as object), id, productionId: entity === 'production' ? id : productionId } as T
      await commitChange({ op: 'create', entity, record }, database)
      return { ok: true, record: (await table().get(id))! }
    },

    async update(id, input) {
      const existing = await get(id)
      if (!existing) return { ok: false, errors: { _: 'errors.notFound' } }
      const current = editableFields(existing)
      const result = validate(inputSchema, { ...current, ...input })
      if (!result.ok) return result
      // Compare with the stored record as the schema reads it: defaults it fills in and nested key order are not
      // edits, and a patch carrying untouched fields would overwrite other devices' edits of them (LWW per field).
      // Base fields (id, productionId, timestamps, tombstone) are never the user's to patch.
      const before = validate(inputSchema, current)
      const fields = changedFields(
        before.ok ? (before.value as Record<string, unknown>) : current,
        editableFields(result.value as Record<string, unknown>),
      )
      if (Object.keys(fields).length > 0) await commitChange({ op: 'patch', entity, id, fields }, database)
      return { ok: true, record: (await table().get(id))! }
    },

    async remove(id) {
      if (await get(id)) await commitChange({ op: 'delete', entity, id }, database)
    },
  }
}

/**
 * Creates many records of several entities in one transaction (loading the demo production, importing):
 * all valid or nothing written. Returns the errors of the first invalid record.
 */
export async function createRecords(
  entries: { entity: EntityName; record: Record<string, unknown> }[],
  database: RegieDatabase = db,
): Promise<{ ok: true; count: number } | { ok: false; entity: EntityName; errors: FieldErrors }> {
  const changes = []
  for (const { entity, record } of entries) {
    const result = validate(ENTITIES[entity].input, editableFields(record))
    if (!result.ok) return { ok: false, entity, errors: result.errors }
    const id = String(record.id ?? newId())
    const productionId = entity === 'production' ? id : String(record.productionId)
    changes.push({ op: 'create' as const, entity, record: { ...(result.value as object), id, productionId } as BaseRecord })
  }
  await commitChanges(changes, database)
  return { ok: true, count: changes.length }
}
