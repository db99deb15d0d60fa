/**
 * Filming authorisations: the authorities asked (each with its own lead time) and the permit requests sent
 * to them, with a status that moves only along the allowed edges.
 */
import * as v from 'valibot'
import {
  baseEntries, choice, count, id, idList, optionalDate, optionalEmail, optionalNumber, optionalPhone, optionalText, requiredText,
} from './fields'

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

export const PERMIT_STATUSES = ['draft', 'sent', 'underReview', 'granted', 'refused', 'orderReceived'] as const
export type PermitStatus = (typeof PERMIT_STATUSES)[number]

/** The status workflow: draft → sent → under review → granted / refused; granted → order received (arrêté). */
export const PERMIT_TRANSITIONS: Record<PermitStatus, readonly PermitStatus[]> = {
  draft: ['sent'],
  sent: ['underReview', 'granted', 'refused'],
  underReview: ['granted', 'refused'],
  granted: ['orderReceived'],
  refused: ['draft'],
  orderReceived: [],
}

export function canTransition(from: PermitStatus, to: PermitStatus): boolean {
  // `from` may come from a pushed mutation: an unknown status (even 'toString') is simply not an edge.
  return Object.hasOwn(PERMIT_TRANSITIONS, from) && PERMIT_TRANSITIONS[from].includes(to)
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
  reference: optionalText(80),
  fee: optionalNumber(0, 1_000_000),
  sentOn: optionalDate,
  notes: optionalText(4000),
}

export const PermitInputSchema = v.looseObject(permitFields)
export const PermitSchema = v.looseObject({ ...baseEntries, ...permitFields })
export type Permit = v.InferOutput<typeof PermitSchema>
