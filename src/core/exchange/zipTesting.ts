/** Tests: ZIPs whose central directory says what a crafted file would say, and sources that record what was read. */
import { bytesSource, type ZipSource } from './zipReader'
import { createPace, type Pace } from './pace'

const DIRECTORY_ENTRY = 0x02014b50

/** A copy of `zip` whose central directory declares `size` unpacked bytes for the entry `name`. */
export function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = Uint8Array.from(zip)
  const view = new DataView(copy.buffer)
  const wanted = new TextEncoder().encode(name)
  for (let at = 0; at + 46 <= copy.length; at++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY || view.getUint16(at + 28, true) !== wanted.length) continue
    if (copy.subarray(at + 46, at + 46 + wanted.length).every((byte, i) => byte === wanted[i])) {
      view.setUint32(at + 24, size, true)
      return copy
    }
  }
  throw new Error(`No directory entry ${name}`)
}

/** A source over `zip` that keeps every range read. */
export function recordingSource(zip: Uint8Array): ZipSource & { reads: [number, number][] } {
  const inner = bytesSource(zip)
  const reads: [number, number][] = []
  return { size: inner.size, reads, read: (start, end) => (reads.push([start, end]), inner.read(start, end)) }
}

/**
 * A pace on a clock that moves `msPerCall` each time it is read, so slices fall where the work is, whatever the
 * machine's speed; it yields with a real timer, so other timers run between slices.
 */
export function steppedPace(msPerCall = 1, sliceMs = 25): Pace {
  let clock = 0
  return createPace({ sliceMs, now: () => (clock += msPerCall) })
}
