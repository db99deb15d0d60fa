// @vitest-environment node
// Node's Blob survives fake-indexeddb's structured clone; happy-dom's comes back as a plain object.
import { describe, expect, it } from 'vitest'
import { digestSha256 } from '../../core/media/digest'
import type { BaseRecord } from '../../core/model'
import {
  addPhoto, blobsOnDevice, createWithBlobs, describePhoto, getBlob, livePhotos, movePhoto, RecordsExist, removePhoto, saveSignature, type PhotoBytes,
} from './blobStore'
import { pendingBlobs } from './blobQueueStore'
import { productionsHolding } from './repository'
import { RegieDatabase } from './db'
import { StorageFailure } from './storageErrors'
import { useTestDatabases } from './testDatabases'

const open = useTestDatabases()

async function bytes(text: string): Promise<PhotoBytes> {
  const blob = new Blob([text], { type: 'image/jpeg' })
  return {
    blob,
    sha256: await digestSha256(await blob.arrayBuffer()),
    mime: 'image/jpeg',
    size: blob.size,
    width: 2048,
    height: 1536,
    takenAt: '2025-03-14T07:45:09',
    lat: 48.8566,
    lng: 2.3522,
    heading: 245,
  }
}

const decor = { productionId: 'prod-1', ownerEntity: 'location' as const, ownerId: 'loc-1' }

describe('addPhoto', () => {
  it('stores the bytes as pending, the photo record and its outbox entry together', async () => {
    const database = open()
    const processed = await bytes('façade côté cour')
    const photo = await addPhoto({ ...decor, processed, caption: 'Façade' }, database)

    expect(photo).toMatchObject({ ...decor, sha256: processed.sha256, mime: 'image/jpeg', size: processed.size, width: 2048, height: 1536 })
    expect(photo).toMatchObject({ takenAt: '2025-03-14T07:45:09', lat: 48.8566, lng: 2.3522, heading: 245, caption: 'Façade', slot: '', order: 0 })
    const stored = await database.blobs.get(processed.sha256)
    expect(stored).toMatchObject({ productionId: 'prod-1', pending: 1, mime: 'image/jpeg', size: processed.size })
    expect(await stored!.blob.text()).toBe('façade côté cour')
    const outbox = await database.outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ name: 'photo.create', productionId: 'prod-1', args: { record: { id: photo.id, sha256: processed.sha256 } } })
    expect(await getBlob(processed.sha256, database)).not.toBeNull()
  })

  it('writes nothing at all when the transaction fails: no bytes without record, no record without bytes', async () => {
    const database = open()
    const processed = await bytes('cuisine')
    // The outbox refuses the write (as a full disk would): the blob and the photo must roll back with it.
    database.outbox.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const failure = await addPhoto({ ...decor, processed }, database).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(StorageFailure)
    expect((failure as StorageFailure).kind).toBe('quota')
    expect(await database.blobs.count()).toBe(0)
    expect(await database.records('photo').count()).toBe(0)
  })

  it('places each new photo after the owner\'s photos, whatever their slot', async () => {
    const database = open()
    const first = await addPhoto({ ...decor, processed: await bytes('1') }, database)
    const second = await addPhoto({ ...decor, slot: 'room:Salon', processed: await bytes('2') }, database)
    const other = await addPhoto({ ...decor, ownerId: 'loc-2', processed: await bytes('3') }, database)
    const third = await addPhoto({ ...decor, processed: await bytes('4') }, database)
    expect([first.order, second.order, third.order, other.order]).toEqual([0, 1, 2, 0])
  })

  it('keeps one row for the same bytes added twice, and does not make uploaded bytes pending again', async () => {
    const database = open()
    const processed = await bytes('même photo')
    await addPhoto({ ...decor, processed }, database)
    await database.blobs.update(processed.sha256, { pending: 0 })
    const again = await addPhoto({ ...decor, ownerId: 'item-9', ownerEntity: 'inventoryItem', processed }, database)
    expect(await database.blobs.count()).toBe(1)
    expect((await database.blobs.get(processed.sha256))!.pending).toBe(0)
    expect(again.sha256).toBe(processed.sha256)
    expect(await database.records('photo').count()).toBe(2)
  })

  it('refuses what the photo schema refuses, before writing anything', async () => {
    const database = open()
    await expect(addPhoto({ ...decor, processed: await bytes('x'), caption: 'x'.repeat(501) }, database)).rejects.toThrow(/loc-1.*caption/)
    await expect(addPhoto({ ...decor, processed: { ...(await bytes('x')), sha256: 'nope' } }, database)).rejects.toThrow(/sha256/)
    expect(await database.blobs.count()).toBe(0)
    expect(await database.outbox.count()).toBe(0)
  })
})

