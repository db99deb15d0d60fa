import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { digestSha256 } from '../media/digest'
import { LocationSchema, type Location } from '../model/location'
import { PhotoSchema, type Photo } from '../model/photo'
import {
  DECOR_ARCHIVE_FORMAT, DECOR_ARCHIVE_VERSION, firstRepeatedId, IMPORT_LIMITS, isSafeEntryPath, MANIFEST_PATH, photoPath, readDecorArchive,
  writeDecorArchive, type ArchiveContent, type ArchiveProgress, type DecorArchiveManifest,
} from './decorArchive'
import { MAX_BLOB_BYTES } from '../sync/blobRules'
import { recordingSource, steppedPace, withDeclaredSize } from './zipTesting'

const base = { productionId: 'prod-a', createdAt: '2025-06-01T08:00:00.000Z', updatedAt: '2025-06-01T08:00:00.000Z' }
const location = (id: string, extra: Record<string, unknown> = {}): Location =>
  v.parse(LocationSchema, {
    ...base, id, name: `Décor ${id}`, scriptDecor: 'CAVE – INT', intExt: 'INT', setting: 'natural', status: 'scouted',
    advantages: ['Voûtes'], rooms: [{ name: 'Cave', lengthM: 8, widthM: 4 }], ...extra,
  })

async function photoOf(id: string, ownerId: string, bytes: Uint8Array<ArrayBuffer>, extra: Record<string, unknown> = {}): Promise<Photo> {
  return v.parse(PhotoSchema, {
    ...base, id, ownerId, ownerEntity: 'location', sha256: await digestSha256(bytes), mime: 'image/jpeg', size: bytes.byteLength,
    caption: `Photo ${id}`, stagingNote: 'Plan large', ...extra,
  })
}

const bytesOf = (seed: number, length = 2048) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) % 256)

async function sample(): Promise<ArchiveContent & { photos: Photo[] }> {
  const one = bytesOf(1)
  const two = bytesOf(2)
  const photos = [await photoOf('ph1', 'l1', one, { order: 0 }), await photoOf('ph2', 'l1', two, { order: 1 })]
  return {
    production: { id: 'prod-a', name: 'Les Nuits de Jeanne' },
    locations: [location('l1', { lat: 48.84, lng: 2.35 }), location('l2')],
    photos,
    files: new Map([[photos[0]!.sha256, one], [photos[1]!.sha256, two]]),
    exportedAt: '2025-06-20T10:00:00.000Z',
  }
}

/** Rewrites the ZIP with one entry changed (or removed when `data` is null) and others added. */
function tamper(zip: Uint8Array, changes: Record<string, Uint8Array | null>): Uint8Array {
  const entries: Zippable = { ...unzipSync(zip) }
  for (const [path, data] of Object.entries(changes)) {
    if (data === null) delete entries[path]
    else entries[path] = data
  }
  return zipSync(entries)
}

function withManifest(zip: Uint8Array, edit: (manifest: DecorArchiveManifest & Record<string, unknown>) => unknown): Uint8Array {
  const manifest = JSON.parse(new TextDecoder().decode(unzipSync(zip)[MANIFEST_PATH]))
  return tamper(zip, { [MANIFEST_PATH]: strToU8(JSON.stringify(edit(manifest) ?? manifest)) })
}

