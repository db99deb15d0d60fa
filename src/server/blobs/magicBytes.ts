/**
 * The first bytes each allowed type must start with. The Content-Type alone is the client's word; checking the
 * signature too means a file served back as image/png really begins like a PNG (an HTML page renamed .png does not).
 */
import type { BlobMime } from '../../core/sync/blobRules'

/** Enough leading bytes to recognise every allowed type (WebP needs 12). */
export const SIGNATURE_BYTES = 12

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

/** Expected bytes at fixed offsets; `null` marks a byte that may be anything (a RIFF length). */
const SIGNATURES: Record<BlobMime, (number | null)[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/webp': [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')],
  'application/pdf': ascii('%PDF-'),
}

export function startsLike(head: Uint8Array, mime: BlobMime): boolean {
  const signature = SIGNATURES[mime]
  return head.length >= signature.length && signature.every((byte, index) => byte === null || head[index] === byte)
}
