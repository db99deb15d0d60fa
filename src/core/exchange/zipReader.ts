/**
 * Reads a ZIP without trusting it. The central directory comes first: how many entries, their names and the sizes
 * they declare, so a file with too many entries or that would unpack to too much is refused before one byte is
 * inflated (a zip bomb is never inflated at all). Entries are then read one at a time from their source (a chosen
 * file is read in slices, never whole) and inflated in small pieces that stop as soon as an entry gives more bytes
 * than it declared: a size that lies is caught too. ZIP64 (past 65,535 entries or 4 GB) is beyond every limit here,
 * so it is refused as too large rather than read.
 */
import { Inflate, strFromU8 } from 'fflate'
import type { Pace } from './pace'

/** Where the ZIP's bytes come from: a file on the phone (read in slices) or bytes in memory. */
export interface ZipSource {
  readonly size: number
  read(start: number, end: number): Promise<Uint8Array>
}

export const bytesSource = (bytes: Uint8Array): ZipSource => ({ size: bytes.byteLength, read: async (start, end) => bytes.subarray(start, end) })

export interface ZipEntry {
  name: string
  /** 0: stored, 8: deflated. */
  compression: number
  compressedSize: number
  /** The size the entry declares once inflated: a bound checked while inflating, never trusted alone. */
  size: number
  headerOffset: number
}

export type ZipProblem =
  | { kind: 'notZip' }
  | { kind: 'tooManyEntries'; entries: number; max: number }
  | { kind: 'tooLargeTotal'; bytes: number; max: number }
  | { kind: 'tooLarge'; path: string }

/** Thrown while reading; the archive reader turns it into the problem it shows. */
export class ZipRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`ZIP refused: ${problem.kind}`)
    this.name = 'ZipRefused'
  }
}

export interface ZipLimits {
  entries: number
  /** Sum of the declared sizes of all entries. */
  totalBytes: number
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const END_RECORD_BYTES = 22
const MAX_COMMENT_BYTES = 0xffff
const ZIP64_COUNT = 0xffff
const ZIP64_SIZE = 0xffffffff
/** A directory entry is 46 bytes plus its name, extra field and comment: 1 kB each is generous for ours. */
const DIRECTORY_BYTES_PER_ENTRY = 1024
/** Compressed bytes fetched from the source at once. */
const READ_BYTES = 1 << 20
/**
 * Compressed bytes inflated between two paces. DEFLATE expands at most about 1,000 times, so one piece gives at
 * most ~4 MB (about 10 ms on a laptop, measured on a bomb); an ordinary manifest gives ~40 kB.
 */
const INFLATE_BYTES = 4096

const u16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8)
const u32 = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0

const notZip = () => new ZipRefused({ kind: 'notZip' })

/** The entries of the central directory, after checking their number and declared total against `limits`. */
export async function readZipDirectory(source: ZipSource, limits: ZipLimits): Promise<ZipEntry[]> {
  if (source.size < END_RECORD_BYTES) throw notZip()
  const tailStart = Math.max(0, source.size - END_RECORD_BYTES - MAX_COMMENT_BYTES)
  const tail = await source.read(tailStart, source.size)
  let end = tail.length - END_RECORD_BYTES
  while (end >= 0 && u32(tail, end) !== END_OF_DIRECTORY) end--
  if (end < 0) throw notZip()

  const count = u16(tail, end + 10)
  const directorySize = u32(tail, end + 12)
  const directoryOffset = u32(tail, end + 16)
  if (count === ZIP64_COUNT || count > limits.entries) throw new ZipRefused({ kind: 'tooManyEntries', entries: count, max: limits.entries })
  if (directorySize === ZIP64_SIZE || directoryOffset === ZIP64_SIZE) throw new ZipRefused({ kind: 'tooLargeTotal', bytes: source.size, max: limits.totalBytes })
  if (directoryOffset + directorySize > tailStart + end) throw notZip()
  if (directorySize > count * DIRECTORY_BYTES_PER_ENTRY) throw new ZipRefused({ kind: 'tooManyEntries', entries: count, max: limits.entries })

  const directory = await source.read(directoryOffset, directoryOffset + directorySize)
  const entries: ZipEntry[] = []
  let total = 0
  for (let at = 0, index = 0; index < count; index++) {
    if (at + 46 > directory.length || u32(directory, at) !== DIRECTORY_ENTRY) throw notZip()
    const flags = u16(directory, at + 8)
    const nameLength = u16(directory, at + 28)
    const next = at + 46 + nameLength + u16(directory, at + 30) + u16(directory, at + 32)
    if (next > directory.length) throw notZip()
    // Bit 0: encrypted, which Régie never writes.
    if (flags & 1) throw notZip()
    const name = strFromU8(directory.subarray(at + 46, at + 46 + nameLength), !(flags & 0x800))
    const entry = {
      name, compression: u16(directory, at + 10), compressedSize: u32(directory, at + 20), size: u32(directory, at + 24), headerOffset: u32(directory, at + 42),
    }
    if (entry.size === ZIP64_SIZE || entry.compressedSize === ZIP64_SIZE || entry.headerOffset === ZIP64_SIZE) throw new ZipRefused({ kind: 'tooLarge', path: name })
    total += entry.size
    entries.push(entry)
    at = next
  }
  if (total > limits.totalBytes) throw new ZipRefused({ kind: 'tooLargeTotal', bytes: total, max: limits.totalBytes })
  return entries
}

/**
 * One entry's bytes, exactly as many as it declares (the caller has checked that size against its own cap: the
 * buffer is made that big): more is refused as soon as it appears (`tooLarge`); fewer, a damaged stream or an
 * unknown compression is `notZip`. `onBytes` reports the compressed bytes read so far.
 */
export async function readZipEntry(source: ZipSource, entry: ZipEntry, pace: Pace, onBytes?: (done: number) => void): Promise<Uint8Array> {
  const header = await source.read(entry.headerOffset, entry.headerOffset + 30)
  if (header.length < 30 || u32(header, 0) !== LOCAL_HEADER) throw notZip()
  const start = entry.headerOffset + 30 + u16(header, 26) + u16(header, 28)
  const end = start + entry.compressedSize
  if (end > source.size) throw notZip()
  if (entry.compression !== 0 && entry.compression !== 8) throw notZip()

  const out = new Uint8Array(entry.size)
  let written = 0
  const keep = (chunk: Uint8Array) => {
    if (written + chunk.length > out.length) throw new ZipRefused({ kind: 'tooLarge', path: entry.name })
    out.set(chunk, written)
    written += chunk.length
  }
  const inflate = entry.compression === 8 ? new Inflate((chunk) => keep(chunk)) : null
  for (let at = start; at < end; at += READ_BYTES) {
    const piece = await source.read(at, Math.min(end, at + READ_BYTES))
    if (!inflate) keep(piece)
    for (let offset = 0; inflate && offset < piece.length; offset += INFLATE_BYTES) {
      push(inflate, piece.subarray(offset, offset + INFLATE_BYTES), at + offset + INFLATE_BYTES >= end)
      await pace()
    }
    onBytes?.(Math.min(end, at + READ_BYTES) - start)
    await pace()
  }
  if (written !== out.length) throw notZip()
  return out
}

function push(inflate: Inflate, chunk: Uint8Array, final: boolean) {
  try {
    inflate.push(chunk, final)
  } catch (error) {
    throw error instanceof ZipRefused ? error : notZip()
  }
}
