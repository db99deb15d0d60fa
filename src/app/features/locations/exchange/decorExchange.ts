/**
 * The décors of a production in and out as a ZIP (format: core/exchange/decorArchive.ts), for handing work over
 * without a server. Export reads the live décors, their photos and the bytes this phone holds.
 * Import reads the chosen file in slices (never whole), checks it against the import limits and writes in batches,
 * each ONE transaction holding whole décors with their photos' bytes, their photo records and the outbox entries of
 * those creations, so no décor ever lands without its photos. A stopped or failed import is resumable rather than
 * undone: undoing would mean taking back changes the sync may already have sent to the team, whereas importing the same
 * file again writes only what is missing, as nothing on the phone is ever overwritten (core/exchange/decorImport.ts).
 * No step holds the page for more than a slice (core/exchange/pace.ts).
 */
import type { ArchiveProgress, ArchiveReading, DecorArchive } from '../../../../core/exchange/decorArchive'
import type { DecorImportUnit } from '../../../../core/exchange/decorImport'
import { createPace, type Pace } from '../../../../core/exchange/pace'
import type { ZipSource } from '../../../../core/exchange/zipReader'
import type { Location, Photo, Production } from '../../../../core/model'
import { newId } from '../../../../core/sync/ids'
import { blobsOnDevice, createWithBlobs, getBlob, RecordsExist } from '../../../db/blobStore'
import { db, type RegieDatabase } from '../../../db/db'
import { productionsHolding } from '../../../db/repository'
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

/** A chosen file, read a slice at a time: a 1 GB hand-in never sits in memory whole. */
export function fileSource(file: Blob): ZipSource {
  return { size: file.size, read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()) }
}

/** Reads and checks a chosen file, in slices, saying how far it has got; nothing is written. */
export async function readDecorZip(file: Blob, onProgress?: (progress: ArchiveProgress) => void): Promise<ArchiveReading> {
  const { readDecorArchive } = await archiveModule()
  return readDecorArchive(fileSource(file), { onProgress })
}

/** Reading and checking the file, then writing its décors. */
export type ExchangeProgress = ArchiveProgress | { phase: 'write'; done: number; total: number }

/** What an import would do to the production, shown before it starts. */
export interface ImportPreview {
  /** Décors to write, with their photo records. */
  decors: number
  photos: number
  /** Décors the production holds already, with the same id (an earlier import of the same file): left as they are. */
  present: number
  /** Décors that come in as copies, because another production of this phone holds them. */
  copies: number
}

async function planImport(productionId: string, archive: DecorArchive, pace: Pace, database: RegieDatabase) {
  const { lookUpHolders, planDecorImport } = await importModule()
  const holderOf = await lookUpHolders(archive.manifest, productionId, (entity, ids) => productionsHolding(entity, ids, database), pace)
  return planDecorImport(archive.manifest, { productionId, holderOf, newId: () => newId() }, pace)
}

export async function previewImport(productionId: string, archive: DecorArchive, database: RegieDatabase = db): Promise<ImportPreview> {
  const plan = await planImport(productionId, archive, createPace(), database)
  return { decors: plan.units.length, photos: plan.photos, present: plan.present, copies: plan.copies }
}

/**
 * At most 250 records and 32 MB of photos per transaction: each batch's work on the page stays a few milliseconds
 * and its photos are the only ones in memory.
 */
const BATCH = { records: 250, bytes: 32_000_000 }
/** Another tab or a pull may bring some of the décors meanwhile: the rest is planned again, this many times at most. */
const REPLANS = 3

export interface ImportOptions {
  /** Décors written so far, of all to write. */
  onProgress?: (progress: { done: number; total: number }) => void
  /** Stops between two batches. */
  signal?: AbortSignal
  pace?: Pace
}

/** An import that stopped after some batches were written: importing the same file again writes the rest. */
export class ImportInterrupted extends Error {
  constructor(
    readonly reason: 'stopped' | 'failed',
    readonly done: number,
    readonly total: number,
    override readonly cause?: unknown,
  ) {
    super(`Décor import ${reason} after ${done} of ${total}`)
    this.name = 'ImportInterrupted'
  }
}

export async function importDecors(
  productionId: string,
  archive: DecorArchive,
  options: ImportOptions = {},
  database: RegieDatabase = db,
): Promise<ImportPreview> {
  const { importBatches } = await importModule()
  const pace = options.pace ?? createPace()
  const fileSize = new Map(archive.manifest.files.map((file) => [file.sha256, file.size]))
  let plan = await planImport(productionId, archive, pace, database)
  const written: ImportPreview = { decors: 0, photos: 0, present: plan.present, copies: 0 }
  for (let replans = 0; ; replans++) {
    const total = written.decors + plan.units.length
    options.onProgress?.({ done: written.decors, total })
    try {
      for (const batch of importBatches(plan.units, (sha256) => fileSize.get(sha256) ?? 0, BATCH)) {
        if (options.signal?.aborted) throw new ImportInterrupted('stopped', written.decors, total)
        await writeBatch(productionId, archive, batch, pace, database)
        written.decors += batch.length
        written.photos += batch.reduce((sum, unit) => sum + unit.photos.length, 0)
        written.copies += batch.filter((unit) => unit.copy).length
        options.onProgress?.({ done: written.decors, total })
        await pace()
      }
      return written
    } catch (error) {
      if (error instanceof RecordsExist && replans < REPLANS) {
        plan = await planImport(productionId, archive, pace, database)
        // The décors found now include those this import wrote.
        written.present = plan.present - written.decors
        continue
      }
      if (error instanceof ImportInterrupted || written.decors === 0) throw error
      throw new ImportInterrupted('failed', written.decors, total, error)
    }
  }
}

/** One transaction: the batch's décors, their photo records and the photo bytes the phone does not hold yet. */
async function writeBatch(productionId: string, archive: DecorArchive, batch: DecorImportUnit[], pace: Pace, database: RegieDatabase) {
  const photos = batch.flatMap((unit) => unit.photos)
  const mimes = new Map(photos.map((photo) => [photo.sha256, photo.mime]))
  const here = await blobsOnDevice([...mimes.keys()], database)
  const blobs = []
  for (const [sha256, mime] of mimes) {
    const bytes = here.has(sha256) ? null : await archive.photoBytes(sha256, pace)
    blobs.push({ sha256, mime, blob: bytes && new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }) })
  }
  const records = batch.flatMap((unit) => [
    { entity: 'location' as const, record: unit.location },
    ...unit.photos.map((record) => ({ entity: 'photo' as const, record })),
  ])
  await createWithBlobs({ productionId, records, blobs }, database)
}

export { saveFile } from '../../../ui/saveFile'
