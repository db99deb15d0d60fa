/**
 * Team routes: create a production (its creator becomes owner), invite with an expiring single-role code,
 * accept an invite, list members (with their signed-in devices), change a role, revoke a member or a device session.
 * Every body is validated; every answer about another production is a plain 403.
 */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import * as v from 'valibot'
import { PRODUCTION_KINDS } from '../../core/model'
import { newId } from '../../core/sync/ids'
import { authenticate, hashSecret, HttpError, mayInvite, newSecret, ROLES, type Role } from '../auth'
import type { Database } from '../schema'

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))
const id = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{8,64}$/))
const CreateProductionSchema = v.object({
  id: v.optional(id),
  name,
  kind: v.optional(v.picklist(PRODUCTION_KINDS), 'feature'),
  displayName: v.optional(name, 'Propriétaire'),
  deviceLabel: v.optional(name, 'Appareil'),
})
const InviteSchema = v.object({ role: v.picklist(ROLES), expiresInHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 30)), 72) })
const AcceptSchema = v.object({ displayName: name, deviceLabel: v.optional(name, 'Appareil') })
const RoleSchema = v.object({ role: v.picklist(ROLES) })
const INVITE_CODE = /^[A-Za-z0-9_-]{16,64}$/

function parse<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body)
  if (!result.success) throw new HttpError(400, 'invalid_body', result.issues.map((issue) => `${v.getDotPath(issue) ?? ''} ${issue.message}`.trim()).join('; '))
  return result.output
}

async function openSession(db: Kysely<Database>, productionId: string, memberId: string, label: string) {
  const token = newSecret()
  const now = new Date().toISOString()
  const sessionId = newId()
  await db.insertInto('sessions').values({ token_hash: hashSecret(token), id: sessionId, production_id: productionId, member_id: memberId, label, created_at: now, last_seen_at: now }).execute()
  return { token, sessionId }
}

export function registerTeamRoutes(app: FastifyInstance, db: Kysely<Database>, { publicUrl }: { publicUrl?: string | undefined } = {}): void {
  app.post('/api/v1/productions', async (request, reply) => {
    const body = parse(CreateProductionSchema, request.body)
    // A local production keeps its id when uploaded, so its records need no renaming.
    const productionId = body.id ?? newId()
    const memberId = newId()
    const now = new Date().toISOString()
    const created = await db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('productions').select('id').where('id', '=', productionId).executeTakeFirst()
      if (exists) return false
      await trx.insertInto('productions').values({ id: productionId, name: body.name, kind: body.kind, created_at: now }).execute()
      await trx.insertInto('members').values({ production_id: productionId, id: memberId, display_name: body.displayName, role: 'owner', created_at: now }).execute()
      return true
    })
    if (!created) throw new HttpError(409, 'production_exists', 'A production with this id already exists')
    const { token, sessionId } = await openSession(db, productionId, memberId, body.deviceLabel)
    return reply.code(201).send({ productionId, memberId, sessionId, role: 'owner', token })
  })

  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/invites', async (request, reply) => {
    const caller = await authenticate(db, request, request.params.pid)
    const body = parse(InviteSchema, request.body)
    if (!mayInvite(caller, body.role)) throw new HttpError(403, 'forbidden', 'Your role cannot invite with this role')
    const code = newSecret(18)
    const now = Date.now()
    const expiresAt = new Date(now + body.expiresInHours * 3600_000).toISOString()
    await db.insertInto('invites').values({
      code_hash: hashSecret(code), production_id: caller.productionId, role: body.role, created_by: caller.memberId,
      created_at: new Date(now).toISOString(), expires_at: expiresAt,
    }).execute()
    const link = `/join/${code}`
    return reply.code(201).send({ code, link, ...(publicUrl && { url: `${publicUrl}${link}` }), role: body.role, expiresAt })
  })

  app.post<{ Params: { code: string } }>('/api/v1/invites/:code/accept', async (request, reply) => {
    if (!INVITE_CODE.test(request.params.code)) throw new HttpError(404, 'invite_not_found', 'Unknown or expired invite')
    const body = parse(AcceptSchema, request.body)
    const invite = await db.selectFrom('invites').innerJoin('productions', 'productions.id', 'invites.production_id')
      .select(['invites.production_id as productionId', 'invites.role', 'invites.expires_at', 'invites.revoked_at', 'productions.name as productionName'])
      .where('code_hash', '=', hashSecret(request.params.code)).executeTakeFirst()
    if (!invite || invite.revoked_at || invite.expires_at < new Date().toISOString()) {
      throw new HttpError(404, 'invite_not_found', 'Unknown or expired invite')
    }
    const memberId = newId()
    await db.insertInto('members').values({ production_id: invite.productionId, id: memberId, display_name: body.displayName, role: invite.role, created_at: new Date().toISOString() }).execute()
    const { token, sessionId } = await openSession(db, invite.productionId, memberId, body.deviceLabel)
    return reply.code(201).send({ productionId: invite.productionId, productionName: invite.productionName, memberId, sessionId, role: invite.role, token })
  })

  app.get<{ Params: { pid: string } }>('/api/v1/productions/:pid/members', async (request, reply) => {
    const caller = await authenticate(db, request, request.params.pid)
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
    return reply.send({ members: members.map((member) => (maySee(member.id) ? { ...member, sessions: devicesOf(member.id) } : member)) })
  })

  app.patch<{ Params: { pid: string; mid: string } }>('/api/v1/productions/:pid/members/:mid', async (request, reply) => {
    const caller = await authenticate(db, request, request.params.pid)
    if (caller.role !== 'owner') throw new HttpError(403, 'forbidden', 'Only the owner changes roles')
    const { role } = parse(RoleSchema, request.body)
    if (request.params.mid === caller.memberId && role !== 'owner') throw new HttpError(400, 'last_owner', 'The owner cannot step down here')
    const result = await db.updateTable('members').set({ role: role as Role }).where('production_id', '=', caller.productionId).where('id', '=', request.params.mid).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'member_not_found', 'No such member')
    return reply.send({ id: request.params.mid, role })
  })

  app.delete<{ Params: { pid: string; mid: string } }>('/api/v1/productions/:pid/members/:mid', async (request, reply) => {
    const caller = await authenticate(db, request, request.params.pid)
    if (caller.role !== 'owner') throw new HttpError(403, 'forbidden', 'Only the owner revokes members')
    if (request.params.mid === caller.memberId) throw new HttpError(400, 'last_owner', 'The owner cannot revoke themselves')
    const now = new Date().toISOString()
    const result = await db.updateTable('members').set({ revoked_at: now }).where('production_id', '=', caller.productionId).where('id', '=', request.params.mid).executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'member_not_found', 'No such member')
    await db.updateTable('sessions').set({ revoked_at: now }).where('production_id', '=', caller.productionId).where('member_id', '=', request.params.mid).execute()
    return reply.code(204).send()
  })

  app.delete<{ Params: { pid: string; sid: string } }>('/api/v1/productions/:pid/sessions/:sid', async (request, reply) => {
    const caller = await authenticate(db, request, request.params.pid)
    let query = db.updateTable('sessions').set({ revoked_at: new Date().toISOString() })
      .where('production_id', '=', caller.productionId).where('id', '=', request.params.sid)
    // Anyone may sign out one of their own devices; the owner may cut off any device (a lost phone).
    if (caller.role !== 'owner') query = query.where('member_id', '=', caller.memberId)
    const result = await query.executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'session_not_found', 'No such session')
    return reply.code(204).send()
  })
}
