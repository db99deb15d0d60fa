/**
 * What the permit screens do besides editing a form: move a request along the workflow (`permit.transition`,
 * compare-and-set with the status the user saw) and keep its documents checklist (tick a line, join a file).
 * Every action answers with a locale key when it refuses, and writes nothing then.
 */
import {
  canTransition, MAX_PERMIT_DOCUMENTS, PermitDocumentSchema, permitDocuments, validate, type Permit, type PermitDocument, type PermitStatus,
} from '../../../core/model'
import { isBlobMime, MAX_BLOB_BYTES } from '../../../core/sync/blobRules'
import { attachDocument } from '../../db/blobStore'
import { StorageFailure } from '../../db/storageErrors'
import { ReadOnlyProduction, saveFailureMessage } from '../../db/writeErrors'
import { ChangeRefused, commitChange, RecordNotFound } from '../../db/writePath'
import { repositoryFor } from '../records/repositories'

export type PermitActionResult = { ok: true } | { ok: false; error: string }

/** Moves the request from the status the user saw (`permit.status`) to `to`; refused when that is no longer true. */
export async function transitionPermit(permit: Pick<Permit, 'productionId' | 'id' | 'status'>, to: PermitStatus): Promise<PermitActionResult> {
  if (!canTransition(permit.status, to)) return { ok: false, error: 'permits.errors.invalid_transition' }
  return refusalOf(() => commitChange({ op: 'transition', entity: 'permit', productionId: permit.productionId, id: permit.id, from: permit.status, to }))
}

/**
 * Ticks or unticks one line: only that line is written (a teammate's tick of another line stands); a request made
 * before the checklist gets the list it stands for written with it.
 */
export async function setDocumentDone(permit: Permit, index: number, done: boolean): Promise<PermitActionResult> {
  const line = permitDocuments(permit)[index]
  return line ? saveDocuments(permit, [{ ...line, done }]) : { ok: false, error: 'errors.notFound' }
}

/** Joins a file (PDF, JPEG, PNG or WebP, at most 25 MB) to one line and ticks it: the document is ready. */
export async function attachToDocument(permit: Permit, index: number, file: File): Promise<PermitActionResult> {
  if (!isBlobMime(file.type)) return { ok: false, error: 'permits.documents.unsupported' }
  if (file.size > MAX_BLOB_BYTES) return { ok: false, error: 'permits.documents.tooLarge' }
  return refusalOf(() =>
    attachDocument({ productionId: permit.productionId, file, mime: file.type }, (sha256) => {
      const line = permitDocuments(permit)[index]
      if (!line) throw new RecordNotFound('permit', permit.id)
      return [{ op: 'patch', entity: 'permit', productionId: permit.productionId, id: permit.id, fields: { documents: [{ ...line, done: true, sha256, fileName: file.name.slice(0, 200), mime: file.type }] } }]
    }),
  )
}

/** Writes checklist lines (the lines to write, merged into the request's list). */
async function saveDocuments(permit: Permit, documents: PermitDocument[]): Promise<PermitActionResult> {
  const checked = documents.length <= MAX_PERMIT_DOCUMENTS && documents.every((doc) => validate(PermitDocumentSchema, doc).ok)
  if (!checked) return { ok: false, error: 'errors.saveFailed' }
  const result = await repositoryFor<Permit>('permit').update(permit.productionId, permit.id, { documents }).catch((error: unknown) => storageRefusal(error))
  return result.ok ? { ok: true } : { ok: false, error: 'error' in result ? result.error : (Object.values(result.errors)[0] ?? 'errors.saveFailed') }
}

async function refusalOf(write: () => Promise<unknown>): Promise<PermitActionResult> {
  try {
    await write()
    return { ok: true }
  } catch (error) {
    return storageRefusal(error)
  }
}

function storageRefusal(error: unknown): { ok: false; error: string } {
  if (error instanceof ChangeRefused) return { ok: false, error: `permits.errors.${error.reason}` }
  if (error instanceof RecordNotFound) return { ok: false, error: 'errors.notFound' }
  if (error instanceof StorageFailure || error instanceof ReadOnlyProduction) return { ok: false, error: saveFailureMessage(error) }
  throw error
}
