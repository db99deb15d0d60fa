/**
 * Building blocks for the entity schemas. Messages are locale keys (see src/app/locales), so one schema
 * validates a form in the app (which translates the key) and a mutation on the server (which returns it).
 */
import * as v from 'valibot'

export const MSG = {
  required: 'validation.required',
  tooLong: 'validation.tooLong',
  number: 'validation.number',
  integer: 'validation.integer',
  nonNegative: 'validation.nonNegative',
  tooLarge: 'validation.tooLarge',
  date: 'validation.date',
  time: 'validation.time',
  choice: 'validation.choice',
  latitude: 'validation.latitude',
  longitude: 'validation.longitude',
  email: 'validation.email',
  phone: 'validation.phone',
  text: 'validation.text',
  list: 'validation.list',
} as const

export const id = v.pipe(v.string(MSG.required), v.minLength(1, MSG.required), v.maxLength(64, MSG.tooLong))

export const requiredText = (max = 200) =>
  v.pipe(v.string(MSG.required), v.trim(), v.nonEmpty(MSG.required), v.maxLength(max, MSG.tooLong))

export const optionalText = (max = 200) =>
  v.optional(v.pipe(v.string(MSG.text), v.trim(), v.maxLength(max, MSG.tooLong)), '')

export const longText = (max = 10_000) => optionalText(max)

/** A number the user may leave empty (stored as null). */
export const optionalNumber = (min: number, max: number) =>
  v.nullish(v.pipe(v.number(MSG.number), v.minValue(min, MSG.nonNegative), v.maxValue(max, MSG.tooLarge)), null)

export const count = (max = 10_000) =>
  v.pipe(v.number(MSG.number), v.integer(MSG.integer), v.minValue(0, MSG.nonNegative), v.maxValue(max, MSG.tooLarge))

/** v.isoDate checks the shape only: also refuse days the calendar lacks (2025-02-30), which Date would roll over. */
const isCalendarDate = (text: string) => {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}
export const isoDate = v.pipe(v.string(MSG.date), v.isoDate(MSG.date), v.check(isCalendarDate, MSG.date))
export const optionalDate = v.optional(v.union([v.literal(''), isoDate], MSG.date), '')

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
export const time = v.pipe(v.string(MSG.time), v.regex(TIME, MSG.time))
export const optionalTime = v.optional(v.union([v.literal(''), time], MSG.time), '')

export const latitude = v.nullish(v.pipe(v.number(MSG.latitude), v.minValue(-90, MSG.latitude), v.maxValue(90, MSG.latitude)), null)
export const longitude = v.nullish(
  v.pipe(v.number(MSG.longitude), v.minValue(-180, MSG.longitude), v.maxValue(180, MSG.longitude)),
  null,
)

export const optionalEmail = v.optional(v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.email(MSG.email))], MSG.email), '')
export const optionalPhone = v.optional(
  v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.regex(/^\+?[\d\s().-]{6,20}$/, MSG.phone))], MSG.phone),
  '',
)

/** Five digits (French postcode, Corsica's 2A/2B included), or empty. */
export const optionalPostcode = v.optional(
  v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.regex(/^(\d{5}|2[AB]\d{3})$/i, 'validation.postcode'))], 'validation.postcode'),
  '',
)

/** A point as [latitude, longitude]. */
export const latLngPoint = v.tuple(
  [
    v.pipe(v.number(MSG.latitude), v.minValue(-90, MSG.latitude), v.maxValue(90, MSG.latitude)),
    v.pipe(v.number(MSG.longitude), v.minValue(-180, MSG.longitude), v.maxValue(180, MSG.longitude)),
  ],
  MSG.list,
)

export const choice = <const T extends readonly [string, ...string[]]>(options: T) => v.picklist(options, MSG.choice)

export const stringList = (maxItems = 100, maxLength = 1000) =>
  v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.maxLength(maxLength, MSG.tooLong)), MSG.list), v.maxLength(maxItems, MSG.tooLong)), [])

export const idList = v.optional(v.array(id, MSG.list), [])

/**
 * Fields every synced record carries. `deletedAt` is the tombstone: a deleted record stays so that its
 * deletion syncs and wins over late edits. Records are loose objects: fields this version does not know
 * (written by a newer app or an import) are kept, never stripped.
 */
export const baseEntries = {
  id,
  productionId: id,
  createdAt: v.string(),
  updatedAt: v.string(),
  deletedAt: v.optional(v.nullable(v.string()), null),
}

export interface BaseRecord {
  id: string
  productionId: string
  createdAt: string
  updatedAt: string
  deletedAt?: string | null
  /** The member who created it, as the server says (set on records pulled from a team server). */
  createdBy?: string
  [unknownField: string]: unknown
}
