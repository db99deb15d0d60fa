/**
 * The server's merge rules, as small pure functions over one stored row (DESIGN.md section 3):
 * create is insert-if-absent (a second create of the same id, as two phones creating the same day's lunch,
 * merges field by field), patch is last-writer-wins per field by HLC, delete is a tombstone that wins over
 * every later patch, `meal.adjust` adds to a served count instead of overwriting it, and `permit.transition`
 * moves a status only from the one its author saw, along an allowed edge (compare-and-set). Whether a record is in
 * the trash is one last-writer-wins value between its deletes and restores (the latest by clock stands), so a
 * restore undoes the deletes its author saw and a later delete wins again. Some entities add
 * rules (ENTITY_RULES): fields only their special mutation may move, changes refused while locked, and fields that
 * are one value (a placement's position: `placement.move` writes all of it or none). Lists kept line by line (a
 * permit's documents) are merged per line, each line with its own clock.
 * A refused change comes back with a reason, never silently dropped.
 */
import {
  canTransition, ENTITIES, lineListsOf, linesOf, mergeLines, PLACEMENT_POSITION_FIELDS, transitionFields, validate, type EntityName, type FieldErrors, type MealGroup, type PermitStatus,
  type PlacementPosition,
} from '../model'
import { applyMealAdjust } from '../rules/mealCounter'
import { mealChangeRefused } from '../rules/mealLock'
import { calendarDateIn } from '../rules/workingDays'
import { decodeHlc } from './hlc'

export interface StoredRow {
  data: Record<string, unknown>
  /** Per field, the HLC of the change that wrote its current value; `_deleted`: of the latest delete or restore. */
  clocks: Record<string, string>
  deleted: boolean
  /** A tombstone whose data was purged after the trash delay: it can no longer be restored. */
  purged?: boolean
}

export type MergeResult =
  | { ok: true; row: StoredRow; changed: boolean }
  | { ok: false; reason: MergeRefusal; details?: FieldErrors }

export type MergeRefusal =
  | 'invalid' | 'not_found' | 'deleted' | 'forbidden_field' | 'wrong_production' | 'locked' | 'stale_transition' | 'invalid_transition' | 'purged'

interface EntityRules {
  /**
   * Fields moved only by the entity's special mutation (meal.adjust adds to `served`, permit.transition sets
   * `status`): a patch may not write them, a second create does not reset them.
   */
  reserved?: readonly string[]
  /** Refuses a change of a stored row made at `at` (ms, from the change's HLC). */
  refuse?: (before: Record<string, unknown>, fields: Record<string, unknown>, at: number) => MergeRefusal | null
  /**
   * Fields that are one value: a change that writes any of them wins or loses for all of them at once, by the
   * latest clock among them, and stamps them all with its clock.
   */
  unit?: readonly string[]
}

export const ENTITY_RULES: Partial<Record<EntityName, EntityRules>> = {
  meal: {
    reserved: ['served'],
    refuse: (before, fields, at) => (mealChangeRefused(before, fields, at) ? 'locked' : null),
  },
  permit: { reserved: ['status'] },
  placement: { unit: PLACEMENT_POSITION_FIELDS },
}

/** Fields that identify a record or are kept by the server: no patch may write them. */
const PROTECTED_FIELDS = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy'])
/** The clock of the latest delete or restore of a row. */
const DELETION_CLOCK = '_deleted'

const hlcTime = (hlc: string) => new Date(decodeHlc(hlc).millis).toISOString()

