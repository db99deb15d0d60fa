/**
 * Record ids are made on the device: UUIDv7 (RFC 9562), time-ordered so new records sort last and
 * index locality stays good, random enough that two offline phones never collide.
 */
export function newId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  let ms = now
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  return uuidOf(bytes, 7)
}

/** 16 bytes written as a UUID of `version` (RFC 9562): its version and variant bits set, the rest kept. */
export function uuidOf(bytes: Uint8Array, version: number): string {
  const marked = Uint8Array.from(bytes.subarray(0, 16))
  marked[6] = (marked[6]! & 0x0f) | (version << 4)
  marked[8] = (marked[8]! & 0x3f) | 0x80
  const hex = Array.from(marked, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
