/**
 * What importing a checked décor archive writes into a production, and in which batches. Nothing already on the
 * device is ever overwritten, and importing the same file again writes only what is missing, which is what makes a
 * stopped or failed import resumable (each batch is its own transaction, see decorExchange.ts):
 * - a décor whose id the production holds already (an earlier import of this file, finished or not; deleted since
 *   or not, as a deletion wins over a later create) is left as it is, with its photos;
 * - a décor whose id another production of the device holds comes in as a copy, with an id made from the production
 *   and its own id, so that importing again finds the copy and leaves it too;
 * - any other décor keeps its id. Photos follow their décor, their ids placed the same way.
 * Every step is linear: each id is looked up once (its copy's id too, where needed), no record is compared with the others.
 */
import { sha256 } from '../media/digest'
import type { Location } from '../model/location'
import type { Photo } from '../model/photo'
import { uuidOf } from '../sync/ids'
import type { DecorArchiveManifest } from './decorArchive'
import type { Pace } from './pace'

export type ImportedEntity = 'location' | 'photo'

export interface ImportTarget {
  productionId: string
  /** The production holding this id on the device, deleted records included; undefined when none does. */
  holderOf: (entity: ImportedEntity, id: string) => string | undefined
  newId: () => string
}

/** A décor and its photos: written in one transaction, so a décor never lands without its photos. */
export interface DecorImportUnit {
  location: Location
  photos: Photo[]
  /** The décor comes in as a copy, another production of the device holding its id. */
  copy: boolean
}

export interface DecorImportPlan {
  units: DecorImportUnit[]
  /** Décors the production holds already (same id or same copy id): left as they are, with their photos. */
  present: number
  /** Décors that come in as copies, because another production of the device holds their id. */
  copies: number
  /** Photo records to write. */
  photos: number
}

type ManifestRecords = Pick<DecorArchiveManifest, 'locations' | 'photos'>

/**
 * The id a record's copy takes in a production: a UUID (version 8, RFC 9562) from the SHA-256 of both ids, the same
 * every time, so a second import finds the copy the first one made.
 */
export function copyIdOf(productionId: string, id: string): string {
  return uuidOf(sha256(new TextEncoder().encode(`regie.copy\u0000${productionId}\u0000${id}`)), 8)
}

/** Ids asked of the device at once: small enough that a slice of work stays short. */
const LOOKUP_IDS = 500

/**
 * Which production holds each id the plan will ask about: the archive's own ids, and the id of the copy each would
 * make where another production holds it. `lookUp` answers for a list of ids (the device database); it is asked in
 * chunks, each id once, pacing between chunks.
 */
export async function lookUpHolders(
  manifest: ManifestRecords,
  productionId: string,
  lookUp: (entity: ImportedEntity, ids: string[]) => Promise<ReadonlyMap<string, string>>,
  pace: Pace,
): Promise<ImportTarget['holderOf']> {
  const held: Record<ImportedEntity, Map<string, string>> = { location: new Map(), photo: new Map() }
  const ids: Record<ImportedEntity, string[]> = { location: manifest.locations.map((record) => record.id), photo: manifest.photos.map((record) => record.id) }
  for (const entity of ['location', 'photo'] as const) {
    for (let at = 0; at < ids[entity].length; at += LOOKUP_IDS) {
      const found = await lookUp(entity, ids[entity].slice(at, at + LOOKUP_IDS))
      const copies = [...found].filter(([, holder]) => holder !== productionId).map(([id]) => copyIdOf(productionId, id))
      const foundCopies = copies.length > 0 ? await lookUp(entity, copies) : new Map<string, string>()
      for (const [id, holder] of [...found, ...foundCopies]) held[entity].set(id, holder)
      await pace()
    }
  }
  return (entity, id) => held[entity].get(id)
}

export async function planDecorImport(manifest: ManifestRecords, target: ImportTarget, pace: Pace): Promise<DecorImportPlan> {
  const { productionId, holderOf, newId } = target
  const used = new Set<string>()
  const claim = (id: string) => {
    used.add(id)
    return { id, present: false }
  }
  /** Where a record goes: the id it takes in the production, and whether the production holds it already. */
  const place = (entity: ImportedEntity, id: string): { id: string; present: boolean } => {
    const holder = holderOf(entity, id)
    if (holder === productionId) return { id, present: true }
    if (holder === undefined && !used.has(id)) return claim(id)
    const copy = copyIdOf(productionId, id)
    const copyHolder = holderOf(entity, copy)
    if (copyHolder === productionId) return { id: copy, present: true }
    if (copyHolder === undefined && !used.has(copy)) return claim(copy)
    // Only a crafted file gets here (its copy's id taken elsewhere too): a fresh id, safe though not found again.
    let fresh = newId()
    while (holderOf(entity, fresh) !== undefined || used.has(fresh)) fresh = newId()
    return claim(fresh)
  }

  const photosOf = new Map<string, Photo[]>()
  for (const photo of manifest.photos) {
    const owned = photosOf.get(photo.ownerId)
    if (owned) owned.push(photo)
    else photosOf.set(photo.ownerId, [photo])
  }
  const plan: DecorImportPlan = { units: [], present: 0, copies: 0, photos: 0 }
  for (const location of manifest.locations) {
    await pace()
    const placed = place('location', location.id)
    if (placed.present) {
      plan.present++
      continue
    }
    const copy = placed.id !== location.id
    if (copy) plan.copies++
    const photos: Photo[] = []
    for (const photo of photosOf.get(location.id) ?? []) {
      const placedPhoto = place('photo', photo.id)
      if (!placedPhoto.present) photos.push({ ...photo, id: placedPhoto.id, productionId, ownerId: placed.id })
    }
    plan.photos += photos.length
    plan.units.push({ location: { ...location, id: placed.id, productionId }, photos, copy })
  }
  return plan
}

/**
 * Batches of whole units, each written in one transaction: at most `records` records and `bytes` photo bytes (each
 * file counted once per batch), except a single unit larger than that, which goes alone.
 */
export function importBatches(
  units: readonly DecorImportUnit[],
  fileSize: (sha256: string) => number,
  limits: { records: number; bytes: number },
): DecorImportUnit[][] {
  const batches: DecorImportUnit[][] = []
  let batch: DecorImportUnit[] = []
  let records = 0
  let bytes = 0
  let files = new Set<string>()
  const filesAdded = (unit: DecorImportUnit) => [...new Set(unit.photos.map((photo) => photo.sha256))].filter((sha256) => !files.has(sha256))
  const bytesOf = (sha256s: string[]) => sha256s.reduce((sum, sha256) => sum + fileSize(sha256), 0)
  for (const unit of units) {
    let added = filesAdded(unit)
    if (batch.length > 0 && (records + 1 + unit.photos.length > limits.records || bytes + bytesOf(added) > limits.bytes)) {
      batches.push(batch)
      batch = []
      records = 0
      bytes = 0
      files = new Set()
      added = filesAdded(unit)
    }
    batch.push(unit)
    records += 1 + unit.photos.length
    bytes += bytesOf(added)
    for (const sha256 of added) files.add(sha256)
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