describe('saveSignature', () => {
  it('stores the PNG as pending bytes and returns the signature that points at them', async () => {
    const database = open()
    const png = new Blob(['trait de stylo'], { type: 'image/png' })
    const before = Date.now()
    const signature = await saveSignature({ productionId: 'prod-1', role: 'owner', name: '  Mme Lefèvre ', png }, database)
    expect(signature).toMatchObject({ role: 'owner', name: 'Mme Lefèvre', sha256: await digestSha256(await png.arrayBuffer()) })
    expect(Date.parse(signature.signedAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(await database.blobs.get(signature.sha256)).toMatchObject({ mime: 'image/png', pending: 1, productionId: 'prod-1' })
    expect(await database.outbox.count()).toBe(0)
  })

  it('refuses a signature without a name', async () => {
    const database = open()
    await expect(saveSignature({ productionId: 'prod-1', role: 'production', name: '  ', png: new Blob(['x']) }, database)).rejects.toThrow(/name/)
    expect(await database.blobs.count()).toBe(0)
  })
})

describe('photo list', () => {
  async function threePhotos(database: RegieDatabase) {
    const a = await addPhoto({ ...decor, processed: await bytes('a') }, database)
    const b = await addPhoto({ ...decor, slot: 'room:Cuisine', processed: await bytes('b') }, database)
    const c = await addPhoto({ ...decor, processed: await bytes('c') }, database)
    return [a, b, c] as const
  }

  const nextValue = <T>(observable: { subscribe(next: (value: T) => void): { unsubscribe(): void } }) =>
    new Promise<T>((resolve) => {
      const subscription = observable.subscribe((value) => {
        subscription.unsubscribe()
        resolve(value)
      })
    })

  it('lists the owner\'s live photos in order, all or one slot', async () => {
    const database = open()
    const [a, b, c] = await threePhotos(database)
    expect((await nextValue(livePhotos('prod-1', 'loc-1', undefined, database))).map((photo) => photo.id)).toEqual([a.id, b.id, c.id])
    expect((await nextValue(livePhotos('prod-1', 'loc-1', '', database))).map((photo) => photo.id)).toEqual([a.id, c.id])
    expect((await nextValue(livePhotos('prod-1', 'loc-1', 'room:Cuisine', database))).map((photo) => photo.id)).toEqual([b.id])
    await removePhoto('prod-1', b.id, database)
    expect((await nextValue(livePhotos('prod-1', 'loc-1', undefined, database))).map((photo) => photo.id)).toEqual([a.id, c.id])
    expect(await database.blobs.get(b.sha256)).toBeDefined()
  })

  it('moves a photo among those shown, leaving other slots in place, in one change per moved record', async () => {
    const database = open()
    const [a, b, c] = await threePhotos(database)
    const outboxBefore = await database.outbox.count()
    await movePhoto('prod-1', c.id, -1, '', database)
    expect((await nextValue(livePhotos('prod-1', 'loc-1', undefined, database))).map((photo) => photo.id)).toEqual([c.id, b.id, a.id])
    const patches = (await database.outbox.toArray()).slice(outboxBefore)
    expect(patches.map((entry) => entry.name)).toEqual(['photo.patch', 'photo.patch'])
    await movePhoto('prod-1', c.id, -1, '', database) // already first
    await movePhoto('prod-1', b.id, 1, 'room:Cuisine', database) // alone in its slot
    expect(await database.outbox.count()).toBe(outboxBefore + 2)
    await movePhoto('prod-1', b.id, 1, undefined, database)
    expect((await nextValue(livePhotos('prod-1', 'loc-1', undefined, database))).map((photo) => photo.id)).toEqual([c.id, a.id, b.id])
  })

  it('settles equal orders left by two phones when a photo is moved', async () => {
    const database = open()
    const [a, , c] = await threePhotos(database)
    await database.records('photo').update(['prod-1', c.id], { order: 0 }) // as if pulled from another phone
    await movePhoto('prod-1', c.id, 1, undefined, database)
    const orders = (await nextValue(livePhotos('prod-1', 'loc-1', undefined, database))).map((photo) => [photo.id, photo.order])
    expect(orders.map(([, order]) => order)).toEqual([0, 1, 2])
    expect(orders[0]![0]).toBe(a.id)
  })

  it('changes caption and staging note, sending only what changed', async () => {
    const database = open()
    const [a] = await threePhotos(database)
    const result = await describePhoto('prod-1', a.id, { caption: ' Entrée côté rue ' }, database)
    expect(result).toMatchObject({ ok: true, record: { caption: 'Entrée côté rue', stagingNote: '' } })
    const last = (await database.outbox.toArray()).at(-1)!
    expect(last).toMatchObject({ name: 'photo.patch', args: { id: a.id, fields: { caption: 'Entrée côté rue' } } })
    const outboxBefore = await database.outbox.count()
    expect((await describePhoto('prod-1', a.id, { caption: 'Entrée côté rue' }, database)).ok).toBe(true)
    expect(await database.outbox.count()).toBe(outboxBefore)
    expect(await describePhoto('prod-1', a.id, { stagingNote: 'x'.repeat(2001) }, database)).toEqual({ ok: false, errors: { stagingNote: 'validation.tooLong' } })
    await removePhoto('prod-1', a.id, database)
    expect(await describePhoto('prod-1', a.id, { caption: 'trop tard' }, database)).toEqual({ ok: false, errors: { _: 'errors.notFound' } })
  })
})

describe('createWithBlobs', () => {
  const at = '2025-06-01T08:00:00.000Z'
  const record = (id: string, productionId: string, extra: Record<string, unknown> = {}) =>
    ({ id, productionId, createdAt: at, updatedAt: at, deletedAt: null, name: `Décor ${id}`, ...extra }) as BaseRecord

  it('writes records, their new bytes and the upload queue in one go, bytes already here queued only', async () => {
    const database = open()
    const first = await bytes('façade')
    await addPhoto({ ...decor, processed: first }, database)
    const second = await bytes('cour')
    await createWithBlobs({
      productionId: 'prod-2',
      records: [{ entity: 'location', record: record('l1', 'prod-2') }, { entity: 'photo', record: record('p1', 'prod-2', { ownerId: 'l1', sha256: second.sha256 }) }],
      blobs: [{ sha256: second.sha256, mime: 'image/jpeg', blob: second.blob }, { sha256: first.sha256, mime: 'image/jpeg', blob: null }],
    }, database)
    expect(await productionsHolding('location', ['l1', 'l9'], database)).toEqual(new Map([['l1', 'prod-2']]))
    expect(await blobsOnDevice([first.sha256, second.sha256, 'f'.repeat(64)], database)).toEqual(new Set([first.sha256, second.sha256]))
    expect((await pendingBlobs('prod-2', database)).map((blob) => blob.sha256).sort()).toEqual([first.sha256, second.sha256].sort())
    expect((await database.outbox.toArray()).map((entry) => entry.name)).toEqual(['photo.create', 'location.create', 'photo.create'])
  })

  it('writes nothing when any of its records is on the phone by then, in any production, deleted or not', async () => {
    const database = open()
    await createWithBlobs({ productionId: 'prod-1', records: [{ entity: 'location', record: record('l1', 'prod-1', { name: 'Original' }) }], blobs: [] }, database)
    const photo = await bytes('cave')
    const attempt = createWithBlobs({
      productionId: 'prod-2',
      records: [{ entity: 'location', record: record('l2', 'prod-2') }, { entity: 'location', record: record('l1', 'prod-2') }],
      blobs: [{ sha256: photo.sha256, mime: 'image/jpeg', blob: photo.blob }],
    }, database)
    await expect(attempt).rejects.toEqual(new RecordsExist(['l1']))
    expect(await database.records('location').get(['prod-1', 'l1'])).toMatchObject({ productionId: 'prod-1', name: 'Original' })
    expect(await database.records('location').get(['prod-2', 'l2'])).toBeUndefined()
    expect(await database.blobs.count()).toBe(0)
    expect(await database.outbox.count()).toBe(1)
  })
})
