/**
 * Applies one push (DESIGN.md section 3) in one database transaction: mutations already applied are skipped,
 * a gap in mutation ids is refused with the id expected, and each new mutation is validated, authorised and
 * merged on its own. A refused mutation is recorded with its reason and still advances the client's
 * lastMutationId, so one bad change never blocks the queue behind it. Every row written takes the next
 * per-production seq, counted under the production row's lock, so seq order is commit order.
 *
 * Limits: a record whose JSON would pass `limits.recordBytes` is refused (`record_too_large`), a create past the
 * production's records quota too (`quota_records`); a clock whose node is not the sender's clientId is refused
 * (`forged_clock`); members and trainees delete only the records they created, only owners and coordinators
 * restore. A refused mutation's arguments are logged as a short excerpt only, so refusals cannot fill the disk.
 * A push from another server epoch (a restored database) answers a reset; a recovery push after one may skip the
 * ids the restored server lost.
 *
 * Fast path: the rows a push touches are read in a few queries, merged in memory one mutation after the other,
 * and written back in a few statements (each row once, with the seq of its last change, as if written one by
 * one). Should the database refuse any of that (a value a column will not take), the push starts again one
 * mutation at a time, each in its own savepoint, so only the mutation at fault is rejected (`server_error`).
 */
import { sql, type Transaction } from 'kysely'
import * as v from 'valibot'
import type { EntityName } from '../../core/model'
import { decodeHlc, encodeHlc, type Hlc } from '../../core/sync/hlc'
import { mayWrite, type WriteKind } from '../../core/rules/roles'
import {
  mergeCreate, mergeDelete, mergeMealAdjust, mergePatch, mergePermitTransition, mergePlacementMove, mergeRestore, type MergeResult, type StoredRow,
} from '../../core/sync/merge'
import {
  AdjustArgsSchema, CreateArgsSchema, DeleteArgsSchema, MoveArgsSchema, parseMutationName, PatchArgsSchema, RestoreArgsSchema, TransitionArgsSchema, type MutationOp, type PushMutation,
  type PushRequest, type PushResponse, type SyncRejection,
} from '../../core/sync/protocol'
import type { Caller } from '../auth'
import type { ServerLimits } from '../config'
import type { ServerContext } from '../context'
import type { Database } from '../schema'
import { historyColumns } from './history'

/** Clocks more than a minute ahead are clamped to that minute; a day ahead means a broken clock: refused. */
const CLAMP_AHEAD_MS = 60_000
const REFUSE_AHEAD_MS = 24 * 60 * 60_000
/** Rows per multi-row statement: at most 12 parameters each, far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 250
/** A refused mutation's arguments longer than this are logged as their first characters only. */
export const REFUSED_ARGS_EXCERPT = 256

export type PushOutcome =
  /** `head`: the production's seq after a push that applied or re-sent something (what live pokes announce). */
  | { status: 200; body: PushResponse; head?: number }
  | { status: 409; body: { error: 'mutation_gap'; expected: number; lastMutationId: number } }
  | { status: 409; body: { error: 'reset'; reset: true; epoch: string; head: number } }
  | { status: 403; body: { error: 'forged_client'; message: string } }

/** Thrown inside the transaction to roll it back while answering with a refusal. */
class Refused extends Error {
  constructor(readonly outcome: Exclude<PushOutcome, { status: 200 }>) {
    super(outcome.body.error)
  }
}

/** What one push's merges need besides the rows: who asks, from which stream, within which limits. */
interface PushScope {
  caller: Caller
  clientId: string
  limits: ServerLimits
  /** Records of the production before this push (live and in the trash), against the quota. */
  recordCount: number
}

export async function applyPush(context: ServerContext, caller: Caller, request: PushRequest, now = Date.now()): Promise<PushOutcome> {
  const { db } = context
  try {
    return await db.transaction().execute((trx) => pushInTransaction(trx, context, caller, request, now))
  } catch (error) {
    if (error instanceof Refused) return error.outcome
    throw error
  }
}

