/**
 * Décor (location) with its scouting sheet (fiche décor). Several candidate places may compete for one
 * script décor: they share `scriptDecor` and are compared side by side.
 */
import * as v from 'valibot'
import {
  baseEntries, choice, latitude, optionalPostcode, longitude, optionalEmail, optionalNumber, optionalPhone, optionalText, requiredText, stringList,
} from './fields'

export const LOCATION_STATUSES = ['toScout', 'scouted', 'option', 'confirmed', 'rejected'] as const
export type LocationStatus = (typeof LOCATION_STATUSES)[number]
export const INT_EXT = ['INT', 'EXT', 'INT/EXT'] as const
export const LOCATION_SETTINGS = ['natural', 'studio'] as const
export const CONTACT_ROLES = ['owner', 'guardian', 'agency', 'other'] as const

export const ContactSchema = v.looseObject({
  role: choice(CONTACT_ROLES),
  name: requiredText(120),
  phone: optionalPhone,
  email: optionalEmail,
})

export const RoomSchema = v.looseObject({
  name: requiredText(80),
  lengthM: optionalNumber(0, 1000),
  widthM: optionalNumber(0, 1000),
  ceilingHeightM: optionalNumber(0, 100),
})

export const locationFields = {
  name: requiredText(120),
  scriptDecor: optionalText(160),
  intExt: choice(INT_EXT),
  setting: choice(LOCATION_SETTINGS),
  status: choice(LOCATION_STATUSES),
  address: optionalText(300),
  city: optionalText(80),
  /** French postcode: tells the Paris arrondissement (75018 -> 18e), the zone city rules apply to. */
  postcode: optionalPostcode,
  lat: latitude,
  lng: longitude,
  contacts: v.optional(v.array(ContactSchema), []),
  dayRate: optionalNumber(0, 1_000_000),
  deposit: optionalNumber(0, 1_000_000),
  accessNotes: optionalText(4000),
  accessCodes: optionalText(500),
  parking: optionalText(2000),
  threePhasePower: v.optional(v.boolean(), false),
  powerBoard: optionalText(500),
  noise: optionalText(2000),
  lightOrientation: optionalText(500),
  rooms: v.optional(v.array(RoomSchema), []),
  pmrAccessible: v.optional(v.boolean(), false),
  hospital: optionalText(300),
  pharmacy: optionalText(300),
  advantages: stringList(),
  nuisances: stringList(),
  arrangements: stringList(),
  stagingNotes: optionalText(8000),
}

export const LocationInputSchema = v.looseObject(locationFields)
export const LocationSchema = v.looseObject({ ...baseEntries, ...locationFields })
export type Location = v.InferOutput<typeof LocationSchema>
