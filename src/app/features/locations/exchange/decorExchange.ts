/**
 * The décors of a production in and out as a ZIP (format: core/exchange/decorArchive.ts), for handing work over
 * without a server. Export reads the live décors, their photos and the bytes this phone holds. Import writes, in ONE
 * transaction, the photo bytes, the décors, their photo records and the outbox entries of those creations: all or
 * nothing, so a failure half-way (phone full) leaves no décor without its photos. Nothing on the phone is overwritten:
 * records whose id the phone already holds come in as copies with new ids (core/exchange/decorImport.ts).
 */
import type { Location, Photo, Production } from '../../../../core/model'
import { newId } from '../../../../core/sync/ids'
import type { ArchiveReading, DecorArchive } from '../../../../core/exchange/decorArchive'
import { queueBlobUpload } from '../../../db/blobQueueStore'
import { getBlob } from '../../../db/blobStore'
import { db, type RegieDatabase } from '../../../db/db'
import { writeFailure } from '../../../db/storageErrors'
import { commitChanges, writeTables, type LocalChange } from '../../../db/writePath'
import { repositoryFor } from '../../records/repositories'

// The ZIP code (fflate) loads only when a file is exported or imported.
const archiveModule = () => import('../../../../core/exchange/decorArchive')
const importModule = () => import('../../../../core/exchange/decorImport')

export interface DecorExport {
  blob: Blob
  fileName: string
  decors: number
  photos: number
  /** Photos left out because their bytes have not reached this phone yet. */
  leftOut: number
}

/** "Les Nuits de Jeanne" exported on 20 June 2025 -> decors-les-nuits-de-jeanne-2025-06-20.zip */
export function exportFileName(productionName: string, day: string): string {
  const slug = productionName.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `decors-${slug || 'production'}-${day}.zip`
}

export async function exportDecors(productionId: string): Promise<DecorExport> {
  const production = await repositoryFor<Production>('production').get(productionId, productionId)
  const locations = await repositoryFor<Location>('location').list(productionId)
  const photos = (await repositoryFor<Photo>('photo').list(productionId)).filter((photo) => photo.ownerEntity === 'location')
  const files = new Map<string, Uint8Array>()
  for (const sha256 of new Set(photos.map((photo) => photo.sha256))) {
    const blob = await getBlob(sha256)
    if (blob) files.set(sha256, new Uint8Array(await blob.arrayBuffer()))
  }
  const { writeDecorArchive } = await archiveModule()
  const exportedAt = new Date().toISOString()
  const { zip, manifest, leftOut } = writeDecorArchive({
    production: { id: productionId, name: production?.name ?? '' },
    locations,
    photos,
    files,
    exportedAt,
  })
  return {
    blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    fileName: exportFileName(production?.name ?? '', exportedAt.slice(0, 10)),
    decors: manifest.locations.length,
    photos: manifest.photos.length,
    leftOut: leftOut.length,
  }
}

/** Reads and checks a chosen file; nothing is written. */
export async function readDecorZip(file: Blob): Promise<ArchiveReading> {
  const { readDecorArchive } = await archiveModule()
  return readDecorArchive(new Uint8Array(await file.arrayBuffer()))
}

/** Ids of the archive's records this phone already holds, in any production, deleted ones included. */
async function idsOnDevice(archive: DecorArchive, database: RegieDatabase): Promise<Set<string>> {
  const ids = [...archive.manifest.locations.map((location) => location.id), ...archive.manifest.photos.map((photo) => photo.id)]
  const found = [...(await database.records('location').where('id').anyOf(ids).toArray()), ...(await database.records('photo').where('id').anyOf(ids).toArray())]
  return new Set(found.map((record) => record.id))
}

/** How many décors would come in as copies: asked before importing. */
export async function countCopies(archive: DecorArchive, database: RegieDatabase = db): Promise<number> {
  const existing = await idsOnDevice(archive, database)
  return archive.manifest.locations.filter((location) => existing.has(location.id)).length
}

export async function importDecors(
  productionId: string,
  archive: DecorArchive,
  database: RegieDatabase = db,
): Promise<{ decors: number; photos: number; copies: number }> {
  const { planDecorImport } = await importModule()
  const tables = [database.blobs, database.blobUploads, database.records('location'), database.records('photo'), ...writeTables(database)]
  try {
    return await database.transaction('rw', tables, async () => {
      // Checked again inside the transaction: another tab may have imported the same file meanwhile.
      const plan = planDecorImport(archive, { productionId, existingIds: await idsOnDevice(archive, database), newId: () => newId() })
      for (const { sha256, mime, bytes } of plan.blobs) {
        if ((await database.blobs.where('sha256').equals(sha256).count()) === 0) {
          const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime })
          await database.blobs.add({ sha256, blob, mime, size: bytes.byteLength, createdAt: new Date().toISOString(), productionId, pending: 1 })
        }
        // Queued even when the bytes are already on the phone (the same décors in another production): a team
        // production's server must be sent them for its members to see them.
        await queueBlobUpload(productionId, sha256, database)
      }
      const changes: LocalChange[] = [
        ...plan.locations.map((record): LocalChange => ({ op: 'create', entity: 'location', record })),
        ...plan.photos.map((record): LocalChange => ({ op: 'create', entity: 'photo', record })),
      ]
      if (changes.length > 0) await commitChanges(changes, database)
      return { decors: plan.locations.length, photos: plan.photos.length, copies: plan.copies }
    })
  } catch (error) {
    throw writeFailure(error)
  }
}

export { saveFile } from '../../../ui/saveFile'