// Savepoint names are made here, never from client input.
const savepoint = (name: string) => sql`savepoint ${sql.raw(name)}`
const rollbackTo = (name: string) => sql`rollback to savepoint ${sql.raw(name)}`
const release = (name: string) => sql`release savepoint ${sql.raw(name)}`

async function pushInTransaction(trx: Transaction<Database>, context: ServerContext, caller: Caller, request: PushRequest, now: number): Promise<PushOutcome> {
  const { productionId } = caller
  // Lock the production row first: pushes to one production run one after the other (SQLite serialises anyway),
  // so the seq read here is the one to count on from.
  const selected = trx.selectFrom('productions').select(['seq', 'record_count']).where('id', '=', productionId)
  const production = context.dialect === 'postgres' ? await selected.forUpdate().executeTakeFirst() : await selected.executeTakeFirst()
  const startSeq = production?.seq ?? 0
  if (request.epoch !== undefined && request.epoch !== context.epoch) {
    throw new Refused({ status: 409, body: { error: 'reset', reset: true, epoch: context.epoch, head: startSeq } })
  }

  const client = await trx.selectFrom('clients').selectAll().where('production_id', '=', productionId).where('client_id', '=', request.clientId).executeTakeFirst()
  if (client && client.member_id !== caller.memberId) {
    throw new Refused({ status: 403, body: { error: 'forged_client', message: 'This clientId belongs to another member' } })
  }
  if (!client) {
    await trx.insertInto('clients').values({ production_id: productionId, client_id: request.clientId, last_mutation_id: 0, member_id: caller.memberId }).execute()
  }
  const known = client?.last_mutation_id ?? 0
  const pending = request.mutations.filter((mutation) => mutation.mutationId > known)
  // After a restore the server may have lost the phone's oldest changes, older than the phone keeps: a recovery push
  // starts after that gap (those changes are lost with the database), everything after it stays gapless.
  const last = request.recovery && pending.length > 0 && pending[0]!.mutationId > known + 1 ? pending[0]!.mutationId - 1 : known
  const gap = pending.findIndex((mutation, index) => mutation.mutationId !== last + 1 + index)
  if (gap !== -1) throw new Refused({ status: 409, body: { error: 'mutation_gap', expected: last + 1 + gap, lastMutationId: known } })

  const clocks = mergeClocks(pending, now)
  const scope: PushScope = { caller, clientId: request.clientId, limits: context.limits, recordCount: production?.record_count ?? 0 }
  const merged = await mergeInBatch(trx, scope, pending, clocks, startSeq, now) ?? await mergeOneByOne(trx, scope, pending, clocks, startSeq, now)

  const rejected: SyncRejection[] = []
  let applied = 0
  const logRows = pending.map((mutation, index) => {
    const outcome = merged.outcomes[index]!
    if (outcome.status === 'rejected') {
      rejected.push({ mutationId: mutation.mutationId, name: mutation.name, reason: outcome.reason, ...(outcome.details && { details: outcome.details }) })
    } else if (outcome.status === 'applied') applied++
    return logRow(productionId, request.clientId, mutation, outcome, clocks, now, context.limits.recordBytes)
  })
  for (const chunk of chunks(logRows)) await trx.insertInto('mutation_log').values(chunk).execute()

  const lastMutationId = last + pending.length
  if (pending.length > 0) {
    await trx.updateTable('clients').set({ last_mutation_id: lastMutationId }).where('production_id', '=', productionId).where('client_id', '=', request.clientId).execute()
  }
  const body = { lastMutationId, applied, skipped: request.mutations.length - pending.length, rejected }
  // Nothing applied or sent again: the seq did not move.
  if (merged.seq === startSeq) return { status: 200, body }
  await trx.updateTable('productions').set((eb) => ({ seq: merged.seq, record_count: eb('record_count', '+', merged.inserted) })).where('id', '=', productionId).execute()
  return { status: 200, body, head: merged.seq }
}