const editable = (record: Record<string, unknown>, reserved: readonly string[] = []) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !PROTECTED_FIELDS.has(key) && !reserved.includes(key)))

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function mergeCreate(
  existing: StoredRow | undefined,
  record: Record<string, unknown>,
  hlc: string,
  productionId: string,
  entity: EntityName,
): MergeResult {
  if (record.productionId !== productionId) return { ok: false, reason: 'wrong_production' }
  const schema = ENTITIES[entity].schema
  if (existing) {
    // The same id created twice (ids derived from content, or an upload of a local copy): never revive a
    // tombstone; otherwise merge as a patch. When the stored row still differs from what the author has, it
    // counts as changed so the author's phone receives the merged row with its next pull.
    if (existing.deleted) return { ok: false, reason: 'deleted' }
    const fields = editable(record, ENTITY_RULES[entity]?.reserved)
    const merged = mergePatch(existing, fields, hlc, entity)
    // mergePatch answers with a new row only when a field took the create's value.
    if (!merged.ok || merged.row !== existing) return merged
    const differs = Object.entries(fields).some(([key, value]) => !same(existing.data[key], value))
    return { ok: true, row: existing, changed: differs }
  }
  const time = hlcTime(hlc)
  // Who created a record is the server's to say (entities.created_by), never the sender's.
  const { createdBy: _claimed, ...fields } = record
  const result = validate(schema, { ...fields, createdAt: record.createdAt || time, updatedAt: time, deletedAt: null })
  if (!result.ok) return { ok: false, reason: 'invalid', details: result.errors }
  const data = result.value as Record<string, unknown>
  const clocks = Object.fromEntries(Object.keys(data).filter((key) => !PROTECTED_FIELDS.has(key)).map((key) => [key, hlc]))
  return { ok: true, row: { data, clocks, deleted: false }, changed: true }
}

export function mergePatch(existing: StoredRow | undefined, fields: Record<string, unknown>, hlc: string, entity: EntityName): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.deleted) return { ok: false, reason: 'deleted' }
  const rules = ENTITY_RULES[entity]
  if (Object.keys(fields).some((key) => PROTECTED_FIELDS.has(key) || rules?.reserved?.includes(key))) return { ok: false, reason: 'forbidden_field' }
  const refusal = rules?.refuse?.(existing.data, fields, decodeHlc(hlc).millis)
  if (refusal) return { ok: false, reason: refusal }
  const data = { ...existing.data }
  const clocks = { ...existing.clocks }
  let changed = false
  const unit = rules?.unit ?? []
  const unitClock = unit.reduce<string | undefined>((latest, field) => (clocks[field] !== undefined && (latest === undefined || clocks[field] > latest) ? clocks[field] : latest), undefined)
  const unitWins = unitClock === undefined || unitClock < hlc
  const lineLists = lineListsOf(entity)
  for (const field of lineLists) {
    if (!(field in fields)) continue
    // Per line: `field#id` holds the clock of the write that set that line (the field's own for older lines).
    const lineClock = (id: string) => clocks[`${field}#${id}`] ?? clocks[field]
    const won: string[] = []
    data[field] = mergeLines(linesOf(entity, data, field), fields[field], (id) => {
      const current = lineClock(id)
      const wins = current === undefined || current < hlc
      if (wins) won.push(id)
      return wins
    })
    for (const id of won) clocks[`${field}#${id}`] = hlc
    if (won.length > 0) changed = true
  }
  for (const [field, value] of Object.entries(fields)) {
    if (lineLists.includes(field)) continue
    const inUnit = unit.includes(field)
    const current = inUnit ? unitClock : clocks[field]
    // Later HLC wins; an older write loses but stays in the mutation log as the history of the field.
    if (inUnit ? !unitWins : current !== undefined && current >= hlc) continue
    data[field] = value
    clocks[field] = hlc
    changed = true
  }
  // The unit's other fields now date from this write too: a later partial write must beat it, not their older clocks.
  if (unitWins && unit.some((field) => field in fields)) for (const field of unit) clocks[field] = hlc
  // Every field lost to a later write, yet the author's phone shows its own version (its values, its updatedAt),
  // maybe on top of rows it already pulled: the row counts as changed so that its next pull brings the team's back.
  if (!changed) return { ok: true, row: existing, changed: true }
  // The latest change's time, whatever the order patches arrive in, so every replica agrees.
  const time = hlcTime(hlc)
  if (typeof data.updatedAt !== 'string' || data.updatedAt < time) data.updatedAt = time
  const result = validate(ENTITIES[entity].schema, data)
  if (!result.ok) return { ok: false, reason: 'invalid', details: result.errors }
  return { ok: true, row: { data: result.value as Record<string, unknown>, clocks, deleted: false }, changed: true }
}

/** `placement.move`: the vehicle's whole position, written as one value (ENTITY_RULES.placement.unit). */
export function mergePlacementMove(existing: StoredRow | undefined, position: PlacementPosition, hlc: string): MergeResult {
  return mergePatch(existing, { ...position }, hlc, 'placement')
}

