/**
 * HTTP calls to the team server: team, push and pull, and blob transfers. Every call has a timeout (a phone
 * "online" on a dead station Wi-Fi must not hang the loop; blob transfers get time for their size) and
 * failures come back as a SyncFailure the user can act on.
 */
import { MAX_BLOB_BYTES, mediaTypeOf } from '../../core/sync/blobRules'
import type { HistoryResponse } from '../../core/sync/history'
import type { PullResponse, PushRequest, PushResponse, ResetResponse } from '../../core/sync/protocol'
import type { TeamMember } from '../../core/sync/team'

export type { TeamMember }

export interface HttpResponse {
  status: number
  json(): Promise<unknown>
  /** Raw bytes and headers: only blob downloads read them. */
  arrayBuffer?(): Promise<ArrayBuffer>
  headers?: { get(name: string): string | null }
}
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: string | Blob; signal?: AbortSignal }) => Promise<HttpResponse>

/**
 * What went wrong, as the screens explain it: `accessCode` (creating a production needs the server's access code),
 * `expired` (a session unused for months), `gone` (an invite used up, expired or revoked), `exists` (a production
 * id taken on the server), `reset` (the server's database was restored from a backup), `quota` (the production's
 * space on the server is full).
 */
export type SyncFailureKind =
  | 'offline' | 'unauthorized' | 'revoked' | 'expired' | 'upgrade' | 'gap' | 'reset' | 'rejected' | 'server' | 'accessCode' | 'gone' | 'exists' | 'quota'

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly body?: unknown,
  ) {
    super(message)
    this.name = 'SyncFailure'
  }
}

export interface Session {
  productionId: string
  memberId: string
  sessionId: string
  role: string
  token: string
}


/** An invite as made: its id (to revoke it), role, expiry and how many people it lets in. */
export interface Invite {
  id: string
  role: string
  expiresAt: string
  maxUses: number
}

/** An invite still open, as owners and coordinators see them listed. */
export interface OpenInvite extends Invite {
  createdBy: string | null
  createdAt: string
  usesLeft: number
  /** A device link (one more device of its maker), not an invite of a new person. */
  device: boolean
}

export interface InvitePreview {
  productionId: string
  productionName: string
  kind: string
  role: string
  expiresAt: string
  usesLeft: number
  device: boolean
}

function pullQuery(query: { clientId: string; cursor: number; limit: number; acked?: number; epoch?: string }): string {
  const params = new URLSearchParams({ clientId: query.clientId, cursor: String(query.cursor), limit: String(query.limit) })
  if (query.acked !== undefined) params.set('acked', String(query.acked))
  if (query.epoch !== undefined) params.set('epoch', query.epoch)
  return params.toString()
}

const TIMEOUT_MS = 20_000
/** Blob transfers get the plain timeout plus the time a slow set connection (50 kB/s) needs for their bytes. */
const SLOW_BYTES_PER_MS = 50
export const transferTimeoutMs = (bytes: number) => TIMEOUT_MS + Math.ceil(bytes / SLOW_BYTES_PER_MS)

function failureOf(status: number, payload: unknown): SyncFailure {
  const code = (payload as { error?: string } | null)?.error ?? ''
  if (status === 401) {
    if (code.startsWith('access_code')) return new SyncFailure('accessCode', code, payload)
    return new SyncFailure(code === 'session_expired' ? 'expired' : 'unauthorized', code, payload)
  }
  if (status === 403) return new SyncFailure(code === 'revoked' ? 'revoked' : 'unauthorized', code, payload)
  if (status === 426) return new SyncFailure('upgrade', code, payload)
  if (status === 409) return new SyncFailure(code === 'reset' ? 'reset' : code === 'production_exists' ? 'exists' : code === 'mutation_gap' ? 'gap' : 'rejected', code, payload)
  if (status === 410) return new SyncFailure('gone', code, payload)
  if (status === 507) return new SyncFailure('quota', code, payload)
  if (status >= 400 && status < 500) return new SyncFailure('rejected', code, payload)
  return new SyncFailure('server', `HTTP ${status}`, payload)
}