/** The forensic record of one mutation (DESIGN.md section 3): what was asked, with which clock, and what came of it. */
function logRow(
  productionId: string, clientId: string, mutation: PushMutation, outcome: MutationOutcome, clocks: Map<number, string | null>, now: number, recordBytes: number,
) {
  return {
    production_id: productionId,
    client_id: clientId,
    mutation_id: mutation.mutationId,
    // PostgreSQL's text refuses NUL, and an unknown name is logged as it came.
    name: mutation.name.replaceAll('\u0000', '\uFFFD'),
    args: loggedArgs(mutation.args, outcome.status === 'rejected', recordBytes),
    hlc: mutation.hlc,
    status: outcome.status,
    error: outcome.status === 'rejected' ? JSON.stringify({ reason: outcome.reason, details: outcome.details }) : null,
    received_at: new Date(now).toISOString(),
    ...historyColumns(mutation, clocks.get(mutation.mutationId)),
  }
}

/**
 * The arguments as logged: whole for a change that was merged (the history shows its values), a short excerpt for a
 * refused one, so a member whose every change is refused cannot grow the log faster than a few hundred bytes each.
 * A merged change larger than a record is an excerpt too: its values lost to later ones (so the record's size cap
 * never saw them), and whole they would let a member fill the log, and the record's history, megabytes at a time.
 */
function loggedArgs(args: unknown, refused: boolean, recordBytes: number): string {
  const text = JSON.stringify(args ?? null)
  if (text.length <= REFUSED_ARGS_EXCERPT || (!refused && Buffer.byteLength(text) <= recordBytes)) return text
  return JSON.stringify({ excerpt: text.slice(0, REFUSED_ARGS_EXCERPT), length: text.length })
}

const ARGS_SCHEMAS = {
  create: CreateArgsSchema, patch: PatchArgsSchema, delete: DeleteArgsSchema, restore: RestoreArgsSchema, adjust: AdjustArgsSchema, transition: TransitionArgsSchema,
  move: MoveArgsSchema,
} satisfies Record<MutationOp, unknown>

const WRITE_KINDS: Partial<Record<MutationOp, WriteKind>> = { delete: 'delete', restore: 'restore' }

type MutationOutcome =
  | { status: 'applied' | 'unchanged' }
  | { status: 'rejected'; reason: string; details?: Record<string, string> }

/** An entity row as the database holds it (JSON texts), or as it will once the push commits. */
interface EntityRow {
  data: string
  clocks: string
  deleted: number
  purged: number
  created_by: string | null
  updated_at: string
  deleted_at: string | null
}

/** The outcome of each pending mutation (in order), the production's seq after them and the rows they added. */
interface MergedPush {
  outcomes: MutationOutcome[]
  seq: number
  inserted: number
}

/** What a valid, clocked mutation asks of one row. */
interface Target {
  entity: EntityName
  op: MutationOp
  id: string
  args: v.InferOutput<(typeof ARGS_SCHEMAS)[MutationOp]>
}

/** The first checks, which need no row: a known name, a sane clock of the sender's own, valid arguments, this production. */
function targetOf(scope: PushScope, mutation: PushMutation, hlc: string | null): Target | MutationOutcome {
  const parsed = parseMutationName(mutation.name)
  if (!parsed) return { status: 'rejected', reason: 'unknown_mutation' }
  // A clock names the stream that made it: another node would let one phone's changes pose as another's in ties.
  if (decodeHlc(mutation.hlc).node !== scope.clientId) return { status: 'rejected', reason: 'forged_clock' }
  if (!hlc) return { status: 'rejected', reason: 'clock_ahead' }
  const { entity, op } = parsed
  const args = v.safeParse(ARGS_SCHEMAS[op], mutation.args)
  if (!args.success) return { status: 'rejected', reason: 'invalid_args' }
  const id = 'record' in args.output ? args.output.record.id : args.output.id
  // PostgreSQL's text refuses NUL: such an id would fail the whole push instead of this one change.
  if (id.includes('\u0000')) return { status: 'rejected', reason: 'invalid_args' }
  // The production record is the production itself: its id is the production's id.
  if (entity === 'production' && id !== scope.caller.productionId) return { status: 'rejected', reason: 'wrong_production' }
  return { entity, op, id, args: args.output }
}

