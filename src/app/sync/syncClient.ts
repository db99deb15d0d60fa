/**
 * HTTP calls to the team server. Every call has a timeout (a phone "online" on a dead station Wi-Fi must
 * not hang the loop) and failures come back as a SyncFailure the user can act on.
 */
import type { PullResponse, PushRequest, PushResponse } from '../../core/sync/protocol'

export interface HttpResponse {
  status: number
  json(): Promise<unknown>
}
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<HttpResponse>

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

const TIMEOUT_MS = 20_000

export function createSyncClient(baseUrl = '', fetcher: Fetcher = (url, init) => fetch(url, init)) {
  async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS)
    let response: HttpResponse
    try {
      response = await fetcher(`${baseUrl}${path}`, {
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: controller.signal,
      })
    } catch (error) {
      throw new SyncFailure('offline', error instanceof Error ? error.message : 'network error')
    } finally {
      clearTimeout(timer)
    }
    const payload = await response.json().catch(() => null)
    if (response.status >= 200 && response.status < 300) return payload as T
    const code = (payload as { error?: string } | null)?.error ?? ''
    if (response.status === 401) throw new SyncFailure('unauthorized', code, payload)
    if (response.status === 403) throw new SyncFailure(code === 'revoked' ? 'revoked' : 'unauthorized', code, payload)
    if (response.status === 426) throw new SyncFailure('upgrade', code, payload)
    if (response.status === 409) throw new SyncFailure('gap', code, payload)
    if (response.status >= 400 && response.status < 500) throw new SyncFailure('rejected', code, payload)
    throw new SyncFailure('server', `HTTP ${response.status}`, payload)
  }

  return {
    createProduction: (body: { id?: string; name: string; kind?: string; displayName?: string; deviceLabel?: string }) =>
      call<Session>('POST', '/api/v1/productions', null, body),
    createInvite: (productionId: string, token: string, role: string) =>
      call<{ code: string; link: string; role: string; expiresAt: string }>('POST', `/api/v1/productions/${encodeURIComponent(productionId)}/invites`, token, { role }),
    acceptInvite: (code: string, body: { displayName: string; deviceLabel?: string }) =>
      call<Session & { productionName: string }>('POST', `/api/v1/invites/${encodeURIComponent(code)}/accept`, null, body),
    push: (productionId: string, token: string, body: PushRequest) =>
      call<PushResponse>('POST', `/api/v1/productions/${encodeURIComponent(productionId)}/push`, token, body),
    pull: (productionId: string, token: string, query: { clientId: string; cursor: number; limit: number }) =>
      call<PullResponse>('GET', `/api/v1/productions/${encodeURIComponent(productionId)}/pull?clientId=${encodeURIComponent(query.clientId)}&cursor=${query.cursor}&limit=${query.limit}`, token),
  }
}

export type SyncClient = ReturnType<typeof createSyncClient>
