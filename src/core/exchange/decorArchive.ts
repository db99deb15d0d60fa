/**
 * The décors of a production as one ZIP file, to hand over without a server (a trainee's work to the trainer, a
 * scout's phone to the office): `manifest.json` (format name and version, the décors and their photo records) and
 * `photos/<sha256>.<ext>`, each photo's bytes named by their SHA-256.
 * Reading trusts nothing: a file that is not ours, from a newer version, with a path that climbs out of its folder,
 * beyond the import limits (IMPORT_LIMITS), with an invalid record or a photo whose bytes do not match their hash is
 * refused whole, with the reason, before anything is written. It works in slices (pace.ts) and holds one photo in
 * memory at a time, however big the file.
 */
import { strToU8, zipSync, type Zippable } from 'fflate'
import * as v from 'valibot'
import { digestSha256InSlices } from '../media/digest'
import { LocationSchema, type Location } from '../model/location'
import { PhotoSchema, type Photo } from '../model/photo'
import { MAX_BLOB_BYTES } from '../sync/blobRules'
import { createPace, type Pace } from './pace'
import { parseJsonInSlices } from './slicedJson'
import { bytesSource, readZipDirectory, readZipEntry, ZipRefused, type ZipEntry, type ZipProblem, type ZipSource } from './zipReader'

export const DECOR_ARCHIVE_FORMAT = 'regie.decors'
/** Raised when the manifest changes in a way an older app cannot read; an older app refuses a newer file. */
export const DECOR_ARCHIVE_VERSION = 1
export const MANIFEST_PATH = 'manifest.json'

const PHOTO_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const PHOTO_PATH = /^photos\/([0-9a-f]{64})\.(jpg|png|webp)$/

/**
 * What one import may bring. Sized on a real hand-in with room to spare: a trainee's 25 décors with 40 photos each,
 * resized to 2,048 px (JPEG 0.85, about 0.5 to 1.5 MB each), so 1,000 photos and at most about 1.5 GB.
 */
export const IMPORT_LIMITS = {
  /** Files in the ZIP: ten times the hand-in's 1,001. Each costs a directory entry, a hash and a queued upload. */
  entries: 10_000,
  /** Unpacked size of all files together: the hand-in's 1.5 GB with a margin; a phone's browser storage holds little more. */
  totalBytes: 2_000_000_000,
  /** A photo file: what the team server accepts as one blob (25 MiB), so every imported photo can be uploaded. */
  photoBytes: MAX_BLOB_BYTES,
  /**
   * Décors one import may queue as changes for the team: all the scouting of a feature several times over. 100,000
   * queued changes swamp a team server (and the phones that pull them); more goes through team sync.
   */
  decors: 5_000,
  /** Photo records, one queued change each: as many as the files the ZIP may hold. */
  photos: 10_000,
  /**
   * The manifest: at the two caps above, 5,000 décors of ~2 kB (the demo's fullest: 3.3 kB) and 10,000 photo records
   * of 0.65 kB are 17 MB; 50 MB leaves room for décors full of notes.
   */
  manifestBytes: 50_000_000,
  /**
   * One value parsed at once (a décor, a photo record): a décor with every text field full is 19,000 characters, under
   * 100 kB of UTF-8; the rest is room for long lists of rooms and contacts.
   */
  recordBytes: 1_000_000,
}
export type ImportLimits = typeof IMPORT_LIMITS

export const photoPath = (photo: Pick<Photo, 'sha256' | 'mime'>) => `photos/${photo.sha256}.${PHOTO_EXTENSIONS[photo.mime] ?? 'jpg'}`

export interface ArchiveFile {
  path: string
  sha256: string
  mime: string
  size: number
}

export interface DecorArchiveManifest {
  format: typeof DECOR_ARCHIVE_FORMAT
  version: number
  exportedAt: string
  production: { id: string; name: string }
  locations: Location[]
  photos: Photo[]
  files: ArchiveFile[]
}

/** What a ZIP holds once read and checked: every record valid, every photo's bytes present and matching. */
export interface DecorArchive {
  manifest: DecorArchiveManifest
  /**
   * A photo's bytes by SHA-256, read again from the file when they are written (never all in memory at once) and
   * checked against their hash again.
   */
  photoBytes(sha256: string, pace?: Pace): Promise<Uint8Array>
}

export type ArchiveProblem =
  | ZipProblem
  | { kind: 'notOurs' }
  | { kind: 'newerVersion'; version: number }
  | { kind: 'unsafePath'; path: string }
  | { kind: 'tooManyDecors'; count: number; max: number }
  | { kind: 'tooManyPhotos'; count: number; max: number }
  | { kind: 'corruptedManifest' }
  | { kind: 'invalidRecord'; entity: 'location' | 'photo'; id: string; field: string; message: string }
  | { kind: 'missingPhoto'; path: string }
  | { kind: 'corruptedPhoto'; path: string }

export type ArchiveReading = { ok: true; archive: DecorArchive } | { ok: false; problem: ArchiveProblem }

