import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { digestSha256 } from '../media/digest'
import { LocationSchema, type Location } from '../model/location'
import { PhotoSchema, type Photo } from '../model/photo'
import {
  DECOR_ARCHIVE_FORMAT, DECOR_ARCHIVE_VERSION, isSafeEntryPath, MANIFEST_PATH, photoPath, readDecorArchive, writeDecorArchive,
  type ArchiveContent, type DecorArchiveManifest,
} from './decorArchive'
import { archiveRecordIds, planDecorImport } from './decorImport'

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
    for (const photo of content.photos) expect(read.archive.files.get(photo.sha256)).toEqual(content.files.get(photo.sha256))
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

describe('planning an import', () => {
  it('keeps the ids on a device that does not hold them, moving everything to the target production', async () => {
    const read = await readDecorArchive(writeDecorArchive(await sample()).zip)
    if (!read.ok) throw new Error('unreadable')
    const plan = planDecorImport(read.archive, { productionId: 'prod-b', existingIds: new Set(), newId: () => 'unused' })
    expect(plan.copies).toBe(0)
    expect(plan.locations.map((l) => [l.id, l.productionId])).toEqual([['l1', 'prod-b'], ['l2', 'prod-b']])
    expect(plan.photos.map((p) => [p.id, p.ownerId, p.productionId])).toEqual([['ph1', 'l1', 'prod-b'], ['ph2', 'l1', 'prod-b']])
    expect(plan.blobs.map((blob) => blob.sha256)).toEqual(read.archive.manifest.photos.map((p) => p.sha256))
    expect(archiveRecordIds(read.archive)).toEqual(['l1', 'l2', 'ph1', 'ph2'])
  })

  it('brings a décor already on the device in as a copy with a new id, its photos following it', async () => {
    const read = await readDecorArchive(writeDecorArchive(await sample()).zip)
    if (!read.ok) throw new Error('unreadable')
    let n = 0
    const ids = ['l2', 'new-1', 'new-2', 'new-3']
    const plan = planDecorImport(read.archive, { productionId: 'prod-a', existingIds: new Set(['l1', 'ph1']), newId: () => ids[n++]! })
    expect(plan.copies).toBe(1)
    // 'l2' is drawn for the copy of l1 but taken by the archive's own l2: the next id is used.
    expect(plan.locations.map((l) => l.id)).toEqual(['new-1', 'l2'])
    expect(plan.photos.map((p) => [p.id, p.ownerId])).toEqual([['new-2', 'new-1'], ['ph2', 'new-1']])
  })
})
