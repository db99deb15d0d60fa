/**
 * Invites: an expiring code for one role, for one person unless made for a crew (up to MAX_INVITE_USES), or a
 * device link that signs in one more device of its maker. Owners and coordinators list the open invites and revoke
 * them. A code is shown once and stored as its hash; an exhausted, expired or revoked invite answers 410 with which,
 * an unknown one 404. Accepting counts a use in the same statement that checks it, so two people racing for the
 * last use never both get in.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import * as v from 'valibot'
import { MAX_INVITE_USES, mayInvite, mayManageInvites, ROLES } from '../../core/rules/roles'
import { newId } from '../../core/sync/ids'
import { authenticate, hashSecret, HttpError, newSecret } from '../auth'
import type { ServerContext } from '../context'
import type { Database, InviteTable } from '../schema'
import { openSession } from '../sessions'
import { parseInput } from './parse'

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))
const InviteSchema = v.object({
  role: v.picklist(ROLES),
  expiresInHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 30)), 72),
  maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_INVITE_USES)), 1),
})
const DeviceLinkSchema = v.optional(v.object({ expiresInHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(72)), 24) }), {})
const AcceptSchema = v.object({ displayName: name, deviceLabel: v.optional(name, 'Appareil') })
const INVITE_CODE = /^[A-Za-z0-9_-]{16,64}$/

type InviteState = 'open' | 'exhausted' | 'expired' | 'revoked'

function stateOf(invite: Pick<InviteTable, 'revoked_at' | 'expires_at' | 'max_uses'> & { uses: number }, now: string): InviteState {
  if (invite.revoked_at) return 'revoked'
  if (invite.uses >= invite.max_uses) return 'exhausted'
  if (invite.expires_at < now) return 'expired'
  return 'open'
}

const CLOSED_MESSAGES: Record<Exclude<InviteState, 'open'>, string> = {
  exhausted: 'This invite has already been used as many times as it allows',
  expired: 'This invite has expired',
  revoked: 'This invite was revoked',
}

async function findInvite(db: Kysely<Database>, code: string) {
  if (!INVITE_CODE.test(code)) throw new HttpError(404, 'invite_not_found', 'Unknown invite')
  const invite = await db.selectFrom('invites').innerJoin('productions', 'productions.id', 'invites.production_id')
    .select(['invites.code_hash', 'invites.production_id as productionId', 'invites.role', 'invites.expires_at', 'invites.revoked_at', 'invites.max_uses',
      'invites.uses', 'invites.member_id as memberId', 'productions.name as productionName', 'productions.kind as productionKind'])
    .where('code_hash', '=', hashSecret(code)).executeTakeFirst()
  if (!invite) throw new HttpError(404, 'invite_not_found', 'Unknown invite')
  return invite
}

function refuseClosed(state: InviteState): void {
  if (state !== 'open') throw closed(state)
}

const closed = (state: Exclude<InviteState, 'open'>) => new HttpError(410, `invite_${state}`, CLOSED_MESSAGES[state])

export function registerInviteRoutes(app: FastifyInstance, context: ServerContext, { publicUrl }: { publicUrl?: string | undefined } = {}): void {
  const { db } = context
  const linkOf = (code: string) => {
    const link = `/join/${code}`
    return { code, link, ...(publicUrl && { url: `${publicUrl}${link}` }) }
  }

  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/invites', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const body = parseInput(InviteSchema, request.body)
    if (!mayInvite(caller.role, body.role)) throw new HttpError(403, 'forbidden', 'Your role cannot invite with this role')
    const code = newSecret(18)
    const now = Date.now()
    const expiresAt = new Date(now + body.expiresInHours * 3600_000).toISOString()
    const id = newId()
    await db.insertInto('invites').values({
      code_hash: hashSecret(code), id, production_id: caller.productionId, role: body.role, created_by: caller.memberId,
      created_at: new Date(now).toISOString(), expires_at: expiresAt, max_uses: body.maxUses,
    }).execute()
    return reply.code(201).send({ id, ...linkOf(code), role: body.role, expiresAt, maxUses: body.maxUses })
  })

  // One more device of the caller (an owner's second phone): single use, short-lived, same member and role.
  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/devices', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const body = parseInput(DeviceLinkSchema, request.body ?? {})
    const code = newSecret(18)
    const now = Date.now()
    const expiresAt = new Date(now + body.expiresInHours * 3600_000).toISOString()
    const id = newId()
    await db.insertInto('invites').values({
      code_hash: hashSecret(code), id, production_id: caller.productionId, role: caller.role, created_by: caller.memberId, member_id: caller.memberId,
      created_at: new Date(now).toISOString(), expires_at: expiresAt, max_uses: 1,
    }).execute()
    return reply.code(201).send({ id, ...linkOf(code), role: caller.role, expiresAt, maxUses: 1 })
  })

  app.get<{ Params: { pid: string } }>('/api/v1/productions/:pid/invites', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    if (!mayManageInvites(caller.role)) throw new HttpError(403, 'forbidden', 'Only owners and coordinators see the invites')
    const now = new Date().toISOString()
    const rows = await db.selectFrom('invites').leftJoin('members', (join) => join.onRef('members.production_id', '=', 'invites.production_id').onRef('members.id', '=', 'invites.created_by'))
      .select(['invites.id', 'invites.role', 'invites.created_at as createdAt', 'invites.expires_at', 'invites.revoked_at', 'invites.max_uses', 'invites.uses',
        'invites.member_id as memberId', 'members.display_name as createdBy'])
      .where('invites.production_id', '=', caller.productionId).orderBy('invites.created_at', 'desc').execute()
    const open = rows.filter((row) => stateOf(row, now) === 'open')
    return reply.send({
      invites: open.map((row) => ({
        id: row.id, role: row.role, createdBy: row.createdBy, createdAt: row.createdAt, expiresAt: row.expires_at, maxUses: row.max_uses,
        usesLeft: row.max_uses - row.uses, device: row.memberId !== null,
      })),
    })
  })

  app.delete<{ Params: { pid: string; iid: string } }>('/api/v1/productions/:pid/invites/:iid', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    if (!mayManageInvites(caller.role)) throw new HttpError(403, 'forbidden', 'Only owners and coordinators revoke invites')
    const result = await db.updateTable('invites').set({ revoked_at: new Date().toISOString() })
      .where('production_id', '=', caller.productionId).where('id', '=', request.params.iid).where('revoked_at', 'is', null).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'invite_not_found', 'No such open invite')
    return reply.code(204).send()
  })

  // What the join screen shows before anyone joins: which production, which role, whether the invite still works.
  app.get<{ Params: { code: string } }>('/api/v1/invites/:code', async (request, reply) => {
    const invite = await findInvite(db, request.params.code)
    refuseClosed(stateOf(invite, new Date().toISOString()))
    return reply.send({
      productionId: invite.productionId, productionName: invite.productionName, kind: invite.productionKind, role: invite.role,
      expiresAt: invite.expires_at, usesLeft: invite.max_uses - invite.uses, device: invite.memberId !== null,
    })
  })

  app.post<{ Params: { code: string } }>('/api/v1/invites/:code/accept', async (request, reply) => {
    const invite = await findInvite(db, request.params.code)
    const now = new Date().toISOString()
    refuseClosed(stateOf(invite, now))
    const body = parseInput(AcceptSchema, request.body)
    const counted = await db.updateTable('invites').set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('code_hash', '=', invite.code_hash).where('revoked_at', 'is', null).where('expires_at', '>=', now)
      .where((eb) => eb('uses', '<', eb.ref('max_uses'))).executeTakeFirst()
    // Someone else took the last use between the read and this write.
    if (Number(counted.numUpdatedRows) === 0) throw closed('exhausted')
    let memberId = invite.memberId
    if (memberId === null) {
      memberId = newId()
      await db.insertInto('members').values({ production_id: invite.productionId, id: memberId, display_name: body.displayName, role: invite.role, created_at: now }).execute()
    } else {
      const member = await db.selectFrom('members').select('revoked_at').where('production_id', '=', invite.productionId).where('id', '=', memberId).executeTakeFirst()
      if (!member || member.revoked_at) throw closed('revoked')
    }
    const { token, sessionId } = await openSession(db, invite.productionId, memberId, body.deviceLabel)
    const role = invite.memberId === null ? invite.role
      : (await db.selectFrom('members').select('role').where('production_id', '=', invite.productionId).where('id', '=', memberId).executeTakeFirstOrThrow()).role
    return reply.code(201).send({
      productionId: invite.productionId, productionName: invite.productionName, kind: invite.productionKind, memberId, sessionId, role, token, epoch: context.epoch,
    })
  })
}
