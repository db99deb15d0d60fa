/**
 * Applies one push (DESIGN.md section 3) in one database transaction: mutations already applied are skipped,
 * a gap in mutation ids is refused with the id expected, and each new mutation is validated, authorised and
 * merged in its own savepoint. A refused mutation is recorded with its reason and still advances the client's
 * lastMutationId, so one bad change never blocks the queue behind it. Every row written takes the next
 * per-production seq, bumped under the production row's lock, so seq order is commit order.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import * as v from 'valibot'
import { decodeHlc, encodeHlc, type Hlc } from '../../core/sync/hlc'
import { mergeCreate, mergeDelete, mergeMealAdjust, mergePatch, mergePermitTransition, type MergeResult, type StoredRow } from '../../core/sync/merge'
import {
  AdjustArgsSchema, CreateArgsSchema, DeleteArgsSchema, parseMutationName, PatchArgsSchema, TransitionArgsSchema, type MutationOp, type PushMutation, type PushRequest, type PushResponse,
  type SyncRejection,
} from '../../core/sync/protocol'
import { mayWrite, type Caller } from '../auth'
import type { DialectName } from '../db'
import type { Database } from '../schema'

/** Clocks more than a minute ahead are clamped to that minute; a day ahead means a broken clock: refused. */
const CLAMP_AHEAD_MS = 60_000
const REFUSE_AHEAD_MS = 24 * 60 * 60_000

export type PushOutcome =
  /** `head`: the production's seq after a push that applied or re-sent something (what live pokes announce). */
  | { status: 200; body: PushResponse; head?: number }
  | { status: 409; body: { error: 'mutation_gap'; expected: number; lastMutationId: number } }
  | { status: 403; body: { error: 'forged_client'; message: string } }

/** Thrown inside the transaction to roll it back while answering with a refusal. */
class Refused extends Error {
  constructor(readonly outcome: Exclude<PushOutcome, { status: 200 }>) {
    super(outcome.body.error)
  }
}

export async function applyPush(db: Kysely<Database>, dialect: DialectName, caller: Caller, request: PushRequest, now = Date.now()): Promise<PushOutcome> {
  try {
    return await db.transaction().execute((trx) => pushInTransaction(trx, dialect, caller, request, now))
  } catch (error) {
    if (error instanceof Refused) return error.outcome
    throw error
  }
}

// Savepoint names are made here from integers, never from client input.
const savepoint = (name: string) => sql`savepoint ${sql.raw(name)}`
const rollbackTo = (name: string) => sql`rollback to savepoint ${sql.raw(name)}`
const release = (name: string) => sql`release savepoint ${sql.raw(name)}`

async function pushInTransaction(trx: Transaction<Database>, dialect: DialectName, caller: Caller, request: PushRequest, now: number): Promise<PushOutcome> {
  const { productionId } = caller
  // Lock the production row first: pushes to one production run one after the other (SQLite serialises anyway).
  if (dialect === 'postgres') await trx.selectFrom('productions').select('id').where('id', '=', productionId).forUpdate().execute()

  const client = await trx.selectFrom('clients').selectAll().where('production_id', '=', productionId).where('client_id', '=', request.clientId).executeTakeFirst()
  if (client && client.member_id !== caller.memberId) {
    throw new Refused({ status: 403, body: { error: 'forged_client', message: 'This clientId belongs to another member' } })
  }
  if (!client) {
    await trx.insertInto('clients').values({ production_id: productionId, client_id: request.clientId, last_mutation_id: 0, member_id: caller.memberId }).execute()
  }
  const last = client?.last_mutation_id ?? 0
  const pending = request.mutations.filter((mutation) => mutation.mutationId > last)
  const gap = pending.findIndex((mutation, index) => mutation.mutationId !== last + 1 + index)
  if (gap !== -1) throw new Refused({ status: 409, body: { error: 'mutation_gap', expected: last + 1 + gap, lastMutationId: last } })

  const rejected: SyncRejection[] = []
  let applied = 0
  let resent = 0
  const clocks = mergeClocks(pending, now)
  for (const mutation of pending) {
    const name = `m${mutation.mutationId}`
    await savepoint(name).execute(trx)
    let outcome: MutationOutcome
    try {
      outcome = await applyMutation(trx, caller, mutation, clocks.get(mutation.mutationId) ?? null, now)
    } catch (error) {
      // A database error on one mutation (a constraint, a value the column refuses) must not sink the others.
      await rollbackTo(name).execute(trx)
      outcome = { status: 'rejected', reason: 'server_error', details: { _: error instanceof Error ? error.message.slice(0, 200) : 'error' } }
    }
    await release(name).execute(trx)
    if (outcome.status === 'rejected') {
      rejected.push({ mutationId: mutation.mutationId, name: mutation.name, reason: outcome.reason, ...(outcome.details && { details: outcome.details }) })
      if (outcome.row) {
        await resend(trx, productionId, outcome.row)
        resent++
      }
    } else applied++
    await trx.insertInto('mutation_log').values({
      production_id: productionId,
      client_id: request.clientId,
      mutation_id: mutation.mutationId,
      name: mutation.name,
      args: JSON.stringify(mutation.args ?? null),
      hlc: mutation.hlc,
      status: outcome.status,
      error: outcome.status === 'rejected' ? JSON.stringify({ reason: outcome.reason, details: outcome.details }) : null,
      received_at: new Date(now).toISOString(),
    }).execute()
  }
  const lastMutationId = last + pending.length
  if (pending.length > 0) {
    await trx.updateTable('clients').set({ last_mutation_id: lastMutationId }).where('production_id', '=', productionId).where('client_id', '=', request.clientId).execute()
  }
  const body = { lastMutationId, applied, skipped: request.mutations.length - pending.length, rejected }
  if (applied + resent === 0) return { status: 200, body }
  const { seq: head } = await trx.selectFrom('productions').select('seq').where('id', '=', productionId).executeTakeFirstOrThrow()
  return { status: 200, body, head }
}

