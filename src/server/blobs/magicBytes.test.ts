import { describe, expect, it } from 'vitest'
import { startsLike } from './magicBytes'

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value])))

describe('startsLike', () => {
  it('recognises each allowed type by its leading bytes', () => {
    expect(startsLike(bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'image/jpeg')).toBe(true)
    expect(startsLike(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png')).toBe(true)
    expect(startsLike(bytes('RIFF', 1, 2, 3, 4, 'WEBPVP8 '), 'image/webp')).toBe(true)
    expect(startsLike(bytes('%PDF-1.7\n'), 'application/pdf')).toBe(true)
  })

  it('refuses a file that does not begin like its declared type, or is too short to tell', () => {
    expect(startsLike(bytes('<html><script>'), 'image/png')).toBe(false)
    expect(startsLike(bytes(0xff, 0xd8, 0xff, 0xe0), 'application/pdf')).toBe(false)
    expect(startsLike(bytes('RIFF', 1, 2, 3, 4, 'WAVE'), 'image/webp')).toBe(false)
    expect(startsLike(bytes(0xff, 0xd8), 'image/jpeg')).toBe(false)
  })
})
