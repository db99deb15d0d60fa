import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readExif, type ExifFacts } from './exif'
import { buildTiff, exifSegment, photoTiff, withSegment, type TiffSpec } from './exifBuilder'

/** SOI, a JFIF APP0, the start of scan with a little "image data", EOI: the smallest file shaped like a JPEG. */
const BARE_JPEG = Uint8Array.from([
  0xff, 0xd8,
  0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0x56,
  0xff, 0xd9,
])

const jpegWith = (spec: TiffSpec) => withSegment(BARE_JPEG, exifSegment(buildTiff(spec)))
const NOTHING: ExifFacts = { takenAt: null, lat: null, lng: null, heading: null, orientation: null }

/** Offset of a TIFF position inside a file made by jpegWith: SOI (2) + APP1 header (4) + "Exif\0\0" (6). */
const TIFF_START = 12

describe('readExif', () => {
  it('reads date, position, heading and orientation, big-endian (Motorola)', () => {
    const facts = readExif(jpegWith(photoTiff({ dateTimeOriginal: '2025:03:14 07:45:09', lat: 48.8566, lng: 2.3522, heading: 245.5, orientation: 6 })))
    expect(facts.takenAt).toBe('2025-03-14T07:45:09')
    expect(facts.lat).toBeCloseTo(48.8566, 5)
    expect(facts.lng).toBeCloseTo(2.3522, 5)
    expect(facts.heading).toBe(245.5)
    expect(facts.orientation).toBe(6)
  })

  it('reads the same from little-endian (Intel) files, with south and west negative', () => {
    const facts = readExif(jpegWith(photoTiff({ dateTimeOriginal: '2024:11:02 18:00:00', lat: -22.9068, lng: -43.1729, heading: 10, orientation: 3 }, true)))
    expect(facts.takenAt).toBe('2024-11-02T18:00:00')
    expect(facts.lat).toBeCloseTo(-22.9068, 5)
    expect(facts.lng).toBeCloseTo(-43.1729, 5)
    expect(facts.heading).toBe(10)
    expect(facts.orientation).toBe(3)
  })

  it('finds the Exif segment after other APPn segments, and after fill bytes', () => {
    const app2 = Uint8Array.from([0xff, 0xe2, 0x00, 0x06, 1, 2, 3, 4])
    const tiff = exifSegment(buildTiff(photoTiff({ orientation: 8 })))
    const file = withSegment(withSegment(BARE_JPEG, tiff), Uint8Array.from([...app2, 0xff]))
    expect(readExif(file).orientation).toBe(8)
  })

  it('leaves the position empty when the photo has no GPS', () => {
    expect(readExif(jpegWith(photoTiff({ dateTimeOriginal: '2025:01:02 03:04:05' })))).toEqual({ ...NOTHING, takenAt: '2025-01-02T03:04:05' })
  })

  it('finds nothing in a JPEG without EXIF, in a PNG, in text and in nothing', () => {
    expect(readExif(BARE_JPEG)).toEqual(NOTHING)
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    expect(readExif(png)).toEqual(NOTHING)
    expect(readExif(new TextEncoder().encode('Bonjour, ceci est un texte.'))).toEqual(NOTHING)
    expect(readExif(new Uint8Array())).toEqual(NOTHING)
  })

  it('stops at the image data: an Exif segment after the start of scan is not metadata', () => {
    const late = new Uint8Array([...BARE_JPEG.subarray(0, BARE_JPEG.length - 2), ...exifSegment(buildTiff(photoTiff({ orientation: 6 })))])
    expect(readExif(late)).toEqual(NOTHING)
  })

  it('returns what precedes the cut in a truncated file', () => {
    const full = jpegWith(photoTiff({ dateTimeOriginal: '2025:03:14 07:45:09', lat: 48.8566, lng: 2.3522 }))
    const results = Array.from({ length: full.length }, (_, length) => readExif(full.subarray(0, length)))
    expect(results.at(-1)!.lat).toBeCloseTo(48.8566, 5)
    // The GPS IFD comes last: some cut keeps the date but loses the position, and no cut invents anything.
    expect(results.some((facts) => facts.takenAt === '2025-03-14T07:45:09' && facts.lat === null)).toBe(true)
    expect(results.every((facts) => facts.takenAt === null || facts.takenAt === '2025-03-14T07:45:09')).toBe(true)
  })

  it('ignores pointers outside the file, entry counts larger than the file and an IFD pointing at itself', () => {
    const spec = photoTiff({ dateTimeOriginal: '2025:03:14 07:45:09', lat: 48.85, lng: 2.35, orientation: 6 })
    const file = jpegWith(spec)
    // IFD0 at TIFF offset 8 holds orientation, then the Exif and GPS pointers (value at entry + 8).
    expect(new DataView(file.buffer).getUint16(TIFF_START + 8)).toBe(3)
    const pointerAt = (index: number) => TIFF_START + 8 + 2 + index * 12 + 8

    const outside = file.slice()
    new DataView(outside.buffer).setUint32(pointerAt(2), 0xfffffff0)
    expect(readExif(outside)).toMatchObject({ takenAt: '2025-03-14T07:45:09', lat: null, lng: null, orientation: 6 })

    const selfLoop = file.slice()
    new DataView(selfLoop.buffer).setUint32(pointerAt(1), 8)
    new DataView(selfLoop.buffer).setUint32(pointerAt(2), 8)
    expect(readExif(selfLoop)).toMatchObject({ takenAt: null, lat: null, orientation: 6 })

    const hugeCount = file.slice()
    new DataView(hugeCount.buffer).setUint16(TIFF_START + 8, 0xffff)
    expect(readExif(hugeCount).orientation).toBe(6)

    const hugeValue = file.slice()
    new DataView(hugeValue.buffer).setUint32(pointerAt(0) - 4, 0xffffffff) // orientation count
    expect(readExif(hugeValue).orientation).toBeNull()
  })

  it('refuses values that cannot be right rather than guess', () => {
    const gps = (entries: TiffSpec['gps']) => readExif(jpegWith({ gps: entries }))
    const paris = [{ tag: 1, ascii: 'N' }, { tag: 2, rational: [[48, 1], [51, 1], [0, 1]] }, { tag: 3, ascii: 'E' }, { tag: 4, rational: [[2, 1], [21, 1], [0, 1]] }] as const
    expect(gps([...paris]).lat).toBeCloseTo(48.85, 5)
    expect(gps([paris[1], paris[2], paris[3]])).toMatchObject({ lat: null, lng: null }) // hemisphere not said
    expect(gps([paris[0], { tag: 2, rational: [[48, 0], [51, 1], [0, 1]] }, paris[2], paris[3]]).lat).toBeNull() // zero denominator
    expect(gps([paris[0], { tag: 2, rational: [[95, 1], [0, 1], [0, 1]] }, paris[2], paris[3]]).lat).toBeNull() // beyond a pole
    expect(gps([paris[0], { tag: 2, rational: [[48, 1]] }, paris[2], paris[3]]).lat).toBeNull() // degrees only: malformed
    expect(gps([paris[0], { tag: 2, long: [48, 51, 0] }, paris[2], paris[3]]).lat).toBeNull() // wrong type
    const nullIsland = readExif(jpegWith(photoTiff({ lat: 0, lng: 0 })))
    expect(nullIsland).toMatchObject({ lat: null, lng: null })
    expect(gps([{ tag: 0x11, rational: [[400, 1]] }]).heading).toBeNull()
    expect(gps([{ tag: 0x11, rational: [[360, 1]] }]).heading).toBe(0)
    expect(readExif(jpegWith(photoTiff({ orientation: 9 }))).orientation).toBeNull()
    expect(readExif(jpegWith(photoTiff({ dateTimeOriginal: '0000:00:00 00:00:00' }))).takenAt).toBeNull()
    expect(readExif(jpegWith(photoTiff({ dateTimeOriginal: '2025:13:01 10:00:00' }))).takenAt).toBeNull()
  })

  it('never throws, whatever the bytes, and what it returns is always in range', () => {
    const valid = jpegWith(photoTiff({ dateTimeOriginal: '2025:03:14 07:45:09', lat: 48.85, lng: 2.35, heading: 90, orientation: 6 }, true))
    const inRange = (facts: ExifFacts) =>
      (facts.lat === null || Math.abs(facts.lat) <= 90) &&
      (facts.lng === null || Math.abs(facts.lng) <= 180) &&
      (facts.heading === null || (facts.heading >= 0 && facts.heading < 360)) &&
      (facts.orientation === null || (facts.orientation >= 1 && facts.orientation <= 8)) &&
      (facts.takenAt === null || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(facts.takenAt))
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => inRange(readExif(Uint8Array.from([0xff, 0xd8, ...bytes])))))
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const mutated = valid.slice()
        for (const [at, byte] of edits) mutated[at] = byte
        return inRange(readExif(mutated))
      }),
    )
  })
})
