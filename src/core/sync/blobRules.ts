/**
 * What the blob routes accept (DESIGN.md section 3, "Blobs"), shared so the phone never sends what the server
 * would refuse: the content address format, the MIME allow-list and the size limit.
 */

/** Lower-case hex SHA-256: the only shape a blob address may take, so it can never name a path. */
export const SHA256_HEX = /^[0-9a-f]{64}$/

export const BLOB_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type BlobMime = (typeof BLOB_MIME_TYPES)[number]

/** 25 MiB: a scanned permit PDF fits; photos are resized on the phone well below it. */
export const MAX_BLOB_BYTES = 25 * 1024 * 1024

export function isBlobMime(value: string): value is BlobMime {
  return (BLOB_MIME_TYPES as readonly string[]).includes(value)
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}
