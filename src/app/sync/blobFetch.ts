/**
 * Lazy fetch of blobs (photos, signatures, documents) another device uploaded: GET /api/v1/blobs/:sha256 with
 * the team session of the production, then kept on this phone (pending 0) so it is fetched once.
 * Guarantee: bytes are stored and returned only when their SHA-256 equals the address asked for; a copy already
 * on the phone is returned as is and never replaced. Null means "not here yet": offline, unknown to the server,
 * not a team production, or bytes that failed the check. The caller shows that state and may ask again later.
 */
import { digestSha256 } from '../../core/media/digest'
import { db, type RegieDatabase } from '../db/db'
import { getStoredBlob, storeFetchedBlob } from '../db/blobQueueStore'
import { getTeam } from '../db/syncStore'
import { createSyncClient, SyncFailure, type SyncClient } from './syncClient'

export async function fetchMissingBlob(productionId: string, sha256: string): Promise<Blob | null> {
  return fetchBlob(productionId, sha256, defaultClient(), db)
}

let sharedClient: SyncClient | undefined
const defaultClient = () => (sharedClient ??= createSyncClient())

// A gallery asks for the same photo from several places at once: one download serves them all.
const inFlight = new Map<string, Promise<Blob | null>>()

/** fetchMissingBlob with its client and database given (tests, other devices in one process). */
export function fetchBlob(productionId: string, sha256: string, client: SyncClient, database: RegieDatabase): Promise<Blob | null> {
  const key = `${database.name}\n${productionId}\n${sha256}`
  let pending = inFlight.get(key)
  if (!pending) {
    pending = download(productionId, sha256, client, database).finally(() => inFlight.delete(key))
    inFlight.set(key, pending)
  }
  return pending
}

async function download(productionId: string, sha256: string, client: SyncClient, database: RegieDatabase): Promise<Blob | null> {
  const local = await getStoredBlob(sha256, database)
  if (local) return local.blob
  const team = await getTeam(productionId, database)
  if (!team) return null
  let answer: Awaited<ReturnType<SyncClient['getBlob']>>
  try {
    answer = await client.getBlob(team.token, sha256)
  } catch (error) {
    if (error instanceof SyncFailure) return null
    throw error
  }
  if (!answer || (await digestSha256(answer.bytes)) !== sha256) return null
  const blob = new Blob([answer.bytes], { type: answer.mime })
  const stored = await storeFetchedBlob({ sha256, blob, mime: answer.mime, size: answer.bytes.byteLength, createdAt: new Date().toISOString(), productionId }, database)
  return stored.blob
}
