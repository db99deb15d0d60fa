import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { digestSha256, digestSha256InSlices, Sha256, sha256 } from './digest'

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
/** The platform's own SHA-256 (Web Crypto), the reference the JavaScript one must match. */
const webCrypto = async (bytes: Uint8Array) => hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))

describe('digestSha256', () => {
  it('gives the standard SHA-256 in lowercase hex', async () => {
    expect(await digestSha256(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await digestSha256(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})

describe('sha256 in JavaScript (for pages served over plain http, without crypto.subtle)', () => {
  it('matches the standard vectors and Web Crypto for any bytes, across block boundaries', async () => {
    expect(hex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31) & 0xff)
      expect(hex(sha256(bytes))).toBe(await webCrypto(bytes))
    }
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => hex(sha256(bytes)) === (await webCrypto(bytes))))
  })

  it('gives the same hash fed in pieces of any sizes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(130), { maxLength: 6 }), async (bytes, cuts) => {
      const hash = new Sha256()
      let at = 0
      for (const cut of cuts) hash.update(bytes.subarray(at, (at += cut)))
      hash.update(bytes.subarray(at))
      return hex(hash.digest()) === (await webCrypto(bytes))
    }))
  })

  it('is what digestSha256 answers when crypto.subtle is missing; large bytes are then hashed in slices', async () => {
    const bytes = new TextEncoder().encode('Cave voûtée, rue Mouffetard')
    const large = Uint8Array.from({ length: 700_000 }, (_, i) => (i * 7) & 0xff)
    const expected = [await webCrypto(bytes), await webCrypto(large)]
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle')
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true })
    try {
      expect(await digestSha256(bytes)).toBe(expected[0])
      let pauses = 0
      expect(await digestSha256InSlices(large, async () => void pauses++)).toBe(expected[1])
      expect(pauses).toBe(3)
    } finally {
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle)
    }
  })
})