interface Exchange<T> {
  method: string
  path: string
  token: string | null
  body?: { type: string; data: string | Blob }
  /** Headers besides the token and the body's type (an access or recovery code). */
  headers?: Record<string, string>
  timeoutMs?: number
  /** Reads the answer inside the timeout, so a download that stalls half way fails too. */
  read(response: HttpResponse): Promise<T>
}

export function createSyncClient(baseUrl = '', fetcher: Fetcher = (url, init) => fetch(url, init)) {
  async function exchange<T>({ method, path, token, body, headers = {}, timeoutMs = TIMEOUT_MS, read }: Exchange<T>): Promise<T> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await fetcher(`${baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(body && { 'content-type': body.type }), ...(token && { authorization: `Bearer ${token}` }) },
        ...(body && { body: body.data }),
        signal: controller.signal,
      })
      return await read(response)
    } catch (error) {
      // Anything but an answer we understood is the network failing: no reply, a timeout, a body cut off.
      if (error instanceof SyncFailure) throw error
      throw new SyncFailure('offline', error instanceof Error ? error.message : 'network error')
    } finally {
      clearTimeout(timer)
    }
  }

  function call<T>(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return exchange({
      method, path, token, ...(headers && { headers }),
      ...(body !== undefined && { body: { type: 'application/json', data: JSON.stringify(body) } }),
      read: async (response) => {
        const payload = await response.json().catch(() => null)
        if (response.status >= 200 && response.status < 300) return payload as T
        throw failureOf(response.status, payload)
      },
    })
  }

  const blobPath = (sha256: string) => `/api/v1/blobs/${encodeURIComponent(sha256)}`
  const refusedBlob = async (response: HttpResponse) => failureOf(response.status, await response.json().catch(() => null))

  const pid = (productionId: string) => `/api/v1/productions/${encodeURIComponent(productionId)}`
  const withRecoveryCode = (recoveryCode?: string) => (recoveryCode ? { 'x-regie-recovery-code': recoveryCode } : undefined)

  return {
    /** Creates the production on the server; `accessCode`: the server's, which creating a production needs. */
    createProduction: (body: { id?: string; name: string; kind?: string; displayName?: string; deviceLabel?: string }, accessCode?: string) =>
      call<Session & { recoveryCode: string; epoch: string }>('POST', '/api/v1/productions', null, body, accessCode ? { 'x-regie-access-code': accessCode } : undefined),
    /** An owner session from the production's recovery code, with its members and their devices (to revoke the lost one). */
    recover: (body: { recoveryCode: string; deviceLabel?: string }) =>
      call<Session & { productionName: string; kind: string; epoch: string; members: TeamMember[] }>('POST', '/api/v1/recover', null, body),
    replaceRecoveryCode: (productionId: string, token: string, recoveryCode?: string) =>
      call<{ recoveryCode: string }>('POST', `${pid(productionId)}/recovery-code`, token, {}, withRecoveryCode(recoveryCode)),
    createInvite: (productionId: string, token: string, role: string, maxUses = 1) =>
      call<Invite & { code: string; link: string; url?: string }>('POST', `${pid(productionId)}/invites`, token, { role, maxUses }),
    /** A single-use link that signs in one more device of the caller (same member, same role). */
    createDeviceLink: (productionId: string, token: string) =>
      call<Invite & { code: string; link: string; url?: string }>('POST', `${pid(productionId)}/devices`, token, {}),
    listInvites: (productionId: string, token: string) => call<{ invites: OpenInvite[] }>('GET', `${pid(productionId)}/invites`, token),
    revokeInvite: (productionId: string, token: string, inviteId: string) =>
      call<null>('DELETE', `${pid(productionId)}/invites/${encodeURIComponent(inviteId)}`, token),
    /** What an invite opens, before joining; 410 (`gone`) when used up, expired or revoked. */
    previewInvite: (code: string) => call<InvitePreview>('GET', `/api/v1/invites/${encodeURIComponent(code)}`, null),
    acceptInvite: (code: string, body: { displayName: string; deviceLabel?: string }) =>
      call<Session & { productionName: string; kind?: string; epoch?: string }>('POST', `/api/v1/invites/${encodeURIComponent(code)}/accept`, null, body),
    listMembers: (productionId: string, token: string) =>
      call<{ members: TeamMember[] }>('GET', `${pid(productionId)}/members`, token),
    changeRole: (productionId: string, token: string, memberId: string, role: string, recoveryCode?: string) =>
      call<{ id: string; role: string }>('PATCH', `${pid(productionId)}/members/${encodeURIComponent(memberId)}`, token, { role }, withRecoveryCode(recoveryCode)),
    revokeMember: (productionId: string, token: string, memberId: string, recoveryCode?: string) =>
      call<null>('DELETE', `${pid(productionId)}/members/${encodeURIComponent(memberId)}`, token, undefined, withRecoveryCode(recoveryCode)),
    revokeSession: (productionId: string, token: string, sessionId: string, recoveryCode?: string) =>
      call<null>('DELETE', `${pid(productionId)}/sessions/${encodeURIComponent(sessionId)}`, token, undefined, withRecoveryCode(recoveryCode)),
    rotateSession: (productionId: string, token: string) => call<{ token: string; sessionId: string }>('POST', `${pid(productionId)}/sessions/rotate`, token, {}),
    push: (productionId: string, token: string, body: PushRequest) =>
      call<PushResponse>('POST', `${pid(productionId)}/push`, token, body),
    /** A page of changes, or a reset when the server's database was restored since this phone last pulled. */
    pull: (productionId: string, token: string, query: { clientId: string; cursor: number; limit: number; acked?: number; epoch?: string }) =>
      call<PullResponse | ResetResponse>('GET', `${pid(productionId)}/pull?${pullQuery(query)}`, token),
    /** What the server logged for one record, newest first, with the values that were overwritten. */
    recordHistory: (productionId: string, token: string, entity: string, id: string) =>
      call<HistoryResponse>('GET', `${pid(productionId)}/history/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`, token),

    /** Whether the session's production already has this blob on the server. */
    hasBlob: (token: string, sha256: string) =>
      exchange({
        method: 'HEAD', path: blobPath(sha256), token,
        read: async (response) => {
          if (response.status === 200) return true
          if (response.status === 404) return false
          throw failureOf(response.status, null)
        },
      }),
    /** Sends the bytes; resolves only on the server's 201 or 200 (stored, fsynced and referenced). */
    putBlob: (token: string, sha256: string, blob: Blob, mime: string) =>
      exchange({
        method: 'PUT', path: blobPath(sha256), token, body: { type: mime, data: blob }, timeoutMs: transferTimeoutMs(blob.size),
        read: async (response) => {
          if (response.status !== 200 && response.status !== 201) throw await refusedBlob(response)
        },
      }),
    /** The blob's bytes and type, or null when the session's production has no such blob. */
    getBlob: (token: string, sha256: string) =>
      exchange({
        method: 'GET', path: blobPath(sha256), token, timeoutMs: transferTimeoutMs(MAX_BLOB_BYTES),
        read: async (response) => {
          if (response.status === 404) return null
          if (response.status !== 200) throw await refusedBlob(response)
          if (!response.arrayBuffer) throw new SyncFailure('server', 'this fetcher cannot read bytes')
          return { bytes: await response.arrayBuffer(), mime: mediaTypeOf(response.headers?.get('content-type')) }
        },
      }),
  }
}

export type SyncClient = ReturnType<typeof createSyncClient>
