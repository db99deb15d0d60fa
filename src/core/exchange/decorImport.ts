/**
 * What importing a checked décor archive writes into a production: the décors and their photo records moved to the
 * target production, and the photo bytes. Nothing already on the device is ever overwritten: a décor or photo whose
 * id the device already holds (in any production, deleted ones too, since a deletion wins over a later create)
 * comes in as a copy with a new id, and its photos follow it.
 */
import type { Location } from '../model/location'
import type { Photo } from '../model/photo'
import type { DecorArchive } from './decorArchive'

export interface DecorImportPlan {
  locations: Location[]
  photos: Photo[]
  blobs: { sha256: string; mime: string; bytes: Uint8Array }[]
  /** Décors that come in as copies, because their id is already on this device. */
  copies: number
}

export interface ImportTarget {
  productionId: string
  /** Ids of the archive's records that the device already holds. */
  existingIds: ReadonlySet<string>
  newId: () => string
}

/** Every id in the archive that could collide with a record on the device. */
export function archiveRecordIds(archive: DecorArchive): string[] {
  return [...archive.manifest.locations.map((location) => location.id), ...archive.manifest.photos.map((photo) => photo.id)]
}

export function planDecorImport(archive: DecorArchive, target: ImportTarget): DecorImportPlan {
  const { productionId, existingIds, newId } = target
  // A new id never takes one the device holds nor one the archive itself uses.
  const reserved = new Set([...existingIds, ...archiveRecordIds(archive)])
  const used = new Set<string>()
  const fresh = (id: string) => {
    let next = id
    if (existingIds.has(id) || used.has(id)) {
      do next = newId()
      while (reserved.has(next) || used.has(next))
    }
    used.add(next)
    return next
  }

  const locationIds = new Map<string, string>()
  const locations = archive.manifest.locations.map((location) => {
    const id = fresh(location.id)
    locationIds.set(location.id, id)
    return { ...location, id, productionId }
  })
  const photos = archive.manifest.photos.map((photo) => ({ ...photo, id: fresh(photo.id), productionId, ownerId: locationIds.get(photo.ownerId)! }))
  const blobs = archive.manifest.files.map((file) => ({ sha256: file.sha256, mime: file.mime, bytes: archive.files.get(file.sha256)! }))
  const copies = locations.filter((location, index) => location.id !== archive.manifest.locations[index]!.id).length
  return { locations, photos, blobs, copies }
}
