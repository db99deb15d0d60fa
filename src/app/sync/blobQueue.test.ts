// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Dexie, RegieDatabase, type StoredBlob, type TeamLink } from '../db/db'
import { saveTeam } from '../db/syncStore'
import { uploadPendingBlobs } from './blobQueue'
import { createSyncClient, type Fetcher, type HttpResponse } from './syncClient'

const TEAM = 'prod-team'
const LOCAL = 'prod-local'

let database: RegieDatabase
beforeEach(async () => {
  database = new RegieDatabase(`blobqueue-${Math.random().toString(36).slice(2)}`)
  const team: TeamLink = {
    productionId: TEAM, serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm1', sessionId: 's1', role: 'member',
    cursor: 0, lastSyncAt: null, lastError: null,
  }
  await saveTeam(team, database)
})
afterEach(async () => {
  database.close()
  await Dexie.delete(database.name)
})

let made = 0
async function storeBlob(productionId: string, fields: Partial<StoredBlob> = {}): Promise<StoredBlob> {
  const bytes = Buffer.from(`photo ${++made}`)
  const blob: StoredBlob = {
    sha256: createHash('sha256').update(bytes).digest('hex'), blob: new Blob([bytes], { type: 'image/jpeg' }), mime: 'image/jpeg',
    size: bytes.length, createdAt: new Date(Date.UTC(2026, 0, 5, 8, 0, made)).toISOString(), productionId, pending: 1, ...fields,
  }
  await database.blobs.add(blob)
  if (blob.pending === 1) await database.blobUploads.add({ productionId, sha256: blob.sha256, createdAt: blob.createdAt })
  return blob
}

interface Call {
  method: string
  sha256: string
  headers: Record<string, string>
  body?: string | Blob
}

/** A stub server: answers per method (and per blob when given), records every request. */
function stubServer(answer: (method: string, sha256: string) => number | 'network-down') {
  const calls: Call[] = []
  const fetcher: Fetcher = async (url, init) => {
    const sha256 = url.split('/').at(-1)!
    calls.push({ method: init.method, sha256, headers: init.headers, body: init.body })
    const status = answer(init.method, sha256)
    if (status === 'network-down') throw new TypeError('Failed to fetch')
    const body = status >= 400 ? { error: status === 413 ? 'too_large' : 'refused' } : { sha256 }
    return { status, json: async () => body } satisfies HttpResponse
  }
  return { calls, client: createSyncClient('', fetcher) }
}

const pendingFlag = async (sha256: string) => (await database.blobs.get(sha256))?.pending
const blobError = async () => (await database.teams.get(TEAM))?.blobError

describe('blob upload queue', () => {
  it('asks with HEAD, sends with PUT on 404, and marks the blob uploaded only after the 201', async () => {
    const blob = await storeBlob(TEAM)
    const server = stubServer((method) => (method === 'HEAD' ? 404 : 201))
    expect(await uploadPendingBlobs(TEAM, server.client, database)).toEqual({ uploaded: 1, remaining: 0, error: null })
    expect(server.calls.map((call) => [call.method, call.sha256])).toEqual([['HEAD', blob.sha256], ['PUT', blob.sha256]])
    const put = server.calls[1]!
    expect(put.headers).toMatchObject({ 'content-type': 'image/jpeg', authorization: 'Bearer token-of-this-phone-abcdef' })
    expect(await (put.body as Blob).text()).toBe(await blob.blob.text())
    expect(await pendingFlag(blob.sha256)).toBe(0)
  })

  it('sends nothing when the server already has the blob for this production', async () => {
    const blob = await storeBlob(TEAM)
    const server = stubServer(() => 200)
    await uploadPendingBlobs(TEAM, server.client, database)
    expect(server.calls.map((call) => call.method)).toEqual(['HEAD'])
    expect(await pendingFlag(blob.sha256)).toBe(0)
  })

  it('keeps blobs pending when the upload fails, records why, and clears the reason once they go up', async () => {
    const first = await storeBlob(TEAM)
    const second = await storeBlob(TEAM)
    const failing = stubServer((method) => (method === 'HEAD' ? 404 : 500))
    expect(await uploadPendingBlobs(TEAM, failing.client, database)).toEqual({ uploaded: 0, remaining: 2, error: 'server' })
    // A server failure stops the pass: the second blob is not tried until the next one.
    expect(failing.calls.map((call) => call.sha256)).toEqual([first.sha256, first.sha256])
    expect([await pendingFlag(first.sha256), await pendingFlag(second.sha256)]).toEqual([1, 1])
    expect(await blobError()).toBe('server')

    const offline = stubServer(() => 'network-down')
    expect((await uploadPendingBlobs(TEAM, offline.client, database)).error).toBe('offline')
    expect(offline.calls).toHaveLength(1)
    expect(await pendingFlag(first.sha256)).toBe(1)

    const working = stubServer((method) => (method === 'HEAD' ? 404 : 201))
    expect(await uploadPendingBlobs(TEAM, working.client, database)).toEqual({ uploaded: 2, remaining: 0, error: null })
    expect([await pendingFlag(first.sha256), await pendingFlag(second.sha256)]).toEqual([0, 0])
    expect(await blobError()).toBeNull()
  })

  it('goes on past a blob the server refuses, which stays pending with the reason', async () => {
    const refused = await storeBlob(TEAM)
    const accepted = await storeBlob(TEAM)
    const server = stubServer((method, sha256) => (method === 'HEAD' ? 404 : sha256 === refused.sha256 ? 413 : 201))
    expect(await uploadPendingBlobs(TEAM, server.client, database)).toEqual({ uploaded: 1, remaining: 1, error: 'too_large' })
    expect(await pendingFlag(refused.sha256)).toBe(1)
    expect(await pendingFlag(accepted.sha256)).toBe(0)
    expect(await blobError()).toBe('too_large')
  })

  it("stops at a full production quota (507), keeps the blobs pending and says the space is full", async () => {
    const first = await storeBlob(TEAM)
    await storeBlob(TEAM)
    const server = stubServer((method) => (method === 'HEAD' ? 404 : 507))
    expect(await uploadPendingBlobs(TEAM, server.client, database)).toEqual({ uploaded: 0, remaining: 2, error: 'quota' })
    expect(server.calls.map((call) => call.method)).toEqual(['HEAD', 'PUT'])
    expect(await pendingFlag(first.sha256)).toBe(1)
    expect(await blobError()).toBe('quota')
  })

  it('does not send what the server would refuse anyway', async () => {
    const gif = await storeBlob(TEAM, { mime: 'image/gif' })
    const server = stubServer(() => 201)
    expect(await uploadPendingBlobs(TEAM, server.client, database)).toEqual({ uploaded: 0, remaining: 1, error: 'unsupported_type' })
    expect(server.calls).toEqual([])
    expect(await pendingFlag(gif.sha256)).toBe(1)
  })

  it("never uploads a local-only production's blobs, and only the asked production's", async () => {
    const local = await storeBlob(LOCAL)
    const server = stubServer((method) => (method === 'HEAD' ? 404 : 201))
    expect(await uploadPendingBlobs(LOCAL, server.client, database)).toEqual({ uploaded: 0, remaining: 0, error: null })
    const team = await storeBlob(TEAM)
    await uploadPendingBlobs(TEAM, server.client, database)
    expect(server.calls.map((call) => call.sha256)).toEqual([team.sha256, team.sha256])
    expect(await pendingFlag(local.sha256)).toBe(1)
    expect(await pendingFlag(team.sha256)).toBe(0)
  })
})