const ARGS_SCHEMAS = {
  create: CreateArgsSchema, patch: PatchArgsSchema, delete: DeleteArgsSchema, adjust: AdjustArgsSchema, transition: TransitionArgsSchema,
} satisfies Record<MutationOp, unknown>

type MutationOutcome =
  | { status: 'applied' | 'unchanged' }
  | { status: 'rejected'; reason: string; details?: Record<string, string>; row?: { entity: string; id: string } }

async function applyMutation(trx: Transaction<Database>, caller: Caller, mutation: PushMutation, hlc: string | null, now: number): Promise<MutationOutcome> {
  const parsed = parseMutationName(mutation.name)
  if (!parsed) return { status: 'rejected', reason: 'unknown_mutation' }
  if (!hlc) return { status: 'rejected', reason: 'clock_ahead' }
  const { entity, op } = parsed

  const args = v.safeParse(ARGS_SCHEMAS[op], mutation.args)
  if (!args.success) return { status: 'rejected', reason: 'invalid_args' }
  const id = 'record' in args.output ? args.output.record.id : args.output.id
  // The production record is the production itself: its id is the production's id.
  if (entity === 'production' && id !== caller.productionId) return { status: 'rejected', reason: 'wrong_production' }

  const row = await trx.selectFrom('entities').select(['data', 'clocks', 'deleted', 'created_by'])
    .where('production_id', '=', caller.productionId).where('entity', '=', entity).where('id', '=', id).executeTakeFirst()
  const existing: StoredRow | undefined = row && { data: JSON.parse(row.data), clocks: JSON.parse(row.clocks), deleted: row.deleted === 1 }
  // A refused change to an existing row sends that row again with the next pull, so the author's phone
  // goes back to the server's version (the refused values stay listed among its rejections).
  const target = row && { entity, id }
  if (!mayWrite(caller, entity, row ? row.created_by : undefined)) return { status: 'rejected', reason: 'forbidden', row: target }

  let result: MergeResult
  if ('record' in args.output) result = mergeCreate(existing, args.output.record, hlc, caller.productionId, entity)
  else if ('fields' in args.output) result = mergePatch(existing, args.output.fields, hlc, entity)
  else if ('delta' in args.output) result = mergeMealAdjust(existing, args.output.group, args.output.delta, hlc)
  else if ('to' in args.output) result = mergePermitTransition(existing, args.output.from, args.output.to, hlc)
  else result = mergeDelete(existing, hlc)
  if (!result.ok) return { status: 'rejected', reason: result.reason, row: target, ...(result.details && { details: result.details }) }
  if (!result.changed) return { status: 'unchanged' }

  const { seq } = await trx.updateTable('productions').set({ seq: sql`seq + 1` }).where('id', '=', caller.productionId).returning('seq').executeTakeFirstOrThrow()
  const values = {
    data: JSON.stringify(result.row.data),
    clocks: JSON.stringify(result.row.clocks),
    deleted: result.row.deleted ? 1 : 0,
    seq,
    updated_at: new Date(now).toISOString(),
  }
  if (row) {
    await trx.updateTable('entities').set(values).where('production_id', '=', caller.productionId).where('entity', '=', entity).where('id', '=', id).execute()
  } else {
    await trx.insertInto('entities').values({ production_id: caller.productionId, entity, id, created_by: caller.memberId, ...values }).execute()
  }
  return { status: 'applied' }
}

async function resend(trx: Transaction<Database>, productionId: string, row: { entity: string; id: string }): Promise<void> {
  const { seq } = await trx.updateTable('productions').set({ seq: sql`seq + 1` }).where('id', '=', productionId).returning('seq').executeTakeFirstOrThrow()
  await trx.updateTable('entities').set({ seq }).where('production_id', '=', productionId).where('entity', '=', row.entity).where('id', '=', row.id).execute()
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
