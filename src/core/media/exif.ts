/**
 * Reads the few EXIF facts a location photo needs from the start of a JPEG: when it was taken, where, which way
 * the camera faced and how it was held. Dependency-free, and safe on any input: garbage, truncated files and
 * hostile offsets never throw, never loop, never read out of range; it returns what it could read and null for
 * the rest. Only IFD0 and the two IFDs it points to (Exif, GPS) are read, never a chain, so a pointer loop
 * cannot trap it.
 */

export interface ExifFacts {
  /** DateTimeOriginal as 'YYYY-MM-DDTHH:MM:SS': the camera's wall-clock time; EXIF carries no time zone. */
  takenAt: string | null
  /** Signed decimal degrees (south and west negative). */
  lat: number | null
  lng: number | null
  /** GPSImgDirection, degrees clockwise from north, in [0, 360). */
  heading: number | null
  /** How the stored pixels must be turned to stand upright (1-8, 1 = as stored). */
  orientation: number | null
}

const TAG = {
  orientation: 0x0112,
  exifPointer: 0x8769,
  gpsPointer: 0x8825,
  dateTimeOriginal: 0x9003,
  latitudeRef: 0x0001,
  latitude: 0x0002,
  longitudeRef: 0x0003,
  longitude: 0x0004,
  imgDirection: 0x0011,
} as const

/** Bytes per value of each TIFF field type we may read (ASCII, SHORT, LONG, RATIONAL, SRATIONAL). */
const TYPE_SIZE: Record<number, number> = { 2: 1, 3: 2, 4: 4, 5: 8, 10: 8 }

interface Entry {
  type: number
  count: number
  /** Where the value starts, from the TIFF header. */
  at: number
}

export function readExif(bytes: Uint8Array): ExifFacts {
  const facts: ExifFacts = { takenAt: null, lat: null, lng: null, heading: null, orientation: null }
  const tiff = exifTiff(bytes)
  return tiff ? readTiff(tiff, facts) : facts
}

/** The TIFF structure inside the APP1 "Exif" segment, cut at the segment's end (or the file's, if truncated). */
function exifTiff(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes[offset + 1]!
    if (marker === 0xff) {
      offset += 1 // fill byte before a marker
      continue
    }
    // Metadata segments precede the image data: once it starts there is no EXIF to find.
    if (marker === 0xda || marker === 0xd9) return null
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2 // markers without a length
      continue
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!
    if (length < 2) return null
    const start = offset + 4
    const end = Math.min(offset + 2 + length, bytes.length)
    if (marker === 0xe1 && isExifHeader(bytes, start)) return bytes.subarray(start + 6, end)
    offset += 2 + length
  }
  return null
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  const header = [0x45, 0x78, 0x69, 0x66, 0, 0] // "Exif\0\0"
  return header.every((byte, i) => bytes[at + i] === byte)
}

