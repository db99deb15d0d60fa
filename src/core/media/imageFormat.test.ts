import { describe, expect, it } from 'vitest'
import { fitWithin, sniffImageType } from './imageFormat'

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (char) => char.charCodeAt(0)) : part)))

describe('sniffImageType', () => {
  it('knows the formats by their first bytes, whatever the file is called', () => {
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg')
    expect(sniffImageType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png')
    expect(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp')
    expect(sniffImageType(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'))).toBe('heic')
    expect(sniffImageType(bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0]))).toBe('heic')
  })

  it('says null for what it cannot show: text, PDF, GIF, AVIF, WAV, cut-off headers, nothing', () => {
    expect(sniffImageType(new TextEncoder().encode('Liste des décors'))).toBeNull()
    expect(sniffImageType(bytes('%PDF-1.7'))).toBeNull()
    expect(sniffImageType(bytes('GIF89a'))).toBeNull()
    expect(sniffImageType(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0]))).toBeNull()
    expect(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull()
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull()
    expect(sniffImageType(bytes([0, 0, 0, 0x18], 'ftyphe'))).toBeNull()
    expect(sniffImageType(new Uint8Array())).toBeNull()
  })
})

describe('fitWithin', () => {
  it('shrinks the long edge to the limit, keeping the proportions, in whole pixels', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 2048, height: 1536 })
    expect(fitWithin(3024, 4032)).toEqual({ width: 1536, height: 2048 })
    expect(fitWithin(4000, 3001)).toEqual({ width: 2048, height: 1537 })
    expect(fitWithin(9000, 10, 2048)).toEqual({ width: 2048, height: 2 })
    expect(fitWithin(1000, 500, 300)).toEqual({ width: 300, height: 150 })
  })

  it('never enlarges, and never rounds a side down to nothing', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
    expect(fitWithin(2048, 2048)).toEqual({ width: 2048, height: 2048 })
    expect(fitWithin(100_000, 1)).toEqual({ width: 2048, height: 1 })
  })
})
