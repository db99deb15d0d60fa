// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; the few DOM objects the loop listens to are stubbed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PullResponse } from '../../core/sync/protocol'
import { db } from '../db/db'
import { saveTeam } from '../db/syncStore'
import { SyncFailure, type SyncClient } from './syncClient'
import { startSyncLoop } from './syncLoop'

const EMPTY_PULL: PullResponse = { changes: [], cursor: 0, hasMore: false, head: 0, lastMutationId: 0, rejections: [] }

beforeEach(async () => {
  vi.stubGlobal('window', new EventTarget())
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }))
  await saveTeam({ productionId: 'team', serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null })
  await db.blobs.bulkAdd([
    { sha256: 'a'.repeat(64), blob: new Blob(['a']), mime: 'image/jpeg', size: 1, createdAt: '2026-01-05T08:00:00.000Z', productionId: 'team', pending: 1 },
    { sha256: 'b'.repeat(64), blob: new Blob(['b']), mime: 'image/jpeg', size: 1, createdAt: '2026-01-05T08:00:00.000Z', productionId: 'local', pending: 1 },
  ])
  await db.blobUploads.bulkAdd([
    { productionId: 'team', sha256: 'a'.repeat(64), createdAt: '2026-01-05T08:00:00.000Z' },
    { productionId: 'local', sha256: 'b'.repeat(64), createdAt: '2026-01-05T08:00:00.000Z' },
  ])
})
afterEach(async () => {
  vi.unstubAllGlobals()
  await Promise.all([db.teams.clear(), db.blobs.clear(), db.blobUploads.clear()])
})

/** Runs the loop once with `client` and reports what it told the screen. */
async function runOnce(client: Partial<SyncClient>) {
  const failures: (SyncFailure | null)[] = []
  let stop = () => {}
  await new Promise<void>((resolve) => {
    stop = startSyncLoop({ onSyncing: (syncing) => !syncing && resolve(), onFailure: (failure) => failures.push(failure) }, client as SyncClient)
  })
  stop()
  return failures
}

describe('sync loop and blob uploads', () => {
  it('reports record sync as fine while a blob upload fails, and keeps the blob pending', async () => {
    const pull = vi.fn(async () => EMPTY_PULL)
    const hasBlob = vi.fn(async () => {
      throw new SyncFailure('server', 'HTTP 503')
    })
    expect(await runOnce({ pull, hasBlob })).toEqual([null])
    expect(pull).toHaveBeenCalledOnce()
    expect(hasBlob).toHaveBeenCalledOnce()
    expect((await db.blobs.get('a'.repeat(64)))?.pending).toBe(1)
    expect(await db.teams.get('team')).toMatchObject({ lastError: null, blobError: 'server' })
    expect((await db.teams.get('team'))?.lastSyncAt).not.toBeNull()
  })

  it("uploads a team production's blobs after its records, and never a local-only production's", async () => {
    const order: string[] = []
    const client: Partial<SyncClient> = {
      pull: async () => (order.push('pull'), EMPTY_PULL),
      hasBlob: async (_token, sha256) => (order.push(`head ${sha256[0]}`), false),
      putBlob: async (_token, sha256) => void order.push(`put ${sha256[0]}`),
    }
    await runOnce(client)
    expect(order).toEqual(['pull', 'head a', 'put a'])
    expect((await db.blobs.get('a'.repeat(64)))?.pending).toBe(0)
    expect((await db.blobs.get('b'.repeat(64)))?.pending).toBe(1)
  })

  it('does not try blob uploads when the server cannot be reached', async () => {
    const hasBlob = vi.fn(async () => true)
    const failures = await runOnce({ pull: async () => { throw new SyncFailure('offline', 'Failed to fetch') }, hasBlob })
    expect(failures.map((failure) => failure?.kind)).toEqual(['offline'])
    expect(hasBlob).not.toHaveBeenCalled()
    expect((await db.blobs.get('a'.repeat(64)))?.pending).toBe(1)
  })
})
