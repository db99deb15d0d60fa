/**
 * Accounts without passwords: a production's members hold opaque bearer tokens (one per device session) and
 * join with invite codes. Tokens and codes are random, shown once, and stored only as SHA-256 hashes, so a
 * database leak gives nobody a way in. Roles decide what each member may write (README, "Roles").
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from './schema'

export const ROLES = ['owner', 'coordinator', 'member', 'trainee', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export interface Caller {
  sessionId: string
  memberId: string
  role: Role
  productionId: string
  productionKind: string
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The request's bearer token when it has the shape of one (sessions' tokens are base64url), else null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{20,200})$/)
  return match?.[1] ?? null
}

/** The member behind the request's token, for this production only; revoked sessions and members are refused. */
export function authenticate(db: Kysely<Database>, request: FastifyRequest, productionId: string): Promise<Caller> {
  return authenticateIn(db, request, productionId)
}

/** The same, in whichever production the session belongs to: for routes whose path names none (blobs). */
export function authenticateSession(db: Kysely<Database>, request: FastifyRequest): Promise<Caller> {
  return authenticateIn(db, request, null)
}

async function authenticateIn(db: Kysely<Database>, request: FastifyRequest, productionId: string | null): Promise<Caller> {
  const token = bearerToken(request)
  if (!token) throw new HttpError(401, 'unauthenticated', 'Missing or malformed bearer token')
  const row = await db
    .selectFrom('sessions')
    .innerJoin('members', (join) => join.onRef('members.production_id', '=', 'sessions.production_id').onRef('members.id', '=', 'sessions.member_id'))
    .innerJoin('productions', 'productions.id', 'sessions.production_id')
    .select(['sessions.id as sessionId', 'sessions.production_id as productionId', 'sessions.revoked_at as sessionRevoked',
      'members.id as memberId', 'members.role as role', 'members.revoked_at as memberRevoked', 'productions.kind as productionKind'])
    .where('sessions.token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row) throw new HttpError(401, 'unauthenticated', 'Unknown token')
  // Same answer for "other production" and "revoked": a token says nothing about productions it does not belong to.
  if (productionId !== null && row.productionId !== productionId) throw new HttpError(403, 'forbidden', 'This session does not belong to this production')
  if (row.sessionRevoked || row.memberRevoked) throw new HttpError(403, 'revoked', 'This device session has been revoked')
  await db.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).where('id', '=', row.sessionId).execute()
  return { sessionId: row.sessionId, memberId: row.memberId, role: row.role as Role, productionId: row.productionId, productionKind: row.productionKind }
}

/**
 * Who may write what. Viewers never write; trainees write everything in exercise productions and, elsewhere,
 * only the records they created; the production record itself is for owners and coordinators.
 */
export function mayWrite(caller: Caller, entity: string, createdBy: string | null | undefined): boolean {
  switch (caller.role) {
    case 'owner':
    case 'coordinator':
      return true
    case 'member':
      return entity !== 'production'
    case 'trainee':
      if (caller.productionKind === 'exercise') return true
      return entity !== 'production' && (createdBy === undefined || createdBy === caller.memberId)
    default:
      return false
  }
}

/** Roles an inviter may hand out: the owner any but owner, a coordinator the roles below theirs. */
export function mayInvite(caller: Caller, role: Role): boolean {
  if (caller.role === 'owner') return role !== 'owner'
  if (caller.role === 'coordinator') return role === 'member' || role === 'trainee' || role === 'viewer'
  return false
}

