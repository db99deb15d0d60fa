/**
 * SHA-256 as lowercase hex: the address of a blob on the phone, on the server and in photo and signature
 * records. Browsers give crypto.subtle only to secure contexts (https, localhost); on set the team server is
 * often reached over plain http on a LAN address, so the same hash is computed in JavaScript there.
 */
export async function digestSha256(bytes: BufferSource): Promise<string> {
  const view = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes)
  if (globalThis.crypto?.subtle) return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', view)))
  return hex(sha256(view))
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

/** FIPS 180-4 SHA-256 over bytes in memory (photos are at most a few megabytes once resized). */
export function sha256(message: Uint8Array): Uint8Array {
  return new Sha256().update(message).digest()
}

/**
 * SHA-256 fed in pieces, so a large file can be hashed a slice at a time on the page's thread. Words are read with
 * shifts and the state kept in locals: about three times faster than through a DataView (measured).
 */
export class Sha256 {
  private readonly state = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
  private readonly words = new Uint32Array(64)
  private readonly pending = new Uint8Array(64)
  private pendingLength = 0
  private length = 0

  update(bytes: Uint8Array): this {
    this.length += bytes.length
    let at = 0
    if (this.pendingLength > 0) {
      at = Math.min(64 - this.pendingLength, bytes.length)
      this.pending.set(bytes.subarray(0, at), this.pendingLength)
      this.pendingLength += at
      if (this.pendingLength < 64) return this
      this.compress(this.pending, 0)
      this.pendingLength = 0
    }
    for (; at + 64 <= bytes.length; at += 64) this.compress(bytes, at)
    this.pending.set(bytes.subarray(at))
    this.pendingLength = bytes.length - at
    return this
  }

  digest(): Uint8Array {
    const bits = this.length * 8
    const tail = new Uint8Array((this.pendingLength < 56 ? 64 : 128) - this.pendingLength)
    tail[0] = 0x80
    const view = new DataView(tail.buffer)
    view.setUint32(tail.length - 8, Math.floor(bits / 0x100000000))
    view.setUint32(tail.length - 4, bits >>> 0)
    this.update(tail)
    const out = new Uint8Array(32)
    const outView = new DataView(out.buffer)
    this.state.forEach((word, i) => outView.setUint32(i * 4, word))
    return out
  }

  private compress(bytes: Uint8Array, offset: number) {
    const w = this.words
    for (let i = 0, o = offset; i < 16; i++, o += 4) w[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!
      const y = w[i - 2]!
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1
    }
    const h = this.state
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
      hh = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    h[0] = h[0]! + a
    h[1] = h[1]! + b
    h[2] = h[2]! + c
    h[3] = h[3]! + d
    h[4] = h[4]! + e
    h[5] = h[5]! + f
    h[6] = h[6]! + g
    h[7] = h[7]! + hh
  }
}

/** Bytes hashed in JavaScript between two pauses: about 2 ms on a laptop, 10 on a slow phone. */
const SLICE_BYTES = 256 * 1024

/**
 * The SHA-256 of possibly large bytes (a photo of an imported ZIP) without holding the page: crypto.subtle, which
 * works off the page's thread, where there is one; else the JavaScript hash a slice at a time, `pause` between.
 */
export async function digestSha256InSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<string> {
  if (globalThis.crypto?.subtle) return digestSha256(bytes as Uint8Array<ArrayBuffer>)
  const hash = new Sha256()
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    hash.update(bytes.subarray(at, at + SLICE_BYTES))
    await pause()
  }
  return hex(hash.digest())
}