function readTiff(tiff: Uint8Array, facts: ExifFacts): ExifFacts {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength)
  if (view.byteLength < 8) return facts
  const order = view.getUint16(0)
  if (order !== 0x4949 && order !== 0x4d4d) return facts
  const little = order === 0x4949
  const fits = (at: number, size: number) => at >= 0 && at + size <= view.byteLength
  const u16 = (at: number) => (fits(at, 2) ? view.getUint16(at, little) : null)
  const u32 = (at: number) => (fits(at, 4) ? view.getUint32(at, little) : null)
  if (u16(2) !== 42) return facts

  function readIfd(offset: number | null): Map<number, Entry> {
    const entries = new Map<number, Entry>()
    // Offset 0-7 is the header itself: a pointer there is corrupt, not an IFD.
    const count = offset !== null && offset >= 8 ? u16(offset) : null
    if (count === null) return entries
    for (let i = 0; i < count; i++) {
      const at = offset! + 2 + i * 12
      if (!fits(at, 12)) break
      const type = u16(at + 2)!
      const valueCount = u32(at + 4)!
      const size = (TYPE_SIZE[type] ?? 0) * valueCount
      if (size === 0) continue
      const valueAt = size <= 4 ? at + 8 : u32(at + 8)!
      if (fits(valueAt, size)) entries.set(u16(at)!, { type, count: valueCount, at: valueAt })
    }
    return entries
  }

  const unsigned = (entry: Entry | undefined) => {
    if (entry?.type === 3) return u16(entry.at)
    if (entry?.type === 4) return u32(entry.at)
    return null
  }
  const ascii = (entry: Entry | undefined) => {
    if (entry?.type !== 2) return null
    let text = ''
    for (let i = 0; i < entry.count && tiff[entry.at + i] !== 0; i++) text += String.fromCharCode(tiff[entry.at + i]!)
    return text
  }
  /** RATIONAL values as numbers; NaN for a zero denominator, so a broken value fails the range checks. */
  const rationals = (entry: Entry | undefined, wanted: number) => {
    if ((entry?.type !== 5 && entry?.type !== 10) || entry.count < wanted) return null
    const signed = entry.type === 10
    return Array.from({ length: wanted }, (_, i) => {
      const at = entry.at + i * 8
      const numerator = signed ? view.getInt32(at, little) : view.getUint32(at, little)
      const denominator = signed ? view.getInt32(at + 4, little) : view.getUint32(at + 4, little)
      return denominator === 0 ? Number.NaN : numerator / denominator
    })
  }

  const ifd0 = readIfd(u32(4))
  const orientation = unsigned(ifd0.get(TAG.orientation))
  if (orientation !== null && orientation >= 1 && orientation <= 8) facts.orientation = orientation

  const exif = readIfd(unsigned(ifd0.get(TAG.exifPointer)))
  facts.takenAt = exifDate(ascii(exif.get(TAG.dateTimeOriginal)))

  const gps = readIfd(unsigned(ifd0.get(TAG.gpsPointer)))
  const lat = coordinate(rationals(gps.get(TAG.latitude), 3), ascii(gps.get(TAG.latitudeRef)), 'N', 'S', 90)
  const lng = coordinate(rationals(gps.get(TAG.longitude), 3), ascii(gps.get(TAG.longitudeRef)), 'E', 'W', 180)
  // 0,0 is what some phones write when they had no fix: a photo in the Gulf of Guinea is not a film location.
  if (lat !== null && lng !== null && !(lat === 0 && lng === 0)) {
    facts.lat = lat
    facts.lng = lng
  }
  // True or magnetic north (GPSImgDirectionRef): in France they differ by a degree or two, less than a phone's compass error.
  const [direction] = rationals(gps.get(TAG.imgDirection), 1) ?? []
  if (direction !== undefined && direction >= 0 && direction <= 360) facts.heading = direction % 360
  return facts
}

/** Degrees, minutes, seconds and N/S (E/W) to signed degrees; null when the hemisphere is not said, rather than guess. */
function coordinate(dms: number[] | null, ref: string | null, positive: string, negative: string, max: number): number | null {
  if (!dms || (ref !== positive && ref !== negative)) return null
  const [degrees, minutes, seconds] = dms as [number, number, number]
  const value = degrees + minutes / 60 + seconds / 3600
  if (!(value >= 0 && value <= max)) return null
  return ref === negative ? -value : value
}

/** 'YYYY:MM:DD HH:MM:SS' to 'YYYY-MM-DDTHH:MM:SS'; the blank '0000:00:00 00:00:00' of cameras without a clock is null. */
function exifDate(text: string | null): string | null {
  const match = text?.match(/^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1) as [string, string, string, string, string, string]
  const within = (value: string, min: number, max: number) => Number(value) >= min && Number(value) <= max
  const valid = within(year, 1900, 9999) && within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 59)
  return valid ? `${year}-${month}-${day}T${hour}:${minute}:${second}` : null
}