/**
 * `meal.adjust`: covers added to (or taken from) one group's served count. Deltas add up whatever their order
 * or clocks; each step is clamped to 0..max, as on the phone that counted.
 */
export function mergeMealAdjust(existing: StoredRow | undefined, group: MealGroup, delta: number, hlc: string): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.deleted) return { ok: false, reason: 'deleted' }
  const served = (existing.data.served ?? {}) as Partial<Record<MealGroup, number>>
  const { served: after, applied } = applyMealAdjust(served, { group, delta })
  if (applied === 0) return { ok: true, row: existing, changed: false }
  const time = hlcTime(hlc)
  const data: Record<string, unknown> = { ...existing.data, served: after }
  if (typeof data.updatedAt !== 'string' || data.updatedAt < time) data.updatedAt = time
  return { ok: true, row: { data, clocks: existing.clocks, deleted: false }, changed: true }
}

/**
 * `permit.transition`: compare-and-set on the status. Refused as invalid when `from` → `to` is not an edge of the
 * workflow, as stale when the stored status is no longer `from` (a teammate moved it first, or made the same
 * move): the author then gets the row back and sees the team's status instead of silently overwriting it.
 */
export function mergePermitTransition(existing: StoredRow | undefined, from: PermitStatus, to: PermitStatus, hlc: string): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.deleted) return { ok: false, reason: 'deleted' }
  if (!canTransition(from, to)) return { ok: false, reason: 'invalid_transition' }
  if (existing.data.status !== from) return { ok: false, reason: 'stale_transition' }
  const fields = transitionFields(existing.data as { sentOn?: string }, to, calendarDateIn(decodeHlc(hlc).millis))
  // The compare did the ordering: the status is set whatever its clock. The day it was sent is a plain field:
  // a later edit of it by hand keeps its value.
  const data: Record<string, unknown> = { ...existing.data, status: fields.status }
  const clocks: Record<string, string> = { ...existing.clocks, status: hlc }
  const sentOnClock = clocks.sentOn
  if (fields.sentOn && !(sentOnClock !== undefined && sentOnClock >= hlc)) {
    data.sentOn = fields.sentOn
    clocks.sentOn = hlc
  }
  const time = hlcTime(hlc)
  if (typeof data.updatedAt !== 'string' || data.updatedAt < time) data.updatedAt = time
  return { ok: true, row: { data, clocks, deleted: false }, changed: true }
}

/**
 * `<entity>.delete`: the row goes to the trash unless a restore with a later clock already took it out (deletes and
 * restores are one last-writer-wins value). A change that loses still counts as changed when the author's phone
 * shows otherwise, so its next pull brings the team's version back.
 */
export function mergeDelete(existing: StoredRow | undefined, hlc: string): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  const latest = existing.clocks[DELETION_CLOCK]
  if (latest !== undefined && latest >= hlc) return { ok: true, row: existing, changed: !existing.deleted }
  const clocks = { ...existing.clocks, [DELETION_CLOCK]: hlc }
  // Already in the trash: only the clock moves (so an older restore arriving later still loses to this delete).
  if (existing.deleted) return { ok: true, row: { ...existing, clocks }, changed: true }
  const time = hlcTime(hlc)
  return { ok: true, row: { data: { ...existing.data, deletedAt: time, updatedAt: time }, clocks, deleted: true }, changed: true }
}

/**
 * `<entity>.restore`: a row taken back out of the trash, unless a delete with a later clock stands (then the author
 * gets the row back as deleted). A purged row is gone for good.
 */
export function mergeRestore(existing: StoredRow | undefined, hlc: string): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.purged) return { ok: false, reason: 'purged' }
  const latest = existing.clocks[DELETION_CLOCK]
  if (latest !== undefined && latest >= hlc) return { ok: true, row: existing, changed: existing.deleted }
  const clocks = { ...existing.clocks, [DELETION_CLOCK]: hlc }
  if (!existing.deleted) return { ok: true, row: { ...existing, clocks }, changed: true }
  const time = hlcTime(hlc)
  const updatedAt = typeof existing.data.updatedAt === 'string' && existing.data.updatedAt > time ? existing.data.updatedAt : time
  return { ok: true, row: { data: { ...existing.data, deletedAt: null, updatedAt }, clocks, deleted: false }, changed: true }
}