type Merged =
  | { outcome: MutationOutcome; write?: undefined; resend?: undefined }
  | { outcome: { status: 'applied' }; write: Pick<EntityRow, 'data' | 'clocks' | 'deleted'>; resend?: undefined }
  /**
   * A refused change to an existing row sends that row again with the next pull, so the author's phone goes back
   * to the server's version (the refused values stay listed among its rejections).
   */
  | { outcome: MutationOutcome & { status: 'rejected' }; write?: undefined; resend: true }

/**
 * Authorises and merges one mutation with the row it targets, as stored before it: pure, no database. `roomLeft`:
 * how many more records the quota takes.
 */
function mergeWith(scope: PushScope, target: Target, hlc: string, row: EntityRow | undefined, roomLeft: number): Merged {
  const { entity, op, args } = target
  const existing: StoredRow | undefined = row && { data: JSON.parse(row.data), clocks: JSON.parse(row.clocks), deleted: row.deleted === 1, purged: row.purged === 1 }
  const refused = (reason: string, details?: Record<string, string>): Merged =>
    row ? { outcome: { status: 'rejected', reason, ...(details && { details }) }, resend: true } : { outcome: { status: 'rejected', reason, ...(details && { details }) } }
  if (!mayWrite(scope.caller, entity, row ? row.created_by : undefined, WRITE_KINDS[op])) return refused('forbidden')
  if (!row && 'record' in args && roomLeft <= 0) return refused('quota_records', { limit: String(scope.limits.recordsPerProduction) })

  let result: MergeResult
  if ('record' in args) result = mergeCreate(existing, args.record, hlc, scope.caller.productionId, entity)
  else if ('fields' in args) result = mergePatch(existing, args.fields, hlc, entity)
  else if ('delta' in args) result = mergeMealAdjust(existing, args.group, args.delta, hlc)
  else if ('to' in args) result = mergePermitTransition(existing, args.from, args.to, hlc)
  else if ('position' in args) result = mergePlacementMove(existing, args.position, hlc)
  else if (op === 'restore') result = mergeRestore(existing, hlc)
  else result = mergeDelete(existing, hlc)
  if (!result.ok) return refused(result.reason, result.details)
  if (!result.changed) return { outcome: { status: 'unchanged' } }
  const data = JSON.stringify(result.row.data)
  const size = Buffer.byteLength(data)
  // Checked on the record as merged, unknown fields included: no member can make a page of pulls too big to send.
  if (size > scope.limits.recordBytes) return refused('record_too_large', { size: String(size), limit: String(scope.limits.recordBytes) })
  return {
    outcome: { status: 'applied' },
    write: { data, clocks: JSON.stringify(result.row.clocks), deleted: result.row.deleted ? 1 : 0 },
  }
}

const serverError = (error: unknown): MutationOutcome =>
  ({ status: 'rejected', reason: 'server_error', details: { _: error instanceof Error ? error.message.slice(0, 200) : 'error' } })

const rowKey = (entity: string, id: string) => `${entity}\n${id}`

/** The row after a merge wrote it: its tombstone date follows the deletion state, its author stays. */
function rowAfter(row: EntityRow | undefined, write: Pick<EntityRow, 'data' | 'clocks' | 'deleted'>, caller: Caller, updatedAt: string): EntityRow {
  const deletedAt = write.deleted === 1 ? (row?.deleted === 1 ? row.deleted_at : updatedAt) : null
  return { created_by: row ? row.created_by : caller.memberId, purged: row?.purged ?? 0, ...write, updated_at: updatedAt, deleted_at: deletedAt }
}

