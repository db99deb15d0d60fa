/**
 * The blob upload queue (DESIGN.md section 3, "Blobs"): after the records of a team production are synced, its
 * photos, signatures and documents made on this phone go up one at a time, HEAD first and PUT only when the
 * server lacks them. Guarantees: a blob stops being pending only after the server's 200/201; a failure leaves
 * it pending and is recorded on the team link for the Synchronisation screen; a production with no team link
 * is never read here, so its blobs stay on the phone until it is shared (then they go, as they carry its id).
 */
import { isBlobMime, MAX_BLOB_BYTES } from '../../core/sync/blobRules'
import { db, type RegieDatabase, type StoredBlob } from '../db/db'
import { markBlobUploaded, pendingBlobs } from '../db/blobQueueStore'
import { getTeam, updateTeam } from '../db/syncStore'
import { SyncFailure, type SyncClient } from './syncClient'

/** Why an upload failed, as the screen explains it (locale keys sync.blobs.errors.*). */
export type BlobUploadError =
  | 'offline' | 'server' | 'unauthorized' | 'forbidden' | 'revoked' | 'too_large' | 'unsupported_type' | 'hash_mismatch' | 'rejected' | 'quota'

export interface BlobUploadOutcome {
  uploaded: number
  /** Blobs still pending after this pass. */
  remaining: number
  error: BlobUploadError | null
}

export async function uploadPendingBlobs(productionId: string, client: SyncClient, database: RegieDatabase = db): Promise<BlobUploadOutcome> {
  const team = await getTeam(productionId, database)
  if (!team) return { uploaded: 0, remaining: 0, error: null }
  const waiting = await pendingBlobs(productionId, database)
  let uploaded = 0
  let error: BlobUploadError | null = null
  for (const blob of waiting) {
    const refusal = refusedLocally(blob)
    if (refusal) {
      error = refusal
      continue
    }
    try {
      if (!(await client.hasBlob(team.token, blob.sha256))) await client.putBlob(team.token, blob.sha256, blob.blob, blob.mime)
      await markBlobUploaded(productionId, blob.sha256, database)
      uploaded++
    } catch (failure) {
      error = uploadErrorOf(failure)
      // This blob alone was refused: the next ones may still go. Anything else (network, session) stops the pass.
      if (!(failure instanceof SyncFailure && failure.kind === 'rejected')) break
    }
  }
  // Written only when it changes: the Synchronisation screen follows the teams table live.
  if ((team.blobError ?? null) !== error) await updateTeam(productionId, { blobError: error }, database)
  return { uploaded, remaining: waiting.length - uploaded, error }
}

/** What the server would refuse anyway is not sent again and again over a set's thin connection. */
function refusedLocally(blob: StoredBlob): BlobUploadError | null {
  if (!isBlobMime(blob.mime)) return 'unsupported_type'
  if (blob.size > MAX_BLOB_BYTES || blob.blob.size > MAX_BLOB_BYTES) return 'too_large'
  return null
}

function uploadErrorOf(failure: unknown): BlobUploadError {
  if (!(failure instanceof SyncFailure)) return 'server'
  switch (failure.kind) {
    case 'offline':
    case 'revoked':
    case 'quota':
      return failure.kind
    case 'unauthorized':
      return failure.message === 'forbidden' ? 'forbidden' : 'unauthorized'
    case 'rejected':
      return (['too_large', 'unsupported_type', 'hash_mismatch'] as const).find((code) => code === failure.message) ?? 'rejected'
    default:
      return 'server'
  }
}
