/**
 * The server's merge rules, as small pure functions over one stored row (DESIGN.md section 3):
 * create is insert-if-absent, patch is last-writer-wins per field by HLC, delete is a tombstone that wins
 * over every later patch. A refused change comes back with a reason, never silently dropped.
 */
import type * as v from 'valibot'
import { validate, type FieldErrors } from '../model'
import { decodeHlc } from './hlc'

export interface StoredRow {
  data: Record<string, unknown>
  /** Per field, the HLC of the change that wrote its current value. */
  clocks: Record<string, string>
  deleted: boolean
}

export type MergeResult =
  | { ok: true; row: StoredRow; changed: boolean }
  | { ok: false; reason: 'invalid' | 'not_found' | 'deleted' | 'forbidden_field' | 'wrong_production'; details?: FieldErrors }

/** Fields that identify a record or are kept by the server: no patch may write them. */
const PROTECTED_FIELDS = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt'])

const hlcTime = (hlc: string) => new Date(decodeHlc(hlc).millis).toISOString()

export function mergeCreate(
  existing: StoredRow | undefined,
  record: Record<string, unknown>,
  hlc: string,
  productionId: string,
  schema: v.GenericSchema,
): MergeResult {
  if (record.productionId !== productionId) return { ok: false, reason: 'wrong_production' }
  // Idempotent: a replayed or duplicated create never overwrites what is there, nor revives a tombstone.
  if (existing) return { ok: true, row: existing, changed: false }
  const time = hlcTime(hlc)
  const result = validate(schema, { ...record, createdAt: record.createdAt || time, updatedAt: time, deletedAt: null })
  if (!result.ok) return { ok: false, reason: 'invalid', details: result.errors }
  const data = result.value as Record<string, unknown>
  const clocks = Object.fromEntries(Object.keys(data).filter((key) => !PROTECTED_FIELDS.has(key)).map((key) => [key, hlc]))
  return { ok: true, row: { data, clocks, deleted: false }, changed: true }
}

export function mergePatch(existing: StoredRow | undefined, fields: Record<string, unknown>, hlc: string, schema: v.GenericSchema): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.deleted) return { ok: false, reason: 'deleted' }
  if (Object.keys(fields).some((key) => PROTECTED_FIELDS.has(key))) return { ok: false, reason: 'forbidden_field' }
  const data = { ...existing.data }
  const clocks = { ...existing.clocks }
  let changed = false
  for (const [field, value] of Object.entries(fields)) {
    const current = clocks[field]
    // Later HLC wins; an older write loses but stays in the mutation log as the history of the field.
    if (current !== undefined && current >= hlc) continue
    data[field] = value
    clocks[field] = hlc
    changed = true
  }
  if (!changed) return { ok: true, row: existing, changed: false }
  // The latest change's time, whatever the order patches arrive in, so every replica agrees.
  const time = hlcTime(hlc)
  if (typeof data.updatedAt !== 'string' || data.updatedAt < time) data.updatedAt = time
  const result = validate(schema, data)
  if (!result.ok) return { ok: false, reason: 'invalid', details: result.errors }
  return { ok: true, row: { data: result.value as Record<string, unknown>, clocks, deleted: false }, changed: true }
}

export function mergeDelete(existing: StoredRow | undefined, hlc: string): MergeResult {
  if (!existing) return { ok: false, reason: 'not_found' }
  if (existing.deleted) return { ok: true, row: existing, changed: false }
  const time = hlcTime(hlc)
  return { ok: true, row: { data: { ...existing.data, deletedAt: time, updatedAt: time }, clocks: existing.clocks, deleted: true }, changed: true }
}
