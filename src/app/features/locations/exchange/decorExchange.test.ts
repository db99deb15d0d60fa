// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's comes back as a plain object.
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { readDecorArchive, writeDecorArchive, type DecorArchive } from '../../../../core/exchange/decorArchive'
import { digestSha256 } from '../../../../core/media/digest'
import { LocationSchema, PhotoSchema, type Location, type Photo } from '../../../../core/model'
import { pendingBlobs } from '../../../db/blobQueueStore'
import { Dexie, RegieDatabase } from '../../../db/db'
import { StorageFailure } from '../../../db/storageErrors'
import { countCopies, exportFileName, importDecors } from './decorExchange'

const opened: RegieDatabase[] = []
function open(): RegieDatabase {
  const database = new RegieDatabase(`exchange-${Math.random().toString(36).slice(2)}-${Date.now()}`)
  opened.push(database)
  return database
}
afterEach(async () => {
  for (const database of opened.splice(0)) {
    database.close()
    await Dexie.delete(database.name)
  }
})

const base = { productionId: 'trainee-prod', createdAt: '2025-06-01T08:00:00.000Z', updatedAt: '2025-06-01T08:00:00.000Z' }

async function archive(): Promise<DecorArchive> {
  const bytes = [new TextEncoder().encode('façade'), new TextEncoder().encode('cave voûtée')]
  const hashes = await Promise.all(bytes.map((b) => digestSha256(b)))
  const location: Location = v.parse(LocationSchema, { ...base, id: 'l1', name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'scouted' })
  const photos: Photo[] = hashes.map((sha256, index) =>
    v.parse(PhotoSchema, { ...base, id: `ph${index}`, ownerId: 'l1', ownerEntity: 'location', sha256, mime: 'image/jpeg', size: bytes[index]!.byteLength, order: index }),
  )
  const { zip } = writeDecorArchive({
    production: { id: 'trainee-prod', name: 'Examen' }, locations: [location], photos, files: new Map(hashes.map((h, i) => [h, bytes[i]!])), exportedAt: base.createdAt,
  })
  const read = await readDecorArchive(zip)
  if (!read.ok) throw new Error(JSON.stringify(read.problem))
  return read.archive
}

describe('importing décors', () => {
  it('writes the décor, its photos, their bytes and outbox entries into the target production', async () => {
    const database = open()
    const result = await importDecors('school-prod', await archive(), database)
    expect(result).toEqual({ decors: 1, photos: 2, copies: 0 })
    expect(await database.records('location').get(['school-prod', 'l1'])).toMatchObject({ name: 'Cave voûtée', productionId: 'school-prod', deletedAt: null })
    const photos = await database.records<Photo>('photo').where('[productionId+ownerId]').equals(['school-prod', 'l1']).toArray()
    expect(photos.map((photo) => photo.productionId)).toEqual(['school-prod', 'school-prod'])
    expect(await database.blobs.count()).toBe(2)
    expect((await database.blobs.toArray()).every((blob) => blob.pending === 1 && blob.productionId === 'school-prod')).toBe(true)
    expect((await database.outbox.toArray()).map((entry) => entry.name)).toEqual(['location.create', 'photo.create', 'photo.create'])
  })

  it('imports the same file twice as a copy, never overwriting the first', async () => {
    const database = open()
    const zip = await archive()
    await importDecors('school-prod', zip, database)
    await database.records('location').update(['school-prod', 'l1'], { name: 'Cave voûtée (modifiée)' })
    expect(await countCopies(zip, database)).toBe(1)
    const again = await importDecors('school-prod', zip, database)
    expect(again.copies).toBe(1)
    expect(await database.records('location').get(['school-prod', 'l1'])).toMatchObject({ name: 'Cave voûtée (modifiée)' })
    const all = await database.records<Location>('location').toArray()
    expect(all).toHaveLength(2)
    const copy = all.find((location) => location.id !== 'l1')!
    expect(await database.records<Photo>('photo').where('[productionId+ownerId]').equals([copy.productionId, copy.id]).count()).toBe(2)
    // The bytes are stored once.
    expect(await database.blobs.count()).toBe(2)
  })

  it('queues the photos for upload by a second production of the same phone, whose bytes are already here', async () => {
    const database = open()
    const zip = await archive()
    await importDecors('school-prod', zip, database)
    await importDecors('feature-prod', zip, database)
    expect(await database.blobs.count()).toBe(2)
    expect((await pendingBlobs('feature-prod', database))).toHaveLength(2)
    expect((await pendingBlobs('school-prod', database))).toHaveLength(2)
  })

  it('writes nothing when any part fails (all or nothing)', async () => {
    const database = open()
    database.outbox.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(importDecors('school-prod', await archive(), database)).rejects.toBeInstanceOf(StorageFailure)
    expect(await database.records('location').count()).toBe(0)
    expect(await database.records('photo').count()).toBe(0)
    expect(await database.blobs.count()).toBe(0)
  })
})

describe('export file name', () => {
  it('is plain ASCII with the production and the day', () => {
    expect(exportFileName('Les Nuits de Jeanne – Été', '2025-06-20')).toBe('decors-les-nuits-de-jeanne-ete-2025-06-20.zip')
    expect(exportFileName('', '2025-06-20')).toBe('decors-production-2025-06-20.zip')
  })
})
