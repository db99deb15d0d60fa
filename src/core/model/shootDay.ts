/** A shoot day ("J5 / 32"): date, call and wrap, day type (which decides the meals owed) and its décors. */
import * as v from 'valibot'
import { baseEntries, choice, count, idList, isoDate, optionalText, optionalTime } from './fields'

/** A normal day has a 1-hour meal break; a journée continue a 30-minute pause taken within 6 hours. */
export const DAY_TYPES = ['normal', 'continuous'] as const

export const shootDayFields = {
  number: v.pipe(count(999), v.minValue(1, 'validation.positive')),
  date: isoDate,
  dayType: choice(DAY_TYPES),
  callTime: optionalTime,
  wrapTime: optionalTime,
  locationIds: idList,
  notes: optionalText(4000),
}

export const ShootDayInputSchema = v.looseObject(shootDayFields)
export const ShootDaySchema = v.looseObject({ ...baseEntries, ...shootDayFields })
export type ShootDay = v.InferOutput<typeof ShootDaySchema>
