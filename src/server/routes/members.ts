/**
 * Members and their devices: the list (with signed-in devices: an owner sees everyone's, others their own), role
 * changes and revocations (owners), signing out a device, rotating a session's token, and a link that signs in one
 * more device of the same member. Owners are protected from each other: another owner is demoted, revoked or cut
 * off only with the production's recovery code (header X-Regie-Recovery-Code), and the last owner never goes.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely, Transaction } from 'kysely'
import * as v from 'valibot'
import { mayManageMembers, ROLES, type Role } from '../../core/rules/roles'
import type { TeamMember } from '../../core/sync/team'
import { authenticate, HttpError, type Caller } from '../auth'
import type { ServerContext } from '../context'
import type { Database } from '../schema'
import { openSession } from '../sessions'
import { holdsRecoveryCode, RECOVERY_CODE_HEADER } from './productions'
import { parseInput } from './parse'

const RoleSchema = v.object({ role: v.picklist(ROLES) })
const RotateSchema = v.optional(v.object({}), {})

export async function listMembers({ db }: ServerContext, caller: Pick<Caller, 'productionId' | 'memberId' | 'role'>): Promise<TeamMember[]> {
  const members = await db.selectFrom('members').select(['id', 'display_name as displayName', 'role', 'created_at as createdAt', 'revoked_at as revokedAt'])
    .where('production_id', '=', caller.productionId).orderBy('created_at').execute()
  // Devices still signed in: the owner sees everyone's (to cut off a lost phone), others only their own.
  let sessionQuery = db.selectFrom('sessions')
    .select(['id', 'member_id as memberId', 'label', 'created_at as createdAt', 'last_seen_at as lastSeenAt'])
    .where('production_id', '=', caller.productionId).where('revoked_at', 'is', null)
  if (caller.role !== 'owner') sessionQuery = sessionQuery.where('member_id', '=', caller.memberId)
  const sessions = await sessionQuery.orderBy('created_at').execute()
  const devicesOf = (memberId: string) => sessions.filter((session) => session.memberId === memberId)
    .map(({ id, label, createdAt, lastSeenAt }) => ({ id, label, createdAt, lastSeenAt }))
  const maySee = (memberId: string) => caller.role === 'owner' || memberId === caller.memberId
  return members.map((member) => (maySee(member.id) ? { ...member, sessions: devicesOf(member.id) } : member))
}

async function memberOf(db: Kysely<Database>, productionId: string, memberId: string) {
  const member = await db.selectFrom('members').select(['id', 'role', 'revoked_at']).where('production_id', '=', productionId).where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new HttpError(404, 'member_not_found', 'No such member')
  return member
}

/** Locks the production row (PostgreSQL; SQLite runs one transaction at a time anyway) until the transaction ends. */
async function lockProduction(trx: Transaction<Database>, dialect: ServerContext['dialect'], productionId: string): Promise<void> {
  const query = trx.selectFrom('productions').select('id').where('id', '=', productionId)
  await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
}

async function activeOwners(db: Kysely<Database>, productionId: string): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('count'))
    .where('production_id', '=', productionId).where('role', '=', 'owner').where('revoked_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.count)
}

