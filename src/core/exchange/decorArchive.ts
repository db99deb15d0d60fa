/**
 * The décors of a production as one ZIP file, to hand over without a server (a trainee's work to the trainer, a
 * scout's phone to the office): `manifest.json` (format name and version, the décors and their photo records) and
 * `photos/<sha256>.<ext>`, each photo's bytes named by their SHA-256.
 * Reading trusts nothing: a file that is not ours, from a newer version, with a path that climbs out of its folder,
 * an invalid record or a photo whose bytes do not match their hash is refused whole, with the reason.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import * as v from 'valibot'
import { digestSha256 } from '../media/digest'
import { LocationSchema, type Location } from '../model/location'
import { PhotoSchema, type Photo } from '../model/photo'

export const DECOR_ARCHIVE_FORMAT = 'regie.decors'
/** Raised when the manifest changes in a way an older app cannot read; an older app refuses a newer file. */
export const DECOR_ARCHIVE_VERSION = 1
export const MANIFEST_PATH = 'manifest.json'

const PHOTO_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const PHOTO_PATH = /^photos\/([0-9a-f]{64})\.(jpg|png|webp)$/
/** Photos are at most 20 MB (photo.ts); a manifest of thousands of décors stays far below 50 MB. */
const MAX_PHOTO_BYTES = 20_000_000
const MAX_MANIFEST_BYTES = 50_000_000

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
  /** Photo bytes by SHA-256. */
  files: Map<string, Uint8Array>
}

export type ArchiveProblem =
  | { kind: 'notZip' }
  | { kind: 'notOurs' }
  | { kind: 'newerVersion'; version: number }
  | { kind: 'unsafePath'; path: string }
  | { kind: 'tooLarge'; path: string }
  | { kind: 'corruptedManifest' }
  | { kind: 'invalidRecord'; entity: 'location' | 'photo'; id: string; field: string; message: string }
  | { kind: 'missingPhoto'; path: string }
  | { kind: 'corruptedPhoto'; path: string }

export type ArchiveReading = { ok: true; archive: DecorArchive } | { ok: false; problem: ArchiveProblem }

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

function unzip(bytes: Uint8Array): { ok: true; entries: Record<string, Uint8Array> } | { ok: false; problem: ArchiveProblem } {
  let problem: ArchiveProblem | null = null
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, {
      // Looks at every name before anything is inflated: only the manifest and photos are read at all.
      filter: (file) => {
        if (problem) return false
        if (!isSafeEntryPath(file.name)) problem = { kind: 'unsafePath', path: file.name }
        else if (file.name === MANIFEST_PATH && file.originalSize > MAX_MANIFEST_BYTES) problem = { kind: 'tooLarge', path: file.name }
        else if (PHOTO_PATH.test(file.name) && file.originalSize > MAX_PHOTO_BYTES) problem = { kind: 'tooLarge', path: file.name }
        return !problem && (file.name === MANIFEST_PATH || PHOTO_PATH.test(file.name))
      },
    })
  } catch {
    return { ok: false, problem: problem ?? { kind: 'notZip' } }
  }
  return problem ? { ok: false, problem } : { ok: true, entries }
}

export async function readDecorArchive(bytes: Uint8Array): Promise<ArchiveReading> {
  const unzipped = unzip(bytes)
  if (!unzipped.ok) return unzipped
  const { entries } = unzipped
  const manifestBytes = entries[MANIFEST_PATH]
  if (!manifestBytes) return { ok: false, problem: { kind: 'notOurs' } }

  let raw: unknown
  try {
    raw = JSON.parse(strFromU8(manifestBytes))
  } catch {
    return { ok: false, problem: { kind: 'corruptedManifest' } }
  }
  const header = v.safeParse(HeaderSchema, raw)
  if (!header.success) return { ok: false, problem: { kind: 'notOurs' } }
  if (header.output.version > DECOR_ARCHIVE_VERSION) return { ok: false, problem: { kind: 'newerVersion', version: header.output.version } }
  const body = v.safeParse(ManifestSchema, raw)
  if (!body.success) return { ok: false, problem: { kind: 'corruptedManifest' } }

  const locations: Location[] = []
  for (const input of body.output.locations) {
    const parsed = v.safeParse(LocationSchema, input)
    if (!parsed.success) return { ok: false, problem: { kind: 'invalidRecord', entity: 'location', id: recordId(input), ...firstIssue(parsed.issues) } }
    if (locations.some((location) => location.id === parsed.output.id)) {
      return { ok: false, problem: { kind: 'invalidRecord', entity: 'location', id: parsed.output.id, field: 'id', message: 'exchange.invalid.duplicateId' } }
    }
    // A tombstone carried by an older export is not a décor to bring back.
    if (!parsed.output.deletedAt) locations.push(parsed.output)
  }
  const locationIds = new Set(locations.map((location) => location.id))

  const photos: Photo[] = []
  const files = new Map<string, Uint8Array>()
  for (const input of body.output.photos) {
    const parsed = v.safeParse(PhotoSchema, input)
    if (!parsed.success) return { ok: false, problem: { kind: 'invalidRecord', entity: 'photo', id: recordId(input), ...firstIssue(parsed.issues) } }
    const photo = parsed.output
    if (photo.deletedAt) continue
    if (photo.ownerEntity !== 'location' || !locationIds.has(photo.ownerId)) {
      return { ok: false, problem: { kind: 'invalidRecord', entity: 'photo', id: photo.id, field: 'ownerId', message: 'exchange.invalid.owner' } }
    }
    if (photos.some((other) => other.id === photo.id)) {
      return { ok: false, problem: { kind: 'invalidRecord', entity: 'photo', id: photo.id, field: 'id', message: 'exchange.invalid.duplicateId' } }
    }
    const path = photoPath(photo)
    const data = entries[path]
    if (!data) return { ok: false, problem: { kind: 'missingPhoto', path } }
    if (!files.has(photo.sha256)) {
      if ((await digestSha256(data as Uint8Array<ArrayBuffer>)) !== photo.sha256) return { ok: false, problem: { kind: 'corruptedPhoto', path } }
      files.set(photo.sha256, data)
    }
    photos.push(photo)
  }

  const manifest: DecorArchiveManifest = {
    format: DECOR_ARCHIVE_FORMAT,
    version: header.output.version,
    exportedAt: body.output.exportedAt,
    production: { id: body.output.production.id, name: body.output.production.name },
    locations,
    photos,
    files: [...new Map(photos.map((photo) => [photo.sha256, photo])).values()].map((photo) => ({
      path: photoPath(photo), sha256: photo.sha256, mime: photo.mime, size: files.get(photo.sha256)!.byteLength,
    })),
  }
  return { ok: true, archive: { manifest, files } }
}

function recordId(input: unknown): string {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id : '?'
}