/** `read`: the manifest's bytes (compressed bytes read); `check`: the photo files whose hash was checked. */
export interface ArchiveProgress {
  phase: 'read' | 'check'
  done: number
  total: number
}

export interface ReadOptions {
  pace?: Pace
  onProgress?: (progress: ArchiveProgress) => void
  /** Tests lower or raise them; the app uses IMPORT_LIMITS. */
  limits?: Partial<ImportLimits>
}

export interface ArchiveContent {
  production: { id: string; name: string }
  locations: readonly Location[]
  /** Photos of any owner: only the live photos of the exported décors go in. */
  photos: readonly Photo[]
  /** Photo bytes by SHA-256; a photo whose bytes are not here is left out (and reported). */
  files: ReadonlyMap<string, Uint8Array>
  exportedAt: string
}

/**
 * Builds the ZIP. Deleted décors and photos stay out; so does a photo whose bytes this phone has not received yet
 * (`leftOut`): a record pointing at bytes the ZIP lacks would be refused on import.
 */
export function writeDecorArchive(content: ArchiveContent): { zip: Uint8Array; manifest: DecorArchiveManifest; leftOut: Photo[] } {
  const locations = content.locations.filter((location) => !location.deletedAt)
  const ids = new Set(locations.map((location) => location.id))
  const photos = content.photos.filter((photo) => !photo.deletedAt && ids.has(photo.ownerId))
  const kept = photos.filter((photo) => content.files.has(photo.sha256))
  const leftOut = photos.filter((photo) => !content.files.has(photo.sha256))

  const files = new Map<string, ArchiveFile>()
  for (const photo of kept) {
    const path = photoPath(photo)
    files.set(path, { path, sha256: photo.sha256, mime: photo.mime, size: content.files.get(photo.sha256)!.byteLength })
  }
  const manifest: DecorArchiveManifest = {
    format: DECOR_ARCHIVE_FORMAT,
    version: DECOR_ARCHIVE_VERSION,
    exportedAt: content.exportedAt,
    production: content.production,
    locations,
    photos: kept,
    files: [...files.values()],
  }
  const mtime = new Date(content.exportedAt)
  const entries: Zippable = { [MANIFEST_PATH]: [strToU8(JSON.stringify(manifest, null, 1)), { level: 6, mtime }] }
  // JPEG, PNG and WebP are compressed already: stored as they are, which is faster and no bigger.
  for (const file of files.values()) entries[file.path] = [content.files.get(file.sha256)!, { level: 0, mtime }]
  return { zip: zipSync(entries), manifest, leftOut }
}

/**
 * A name that stays inside the archive's folder once extracted: relative, forward slashes only, no `..`, no empty
 * or dot segment, no drive letter, no control character. Anything else is refused, never cleaned up.
 */
export function isSafeEntryPath(path: string): boolean {
  if (path.length === 0 || path.length > 255) return false
  if (/[\u0000-\u001f\u007f\\:]/.test(path)) return false
  if (path.startsWith('/')) return false
  const segments = path.replace(/\/$/, '').split('/')
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}


const HeaderSchema = v.looseObject({ format: v.literal(DECOR_ARCHIVE_FORMAT), version: v.pipe(v.number(), v.integer(), v.minValue(1)) })
const ManifestSchema = v.looseObject({
  exportedAt: v.string(),
  production: v.looseObject({ id: v.string(), name: v.string() }),
  locations: v.array(v.unknown()),
  photos: v.array(v.unknown()),
})

/** The first thing wrong with a record, as `{field, message key}` (the message keys of the shared schemas). */
function firstIssue(issues: readonly v.BaseIssue<unknown>[]): { field: string; message: string } {
  const issue = issues[0]!
  return { field: v.getDotPath(issue) ?? '_', message: issue.message }
}

function recordId(input: unknown): string {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : '?'
}

/** The first id given twice, in one pass: 100,000 décors take milliseconds (comparing each with all before took 36 s). */
export function firstRepeatedId(records: Iterable<{ id: string }>): string | undefined {
  const seen = new Set<string>()
  for (const { id } of records) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return undefined
}

class ArchiveRefused extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(`Archive refused: ${problem.kind}`)
    this.name = 'ArchiveRefused'
  }
}

function refuse(problem: ArchiveProblem): never {
  throw new ArchiveRefused(problem)
}

export async function readDecorArchive(input: Uint8Array | ZipSource, options: ReadOptions = {}): Promise<ArchiveReading> {
  const source = input instanceof Uint8Array ? bytesSource(input) : input
  const limits = { ...IMPORT_LIMITS, ...options.limits }
  try {
    return { ok: true, archive: await readArchive(source, limits, options.pace ?? createPace(), options.onProgress) }
  } catch (error) {
    if (error instanceof ZipRefused || error instanceof ArchiveRefused) return { ok: false, problem: error.problem }
    throw error
  }
}

