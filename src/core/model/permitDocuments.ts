/** The documents checklist a permit request starts with (no schema here: the sync code reads it on the phone). */

/** What authorities usually ask to receive with a request; `other` covers anything else (named by its label). */
export const PERMIT_DOCUMENT_KINDS = ['insuranceCertificate', 'plan', 'vehiclePlan', 'kbis', 'scenario', 'other'] as const
export type PermitDocumentKind = (typeof PERMIT_DOCUMENT_KINDS)[number]

/** The checklist a new request starts with: the usual documents, none ready yet, each line named by its kind. */
export function defaultPermitDocuments() {
  return PERMIT_DOCUMENT_KINDS.filter((kind) => kind !== 'other').map((kind) => ({ id: kind, kind, label: '', done: false, fileName: '', mime: '' }))
}

/**
 * The checklist a request without one stands for: a request made before the checklist existed has only the
 * insurance flag, and gets the default list with the insurance line ticked as the flag says, so nothing is lost.
 */
export function impliedPermitDocuments(permit: { insuranceCertificate?: unknown }) {
  return defaultPermitDocuments().map((doc) => (doc.kind === 'insuranceCertificate' ? { ...doc, done: !!permit.insuranceCertificate } : doc))
}
