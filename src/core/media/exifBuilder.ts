/**
 * Writes minimal EXIF: a TIFF structure (IFD0 pointing to an Exif IFD and a GPS IFD) in either byte order, wrapped
 * in a JPEG APP1 segment. The app never writes EXIF; this exists so the reader's tests and the e2e photo fixtures
 * (scripts/make-photo-fixtures.ts) are built from readable specs rather than opaque byte dumps.
 */

export type ExifEntry = { tag: number } & ({ ascii: string } | { short: readonly number[] } | { long: readonly number[] } | { rational: readonly (readonly [number, number])[] })

export interface TiffSpec {
  ifd0?: ExifEntry[]
  exif?: ExifEntry[]
  gps?: ExifEntry[]
  littleEndian?: boolean
}

const EXIF_POINTER = 0x8769
const GPS_POINTER = 0x8825

function encodeValue(entry: ExifEntry, little: boolean): { type: number; count: number; bytes: Uint8Array } {
  if ('ascii' in entry) {
    const bytes = Uint8Array.from([...entry.ascii, '\0'], (char) => char.charCodeAt(0) & 0xff)
    return { type: 2, count: bytes.length, bytes }
  }
  const [type, size, values] =
    'short' in entry ? [3, 2, entry.short] : 'long' in entry ? [4, 4, entry.long] : [5, 4, entry.rational.flat()]
  const bytes = new Uint8Array(values.length * size)
  const view = new DataView(bytes.buffer)
  values.forEach((value, i) => (size === 2 ? view.setUint16(i * 2, value, little) : view.setUint32(i * 4, value, little)))
  return { type, count: type === 5 ? values.length / 2 : values.length, bytes }
}

/** The TIFF bytes: header, then each IFD followed by the values too long to sit in its entries. */
export function buildTiff(spec: TiffSpec): Uint8Array<ArrayBuffer> {
  const little = spec.littleEndian ?? false
  const outOfLine = (length: number) => (length > 4 ? length + (length % 2) : 0)
  const sizeOf = (entries: ExifEntry[]) =>
    2 + entries.length * 12 + 4 + entries.reduce((sum, entry) => sum + outOfLine(encodeValue(entry, little).bytes.length), 0)
  const withPointers = (exifAt: number, gpsAt: number): ExifEntry[] => [
    ...(spec.ifd0 ?? []),
    ...(spec.exif ? [{ tag: EXIF_POINTER, long: [exifAt] }] : []),
    ...(spec.gps ? [{ tag: GPS_POINTER, long: [gpsAt] }] : []),
  ]
  // A pointer fits in its entry whatever its value, so IFD0's size is known before the offsets are.
  const exifAt = 8 + sizeOf(withPointers(0, 0))
  const gpsAt = exifAt + (spec.exif ? sizeOf(spec.exif) : 0)
  const ifd0 = withPointers(exifAt, gpsAt)

  const total = gpsAt + (spec.gps ? sizeOf(spec.gps) : 0)
  const bytes = new Uint8Array(total)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, little ? 0x4949 : 0x4d4d)
  view.setUint16(2, 42, little)
  view.setUint32(4, 8, little)
  const write = (entries: ExifEntry[], at: number) => {
    view.setUint16(at, entries.length, little)
    let dataAt = at + 2 + entries.length * 12 + 4
    entries.forEach((entry, i) => {
      const slot = at + 2 + i * 12
      const value = encodeValue(entry, little)
      view.setUint16(slot, entry.tag, little)
      view.setUint16(slot + 2, value.type, little)
      view.setUint32(slot + 4, value.count, little)
      if (value.bytes.length <= 4) bytes.set(value.bytes, slot + 8)
      else {
        view.setUint32(slot + 8, dataAt, little)
        bytes.set(value.bytes, dataAt)
        dataAt += outOfLine(value.bytes.length)
      }
    })
  }
  write(ifd0, 8)
  if (spec.exif) write(spec.exif, exifAt)
  if (spec.gps) write(spec.gps, gpsAt)
  return bytes
}

/** FF E1, length, "Exif\0\0", then the TIFF bytes. */
export function exifSegment(tiff: Uint8Array): Uint8Array<ArrayBuffer> {
  const segment = new Uint8Array(4 + 6 + tiff.length)
  const length = segment.length - 2
  segment.set([0xff, 0xe1, length >> 8, length & 0xff, 0x45, 0x78, 0x69, 0x66, 0, 0])
  segment.set(tiff, 10)
  return segment
}

/** The JPEG with the segment placed right after its start-of-image marker, where EXIF readers expect it. */
export function withSegment(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(jpeg.length + segment.length)
  out.set(jpeg.subarray(0, 2))
  out.set(segment, 2)
  out.set(jpeg.subarray(2), 2 + segment.length)
  return out
}

/** Decimal degrees as the three EXIF rationals (degrees, minutes, seconds to 1/1000). */
function dms(value: number): [number, number][] {
  const absolute = Math.abs(value)
  const degrees = Math.floor(absolute)
  const minutes = Math.floor((absolute - degrees) * 60)
  const seconds = Math.round(((absolute - degrees) * 60 - minutes) * 60 * 1000)
  return [[degrees, 1], [minutes, 1], [seconds, 1000]]
}

export interface PhotoExif {
  /** 'YYYY:MM:DD HH:MM:SS', as cameras write it. */
  dateTimeOriginal?: string
  lat?: number
  lng?: number
  heading?: number
  orientation?: number
}

/** The TIFF spec of a typical phone photo. */
export function photoTiff(photo: PhotoExif, littleEndian = false): TiffSpec {
  const gps: ExifEntry[] = []
  if (photo.lat !== undefined) gps.push({ tag: 0x0001, ascii: photo.lat < 0 ? 'S' : 'N' }, { tag: 0x0002, rational: dms(photo.lat) })
  if (photo.lng !== undefined) gps.push({ tag: 0x0003, ascii: photo.lng < 0 ? 'W' : 'E' }, { tag: 0x0004, rational: dms(photo.lng) })
  if (photo.heading !== undefined) gps.push({ tag: 0x0010, ascii: 'T' }, { tag: 0x0011, rational: [[Math.round(photo.heading * 100), 100]] })
  return {
    littleEndian,
    ifd0: photo.orientation !== undefined ? [{ tag: 0x0112, short: [photo.orientation] }] : [],
    exif: photo.dateTimeOriginal !== undefined ? [{ tag: 0x9003, ascii: photo.dateTimeOriginal }] : undefined,
    gps: gps.length ? gps : undefined,
  }
}