async function readArchive(source: ZipSource, limits: ImportLimits, pace: Pace, onProgress?: (progress: ArchiveProgress) => void): Promise<DecorArchive> {
  // Nothing is inflated before the whole directory has passed: entry count, total size, names, each file's size.
  const entries = indexEntries(await readZipDirectory(source, limits), limits)
  const manifestEntry = entries.get(MANIFEST_PATH) ?? refuse({ kind: 'notOurs' })
  const manifestBytes = await readZipEntry(source, manifestEntry, pace, (done) => onProgress?.({ phase: 'read', done, total: manifestEntry.compressedSize }))
  let raw: unknown
  try {
    raw = await parseJsonInSlices(manifestBytes, pace, limits.recordBytes)
  } catch {
    refuse({ kind: 'corruptedManifest' })
  }
  const header = v.safeParse(HeaderSchema, raw)
  if (!header.success) refuse({ kind: 'notOurs' })
  const version = header.output.version
  if (version > DECOR_ARCHIVE_VERSION) refuse({ kind: 'newerVersion', version })
  const body = v.safeParse(ManifestSchema, raw)
  if (!body.success) refuse({ kind: 'corruptedManifest' })
  const { exportedAt, production, locations: locationInputs, photos: photoInputs } = body.output
  // Counted before any record is checked: a file of 100,000 décors is refused at once.
  if (locationInputs.length > limits.decors) refuse({ kind: 'tooManyDecors', count: locationInputs.length, max: limits.decors })
  if (photoInputs.length > limits.photos) refuse({ kind: 'tooManyPhotos', count: photoInputs.length, max: limits.photos })

  const locations = await validRecords(locationInputs, LocationSchema, 'location', pace)
  const photos = await validRecords(photoInputs, PhotoSchema, 'photo', pace)
  const locationIds = new Set(locations.map((location) => location.id))
  const files = new Map<string, { entry: ZipEntry; mime: string }>()
  for (const photo of photos) {
    if (photo.ownerEntity !== 'location' || !locationIds.has(photo.ownerId)) {
      refuse({ kind: 'invalidRecord', entity: 'photo', id: photo.id, field: 'ownerId', message: 'exchange.invalid.owner' })
    }
    const path = photoPath(photo)
    const entry = entries.get(path) ?? refuse({ kind: 'missingPhoto', path })
    if (!files.has(photo.sha256)) files.set(photo.sha256, { entry, mime: photo.mime })
  }

  const photoBytes = async (sha256: string, paceBy: Pace = createPace()): Promise<Uint8Array> => {
    const file = files.get(sha256)
    if (!file) throw new Error(`Photo ${sha256} is not in this archive`)
    const bytes = await readZipEntry(source, file.entry, paceBy)
    if ((await digestSha256InSlices(bytes, paceBy)) !== sha256) refuse({ kind: 'corruptedPhoto', path: file.entry.name })
    return bytes
  }
  // Every photo is checked before the archive is offered for import; each is read, hashed and let go in turn.
  let checked = 0
  onProgress?.({ phase: 'check', done: 0, total: files.size })
  for (const sha256 of files.keys()) {
    await photoBytes(sha256, pace)
    onProgress?.({ phase: 'check', done: ++checked, total: files.size })
  }

  const manifest: DecorArchiveManifest = {
    format: DECOR_ARCHIVE_FORMAT,
    version,
    exportedAt,
    production: { id: production.id, name: production.name },
    locations,
    photos,
    files: [...files].map(([sha256, { entry, mime }]) => ({ path: entry.name, sha256, mime, size: entry.size })),
  }
  return { manifest, photoBytes }
}

/** The entries by name, once each name is safe and given once, and each file this reader may read is within its cap. */
function indexEntries(entries: ZipEntry[], limits: ImportLimits): Map<string, ZipEntry> {
  const byName = new Map<string, ZipEntry>()
  for (const entry of entries) {
    if (!isSafeEntryPath(entry.name) || byName.has(entry.name)) refuse({ kind: 'unsafePath', path: entry.name })
    const cap = entry.name === MANIFEST_PATH ? limits.manifestBytes : PHOTO_PATH.test(entry.name) ? limits.photoBytes : Infinity
    if (entry.size > cap) refuse({ kind: 'tooLarge', path: entry.name })
    byName.set(entry.name, entry)
  }
  return byName
}

/** Each record checked by its shared schema, a slice at a time; tombstones left out; an id given twice refused. */
async function validRecords<T extends { id: string; deletedAt?: string | null }>(
  inputs: readonly unknown[],
  schema: v.GenericSchema<unknown, T>,
  entity: 'location' | 'photo',
  pace: Pace,
): Promise<T[]> {
  const records: T[] = []
  for (const input of inputs) {
    const parsed = v.safeParse(schema, input)
    if (!parsed.success) refuse({ kind: 'invalidRecord', entity, id: recordId(input), ...firstIssue(parsed.issues) })
    // A tombstone carried by an older export is not a record to bring back.
    else if (!parsed.output.deletedAt) records.push(parsed.output)
    await pace()
  }
  const repeated = firstRepeatedId(records)
  if (repeated !== undefined) refuse({ kind: 'invalidRecord', entity, id: repeated, field: 'id', message: 'exchange.invalid.duplicateId' })
  return records
}