describe('writing and reading back', () => {
  it('gives the same décors, photo records and bytes (round trip)', async () => {
    const content = await sample()
    const { zip, manifest, leftOut } = writeDecorArchive(content)
    expect(leftOut).toEqual([])
    expect(manifest).toMatchObject({ format: DECOR_ARCHIVE_FORMAT, version: DECOR_ARCHIVE_VERSION, production: content.production })
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([MANIFEST_PATH, ...content.photos.map(photoPath)].sort())

    const read = await readDecorArchive(zip)
    if (!read.ok) throw new Error(JSON.stringify(read.problem))
    expect(read.archive.manifest.locations).toEqual(content.locations)
    expect(read.archive.manifest.photos).toEqual(content.photos)
    expect(read.archive.manifest.exportedAt).toBe(content.exportedAt)
    for (const photo of content.photos) expect(await read.archive.photoBytes(photo.sha256)).toEqual(content.files.get(photo.sha256))
  })

  it('names each photo file by its SHA-256', async () => {
    const content = await sample()
    const entries = unzipSync(writeDecorArchive(content).zip)
    for (const photo of content.photos) {
      const path = `photos/${photo.sha256}.jpg`
      expect(await digestSha256(entries[path]!)).toBe(photo.sha256)
    }
  })

  it('leaves out deleted décors and photos, photos of other records, and photos whose bytes are not on the phone', async () => {
    const content = await sample()
    const notReceived = await photoOf('ph3', 'l2', bytesOf(3))
    const ofAReport = await photoOf('ph4', 'report-1', bytesOf(1), { ownerEntity: 'conditionReport' })
    const deleted = await photoOf('ph5', 'l1', bytesOf(1), { deletedAt: '2025-06-02T00:00:00.000Z' })
    const { manifest, leftOut } = writeDecorArchive({
      ...content,
      locations: [...content.locations, location('gone', { deletedAt: '2025-06-02T00:00:00.000Z' })],
      photos: [...content.photos, notReceived, ofAReport, deleted],
    })
    expect(manifest.locations.map((l) => l.id)).toEqual(['l1', 'l2'])
    expect(manifest.photos.map((p) => p.id)).toEqual(['ph1', 'ph2'])
    expect(leftOut.map((p) => p.id)).toEqual(['ph3'])
  })

  it('exports a production with no photo at all', async () => {
    const read = await readDecorArchive(writeDecorArchive({ ...(await sample()), photos: [], files: new Map() }).zip)
    expect(read.ok && read.archive.manifest.locations.length).toBe(2)
  })
})

describe('refusing a file', () => {
  it('that is not a ZIP', async () => {
    expect(await readDecorArchive(new Uint8Array())).toEqual({ ok: false, problem: { kind: 'notZip' } })
    expect(await readDecorArchive(strToU8('PK\u0003\u0004 pas vraiment un zip'))).toEqual({ ok: false, problem: { kind: 'notZip' } })
    expect(await readDecorArchive(bytesOf(9, 5000))).toEqual({ ok: false, problem: { kind: 'notZip' } })
  })

  it('that is a ZIP but not ours', async () => {
    expect(await readDecorArchive(zipSync({ 'notes.txt': strToU8('bonjour') }))).toEqual({ ok: false, problem: { kind: 'notOurs' } })
    const other = zipSync({ [MANIFEST_PATH]: strToU8(JSON.stringify({ format: 'autre.app', version: 1 })) })
    expect(await readDecorArchive(other)).toEqual({ ok: false, problem: { kind: 'notOurs' } })
  })

  it('from a newer version of the format', async () => {
    const zip = withManifest(writeDecorArchive(await sample()).zip, (manifest) => ({ ...manifest, version: DECOR_ARCHIVE_VERSION + 1, locations: 'changed shape' }))
    expect(await readDecorArchive(zip)).toEqual({ ok: false, problem: { kind: 'newerVersion', version: DECOR_ARCHIVE_VERSION + 1 } })
  })

  it('whose manifest is damaged', async () => {
    const zip = tamper(writeDecorArchive(await sample()).zip, { [MANIFEST_PATH]: strToU8('{"format": "regie.decors", "vers') })
    expect(await readDecorArchive(zip)).toEqual({ ok: false, problem: { kind: 'corruptedManifest' } })
    const noList = withManifest(writeDecorArchive(await sample()).zip, (manifest) => ({ ...manifest, locations: undefined }))
    expect(await readDecorArchive(noList)).toEqual({ ok: false, problem: { kind: 'corruptedManifest' } })
  })

  it('with a photo whose bytes do not match their hash (corrupted)', async () => {
    const content = await sample()
    const path = photoPath(content.photos[1]!)
    const damaged = Uint8Array.from(content.files.get(content.photos[1]!.sha256)!)
    damaged[100] = damaged[100]! ^ 0xff
    const zip = tamper(writeDecorArchive(content).zip, { [path]: damaged })
    expect(await readDecorArchive(zip)).toEqual({ ok: false, problem: { kind: 'corruptedPhoto', path } })
  })

  it('with a photo record whose file is missing', async () => {
    const content = await sample()
    const path = photoPath(content.photos[0]!)
    expect(await readDecorArchive(tamper(writeDecorArchive(content).zip, { [path]: null }))).toEqual({ ok: false, problem: { kind: 'missingPhoto', path } })
  })

  it('with an invalid record, saying which one and which field', async () => {
    const zip = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.locations[1] = { ...manifest.locations[1]!, status: 'peut-être' as never }
    })
    expect(await readDecorArchive(zip)).toEqual({
      ok: false, problem: { kind: 'invalidRecord', entity: 'location', id: 'l2', field: 'status', message: 'validation.choice' },
    })
    const badPhoto = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.photos[0] = { ...manifest.photos[0]!, sha256: 'not-a-hash' }
    })
    expect(await readDecorArchive(badPhoto)).toMatchObject({ ok: false, problem: { kind: 'invalidRecord', entity: 'photo', id: 'ph1', field: 'sha256' } })
  })

  it('with a photo of a décor that is not in the file, or two records with one id', async () => {
    const orphan = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.photos[0] = { ...manifest.photos[0]!, ownerId: 'elsewhere' }
    })
    expect(await readDecorArchive(orphan)).toMatchObject({ ok: false, problem: { kind: 'invalidRecord', entity: 'photo', field: 'ownerId' } })
    const twice = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.locations.push(manifest.locations[0]!)
    })
    expect(await readDecorArchive(twice)).toMatchObject({ ok: false, problem: { kind: 'invalidRecord', entity: 'location', id: 'l1', field: 'id' } })
  })

  it.each([
    '../evil.jpg', '/etc/passwd', 'photos/../../outside.jpg', 'photos/./x.jpg', 'C:/Windows/x.jpg', 'photos\\..\\x.jpg', 'photos//x.jpg',
    `photos/${'a'.repeat(64)}.jpg\u0000.txt`,
  ])('with a path that leaves its folder: %j', async (path) => {
    const zip = tamper(writeDecorArchive(await sample()).zip, { [path]: strToU8('x') })
    expect(await readDecorArchive(zip)).toEqual({ ok: false, problem: { kind: 'unsafePath', path } })
  })

  it('ignores other harmless files and folders', async () => {
    const zip = tamper(writeDecorArchive(await sample()).zip, { 'photos/': new Uint8Array(), 'LISEZMOI.txt': strToU8('Dossier de repérage') })
    expect((await readDecorArchive(zip)).ok).toBe(true)
  })
})

