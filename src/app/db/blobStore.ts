/**
 * Photos, signatures and attached documents on this phone: their bytes in `blobs`, addressed by SHA-256, and the
 * records that point at them. Guarantees: a photo's bytes, its record and the record's outbox entry commit in one transaction,
 * so there is never a record whose bytes the upload queue would miss; the same bytes are stored once; bytes made
 * here are `pending` until the upload queue hears the server's 201. Removing a photo keeps its bytes: another
 * photo or a signature may share them, and the server already has or will get them.
 */
import type { Observable } from 'dexie'
import * as v from 'valibot'
import { digestSha256 } from '../../core/media/digest'
import {
  photoFields, PhotoSchema, SignatureSchema, validate, type BaseRecord, type EntityName, type Photo, type Signature, type SignerRole,
} from '../../core/model'
import { newId } from '../../core/sync/ids'
import { db, liveQuery, type RegieDatabase } from './db'
import { changedFields, productionsHolding, type RecordsById, type SaveResult } from './repository'
import { queueBlobUpload } from './blobQueueStore'
import { writeFailure } from './storageErrors'
import { commitChanges, writeTables, type LocalChange } from './writePath'

/** A photo ready to store: what processImage makes. */
export interface PhotoBytes {
  blob: Blob
  sha256: string
  mime: string
  size: number
  width: number
  height: number
  /** 'YYYY-MM-DDTHH:MM:SS', wall-clock time where the photo was taken (EXIF), else the file's date on this device. */
  takenAt: string
  lat: number | null
  lng: number | null
  heading: number | null
}

export interface NewPhoto {
  productionId: string
  ownerEntity: EntityName
  ownerId: string
  slot?: string
  processed: PhotoBytes
  caption?: string
}

const photos = (database: RegieDatabase) => database.records<Photo>('photo')

/** The owner's live photos in their order (ties, from two phones adding at once, by creation time). */
async function ownerPhotos(database: RegieDatabase, productionId: string, ownerId: string): Promise<Photo[]> {
  const rows = await photos(database).where('[productionId+ownerId]').equals([productionId, ownerId]).toArray()
  return rows.filter((photo) => !photo.deletedAt).sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt))
}

/** Stores bytes unless already there, and queues them for upload by this production (see BlobUpload). */
async function keepBlob(database: RegieDatabase, productionId: string, sha256: string, blob: Blob, mime: string): Promise<void> {
  if ((await database.blobs.where('sha256').equals(sha256).count()) === 0) {
    await database.blobs.add({ sha256, blob, mime, size: blob.size, createdAt: new Date().toISOString(), productionId, pending: 1 })
  }
  await queueBlobUpload(productionId, sha256, database)
}

export async function addPhoto(input: NewPhoto, database: RegieDatabase = db): Promise<Photo> {
  const { productionId, ownerEntity, ownerId, slot = '', processed, caption = '' } = input
  const { blob, ...facts } = processed
  const now = new Date().toISOString()
  const checked = validate(PhotoSchema, { ...facts, id: newId(), productionId, createdAt: now, updatedAt: now, ownerEntity, ownerId, slot, caption })
  if (!checked.ok) throw new Error(`Photo for ${ownerEntity} ${ownerId} is invalid: ${JSON.stringify(checked.errors)}`)
  const record = checked.value
  try {
    await database.transaction('rw', [database.blobs, database.blobUploads, photos(database), ...writeTables(database)], async () => {
      const last = (await ownerPhotos(database, productionId, ownerId)).at(-1)
      record.order = last ? last.order + 1 : 0
      await keepBlob(database, productionId, processed.sha256, blob, processed.mime)
      await commitChanges([{ op: 'create', entity: 'photo', record }], database)
    })
  } catch (error) {
    throw writeFailure(error)
  }
  return (await photos(database).get([productionId, record.id]))!
}

export async function saveSignature(
  input: { productionId: string; role: SignerRole; name: string; png: Blob },
  database: RegieDatabase = db,
): Promise<Signature> {
  const sha256 = await digestSha256(await input.png.arrayBuffer())
  const checked = validate(SignatureSchema, { role: input.role, name: input.name, signedAt: new Date().toISOString(), sha256 })
  if (!checked.ok) throw new Error(`Signature of ${input.role} is invalid: ${JSON.stringify(checked.errors)}`)
  try {
    await database.transaction('rw', database.blobs, database.blobUploads, () => keepBlob(database, input.productionId, sha256, input.png, input.png.type || 'image/png'))
  } catch (error) {
    throw writeFailure(error)
  }
  return checked.value
}

/**
 * A document joined to a record (a permit's insurance certificate, a scanned plan): its bytes are stored and the
 * record changes that point at them (made by `changesFor` from the SHA-256) commit in the same transaction, so a
 * checklist never names a file this phone does not hold. Returns the SHA-256.
 */
export async function attachDocument(
  input: { productionId: string; file: Blob; mime: string },
  changesFor: (sha256: string) => LocalChange[],
  database: RegieDatabase = db,
): Promise<string> {
  const sha256 = await digestSha256(await input.file.arrayBuffer())
  const changes = changesFor(sha256)
  const tables = [...new Set(changes.map((change) => database.records(change.entity)))]
  try {
    await database.transaction('rw', [database.blobs, database.blobUploads, ...tables, ...writeTables(database)], async () => {
      await keepBlob(database, input.productionId, sha256, input.file, input.mime)
      await commitChanges(changes, database)
    })
  } catch (error) {
    // The record went away meanwhile, or the production is read-only: say so, rather than blame the phone's storage.
    throw writeFailure(error)
  }
  return sha256
}

