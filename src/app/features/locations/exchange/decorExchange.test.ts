// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's comes back as a plain object.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { readDecorArchive, writeDecorArchive, type DecorArchive } from '../../../../core/exchange/decorArchive'
import { copyIdOf } from '../../../../core/exchange/decorImport'
import { steppedPace } from '../../../../core/exchange/zipTesting'
import { digestSha256 } from '../../../../core/media/digest'
import { LocationSchema, PhotoSchema, type Location, type Photo } from '../../../../core/model'
import { pendingBlobs } from '../../../db/blobQueueStore'
import { commitChanges } from '../../../db/writePath'
import type { RegieDatabase } from '../../../db/db'
import { StorageFailure } from '../../../db/storageErrors'
import { useTestDatabases } from '../../../db/testDatabases'
import { exportFileName, fileSource, ImportInterrupted, importDecors, previewImport } from './decorExchange'

const open = useTestDatabases()

const base = { productionId: 'trainee-prod', createdAt: '2025-06-01T08:00:00.000Z', updatedAt: '2025-06-01T08:00:00.000Z' }

const decor = (id: string, name = 'Cave voûtée'): Location =>
  v.parse(LocationSchema, { ...base, id, name, intExt: 'INT', setting: 'natural', status: 'scouted' })

/** An archive of `decors` décors (l1, l2...) with `photosEach` photos each, every photo its own bytes. */
async function archive(decors = 1, photosEach = 2): Promise<DecorArchive> {
  const locations = Array.from({ length: decors }, (_, i) => decor(`l${i + 1}`, decors === 1 ? 'Cave voûtée' : `Décor ${i + 1}`))
  const files = new Map<string, Uint8Array>()
  const photos: Photo[] = []
  for (const location of locations) {
    for (let index = 0; index < photosEach; index++) {
      const bytes = new TextEncoder().encode(`${location.id} — photo ${index} — ${decors === 1 ? ['façade', 'cave voûtée'][index] : 'vue'}`)
      const sha256 = await digestSha256(bytes)
      files.set(sha256, bytes)
      photos.push(v.parse(PhotoSchema, {
        ...base, id: `${location.id}-ph${index}`, ownerId: location.id, ownerEntity: 'location', sha256, mime: 'image/jpeg', size: bytes.byteLength, order: index,
      }))
    }
  }
  const { zip } = writeDecorArchive({ production: { id: 'trainee-prod', name: 'Examen' }, locations, photos, files, exportedAt: base.createdAt })
  // Read as the app reads a chosen file: a slice at a time.
  const read = await readDecorArchive(fileSource(new Blob([zip as Uint8Array<ArrayBuffer>])))
  if (!read.ok) throw new Error(JSON.stringify(read.problem))
  return read.archive
}

/** The transactions that wrote outbox entries, with how many each wrote. */
function watchTransactions(database: RegieDatabase): number[] {
  const sizes = new Map<unknown, number>()
  const counts: number[] = []
  database.outbox.hook('creating', (_key, _entry, transaction) => {
    sizes.set(transaction, (sizes.get(transaction) ?? 0) + 1)
    counts.splice(0, counts.length, ...sizes.values())
  })
  return counts
}

describe('importing décors', () => {
  it('writes the décor, its photos, their bytes and outbox entries into the target production', async () => {
    const database = open()
    const zip = await archive()
    expect(await previewImport('school-prod', zip, database)).toEqual({ decors: 1, photos: 2, present: 0, copies: 0 })
    const result = await importDecors('school-prod', zip, {}, database)
    expect(result).toEqual({ decors: 1, photos: 2, present: 0, copies: 0 })
    expect(await database.records('location').get(['school-prod', 'l1'])).toMatchObject({ name: 'Cave voûtée', productionId: 'school-prod', deletedAt: null })
    const photos = await database.records<Photo>('photo').where('[productionId+ownerId]').equals(['school-prod', 'l1']).toArray()
    expect(photos.map((photo) => photo.productionId)).toEqual(['school-prod', 'school-prod'])
    expect(await database.blobs.count()).toBe(2)
    expect((await database.blobs.toArray()).every((blob) => blob.pending === 1 && blob.productionId === 'school-prod')).toBe(true)
    expect((await database.outbox.toArray()).map((entry) => entry.name)).toEqual(['location.create', 'photo.create', 'photo.create'])
  })

  it('imports the same file again as nothing new, never overwriting the first import', async () => {
    const database = open()
    const zip = await archive()
    await importDecors('school-prod', zip, {}, database)
    await commitChanges([{ op: 'patch', entity: 'location', productionId: 'school-prod', id: 'l1', fields: { name: 'Cave voûtée (modifiée)' } }], database)
    expect(await previewImport('school-prod', zip, database)).toEqual({ decors: 0, photos: 0, present: 1, copies: 0 })
    expect(await importDecors('school-prod', zip, {}, database)).toEqual({ decors: 0, photos: 0, present: 1, copies: 0 })
    expect(await database.records('location').get(['school-prod', 'l1'])).toMatchObject({ name: 'Cave voûtée (modifiée)' })
    expect(await database.records('location').count()).toBe(1)
    expect(await database.outbox.count()).toBe(4)
  })

  it('brings décors another production of the phone holds in as copies, their bytes stored once and queued for both', async () => {
    const database = open()
    const zip = await archive()
    await importDecors('school-prod', zip, {}, database)
    expect(await importDecors('feature-prod', zip, {}, database)).toEqual({ decors: 1, photos: 2, present: 0, copies: 1 })
    const copy = await database.records<Location>('location').get(['feature-prod', copyIdOf('feature-prod', 'l1')])
    expect(copy).toMatchObject({ productionId: 'feature-prod', name: 'Cave voûtée' })
    expect(await database.records<Photo>('photo').where('[productionId+ownerId]').equals(['feature-prod', copy!.id]).count()).toBe(2)
    expect(await database.records('location').get(['school-prod', 'l1'])).toMatchObject({ productionId: 'school-prod' })
    expect(await database.blobs.count()).toBe(2)
    expect((await pendingBlobs('feature-prod', database))).toHaveLength(2)
    expect((await pendingBlobs('school-prod', database))).toHaveLength(2)
    // And once more: the copies are found, nothing is added.
    expect(await previewImport('feature-prod', zip, database)).toMatchObject({ decors: 0, present: 1 })
  })

  it('writes nothing when its first batch fails', async () => {
    const database = open()
    database.outbox.hook('creating', () => {
      throw new Error('disk full')
    })
    await expect(importDecors('school-prod', await archive(), {}, database)).rejects.toBeInstanceOf(StorageFailure)
    expect(await database.records('location').count()).toBe(0)
    expect(await database.records('photo').count()).toBe(0)
    expect(await database.blobs.count()).toBe(0)
  })
})

