/**
 * "Restore my version" of a change the server refused (DESIGN.md section 3: restore or discard). A restore is a
 * NEW local change through the one write path (fresh HLC, next mutationId), never an edit of the refused entry:
 * a patch of the refused fields that differ from the record as it now stands, a create again when the record is
 * absent, a new `meal.adjust` for a refused count. When the team deleted the record, the only restore is a new
 * record with a copy of the refused values. A refused `permit.transition` has nothing to restore: the status
 * moved under the author, who must look at it again.
 *
 * `restorePlan` says exactly what a restore would write, for the user to read first; `restoreRejection` writes
 * it and drops the rejection in one transaction, and refuses if the plan the user saw is no longer the one it
 * would write (a pull changed the record meanwhile).
 */
import type { BaseRecord, EntityName, MealGroup } from '../../core/model'
import { changedLines, lineListsOf, linesOf, mergeLines, patchedRecord } from '../../core/model/lines'
import { mealId, MEAL_SERVICES, type MealService } from '../../core/model/meal'
import { applyMealAdjust } from '../../core/rules/mealCounter'
import { newId } from '../../core/sync/ids'
import type { AdjustArgs, CreateArgs, DeleteArgs, MoveArgs, PatchArgs } from '../../core/sync/mutations'
import { parseMutationName } from '../../core/sync/mutationNames'
import { db, liveQuery, type RegieDatabase, type StoredRejection } from './db'
import { ENTITIES, ENTITY_RULES, validate } from './recordRules'
import { changedFields, editableFields } from './repository'
import { commitChanges, writeTables, type LocalChange } from './writePath'

export interface FieldChange {
  field: string
  /** The value on this phone now (undefined when the record has no such value). */
  current: unknown
  restored: unknown
}

/** Why nothing can be restored; each has its explanation in the locale files (`team.restore.none.<why>`). */
export type RestoreBlock =
  | 'transition' | 'same' | 'missing' | 'invalid' | 'locked' | 'duplicate' | 'countGone' | 'productionGone' | 'unknown'

export type RestorePlan =
  /** Patch of the record as it stands: only the refused fields whose value differs now. */
  | { kind: 'patch'; entity: EntityName; id: string; changes: FieldChange[] }
  /** Create again, same id: the record is absent here, or here exactly as refused (the server may not have it). */
  | { kind: 'create'; entity: EntityName; id: string; values: Record<string, unknown> }
  /** The team deleted the record (delete wins): a new record, new id, with a copy of the refused values. */
  | { kind: 'recreate'; entity: EntityName; id: string; values: Record<string, unknown> }
  | { kind: 'adjust'; entity: 'meal'; id: string; group: MealGroup; delta: number; current: number; after: number }
  | { kind: 'delete'; entity: EntityName; id: string }
  | { kind: 'none'; entity: EntityName | null; why: RestoreBlock }

/** The rejection is gone or its record changed since the plan was shown: show the new plan before writing. */
export class RestoreOutdated extends Error {
  constructor(productionId: string, mutationId: number) {
    super(`rejection ${productionId}#${mutationId} changed before it was restored`)
    this.name = 'RestoreOutdated'
  }
}

const reservedOf = (entity: EntityName) => ENTITY_RULES[entity]?.reserved ?? []
const withoutReserved = (entity: EntityName, values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(editableFields(values)).filter(([key]) => !reservedOf(entity).includes(key)))
const isValid = (entity: EntityName, values: Record<string, unknown>) => validate(ENTITIES[entity].input, values).ok

export async function restorePlan(rejection: StoredRejection, database: RegieDatabase = db): Promise<RestorePlan> {
  const parsed = parseMutationName(rejection.name)
  if (!parsed) return { kind: 'none', entity: null, why: 'unknown' }
  const { entity, op } = parsed
  if (op === 'transition') return { kind: 'none', entity, why: 'transition' }
  const { productionId } = rejection
  if (op === 'create') return createPlan(entity, productionId, (rejection.args as CreateArgs).record, rejection.reason, database)

  const id = String((rejection.args as PatchArgs | DeleteArgs | AdjustArgs | MoveArgs).id)
  const current = await database.records(entity).get([productionId, id])
  const alive = current && !current.deletedAt ? current : undefined
  if (op === 'delete') return alive ? { kind: 'delete', entity, id } : { kind: 'none', entity, why: 'same' }
  if (op === 'adjust') {
    if (!alive) return { kind: 'none', entity, why: 'countGone' }
    const { group, delta } = rejection.args as AdjustArgs
    const served = (alive.served ?? {}) as Partial<Record<MealGroup, number>>
    const { served: after, applied } = applyMealAdjust(served, { group, delta })
    if (applied === 0) return { kind: 'none', entity, why: 'same' }
    return { kind: 'adjust', entity: 'meal', id, group, delta: applied, current: served[group] ?? 0, after: after[group] ?? 0 }
  }

  // A refused move restores as a patch of the position: the write path sends it as a move again.
  const refused = withoutReserved(entity, op === 'move' ? { ...(rejection.args as MoveArgs).position } : (rejection.args as PatchArgs).fields)
  if (!current) return { kind: 'none', entity, why: 'missing' }
  // A list kept line by line was sent as the lines it wrote: restore those that differ from the list as it stands.
  const fields: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(refused)) {
    if (!lineListsOf(entity).includes(field)) fields[field] = value
    else {
      const lines = linesOf(entity, current, field)
      const differing = changedLines(lines, mergeLines(lines, value), newId)
      if (differing.length > 0) fields[field] = differing
    }
  }
  // The copy of a deleted record is the last version this phone knew, with the refused values on top.
  if (!alive || rejection.reason === 'deleted') return recreatePlan(entity, productionId, id, patchedRecord(entity, editableFields(current), fields), database)
  // The server never had it (its create was refused too): send the whole record again, not a patch of nothing.
  if (rejection.reason === 'not_found') return createAgain(entity, id, patchedRecord(entity, editableFields(alive), fields))
  return patchPlan(entity, alive, fields)
}

