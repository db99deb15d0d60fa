/**
 * Record history, read from the mutation log (DESIGN.md section 3: the log is the forensic record, and a patch
 * that loses by clock "stays in the mutation log as the history of the field"). Push writes, with each logged
 * mutation, the record it touched and the clock it merged with (historyColumns); the history reads one record's
 * entries newest first and tells, per value, whether it still stands: a value stands while the field's clock in
 * `entities.clocks` is the entry's merge clock (or the field holds that same value anyway).
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { EntityName } from '../../core/model'
import { lineListsOf, linesOf, withLineIds, type Line } from '../../core/model/lines'
import { decodeHlc } from '../../core/sync/hlc'
import { HISTORY_LIMIT, type HistoryEntry, type HistoryResponse } from '../../core/sync/history'
import { parseMutationName } from '../../core/sync/mutationNames'
import type { Database } from '../schema'

/** Fields every record has that say nothing about what a change did. */
const BOOKKEEPING = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt'])
const MAX_RECORD_ID = 64

/** The history columns of a mutation_log row: the record a mutation names (null when unreadable) and its merge clock. */
export function historyColumns(mutation: { name: string; args?: unknown }, mergeClock: string | null | undefined) {
  const parsed = parseMutationName(mutation.name)
  const id = recordIdOf(mutation.args)
  const named = parsed !== null && id !== null
  return { entity: named ? parsed.entity : null, record_id: named ? id : null, merge_hlc: mergeClock ?? null }
}

function recordIdOf(args: unknown): string | null {
  const holder = args as { id?: unknown; record?: { id?: unknown } } | null | undefined
  const id = holder?.record?.id ?? holder?.id
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_RECORD_ID && !id.includes('\u0000') ? id : null
}

/** One log row as the history reads it. */
export interface LoggedChange {
  name: string
  /** JSON text, as logged. */
  args: string
  hlc: string
  merge_hlc: string | null
  status: string
  /** JSON text `{reason, details}` for a refused mutation. */
  error: string | null
  author: string | null
}

/** The record as stored now: its values and, per field, the clock of the write that set each. */
export interface CurrentRow {
  data: Record<string, unknown>
  clocks: Record<string, string>
}

export async function readHistory(db: Kysely<Database>, productionId: string, entity: EntityName, id: string): Promise<HistoryResponse> {
  const rows = await db.selectFrom('mutation_log')
    .leftJoin('clients', (join) => join.onRef('clients.production_id', '=', 'mutation_log.production_id').onRef('clients.client_id', '=', 'mutation_log.client_id'))
    .leftJoin('members', (join) => join.onRef('members.production_id', '=', 'clients.production_id').onRef('members.id', '=', 'clients.member_id'))
    .select(['mutation_log.name', 'mutation_log.args', 'mutation_log.hlc', 'mutation_log.merge_hlc', 'mutation_log.status', 'mutation_log.error', 'members.display_name as author'])
    .where('mutation_log.production_id', '=', productionId).where('mutation_log.entity', '=', entity).where('mutation_log.record_id', '=', id)
    // Rows logged before merge clocks were kept have only the clock sent; HLC text sorts in time order.
    .orderBy(sql`coalesce(mutation_log.merge_hlc, mutation_log.hlc)`, 'desc')
    .orderBy('mutation_log.received_at', 'desc')
    .limit(HISTORY_LIMIT + 1)
    .execute()
  const stored = await db.selectFrom('entities').select(['data', 'clocks'])
    .where('production_id', '=', productionId).where('entity', '=', entity).where('id', '=', id).executeTakeFirst()
  const current: CurrentRow | undefined = stored && { data: JSON.parse(stored.data), clocks: JSON.parse(stored.clocks) }
  const entries = rows.slice(0, HISTORY_LIMIT).map((row) => historyEntry(row, current)).filter((entry) => entry !== null)
  return { entries, truncated: rows.length > HISTORY_LIMIT }
}

/** What one logged mutation did to its record, and which of its values no longer stand; null for an unknown name. */
export function historyEntry(row: LoggedChange, current: CurrentRow | undefined): HistoryEntry | null {
  const parsed = parseMutationName(row.name)
  if (!parsed) return null
  const clock = row.merge_hlc ?? row.hlc
  const args = parseJson(row.args) as Record<string, unknown> | null
  const fields = fieldsOf(parsed.op, args)
  const status = row.status === 'applied' || row.status === 'unchanged' ? row.status : 'rejected'
  const entry: HistoryEntry = { at: new Date(decodeHlc(clock).millis).toISOString(), author: row.author, op: parsed.op, fields, overwritten: [], status }
  if (status === 'rejected') {
    const reason = (parseJson(row.error ?? 'null') as { reason?: unknown } | null)?.reason
    return { ...entry, reason: typeof reason === 'string' ? reason : 'unknown' }
  }
  // A meal adjustment adds to the count: it never loses to another one.
  if (current && parsed.op !== 'adjust') {
    const lists = lineListsOf(parsed.entity)
    entry.overwritten = Object.keys(fields).filter((field) =>
      lists.includes(field) ? lineOverwritten(parsed.entity, current, field, fields[field], clock) : current.clocks[field] !== clock && !same(current.data[field], fields[field]))
  }
  return entry
}

/** A list kept line by line has lost to a later write when one of the lines it wrote no longer stands as written. */
function lineOverwritten(entity: string, current: CurrentRow, field: string, written: unknown, clock: string): boolean {
  const stored = new Map(withLineIds(linesOf(entity, current.data, field)).map((line) => [line.id, line]))
  const lines = withLineIds(Array.isArray(written) ? (written as Line[]) : [])
  return lines.some((line) => (current.clocks[`${field}#${line.id}`] ?? current.clocks[field]) !== clock && !same(stored.get(line.id), line))
}

function fieldsOf(op: string, args: Record<string, unknown> | null): Record<string, unknown> {
  if (!args || typeof args !== 'object') return {}
  switch (op) {
    case 'create': {
      const record = (args.record ?? {}) as Record<string, unknown>
      return Object.fromEntries(Object.entries(record).filter(([key, value]) => !BOOKKEEPING.has(key) && !isEmpty(value)))
    }
    case 'patch':
      return { ...((args.fields ?? {}) as Record<string, unknown>) }
    case 'transition':
      return { status: args.to }
    case 'move': {
      // The kerb's id says nothing to a reader: its street, side and numbers do, when there are any.
      const { kerbId: _kerb, ...position } = (args.position ?? {}) as Record<string, unknown>
      return Object.fromEntries(Object.entries(position).filter(([, value]) => !isEmpty(value)))
    }
    case 'adjust':
      return { served: { [String(args.group)]: args.delta } }
    default:
      return {}
  }
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
