import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { createPace } from './pace'
import { bytesSource, readZipDirectory, readZipEntry, ZipRefused, type ZipProblem } from './zipReader'
import { recordingSource, withDeclaredSize } from './zipTesting'

const limits = { entries: 100, totalBytes: 10_000_000 }
/** Bytes that do not compress, stored: they put the entries before them out of reach of the end-of-file read. */
const filler = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 2654435761) >>> 24)
const text = (length: number) => strToU8('Cave voûtée, rue Mouffetard. '.repeat(Math.ceil(length / 30))).slice(0, length)
/** Byte by byte in a plain loop: the matchers' deep equality takes seconds on megabytes. */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

async function problemOf(work: Promise<unknown>): Promise<ZipProblem> {
  const error = await work.then(() => null, (thrown: unknown) => thrown)
  if (!(error instanceof ZipRefused)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error.problem
}

describe('the central directory', () => {
  it('lists every entry with its declared sizes, stored or deflated', async () => {
    const zip = zipSync({ 'manifest.json': [text(5000), { level: 6 }], 'photos/a.jpg': [text(300), { level: 0 }], 'photos/': new Uint8Array() })
    const entries = await readZipDirectory(bytesSource(zip), limits)
    expect(entries.map(({ name, compression, size }) => ({ name, compression, size }))).toEqual([
      { name: 'manifest.json', compression: 8, size: 5000 },
      { name: 'photos/a.jpg', compression: 0, size: 300 },
      { name: 'photos/', compression: 8, size: 0 },
    ])
  })

  it('refuses more entries than the limit, reading nothing but the end of the file', async () => {
    const files = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}.txt`, text(10)]))
    const zip = zipSync({ ...files, 'filler.bin': [filler, { level: 0 }] })
    const source = recordingSource(zip)
    expect(await problemOf(readZipDirectory(source, limits))).toEqual({ kind: 'tooManyEntries', entries: 101, max: 100 })
    expect(source.reads).toEqual([[zip.length - 22 - 0xffff, zip.length]])
  })

  it('refuses a declared total beyond the limit before inflating anything: the entry is never read', async () => {
    const zip = withDeclaredSize(zipSync({ 'manifest.json': text(2000), 'filler.bin': [filler, { level: 0 }] }), 'manifest.json', 3_000_000_000)
    const source = recordingSource(zip)
    expect(await problemOf(readZipDirectory(source, limits))).toEqual({ kind: 'tooLargeTotal', bytes: 3_000_100_000, max: 10_000_000 })
    expect(source.reads.every(([start]) => start > 30_000)).toBe(true)
  })

  it('is not a ZIP without its end record, or with a directory pointing outside the file', async () => {
    expect(await problemOf(readZipDirectory(bytesSource(new Uint8Array(10)), limits))).toEqual({ kind: 'notZip' })
    expect(await problemOf(readZipDirectory(bytesSource(text(5000)), limits))).toEqual({ kind: 'notZip' })
    const zip = zipSync({ 'a.txt': text(100) })
    const cut = zip.slice(40)
    expect(await problemOf(readZipDirectory(bytesSource(cut), limits))).toEqual({ kind: 'notZip' })
  })
})

describe('reading one entry', () => {
  it('gives back the bytes of stored and deflated entries, reporting its progress', async () => {
    const long = text(3_000_000)
    const zip = zipSync({ 'big.txt': [long, { level: 6 }], 'raw.bin': [long.subarray(0, 2_500_000), { level: 0 }] })
    const [big, raw] = await readZipDirectory(bytesSource(zip), limits)
    const progress: number[] = []
    expect(same(await readZipEntry(bytesSource(zip), big!, createPace(), (done) => progress.push(done)), long)).toBe(true)
    expect(progress.at(-1)).toBe(big!.compressedSize)
    const read = await readZipEntry(bytesSource(zip), raw!, createPace(), (done) => progress.push(done))
    expect(same(read, long.subarray(0, 2_500_000))).toBe(true)
    expect(progress.slice(-3)).toEqual([1 << 20, 2 << 20, 2_500_000])
  })

  it('stops a deflated entry as soon as it gives more than it declared (a size that lies)', async () => {
    // 20 MB of zeros deflate to about 20 kB: declared as 1 kB, it is refused after one small piece, not inflated whole.
    const bomb = zipSync({ 'manifest.json': [new Uint8Array(20_000_000), { level: 1 }] })
    const zip = withDeclaredSize(bomb, 'manifest.json', 1000)
    const [entry] = await readZipDirectory(bytesSource(zip), limits)
    let pieces = 0
    const counting = Object.assign(async () => void pieces++, { slices: 0 })
    expect(await problemOf(readZipEntry(bytesSource(zip), entry!, counting))).toEqual({ kind: 'tooLarge', path: 'manifest.json' })
    expect(pieces).toBeLessThanOrEqual(1)
  })

  it('refuses a stored entry longer than declared, and an entry shorter than declared', async () => {
    const zip = zipSync({ 'photos/a.jpg': [text(5000), { level: 0 }], 'b.txt': [text(5000), { level: 6 }] })
    const [stored] = await readZipDirectory(bytesSource(withDeclaredSize(zip, 'photos/a.jpg', 4000)), limits)
    expect(await problemOf(readZipEntry(bytesSource(zip), stored!, createPace()))).toEqual({ kind: 'tooLarge', path: 'photos/a.jpg' })
    const [, deflated] = await readZipDirectory(bytesSource(withDeclaredSize(zip, 'b.txt', 6000)), limits)
    expect(await problemOf(readZipEntry(bytesSource(zip), deflated!, createPace()))).toEqual({ kind: 'notZip' })
  })

  it('refuses a damaged deflate stream', async () => {
    const zip = zipSync({ 'b.txt': [text(5000), { level: 6 }] })
    const [entry] = await readZipDirectory(bytesSource(zip), limits)
    const damaged = Uint8Array.from(zip)
    const start = 30 + 'b.txt'.length
    damaged.fill(0xff, start, start + entry!.compressedSize)
    expect(await problemOf(readZipEntry(bytesSource(damaged), entry!, createPace()))).toEqual({ kind: 'notZip' })
  })
})
