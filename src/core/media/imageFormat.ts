/**
 * What a file really is, by its first bytes (the name and the browser's MIME guess can lie), and the size a
 * photo is shrunk to before it is stored and sent.
 */

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic'

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]) => expected.every((byte, i) => bytes[at + i] === byte)
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0))

/** HEIF major brands: iPhones write 'heic'; the others are the same container with other codecs or sequences. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'])

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return 'webp'
  if (startsWith(bytes, 4, ascii('ftyp')) && bytes.length >= 12) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12))
    if (HEIF_BRANDS.has(brand)) return 'heic'
  }
  return null
}

/** The size that fits a long edge of `maxEdge` pixels, keeping the proportions; never larger than the original. */
export function fitWithin(width: number, height: number, maxEdge = 2048): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