const createAgain = (entity: EntityName, id: string, values: Record<string, unknown>): RestorePlan =>
  isValid(entity, values) ? { kind: 'create', entity, id, values } : { kind: 'none', entity, why: 'invalid' }

async function createPlan(entity: EntityName, productionId: string, record: Record<string, unknown>, reason: string, database: RegieDatabase): Promise<RestorePlan> {
  const id = String(record.id)
  const current = await database.records(entity).get([productionId, id])
  if (!current) return createAgain(entity, id, editableFields(record))
  if (current.deletedAt || reason === 'deleted') return recreatePlan(entity, productionId, id, editableFields(record), database)
  const fields = withoutReserved(entity, record)
  const differing = changedFields(current, fields)
  // Still here exactly as refused: the server may never have had it, and a create is safe either way
  // (insert if absent, merged as a patch if present). Send the record as it stands, counts included.
  if (Object.keys(differing).length === 0) return { kind: 'create', entity, id, values: editableFields(current) }
  return patchPlan(entity, current, fields)
}

function patchPlan(entity: EntityName, current: BaseRecord, fields: Record<string, unknown>): RestorePlan {
  const differing = changedFields(current, fields)
  const keys = Object.keys(differing)
  if (keys.length === 0) return { kind: 'none', entity, why: 'same' }
  if (!isValid(entity, { ...editableFields(current), ...differing })) return { kind: 'none', entity, why: 'invalid' }
  // The server's own rule (a meal order locked after its cut-off) would refuse it again: say so now.
  if (ENTITY_RULES[entity]?.refuse?.(current, differing, Date.now())) return { kind: 'none', entity, why: 'locked' }
  return { kind: 'patch', entity, id: current.id, changes: keys.map((field) => ({ field, current: current[field], restored: differing[field] })) }
}

async function recreatePlan(entity: EntityName, productionId: string, id: string, values: Record<string, unknown>, database: RegieDatabase): Promise<RestorePlan> {
  // The production is the team's shared space: a deleted one is not brought back from a phone.
  if (entity === 'production') return { kind: 'none', entity, why: 'productionGone' }
  if (!isValid(entity, values)) return { kind: 'none', entity, why: 'invalid' }
  if (entity === 'meal' && (await freeMealId(productionId, values, database)) === null) return { kind: 'none', entity, why: 'duplicate' }
  return { kind: 'recreate', entity, id, values }
}

/** A meal's id is its day and service: the next generation not taken by a tombstone, or null if a live one exists. */
async function freeMealId(productionId: string, values: Record<string, unknown>, database: RegieDatabase): Promise<string | null> {
  const service = values.service as MealService
  // Validated before: a meal always has its day and service. The check only narrows the types.
  if (typeof values.shootDayId !== 'string' || !MEAL_SERVICES.includes(service)) return newId()
  for (let generation = 1; generation <= 20; generation++) {
    const id = mealId(values.shootDayId, service, generation)
    const existing = await database.records('meal').get([productionId, id])
    if (!existing) return id
    if (!existing.deletedAt) return null
  }
  return null
}

async function changesOf(plan: RestorePlan, productionId: string, database: RegieDatabase): Promise<LocalChange[]> {
  switch (plan.kind) {
    case 'patch':
      return [{ op: 'patch', entity: plan.entity, productionId, id: plan.id, fields: Object.fromEntries(plan.changes.map((change) => [change.field, change.restored])) }]
    case 'create':
      return [{ op: 'create', entity: plan.entity, record: { ...plan.values, id: plan.id, productionId } as BaseRecord }]
    case 'recreate': {
      const id = plan.entity === 'meal' ? await freeMealId(productionId, plan.values, database) : newId()
      return [{ op: 'create', entity: plan.entity, record: { ...plan.values, id: id!, productionId } as BaseRecord }]
    }
    case 'adjust':
      return [{ op: 'adjust', entity: 'meal', productionId, id: plan.id, group: plan.group, delta: plan.delta }]
    case 'delete':
      return [{ op: 'delete', entity: plan.entity, productionId, id: plan.id }]
    case 'none':
      return []
  }
}

/**
 * Writes the plan the user saw as a new local change and drops the rejection, in one transaction. Returns the
 * id of the record written (a recreated record has a new one), or throws RestoreOutdated.
 */
export async function restoreRejection(productionId: string, mutationId: number, seen: RestorePlan, database: RegieDatabase = db): Promise<string> {
  const entity = seen.entity
  if (seen.kind === 'none' || !entity) throw new RestoreOutdated(productionId, mutationId)
  return database.transaction('rw', [database.records(entity), ...writeTables(database), database.rejections], async () => {
    const rejection = await database.rejections.get([productionId, mutationId])
    const plan = rejection && (await restorePlan(rejection, database))
    if (!plan || JSON.stringify(plan) !== JSON.stringify(seen)) throw new RestoreOutdated(productionId, mutationId)
    const changes = await changesOf(plan, productionId, database)
    const [entry] = await commitChanges(changes, database)
    await database.rejections.delete([productionId, mutationId])
    const args = entry!.args
    return String('record' in args ? args.record.id : args.id)
  })
}

export function liveRestorePlan(rejection: StoredRejection, database: RegieDatabase = db) {
  return liveQuery(() => restorePlan(rejection, database))
}
