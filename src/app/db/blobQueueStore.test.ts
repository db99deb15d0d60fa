// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's does not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { livePendingBlobCount, livePendingBlobSummaries, markBlobUploaded, pendingBlobs, queueBlobUpload, storeFetchedBlob, type PendingBlobSummary } from './blobQueueStore'
import { Dexie, RegieDatabase, type StoredBlob } from './db'

let database: RegieDatabase
beforeEach(async () => {
  database = new RegieDatabase(`blobstore-${Math.random().toString(36).slice(2)}`)
  const now = '2026-01-05T08:00:00.000Z'
  await database.records('production').put({ id: 'team', productionId: 'team', name: 'Les Heures Claires', createdAt: now, updatedAt: now, deletedAt: null } as never)
  await database.teams.put({ productionId: 'team', serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null, blobError: 'offline' })
})
afterEach(async () => {
  database.close()
  await Dexie.delete(database.name)
})

let made = 0
const blob = (productionId: string, fields: Partial<StoredBlob> = {}): StoredBlob => ({
  sha256: String(++made).padStart(64, '0'), blob: new Blob(['x']), mime: 'image/jpeg', size: 1_400_000, createdAt: `2026-01-05T08:00:${String(60 - made).padStart(2, '0')}.000Z`,
  productionId, pending: 1, ...fields,
})

/** Stores bytes as the write path does: the pending ones queued for upload by their production. */
async function addBlobs(...blobs: StoredBlob[]) {
  await database.blobs.bulkAdd(blobs)
  await database.blobUploads.bulkAdd(blobs.filter((row) => row.pending === 1).map(({ productionId, sha256, createdAt }) => ({ productionId, sha256, createdAt })))
}

/** The first value a live query emits. */
function firstValue<T>(observable: { subscribe(observer: { next(value: T): void; error(reason: unknown): void }): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = observable.subscribe({ next: (value) => { resolve(value); queueMicrotask(() => subscription.unsubscribe()) }, error: reject })
  })
}

describe('blob queue store', () => {
  it('lists a production’s pending blobs oldest first and forgets them only when marked uploaded', async () => {
    const [newer, older, done, other] = [blob('team'), blob('team'), blob('team', { pending: 0 }), blob('local')]
    await addBlobs(newer, older, done, other)
    expect((await pendingBlobs('team', database)).map((row) => row.sha256)).toEqual([older.sha256, newer.sha256])
    await markBlobUploaded('team', older.sha256, database)
    expect((await pendingBlobs('team', database)).map((row) => row.sha256)).toEqual([newer.sha256])
    expect((await database.blobs.get(older.sha256))?.pending).toBe(0)
  })

  it('uploads the same bytes for each production that uses them (each server reads only what it was sent)', async () => {
    const photo = blob('team')
    await addBlobs(photo)
    await database.transaction('rw', database.blobs, database.blobUploads, () => queueBlobUpload('school', photo.sha256, database))
    expect((await pendingBlobs('school', database)).map((row) => row.sha256)).toEqual([photo.sha256])
    await markBlobUploaded('team', photo.sha256, database)
    expect(await pendingBlobs('team', database)).toEqual([])
    expect((await pendingBlobs('school', database)).map((row) => row.sha256)).toEqual([photo.sha256])
    expect((await database.blobs.get(photo.sha256))?.pending).toBe(1)
    await markBlobUploaded('school', photo.sha256, database)
    expect((await database.blobs.get(photo.sha256))?.pending).toBe(0)
    // Bytes a production already sent and queued again (a second import): queued once, sent again after a HEAD.
    await database.transaction('rw', database.blobs, database.blobUploads, () => queueBlobUpload('team', photo.sha256, database))
    await database.transaction('rw', database.blobs, database.blobUploads, () => queueBlobUpload('team', photo.sha256, database))
    expect(await database.blobUploads.count()).toBe(1)
  })

  it('keeps a downloaded blob as uploaded, but never replaces a local copy still waiting', async () => {
    const mine = blob('team')
    await addBlobs(mine)
    const { pending: _, ...downloaded } = blob('team')
    expect((await storeFetchedBlob(downloaded, database)).pending).toBe(0)
    expect((await storeFetchedBlob({ ...downloaded, sha256: mine.sha256 }, database)).pending).toBe(1)
    expect((await database.blobs.get(mine.sha256))?.pending).toBe(1)
  })

  it('sums pending photos and files per production, with the last upload error and whether it is shared', async () => {
    await addBlobs(
      blob('team'), blob('team'), blob('team', { size: 1_400_000 }), blob('team', { mime: 'application/pdf', size: 300_000 }),
      blob('team', { pending: 0 }), blob('local', { mime: 'image/png', size: 50_000 }),
    )
    const summaries = await firstValue<PendingBlobSummary[]>(livePendingBlobSummaries(database))
    expect(summaries.sort((a, b) => a.productionId.localeCompare(b.productionId))).toEqual([
      { productionId: 'local', productionName: null, team: false, lastError: null, photos: { count: 1, bytes: 50_000 }, files: { count: 0, bytes: 0 } },
      { productionId: 'team', productionName: 'Les Heures Claires', team: true, lastError: 'offline', photos: { count: 3, bytes: 4_200_000 }, files: { count: 1, bytes: 300_000 } },
    ])
    expect(await firstValue<number>(livePendingBlobCount(database))).toBe(5)
  })
})
