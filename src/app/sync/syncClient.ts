/**
 * HTTP calls to the team server: team, push and pull, and blob transfers. Every call has a timeout (a phone
 * "online" on a dead station Wi-Fi must not hang the loop; blob transfers get time for their size) and
 * failures come back as a SyncFailure the user can act on.
 */
import { MAX_BLOB_BYTES, mediaTypeOf } from '../../core/sync/blobRules'
import type { HistoryResponse } from '../../core/sync/history'
import type { PullResponse, PushRequest, PushResponse } from '../../core/sync/protocol'

export interface HttpResponse {
  status: number
  json(): Promise<unknown>
  /** Raw bytes and headers: only blob downloads read them. */
  arrayBuffer?(): Promise<ArrayBuffer>
  headers?: { get(name: string): string | null }
}
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: string | Blob; signal?: AbortSignal }) => Promise<HttpResponse>

export type SyncFailureKind = 'offline' | 'unauthorized' | 'revoked' | 'upgrade' | 'gap' | 'rejected' | 'server'

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

/** A member of a team production as the server lists them; `sessions` only where the caller may see them. */
export interface TeamMember {
  id: string
  displayName: string
  role: string
  createdAt: string
  revokedAt: string | null
  sessions?: { id: string; label: string; createdAt: string; lastSeenAt: string }[]
}

const TIMEOUT_MS = 20_000
/** Blob transfers get the plain timeout plus the time a slow set connection (50 kB/s) needs for their bytes. */
const SLOW_BYTES_PER_MS = 50
export const transferTimeoutMs = (bytes: number) => TIMEOUT_MS + Math.ceil(bytes / SLOW_BYTES_PER_MS)

function failureOf(status: number, payload: unknown): SyncFailure {
  const code = (payload as { error?: string } | null)?.error ?? ''
  if (status === 401) return new SyncFailure('unauthorized', code, payload)
  if (status === 403) return new SyncFailure(code === 'revoked' ? 'revoked' : 'unauthorized', code, payload)
  if (status === 426) return new SyncFailure('upgrade', code, payload)
  if (status === 409) return new SyncFailure('gap', code, payload)
  if (status >= 400 && status < 500) return new SyncFailure('rejected', code, payload)
  return new SyncFailure('server', `HTTP ${status}`, payload)
}

interface Exchange<T> {
  method: string
  path: string
  token: string | null
  body?: { type: string; data: string | Blob }
  timeoutMs?: number
  /** Reads the answer inside the timeout, so a download that stalls half way fails too. */
  read(response: HttpResponse): Promise<T>
}

export function createSyncClient(baseUrl = '', fetcher: Fetcher = (url, init) => fetch(url, init)) {
  async function exchange<T>({ method, path, token, body, timeoutMs = TIMEOUT_MS, read }: Exchange<T>): Promise<T> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await fetcher(`${baseUrl}${path}`, {
        method,
        headers: { ...(body && { 'content-type': body.type }), ...(token && { authorization: `Bearer ${token}` }) },
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

  function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    return exchange({
      method, path, token,
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

  return {
    createProduction: (body: { id?: string; name: string; kind?: string; displayName?: string; deviceLabel?: string }) =>
      call<Session>('POST', '/api/v1/productions', null, body),
    createInvite: (productionId: string, token: string, role: string) =>
      call<{ code: string; link: string; url?: string; role: string; expiresAt: string }>('POST', `/api/v1/productions/${encodeURIComponent(productionId)}/invites`, token, { role }),
    acceptInvite: (code: string, body: { displayName: string; deviceLabel?: string }) =>
      call<Session & { productionName: string }>('POST', `/api/v1/invites/${encodeURIComponent(code)}/accept`, null, body),
    listMembers: (productionId: string, token: string) =>
      call<{ members: TeamMember[] }>('GET', `/api/v1/productions/${encodeURIComponent(productionId)}/members`, token),
    changeRole: (productionId: string, token: string, memberId: string, role: string) =>
      call<{ id: string; role: string }>('PATCH', `/api/v1/productions/${encodeURIComponent(productionId)}/members/${encodeURIComponent(memberId)}`, token, { role }),
    revokeMember: (productionId: string, token: string, memberId: string) =>
      call<null>('DELETE', `/api/v1/productions/${encodeURIComponent(productionId)}/members/${encodeURIComponent(memberId)}`, token),
    revokeSession: (productionId: string, token: string, sessionId: string) =>
      call<null>('DELETE', `/api/v1/productions/${encodeURIComponent(productionId)}/sessions/${encodeURIComponent(sessionId)}`, token),
    push: (productionId: string, token: string, body: PushRequest) =>
      call<PushResponse>('POST', `/api/v1/productions/${encodeURIComponent(productionId)}/push`, token, body),
    pull: (productionId: string, token: string, query: { clientId: string; cursor: number; limit: number; acked?: number }) =>
      call<PullResponse>('GET', `/api/v1/productions/${encodeURIComponent(productionId)}/pull?clientId=${encodeURIComponent(query.clientId)}&cursor=${query.cursor}&limit=${query.limit}${query.acked === undefined ? '' : `&acked=${query.acked}`}`, token),
    /** What the server logged for one record, newest first, with the values that were overwritten. */
    recordHistory: (productionId: string, token: string, entity: string, id: string) =>
      call<HistoryResponse>('GET', `/api/v1/productions/${encodeURIComponent(productionId)}/history/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`, token),

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