/** Records to create that the phone holds by the time they are written (another tab, a pull): nothing was written. */
export class RecordsExist extends Error {
  constructor(readonly ids: string[]) {
    super(`${ids.length} records already on this phone, first ${ids[0]}`)
    this.name = 'RecordsExist'
  }
}

/**
 * Creates records with the bytes they point at, in one transaction (imported décors with their photos): bytes not on
 * the phone yet are stored (`blob`; null for bytes it holds), all are queued for upload by the production, and the
 * records with their outbox entries go through the write path. Nothing already here is overwritten: when any id is on
 * the phone by then, nothing is written and RecordsExist names them.
 */
export async function createWithBlobs(
  input: { productionId: string; records: { entity: RecordsById; record: BaseRecord }[]; blobs: { sha256: string; mime: string; blob: Blob | null }[] },
  database: RegieDatabase = db,
): Promise<void> {
  const entities = [...new Set(input.records.map(({ entity }) => entity))]
  const tables = entities.map((entity) => database.records(entity))
  try {
    await database.transaction('rw', [database.blobs, database.blobUploads, ...tables, ...writeTables(database)], async () => {
      const taken: string[] = []
      for (const entity of entities) {
        const ids = input.records.filter((entry) => entry.entity === entity).map(({ record }) => record.id)
        taken.push(...[...(await productionsHolding(entity, ids, database)).keys()])
      }
      if (taken.length > 0) throw new RecordsExist(taken)
      for (const { sha256, mime, blob } of input.blobs) {
        if (blob) await keepBlob(database, input.productionId, sha256, blob, mime)
        else if ((await database.blobs.where('sha256').equals(sha256).count()) > 0) await queueBlobUpload(input.productionId, sha256, database)
        else throw new Error(`Bytes ${sha256} are no longer on this phone`)
      }
      await commitChanges(input.records.map(({ entity, record }) => ({ op: 'create', entity, record })), database)
    })
  } catch (error) {
    throw error instanceof RecordsExist ? error : writeFailure(error)
  }
}

/** Which of these bytes the phone holds, read from the keys alone. */
export async function blobsOnDevice(sha256s: readonly string[], database: RegieDatabase = db): Promise<Set<string>> {
  return new Set(await database.blobs.where('sha256').anyOf([...sha256s]).primaryKeys())
}

export async function getBlob(sha256: string, database: RegieDatabase = db): Promise<Blob | null> {
  return (await database.blobs.get(sha256))?.blob ?? null
}

/** The bytes as they arrive: a photo shot on another phone appears once the sync has fetched it. */
export function liveBlob(sha256: string, database: RegieDatabase = db): Observable<Blob | null> {
  return liveQuery(() => getBlob(sha256, database))
}

/** The owner's photos, in order; only those of one slot when `slot` is given ('' = the whole record's). */
export function livePhotos(productionId: string, ownerId: string, slot?: string, database: RegieDatabase = db): Observable<Photo[]> {
  return liveQuery(async () => (await ownerPhotos(database, productionId, ownerId)).filter((photo) => slot === undefined || photo.slot === slot))
}

const DescriptionSchema = v.object({ caption: photoFields.caption, stagingNote: photoFields.stagingNote })

/** Changes the caption and/or the staging note; only the fields that differ are sent. */
export async function describePhoto(
  productionId: string,
  id: string,
  fields: { caption?: string; stagingNote?: string },
  database: RegieDatabase = db,
): Promise<SaveResult<Photo>> {
  const photo = await photos(database).get([productionId, id])
  if (!photo || photo.deletedAt) return { ok: false, errors: { _: 'errors.notFound' } }
  const current = { caption: photo.caption, stagingNote: photo.stagingNote }
  const checked = validate(DescriptionSchema, { ...current, ...fields })
  if (!checked.ok) return checked
  const changed = changedFields(current, checked.value)
  if (Object.keys(changed).length > 0) await commitChanges([{ op: 'patch', entity: 'photo', productionId, id, fields: changed }], database)
  return { ok: true, record: (await photos(database).get([productionId, id]))! }
}

/**
 * Moves a photo one place up (-1) or down (+1) among the photos shown with it (its owner's, of `slot` when given).
 * The whole owner's list is then numbered 0, 1, 2...: this also settles ties left by two phones adding at once.
 */
export async function movePhoto(productionId: string, id: string, offset: -1 | 1, slot?: string, database: RegieDatabase = db): Promise<void> {
  try {
    await database.transaction('rw', [photos(database), ...writeTables(database)], async () => {
      const moved = await photos(database).get([productionId, id])
      if (!moved) return
      const all = await ownerPhotos(database, productionId, moved.ownerId)
      const shown = all.filter((photo) => slot === undefined || photo.slot === slot)
      const from = shown.findIndex((photo) => photo.id === id)
      const to = from + offset
      if (from < 0 || to < 0 || to >= shown.length) return
      shown.splice(to, 0, ...shown.splice(from, 1))
      // The shown photos take their new sequence in the places they held; photos of other slots keep theirs.
      let next = 0
      const reordered = all.map((photo) => (slot === undefined || photo.slot === slot ? shown[next++]! : photo))
      const changes: LocalChange[] = reordered
        .map((photo, order) => ({ photo, order }))
        .filter(({ photo, order }) => photo.order !== order)
        .map(({ photo, order }) => ({ op: 'patch', entity: 'photo', productionId, id: photo.id, fields: { order } }))
      if (changes.length > 0) await commitChanges(changes, database)
    })
  } catch (error) {
    throw writeFailure(error)
  }
}

export async function removePhoto(productionId: string, id: string, database: RegieDatabase = db): Promise<void> {
  const photo = await photos(database).get([productionId, id])
  if (photo && !photo.deletedAt) await commitChanges([{ op: 'delete', entity: 'photo', productionId, id }], database)
}
