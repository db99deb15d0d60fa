/**
 * What the blob upload queue and the lazy blob fetch read and write on the device (tables `blobs`, the bytes, and
 * `blobUploads`, what each production still has to send). Guarantees: an upload leaves the queue only through
 * `markBlobUploaded`, which the queue calls after the server's 200/201 for that production; bytes fetched from the
 * server are stored without queueing anything and never over a local copy (so a photo still waiting to go up can
 * never be marked sent by a download).
 */
import type { Production } from '../../core/model'
import { db, liveQuery, type RegieDatabase, type StoredBlob } from './db'

/** The production's blobs waiting for upload, oldest first: the queue sends them in the order they were made. */
export async function pendingBlobs(productionId: string, database: RegieDatabase = db): Promise<StoredBlob[]> {
  return database.transaction('r', database.blobUploads, database.blobs, async () => {
    const uploads = await database.blobUploads.where('productionId').equals(productionId).toArray()
    uploads.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    const bytes = await database.blobs.bulkGet(uploads.map((upload) => upload.sha256))
    return bytes.filter((blob): blob is StoredBlob => blob !== undefined)
  })
}

/** Called only once the server answered 200/201 for these bytes, for this production. */
export async function markBlobUploaded(productionId: string, sha256: string, database: RegieDatabase = db): Promise<void> {
  await database.transaction('rw', database.blobUploads, database.blobs, async () => {
    await database.blobUploads.delete([productionId, sha256])
    const stillQueued = await database.blobUploads.where('sha256').equals(sha256).count()
    if (stillQueued === 0) await database.blobs.where('sha256').equals(sha256).and((blob) => blob.pending === 1).modify({ pending: 0 })
  })
}

/**
 * Queues bytes already stored for upload by a production (inside the caller's transaction, which must include
 * `blobUploads` and `blobs`). Queued again even when another production sent them: the server lets each
 * production read only what it was sent (a HEAD first, so bytes it has are not sent twice).
 */
export async function queueBlobUpload(productionId: string, sha256: string, database: RegieDatabase = db): Promise<void> {
  if (await database.blobUploads.get([productionId, sha256])) return
  await database.blobUploads.add({ productionId, sha256, createdAt: new Date().toISOString() })
  await database.blobs.where('sha256').equals(sha256).and((blob) => blob.pending === 0).modify({ pending: 1 })
}

export function getStoredBlob(sha256: string, database: RegieDatabase = db): Promise<StoredBlob | undefined> {
  return database.blobs.get(sha256)
}

/** Keeps downloaded bytes (already on the server: pending 0); a copy already on the phone wins and is returned. */
export async function storeFetchedBlob(blob: Omit<StoredBlob, 'pending'>, database: RegieDatabase = db): Promise<StoredBlob> {
  return database.transaction('rw', database.blobs, async () => {
    const existing = await database.blobs.get(blob.sha256)
    if (existing) return existing
    const stored: StoredBlob = { ...blob, pending: 0 }
    await database.blobs.add(stored)
    return stored
  })
}

export interface PendingBlobTotals {
  count: number
  bytes: number
}

/** Per production with blobs waiting: images (photos, signatures) and other files (PDF documents) apart. */
export interface PendingBlobSummary {
  productionId: string
  productionName: string | null
  /** False for a production that lives only on this phone: its blobs wait until it is shared with a team. */
  team: boolean
  /** Why the last upload pass failed (a code of BlobUploadError), null when it went through. */
  lastError: string | null
  photos: PendingBlobTotals
  files: PendingBlobTotals
}

/** Productions with blobs to upload, read from the index keys so no row is loaded for productions without any. */
async function productionsWithPending(database: RegieDatabase): Promise<string[]> {
  return (await database.blobUploads.orderBy('productionId').uniqueKeys()) as string[]
}

export function livePendingBlobSummaries(database: RegieDatabase = db) {
  return liveQuery(async (): Promise<PendingBlobSummary[]> => {
    const summaries: PendingBlobSummary[] = []
    for (const productionId of await productionsWithPending(database)) {
      const [waiting, team, production] = await Promise.all([
        pendingBlobs(productionId, database),
        database.teams.get(productionId),
        database.records<Production>('production').get([productionId, productionId]),
      ])
      const photos = { count: 0, bytes: 0 }
      const files = { count: 0, bytes: 0 }
      for (const blob of waiting) {
        const totals = blob.mime.startsWith('image/') ? photos : files
        totals.count++
        totals.bytes += blob.size
      }
      summaries.push({ productionId, productionName: production?.name ?? null, team: Boolean(team), lastError: team?.blobError ?? null, photos, files })
    }
    return summaries
  })
}

/** Every blob of this phone still waiting for a server, all productions together (the status badge). */
export function livePendingBlobCount(database: RegieDatabase = db) {
  return liveQuery(() => database.blobUploads.count())
}