describe('importing a large archive', () => {
  it('writes in batches of whole décors, one transaction each, reporting progress and giving the page its turn', async () => {
    const database = open()
    const zip = await archive(300, 2)
    const transactions = watchTransactions(database)
    const progress: number[] = []
    const pace = steppedPace(1, 25)
    const result = await importDecors('school-prod', zip, { pace, onProgress: ({ done, total }) => progress.push(done / total) }, database)

    expect(result).toEqual({ decors: 300, photos: 600, present: 0, copies: 0 })
    // 250 records at most per transaction: 83 décors with their 2 photos each.
    expect(transactions).toEqual([249, 249, 249, 153])
    expect(progress).toEqual([0, 83 / 300, 166 / 300, 249 / 300, 1])
    expect(pace.slices).toBeGreaterThanOrEqual(300 / 26)
    for (const location of await database.records<Location>('location').toArray()) {
      expect(await database.records<Photo>('photo').where('[productionId+ownerId]').equals([location.productionId, location.id]).count()).toBe(2)
    }
  }, 30_000)

  it('stopped or failed half-way, it leaves whole décors and importing the same file again finishes it', async () => {
    const database = open()
    const zip = await archive(300, 2)
    const stop = new AbortController()
    const stopped = importDecors('school-prod', zip, { signal: stop.signal, onProgress: ({ done }) => done > 0 && stop.abort() }, database)
    await expect(stopped).rejects.toMatchObject({ name: 'ImportInterrupted', reason: 'stopped', done: 83, total: 300 })

    let batches = 0
    const failing = () => {
      if (++batches > 83 * 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    database.outbox.hook('creating', failing)
    const failed = await importDecors('school-prod', zip, {}, database).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(ImportInterrupted)
    expect(failed).toMatchObject({ reason: 'failed', done: 83, total: 217, cause: expect.any(StorageFailure) })
    expect(await database.records('location').count()).toBe(166)
    expect(await database.records('photo').count()).toBe(332)

    database.outbox.hook('creating').unsubscribe(failing)
    expect(await importDecors('school-prod', zip, {}, database)).toEqual({ decors: 134, photos: 268, present: 166, copies: 0 })
    expect(await database.records('location').count()).toBe(300)
    expect(await database.records('photo').count()).toBe(600)
    expect(await database.outbox.count()).toBe(900)
  }, 30_000)

  it('leaves a décor another tab brought meanwhile as it is, and imports the rest', async () => {
    const database = open()
    const zip = await archive(3, 1)
    // The other tab writes l2 once this import has made its plan, before its first batch is written.
    let planned = false
    let otherTab: Promise<unknown> | null = null
    const pace = Object.assign(async () => {
      if (planned) otherTab ??= commitChanges([{ op: 'create', entity: 'location', record: { ...decor('l2', 'Cave (autre onglet)'), productionId: 'school-prod' } }], database)
      await otherTab
    }, { slices: 0 })
    const result = await importDecors('school-prod', zip, { pace, onProgress: () => (planned = true) }, database)
    expect(result).toEqual({ decors: 2, photos: 2, present: 1, copies: 0 })
    expect(await database.records('location').get(['school-prod', 'l2'])).toMatchObject({ name: 'Cave (autre onglet)' })
    expect(await database.records('location').count()).toBe(3)
  })
})

describe('export file name', () => {
  it('is plain ASCII with the production and the day', () => {
    expect(exportFileName('Les Nuits de Jeanne – Été', '2025-06-20')).toBe('decors-les-nuits-de-jeanne-ete-2025-06-20.zip')
    expect(exportFileName('', '2025-06-20')).toBe('decors-production-2025-06-20.zip')
  })
})