/**
 * The fast path: one read of every row the push names, the merges in memory, one upsert of every row written.
 * Null (with nothing of it left in the transaction) when the database refused part of it.
 */
async function mergeInBatch(
  trx: Transaction<Database>, scope: PushScope, pending: PushMutation[], clocks: Map<number, string | null>, startSeq: number, now: number,
): Promise<MergedPush | null> {
  if (pending.length === 0) return { outcomes: [], seq: startSeq, inserted: 0 }
  const { caller } = scope
  const updatedAt = new Date(now).toISOString()
  await savepoint('batch').execute(trx)
  try {
    const targets = pending.map((mutation) => targetOf(scope, mutation, clocks.get(mutation.mutationId) ?? null))
    const rows = await readRows(trx, caller.productionId, targets.filter((target): target is Target => 'entity' in target))
    const written = new Map<string, EntityRow & { entity: string; id: string; seq: number }>()
    let seq = startSeq
    let inserted = 0
    const outcomes = pending.map((mutation, index): MutationOutcome => {
      const target = targets[index]!
      if (!('entity' in target)) return target
      const key = rowKey(target.entity, target.id)
      const row = rows.get(key)
      let merged: Merged
      try {
        merged = mergeWith(scope, target, clocks.get(mutation.mutationId)!, row, scope.limits.recordsPerProduction - scope.recordCount - inserted)
      } catch (error) {
        return serverError(error)
      }
      if (merged.write) {
        if (!row) inserted++
        const after = rowAfter(row, merged.write, caller, updatedAt)
        rows.set(key, after)
        written.set(key, { ...after, entity: target.entity, id: target.id, seq: ++seq })
      } else if (merged.resend) {
        written.set(key, { ...row!, entity: target.entity, id: target.id, seq: ++seq })
      }
      return merged.outcome
    })
    await writeRows(trx, caller.productionId, [...written.values()])
    await release('batch').execute(trx)
    return { outcomes, seq, inserted }
  } catch {
    // The slow path meets the same failure again, inside the savepoint of the mutation it belongs to.
    await rollbackTo('batch').execute(trx)
    await release('batch').execute(trx)
    return null
  }
}

/** Each mutation in its own savepoint, reading and writing its row on its own: a database error sinks only it. */
async function mergeOneByOne(
  trx: Transaction<Database>, scope: PushScope, pending: PushMutation[], clocks: Map<number, string | null>, startSeq: number, now: number,
): Promise<MergedPush> {
  const { caller } = scope
  const { productionId } = caller
  const updatedAt = new Date(now).toISOString()
  let seq = startSeq
  let inserted = 0
  const outcomes: MutationOutcome[] = []
  for (const mutation of pending) {
    // Savepoint names are made from integers, never from client input.
    const name = `m${mutation.mutationId}`
    await savepoint(name).execute(trx)
    let outcome: MutationOutcome
    let resend: Target | null = null
    try {
      const hlc = clocks.get(mutation.mutationId) ?? null
      const target = targetOf(scope, mutation, hlc)
      if (!('entity' in target)) outcome = target
      else {
        const row = (await readRows(trx, productionId, [target])).get(rowKey(target.entity, target.id))
        const merged = mergeWith(scope, target, hlc!, row, scope.limits.recordsPerProduction - scope.recordCount - inserted)
        if (merged.write) {
          const { created_by, ...values } = { ...rowAfter(row, merged.write, caller, updatedAt), seq: seq + 1 }
          if (row) {
            await trx.updateTable('entities').set(values).where('production_id', '=', productionId).where('entity', '=', target.entity).where('id', '=', target.id).execute()
          } else {
            await trx.insertInto('entities').values({ production_id: productionId, entity: target.entity, id: target.id, created_by, ...values }).execute()
            inserted++
          }
          seq++
        }
        if (merged.resend) resend = target
        outcome = merged.outcome
      }
    } catch (error) {
      // A database error on one mutation (a constraint, a value the column refuses) must not sink the others.
      await rollbackTo(name).execute(trx)
      outcome = serverError(error)
    }
    await release(name).execute(trx)
    if (resend) {
      await trx.updateTable('entities').set({ seq: seq + 1 }).where('production_id', '=', productionId).where('entity', '=', resend.entity).where('id', '=', resend.id).execute()
      seq++
    }
    outcomes.push(outcome)
  }
  return { outcomes, seq, inserted }
}