describe('safe entry paths', () => {
  it('accept plain relative names', () => {
    expect(isSafeEntryPath(MANIFEST_PATH)).toBe(true)
    expect(isSafeEntryPath(`photos/${'0'.repeat(64)}.jpg`)).toBe(true)
    expect(isSafeEntryPath('photos/')).toBe(true)
    expect(isSafeEntryPath('')).toBe(false)
    expect(isSafeEntryPath('a/../b')).toBe(false)
  })
})

describe('refusing a file beyond the import limits, before anything is inflated', () => {
  it('whose directory declares more than an import may unpack (a zip bomb): only the end of the file and its directory are read', async () => {
    const zip = withDeclaredSize(writeDecorArchive(await sample()).zip, MANIFEST_PATH, 3_000_000_000)
    const source = recordingSource(zip)
    expect(await readDecorArchive(source)).toMatchObject({ ok: false, problem: { kind: 'tooLargeTotal', max: IMPORT_LIMITS.totalBytes } })
    expect(source.reads).toHaveLength(2)
  })

  it('with a photo larger than the team server accepts as one blob, saying its size honestly or not', async () => {
    const content = await sample()
    const path = photoPath(content.photos[0]!)
    const declared = withDeclaredSize(writeDecorArchive(content).zip, path, MAX_BLOB_BYTES + 1)
    expect(await readDecorArchive(declared)).toEqual({ ok: false, problem: { kind: 'tooLarge', path } })
    // 30 MB of zeros deflate to 30 kB: the declared size alone refuses them.
    const bomb = tamper(writeDecorArchive(content).zip, { [path]: new Uint8Array(30_000_000) })
    const source = recordingSource(bomb)
    expect(await readDecorArchive(source)).toEqual({ ok: false, problem: { kind: 'tooLarge', path } })
    expect(source.reads).toHaveLength(2)
  })

  it('whose manifest inflates to more than it declared', async () => {
    const zip = tamper(writeDecorArchive(await sample()).zip, { [MANIFEST_PATH]: strToU8(JSON.stringify({ format: DECOR_ARCHIVE_FORMAT, pad: ' '.repeat(5_000_000) })) })
    expect(await readDecorArchive(withDeclaredSize(zip, MANIFEST_PATH, 1000))).toEqual({ ok: false, problem: { kind: 'tooLarge', path: MANIFEST_PATH } })
  })

  it('with more files than one import may hold', async () => {
    const files = Object.fromEntries(Array.from({ length: IMPORT_LIMITS.entries }, (_, i) => [`notes/${i}.txt`, strToU8('')]))
    const zip = tamper(writeDecorArchive({ ...(await sample()), photos: [], files: new Map() }).zip, files)
    expect(await readDecorArchive(zip)).toEqual({ ok: false, problem: { kind: 'tooManyEntries', entries: IMPORT_LIMITS.entries + 1, max: IMPORT_LIMITS.entries } })
  })

  it('with more décors or photo records than one import may queue for the team', async () => {
    const decors = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.locations = Array.from({ length: IMPORT_LIMITS.decors + 1 }, (_, i) => ({ id: `l${i}` }) as Location)
    })
    expect(await readDecorArchive(decors)).toEqual({ ok: false, problem: { kind: 'tooManyDecors', count: IMPORT_LIMITS.decors + 1, max: IMPORT_LIMITS.decors } })
    const photos = withManifest(writeDecorArchive(await sample()).zip, (manifest) => {
      manifest.photos = Array.from({ length: IMPORT_LIMITS.photos + 1 }, (_, i) => ({ id: `p${i}` }) as Photo)
    })
    expect(await readDecorArchive(photos)).toEqual({ ok: false, problem: { kind: 'tooManyPhotos', count: IMPORT_LIMITS.photos + 1, max: IMPORT_LIMITS.photos } })
  })
})

