// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Dexie, RegieDatabase } from '../db/db'
import { saveTeam } from '../db/syncStore'
import { fetchBlob } from './blobFetch'
import { createSyncClient, type Fetcher } from './syncClient'

const TEAM = 'prod-team'
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5])
const sha256 = createHash('sha256').update(photo).digest('hex')

let database: RegieDatabase
beforeEach(async () => {
  database = new RegieDatabase(`blobfetch-${Math.random().toString(36).slice(2)}`)
  await saveTeam({ productionId: TEAM, serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm1', sessionId: 's1', role: 'viewer', cursor: 0, lastSyncAt: null, lastError: null }, database)
})
afterEach(async () => {
  database.close()
  await Dexie.delete(database.name)
})

/** Serves `bytes` for every GET (or a status, or a dead network) and counts the requests. */
function stubServer(answer: Buffer | number | 'network-down') {
  let requests = 0
  const fetcher: Fetcher = async (_url, init) => {
    requests++
    expect(init.headers.authorization).toBe('Bearer token-of-this-phone-abcdef')
    if (answer === 'network-down') throw new TypeError('Failed to fetch')
    const status = typeof answer === 'number' ? answer : 200
    const bytes = typeof answer === 'number' ? Buffer.alloc(0) : answer
    return {
      status,
      json: async () => ({ error: 'not_found' }),
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      headers: { get: (name: string) => (name === 'content-type' ? 'image/jpeg' : null) },
    }
  }
  return { client: createSyncClient('', fetcher), requests: () => requests }
}

describe('fetchMissingBlob', () => {
  it('downloads, checks and keeps the bytes as already uploaded, then serves them from the phone', async () => {
    const server = stubServer(photo)
    const blob = await fetchBlob(TEAM, sha256, server.client, database)
    expect(Buffer.from(await blob!.arrayBuffer()).equals(photo)).toBe(true)
    expect(blob!.type).toBe('image/jpeg')
    expect(await database.blobs.get(sha256)).toMatchObject({ productionId: TEAM, pending: 0, mime: 'image/jpeg', size: photo.length })
    await fetchBlob(TEAM, sha256, server.client, database)
    expect(server.requests()).toBe(1)
  })

  it('never keeps bytes that do not hash to the address asked for', async () => {
    const tampered = Buffer.from(photo)
    tampered[5] = 0
    expect(await fetchBlob(TEAM, sha256, stubServer(tampered).client, database)).toBeNull()
    expect(await database.blobs.count()).toBe(0)
  })

  it('answers null when offline, unknown to the server, or not a team production', async () => {
    expect(await fetchBlob(TEAM, sha256, stubServer('network-down').client, database)).toBeNull()
    expect(await fetchBlob(TEAM, sha256, stubServer(404).client, database)).toBeNull()
    const local = stubServer(photo)
    expect(await fetchBlob('prod-local', sha256, local.client, database)).toBeNull()
    expect(local.requests()).toBe(0)
    expect(await database.blobs.count()).toBe(0)
  })

  it('leaves a copy made on this phone as it is, still pending', async () => {
    const mine = new Blob([photo], { type: 'image/jpeg' })
    await database.blobs.add({ sha256, blob: mine, mime: 'image/jpeg', size: photo.length, createdAt: '2026-01-05T08:00:00.000Z', productionId: TEAM, pending: 1 })
    const server = stubServer(photo)
    expect(Buffer.from(await (await fetchBlob(TEAM, sha256, server.client, database))!.arrayBuffer()).equals(photo)).toBe(true)
    expect(server.requests()).toBe(0)
    expect((await database.blobs.get(sha256))?.pending).toBe(1)
  })

  it('shares one download between callers asking at the same time', async () => {
    const server = stubServer(photo)
    const [a, b] = await Promise.all([fetchBlob(TEAM, sha256, server.client, database), fetchBlob(TEAM, sha256, server.client, database)])
    expect(a).not.toBeNull()
    expect(b).toBe(a)
    expect(server.requests()).toBe(1)
  })
})
