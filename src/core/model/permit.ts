/**
 * Filming authorisations: the authorities asked (each with its own lead time) and the permit requests sent
 * to them, with a status that moves only along the allowed edges (by `permit.transition`, never by a patch)
 * and the checklist of documents the authority asks for.
 */
import * as v from 'valibot'
import {
  baseEntries, choice, count, id, idList, MSG, optionalDate, optionalEmail, optionalNumber, optionalPhone, optionalText, requiredText,
} from './fields'
import { liveLines, withLineIds } from './lines'
import { impliedPermitDocuments, PERMIT_DOCUMENT_KINDS } from './permitDocuments'
import { PERMIT_STATUSES } from './permitStatus'
import { sha256Hex } from './signature'

export const AUTHORITY_KINDS = ['cityHall', 'prefecture', 'sncf', 'ratp', 'airport', 'monument', 'park', 'privateOwner', 'other'] as const
export const LEAD_TIME_UNITS = ['workingDays', 'calendarDays'] as const

export const authorityFields = {
  name: requiredText(160),
  kind: choice(AUTHORITY_KINDS),
  leadTime: count(365),
  leadTimeUnit: choice(LEAD_TIME_UNITS),
  contactName: optionalText(120),
  phone: optionalPhone,
  email: optionalEmail,
  website: optionalText(300),
  notes: optionalText(2000),
}

export const AuthorityInputSchema = v.looseObject(authorityFields)
export const AuthoritySchema = v.looseObject({ ...baseEntries, ...authorityFields })
export type Authority = v.InferOutput<typeof AuthoritySchema>

export { canTransition, PERMIT_STATUSES, PERMIT_TRANSITIONS, transitionFields, type PermitStatus } from './permitStatus'

export { defaultPermitDocuments, PERMIT_DOCUMENT_KINDS, type PermitDocumentKind } from './permitDocuments'

/**
 * One line of the checklist: a document to join, ticked once ready. `label` names it when the kind is not
 * enough ("Plan de protection des sols"); `sha256` points at the attached file, a blob stored like photos.
 * The checklist syncs line by line (lines.ts): each line has an id, and a removed line stays, marked `removed`.
 */
export const PermitDocumentSchema = v.looseObject({
  id: v.optional(v.pipe(v.string(MSG.text), v.maxLength(64, MSG.tooLong))),
  removed: v.optional(v.boolean()),
  kind: v.optional(choice(PERMIT_DOCUMENT_KINDS), 'other'),
  label: optionalText(160),
  done: v.optional(v.boolean(), false),
  sha256: v.optional(sha256Hex),
  fileName: optionalText(200),
  mime: optionalText(100),
})
export type PermitDocument = v.InferOutput<typeof PermitDocumentSchema>

export const MAX_PERMIT_DOCUMENTS = 30
/** Lines kept in all, removed ones included (they carry their removal to the other phones). */
const MAX_PERMIT_DOCUMENT_LINES = 200

/** The checklist of a request, live lines only: its own, or the one it stands for (impliedPermitDocuments). */
export function permitDocuments(permit: { documents?: PermitDocument[]; insuranceCertificate?: boolean }): (PermitDocument & { id: string })[] {
  const lines: PermitDocument[] = permit.documents && permit.documents.length > 0 ? permit.documents : impliedPermitDocuments(permit)
  return liveLines(withLineIds(lines))
}

export const SHOOT_TYPES = ['feature', 'series', 'short', 'commercial', 'documentary', 'clip', 'other'] as const

export const permitFields = {
  title: requiredText(160),
  authorityId: id,
  locationIds: idList,
  shootDayIds: idList,
  status: choice(PERMIT_STATUSES),
  shootType: choice(SHOOT_TYPES),
  synopsis: optionalText(4000),
  places: optionalText(2000),
  cameraDirection: optionalText(500),
  hours: optionalText(200),
  backupDates: optionalText(200),
  crewSize: optionalNumber(0, 2000),
  equipment: optionalText(2000),
  vehicleCount: optionalNumber(0, 500),
  parkingToReserve: optionalText(1000),
  trafficBlocking: optionalText(1000),
  specialEffects: optionalText(1000),
  nightWork: v.optional(v.boolean(), false),
  minors: v.optional(v.boolean(), false),
  animals: v.optional(v.boolean(), false),
  contactName: optionalText(120),
  contactPhone: optionalPhone,
  contactEmail: optionalEmail,
  insuranceCertificate: v.optional(v.boolean(), false),
  documents: v.optional(
    v.pipe(
      v.array(PermitDocumentSchema, MSG.list),
      v.check((lines) => liveLines(lines).length <= MAX_PERMIT_DOCUMENTS, MSG.tooLong),
      v.maxLength(MAX_PERMIT_DOCUMENT_LINES, MSG.tooLong),
      v.transform((lines) => withLineIds(lines)),
    ),
    [],
  ),
  reference: optionalText(80),
  fee: optionalNumber(0, 1_000_000),
  sentOn: optionalDate,
  notes: optionalText(4000),
}

export const PermitInputSchema = v.looseObject(permitFields)
export const PermitSchema = v.looseObject({ ...baseEntries, ...permitFields })
export type Permit = v.InferOutput<typeof PermitSchema>