export function registerMemberRoutes(app: FastifyInstance, context: ServerContext): void {
  const { db } = context

  /**
   * Acting on an owner who is not the caller needs the recovery code (`holdsCode`, read before the transaction); an
   * owner stepping down or leaving needs another owner to remain, counted in the transaction that removes them, under
   * the production row's lock: two owners stepping down at once never leave none. Throws the refusal, else returns.
   */
  async function checkOwnerProtection(trx: Transaction<Database>, caller: Caller, target: { id: string; role: string }, removesOwner: boolean, holdsCode: boolean) {
    if (target.role !== 'owner' || !removesOwner) return
    if (target.id !== caller.memberId && !holdsCode) {
      throw new HttpError(403, 'recovery_code_required', "Another owner is demoted or revoked only with the production's recovery code")
    }
    if ((await activeOwners(trx, caller.productionId)) <= 1) throw new HttpError(409, 'last_owner', 'A production always keeps one owner')
  }

  /** Whether the request carries the production's recovery code (read before a transaction needs the answer). */
  const recoveryCodeOf = (caller: Caller, given: unknown) => (given === undefined ? false : holdsRecoveryCode(context, caller.productionId, given))

  app.get<{ Params: { pid: string } }>('/api/v1/productions/:pid/members', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    return reply.send({ members: await listMembers(context, caller) })
  })

  app.patch<{ Params: { pid: string; mid: string } }>('/api/v1/productions/:pid/members/:mid', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    if (!mayManageMembers(caller.role)) throw new HttpError(403, 'forbidden', 'Only an owner changes roles')
    const { role } = parseInput(RoleSchema, request.body)
    const holdsCode = await recoveryCodeOf(caller, request.headers[RECOVERY_CODE_HEADER])
    const target = await db.transaction().execute(async (trx) => {
      await lockProduction(trx, context.dialect, caller.productionId)
      const member = await memberOf(trx, caller.productionId, request.params.mid)
      if (member.revoked_at) throw new HttpError(409, 'member_revoked', 'This member has been revoked')
      await checkOwnerProtection(trx, caller, member, role !== 'owner', holdsCode)
      await trx.updateTable('members').set({ role: role as Role }).where('production_id', '=', caller.productionId).where('id', '=', member.id).execute()
      return member
    })
    return reply.send({ id: target.id, role })
  })

  app.delete<{ Params: { pid: string; mid: string } }>('/api/v1/productions/:pid/members/:mid', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const holdsCode = await recoveryCodeOf(caller, request.headers[RECOVERY_CODE_HEADER])
    await db.transaction().execute(async (trx) => {
      await lockProduction(trx, context.dialect, caller.productionId)
      const target = await memberOf(trx, caller.productionId, request.params.mid)
      // Anyone may leave; revoking someone else is for owners.
      if (target.id !== caller.memberId && !mayManageMembers(caller.role)) throw new HttpError(403, 'forbidden', 'Only an owner revokes members')
      await checkOwnerProtection(trx, caller, target, true, holdsCode)
      const now = new Date().toISOString()
      await trx.updateTable('members').set({ revoked_at: now }).where('production_id', '=', caller.productionId).where('id', '=', target.id).execute()
      await trx.updateTable('sessions').set({ revoked_at: now }).where('production_id', '=', caller.productionId).where('member_id', '=', target.id).execute()
      // What they left open goes with them: a crew link made before they were revoked would let them straight back in.
      await trx.updateTable('invites').set({ revoked_at: now }).where('production_id', '=', caller.productionId).where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('created_by', '=', target.id), eb('member_id', '=', target.id)])).execute()
    })
    return reply.code(204).send()
  })

  app.delete<{ Params: { pid: string; sid: string } }>('/api/v1/productions/:pid/sessions/:sid', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const session = await db.selectFrom('sessions').innerJoin('members', (join) => join.onRef('members.production_id', '=', 'sessions.production_id').onRef('members.id', '=', 'sessions.member_id'))
      .select(['sessions.id', 'sessions.member_id as memberId', 'members.role']).where('sessions.production_id', '=', caller.productionId)
      .where('sessions.id', '=', request.params.sid).where('sessions.revoked_at', 'is', null).executeTakeFirst()
    // Anyone may sign out one of their own devices; an owner may cut off any device (a lost phone), but another
    // owner's only with the recovery code.
    const own = session?.memberId === caller.memberId
    if (!session || (!own && caller.role !== 'owner')) throw new HttpError(404, 'session_not_found', 'No such session')
    if (!own && session.role === 'owner' && !(await holdsRecoveryCode(context, caller.productionId, request.headers[RECOVERY_CODE_HEADER]))) {
      throw new HttpError(403, 'recovery_code_required', "Another owner's device is signed out only with the production's recovery code")
    }
    await db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('id', '=', session.id).execute()
    return reply.code(204).send()
  })

  // A new token for this device. The old one keeps working until the new one is first used (auth.ts), so a phone
  // that lost the answer is not locked out.
  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/sessions/rotate', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    parseInput(RotateSchema, request.body ?? {})
    const current = await db.selectFrom('sessions').select('label').where('id', '=', caller.sessionId).executeTakeFirstOrThrow()
    const { token, sessionId } = await openSession(db, caller.productionId, caller.memberId, current.label, caller.sessionId)
    return reply.code(201).send({ token, sessionId })
  })
}
