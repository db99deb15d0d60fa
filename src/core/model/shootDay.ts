/** A shoot day ("J5 / 32"): date, call and wrap, day type (which decides the meals owed) and its décors. */
import * as v from 'valibot'
import { baseEntries, choice, count, id, idList, isoDate, latLngPoint, MSG, optionalNumber, optionalText, optionalTime } from './fields'
import { STREET_SIDES } from './placement'

/** A normal day has a 1-hour meal break; a journée continue a 30-minute pause taken within 6 hours. */
export const DAY_TYPES = ['normal', 'continuous'] as const

/**
 * A kerb drawn on the day's vehicle plan along one side of a street, from the first point to the last. Vehicles
 * dropped near it park along it and take its street and side; the house numbers at its two ends, when typed, give
 * each vehicle its "du n° X au n° Y" by interpolation along the line.
 */
export const KerbSchema = v.looseObject({
  id,
  street: v.pipe(v.string(MSG.required), v.trim(), v.nonEmpty(MSG.required), v.maxLength(160, MSG.tooLong)),
  side: v.optional(v.picklist(STREET_SIDES, MSG.choice), ''),
  /** House number at the first point and at the last point of the line. */
  startNumber: optionalNumber(0, 10_000),
  endNumber: optionalNumber(0, 10_000),
  points: v.pipe(v.array(latLngPoint, MSG.list), v.minLength(2, 'validation.kerbPoints'), v.maxLength(100, MSG.tooLong)),
})
export type Kerb = v.InferOutput<typeof KerbSchema>

/** The unit base (base camp) of the day: an area where the trucks, loges and cantine gather. */
export const BaseCampSchema = v.looseObject({
  label: v.optional(v.pipe(v.string(MSG.text), v.trim(), v.maxLength(160, MSG.tooLong)), ''),
  /** On the public street (its vehicles count against city caps) or off it (a car park, a yard). */
  onStreet: v.optional(v.boolean(), false),
  points: v.pipe(v.array(latLngPoint, MSG.list), v.minLength(3, 'validation.areaPoints'), v.maxLength(100, MSG.tooLong)),
})
export type BaseCamp = v.InferOutput<typeof BaseCampSchema>

export const shootDayFields = {
  number: v.pipe(count(999), v.minValue(1, 'validation.positive')),
  date: isoDate,
  dayType: choice(DAY_TYPES),
  callTime: optionalTime,
  wrapTime: optionalTime,
  locationIds: idList,
  notes: optionalText(4000),
  /** The vehicle plan's kerb lines and base camp (the vehicles themselves are placements). */
  kerbs: v.optional(v.pipe(v.array(KerbSchema, MSG.list), v.maxLength(40, MSG.tooLong)), []),
  baseCamp: v.optional(v.nullable(BaseCampSchema), null),
}

export const ShootDayInputSchema = v.looseObject(shootDayFields)
export const ShootDaySchema = v.looseObject({ ...baseEntries, ...shootDayFields })
export type ShootDay = v.InferOutput<typeof ShootDaySchema>
