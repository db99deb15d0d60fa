/**
 * Accounts without passwords: a production's members hold opaque bearer tokens (one per device session) and
 * join with invite codes. Tokens and codes are random, shown once, and stored only as SHA-256 hashes, so a
 * database leak gives nobody a way in. A session unused for `sessionIdleDays` is refused; a rotated session's old
 * token works until the new one is first used, so a phone that never received the new token is not locked out.
 * Roles decide what each member may do (core/rules/roles.ts, README "Security").
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { isRole, type Role } from '../core/rules/roles'
import type { ServerContext } from './context'

export { ROLES, type Role } from '../core/rules/roles'

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** No 0/O or 1/I/L: these codes are read off a terminal or a sheet of paper and typed on a phone. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** `groups` groups of five letters and digits joined by dashes (about 25 bits a group). */
export function readableCode(groups: number): string {
  const group = () => Array.from({ length: 5 }, () => READABLE[randomInt(READABLE.length)]).join('')
  return Array.from({ length: groups }, group).join('-')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** Compares a secret with a stored hash in constant time. */
export function secretMatches(secret: string, hash: string | null | undefined): boolean {
  if (!hash) return false
  const given = Buffer.from(hashSecret(secret), 'hex')
  const stored = Buffer.from(hash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
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
    readonly extra?: Record<string, unknown>,
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

/** The member behind the request's token, for this production only; revoked and expired sessions are refused. */
export function authenticate(context: ServerContext, request: FastifyRequest, productionId: string): Promise<Caller> {
  return authenticateIn(context, request, productionId)
}

/** The same, in whichever production the session belongs to: for routes whose path names none (blobs). */
export function authenticateSession(context: ServerContext, request: FastifyRequest): Promise<Caller> {
  return authenticateIn(context, request, null)
}

/** last_seen_at is written at most this often: a pull of many pages must not write once per page. */
const SEEN_EVERY_MS = 60_000

async function authenticateIn({ db, limits }: ServerContext, request: FastifyRequest, productionId: string | null): Promise<Caller> {
  const token = bearerToken(request)
  if (!token) throw new HttpError(401, 'unauthenticated', 'Missing or malformed bearer token')
  const row = await db
    .selectFrom('sessions')
    .innerJoin('members', (join) => join.onRef('members.production_id', '=', 'sessions.production_id').onRef('members.id', '=', 'sessions.member_id'))
    .innerJoin('productions', 'productions.id', 'sessions.production_id')
    .select(['sessions.id as sessionId', 'sessions.production_id as productionId', 'sessions.revoked_at as sessionRevoked', 'sessions.last_seen_at as lastSeenAt',
      'sessions.replaces as replaces', 'members.id as memberId', 'members.role as role', 'members.revoked_at as memberRevoked', 'productions.kind as productionKind'])
    .where('sessions.token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row) throw new HttpError(401, 'unauthenticated', 'Unknown token')
  // Same answer for "other production" and "revoked": a token says nothing about productions it does not belong to.
  if (productionId !== null && row.productionId !== productionId) throw new HttpError(403, 'forbidden', 'This session does not belong to this production')
  if (row.sessionRevoked || row.memberRevoked) throw new HttpError(403, 'revoked', 'This device session has been revoked')
  const now = Date.now()
  if (Date.parse(row.lastSeenAt) < now - limits.sessionIdleDays * 86_400_000) {
    throw new HttpError(401, 'session_expired', `This device session was not used for ${limits.sessionIdleDays} days: join again with a new invite`)
  }
  if (!isRole(row.role)) throw new HttpError(403, 'forbidden', 'Unknown role')
  if (row.replaces) {
    // The rotated token reached its phone: the one it replaces stops working now.
    await db.updateTable('sessions').set({ revoked_at: new Date(now).toISOString() }).where('id', '=', row.replaces).where('revoked_at', 'is', null).execute()
    await db.updateTable('sessions').set({ replaces: null }).where('id', '=', row.sessionId).execute()
  }
  if (Date.parse(row.lastSeenAt) < now - SEEN_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', row.sessionId).execute()
  }
  return { sessionId: row.sessionId, memberId: row.memberId, role: row.role, productionId: row.productionId, productionKind: row.productionKind }
}
