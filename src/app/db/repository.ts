/**
 * A repository per entity: reads the live, non-deleted records of a production and writes through the one
 * write path. It validates with the entity's shared schema first, so an invalid form never reaches the
 * database and the caller gets `{field: messageKey}` to show next to each field.
 */
import type { Observable } from 'dexie'
import type { BaseRecord, EntityName, FieldErrors } from '../../core/model'
import { changedLines, lineListsOf, linesOf, patchedRecord } from '../../core/model/lines'
import { newId } from '../../core/sync/ids'
import { db, liveQuery, type RegieDatabase } from './db'
import { commitChange, commitChanges } from './writePath'

export type SaveResult<T> = { ok: true; record: T } | { ok: false; errors: FieldErrors }

/** Fields the phone never edits: the record's identity, its dates, and who created it (the server says). */
const BASE_KEYS = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy'])

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
  get(productionId: string, id: string): Promise<T | undefined>
  liveOne(productionId: string, id: string): Observable<T | undefined>
  /**
   * `id` derived from the content (one meal per day and service): an existing record with it is refused as a
   * duplicate; a deleted one is left deleted (delete wins) and the next free `<id>-2`, `<id>-3`... is used.
   */
  create(productionId: string, input: Record<string, unknown>, id?: string): Promise<SaveResult<T>>
  /** `input`: the fields to change; for a list kept line by line, the lines to write (lines.ts). */
  update(productionId: string, id: string, input: Record<string, unknown>): Promise<SaveResult<T>>
  remove(productionId: string, id: string): Promise<void>
  /** Takes a deleted record back out of the trash. */
  restore(productionId: string, id: string): Promise<void>
}

/** The last few lists read, per entity and production (a phone works on one production at a time). */
const recentLists = new Map<string, BaseRecord[]>()
// The overview prefetches 8 lists (the stores, rental houses, condition reports): keep them all, so the first
// tap on any of them, or on the returns dashboard, reopens from memory.
const RECENT_LISTS = 10

function remember(key: string, rows: BaseRecord[]) {
  recentLists.delete(key)
  recentLists.set(key, rows)
  if (recentLists.size > RECENT_LISTS) recentLists.delete(recentLists.keys().next().value!)
}

export function createRepository<T extends BaseRecord>(entity: EntityName, database: RegieDatabase = db): Repository<T> {
  const table = () => database.records<T>(entity)
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

  async function get(productionId: string, id: string): Promise<T | undefined> {
    return alive(await table().get([productionId, id]))
  }

  async function freeId(productionId: string, base: string): Promise<string | null> {
    for (let generation = 1; generation <= 20; generation++) {
      const id = generation === 1 ? base : `${base}-${generation}`
      const existing = await table().get([productionId, id])
      if (!existing) return id
      if (!existing.deletedAt) return null
    }
    return null
  }

  return {
    entity,
    list,
    live: (productionId) => liveQuery(() => list(productionId)),
    cached: (productionId) => recentLists.get(`${database.name}:${entity}:${productionId}`) as T[] | undefined,
    liveCount: (productionId) => liveQuery(() => count(productionId)),
    liveAll: () => liveQuery(async () => (await table().toArray()).filter((row) => !row.deletedAt)),
    get,
    liveOne: (productionId, id) => liveQuery(() => get(productionId, id)),

    async create(productionId, input, derivedId) {
      const { ENTITIES, validate } = await import('./recordRules')
      const result = validate(ENTITIES[entity].input, input)
      if (!result.ok) return result
      const id = derivedId ? await freeId(productionId, derivedId) : newId()
      if (id === null) return { ok: false, errors: { _: 'errors.duplicate' } }
      const record = { ...(result.value as object), id, productionId: entity === 'production' ? id : productionId } as T
      await commitChange({ op: 'create', entity, record }, database)
      return { ok: true, record: (await table().get([record.productionId, id]))! }
    },

    async update(productionId, id, input) {
      const existing = await get(productionId, id)
      if (!existing) return { ok: false, errors: { _: 'errors.notFound' } }
      const current = editableFields(existing)
      const { ENTITIES, ENTITY_RULES, validate } = await import('./recordRules')
      const inputSchema = ENTITIES[entity].input
      // Fields only a special mutation moves (a meal's served counts, a permit's status) keep their stored value:
      // a form opened before a teammate's count or status change must not send the old one back (and be refused).
      const reserved = ENTITY_RULES[entity]?.reserved ?? []
      const typed = Object.fromEntries(Object.entries(input).filter(([key]) => !reserved.includes(key)))
      // A list kept line by line (a permit's checklist) is given as the lines to write, merged into the record's.
      const result = validate(inputSchema, patchedRecord(entity, current, typed))
      if (!result.ok) return result
      // Compare with the stored record as the schema reads it: defaults it fills in and nested key order are not
      // edits, and a patch carrying untouched fields would overwrite other devices' edits of them (LWW per field).
      // Base fields (id, productionId, timestamps, tombstone) are never the user's to patch.
      const before = validate(inputSchema, current)
      const stored = before.ok ? (before.value as Record<string, unknown>) : current
      const after = editableFields(result.value as Record<string, unknown>)
      const fields = changedFields(stored, after)
      // Of a list kept line by line, only the lines that changed: the others may be a teammate's newer version.
      for (const field of lineListsOf(entity).filter((key) => key in fields)) {
        const lines = changedLines(linesOf(entity, stored, field), after[field], newId)
        if (lines.length > 0) fields[field] = lines
        else delete fields[field]
      }
      // The server's rules (a locked meal order), checked here first so the user is told before anything is saved.
      const refusal = ENTITY_RULES[entity]?.refuse?.(existing, fields, Date.now())
      if (refusal) return { ok: false, errors: { _: `errors.refused.${refusal}` } }
      if (Object.keys(fields).length > 0) await commitChange({ op: 'patch', entity, productionId, id, fields }, database)
      return { ok: true, record: (await table().get([productionId, id]))! }
    },

    async remove(productionId, id) {
      if (await get(productionId, id)) await commitChange({ op: 'delete', entity, productionId, id }, database)
    },

    async restore(productionId, id) {
      const record = await table().get([productionId, id])
      if (record?.deletedAt) await commitChange({ op: 'restore', entity, productionId, id }, database)
    },
  }
}

/** The records found by id alone, whatever their production (db.ts indexes `id` for these). */
export type RecordsById = 'location' | 'photo'

/**
 * Which production holds each of these ids on the phone, deleted records included (an import makes copies of
 * records another production holds); ids the phone does not hold are absent from the answer. One read of the `id`
 * index for the ids asked: an import asks it in chunks of a few hundred ids.
 */
export async function productionsHolding(entity: RecordsById, ids: readonly string[], database: RegieDatabase = db): Promise<Map<string, string>> {
  const found = await database.records(entity).where('id').anyOf([...ids]).toArray()
  return new Map(found.map((record) => [record.id, record.productionId]))
}

/**
 * Creates many records of several entities in one transaction (loading the demo production, importing):
 * all valid or nothing written. Returns the errors of the first invalid record.
 */
export async function createRecords(
  entries: { entity: EntityName; record: Record<string, unknown> }[],
  database: RegieDatabase = db,
): Promise<{ ok: true; count: number } | { ok: false; entity: EntityName; errors: FieldErrors }> {
  const { ENTITIES, validate } = await import('./recordRules')
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