/** The stored rows the targets name, by rowKey: one query per entity and few hundred ids. */
async function readRows(trx: Transaction<Database>, productionId: string, targets: Pick<Target, 'entity' | 'id'>[]): Promise<Map<string, EntityRow>> {
  const idsByEntity = new Map<string, Set<string>>()
  for (const { entity, id } of targets) {
    const ids = idsByEntity.get(entity) ?? new Set()
    idsByEntity.set(entity, ids.add(id))
  }
  const rows = new Map<string, EntityRow>()
  for (const [entity, ids] of idsByEntity) {
    for (const chunk of chunks([...ids])) {
      const found = await trx.selectFrom('entities').select(['id', 'data', 'clocks', 'deleted', 'purged', 'created_by', 'updated_at', 'deleted_at'])
        .where('production_id', '=', productionId).where('entity', '=', entity).where('id', 'in', chunk).execute()
      for (const { id, ...row } of found) rows.set(rowKey(entity, id), row)
    }
  }
  return rows
}

/** Inserts new rows and updates stored ones (their author stays): one statement per few hundred rows. */
async function writeRows(trx: Transaction<Database>, productionId: string, rows: (EntityRow & { entity: string; id: string; seq: number })[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await trx.insertInto('entities')
      .values(chunk.map((row) => ({
        production_id: productionId, entity: row.entity, id: row.id, data: row.data, clocks: row.clocks, deleted: row.deleted, seq: row.seq,
        updated_at: row.updated_at, created_by: row.created_by, deleted_at: row.deleted_at, purged: row.purged,
      })))
      .onConflict((conflict) => conflict.columns(['production_id', 'entity', 'id']).doUpdateSet((update) => ({
        data: update.ref('excluded.data'),
        clocks: update.ref('excluded.clocks'),
        deleted: update.ref('excluded.deleted'),
        seq: update.ref('excluded.seq'),
        updated_at: update.ref('excluded.updated_at'),
        deleted_at: update.ref('excluded.deleted_at'),
      })))
      .execute()
  }
}

function chunks<T>(items: T[], size = ROWS_PER_STATEMENT): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

/**
 * The HLC each mutation of a push merges with, by mutationId: clamped to a minute ahead of the server when further
 * ahead, null when a day ahead. Clamping keeps a device's own order, or its later edit of a field would lose to its
 * earlier one: clamped to the bound rather than to the server's time, a clock stays above the device's clocks
 * accepted before (at most a minute ahead then), and a tie between clamped clocks goes to the later mutation.
 */
function mergeClocks(mutations: PushMutation[], now: number): Map<number, string | null> {
  const clocks = new Map<number, string | null>()
  let previous: Hlc | null = null
  for (const mutation of mutations) {
    const sent = decodeHlc(mutation.hlc)
    if (sent.millis > now + REFUSE_AHEAD_MS) {
      clocks.set(mutation.mutationId, null)
      continue
    }
    let hlc = sent.millis > now + CLAMP_AHEAD_MS ? { ...sent, millis: now + CLAMP_AHEAD_MS } : sent
    if (previous && encodeHlc(hlc) <= encodeHlc(previous)) hlc = { ...previous, counter: previous.counter + 1, node: sent.node }
    previous = hlc
    clocks.set(mutation.mutationId, encodeHlc(hlc))
  }
  return clocks
}