describe('reading a large archive', () => {
  it('finds an id given twice among 100,000 décors in one pass (each id read once)', () => {
    let reads = 0
    const records = Array.from({ length: 100_000 }, (_, i) => ({
      get id() {
        reads++
        return `l${i}`
      },
    }))
    expect(firstRepeatedId(records)).toBeUndefined()
    expect(reads).toBe(100_000)
    reads = 0
    records.push({ id: 'l99999' } as never)
    expect(firstRepeatedId(records)).toBe('l99999')
    expect(reads).toBe(100_000)
  })

  it('reads 2,000 décors and 300 photos in slices, reporting its progress, the page getting its turn between slices', async () => {
    const content = await sample()
    const locations = Array.from({ length: 2000 }, (_, i) => location(`l${i}`))
    const files = new Map<string, Uint8Array>()
    const photos: Photo[] = []
    for (let i = 0; i < 300; i++) {
      const bytes = bytesOf(i, 1000 + i)
      const photo = await photoOf(`ph${i}`, `l${i}`, bytes)
      photos.push(photo)
      files.set(photo.sha256, bytes)
    }
    const { zip } = writeDecorArchive({ ...content, locations, photos, files })
    const pace = steppedPace(1, 25)
    const progress: ArchiveProgress[] = []
    const order: string[] = []
    setTimeout(() => order.push('timer'), 0)
    const read = await readDecorArchive(zip, { pace, onProgress: (step) => progress.push(step) })
    order.push('read')

    expect(read.ok && read.archive.manifest.locations.length).toBe(2000)
    expect(order).toEqual(['timer', 'read'])
    // A pace after each décor, each photo record and each piece of the manifest, on a clock moving 1 ms per look.
    expect(pace.slices).toBeGreaterThanOrEqual((2000 + 300) / 26)
    const lastRead = progress.filter((step) => step.phase === 'read').at(-1)!
    expect(lastRead.done).toBe(lastRead.total)
    const checks = progress.filter((step) => step.phase === 'check').map((step) => step.done)
    expect(checks).toEqual(Array.from({ length: 301 }, (_, i) => i))
  })
})
