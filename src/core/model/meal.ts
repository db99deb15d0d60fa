/**
 * Meal count of one shoot day and service: expected covers per group, diets, caterer, price and the
 * cut-off after which the count is locked. `served` holds what was counted on set: it only moves by
 * `meal.adjust` (additive), never by a patch, so two people counting at two tables add up.
 *
 * One meal per shoot day and service: its id is derived from both (mealId), so two phones creating the same
 * lunch offline create one record, merged field by field, instead of two orders for the caterer.
 */
import * as v from 'valibot'
import { baseEntries, choice, count, id, optionalNumber, optionalText, requiredText } from './fields'
import { MEAL_GROUPS, MEAL_SERVICES, type MealGroup, type MealService } from './options'

export { MEAL_GROUPS, MEAL_SERVICES, type MealGroup, type MealService } from './options'

// Loose like the records: a group a newer app counts must survive an edit made here.
const groupCounts = v.optional(
  v.looseObject({
    crew: v.optional(count(), 0),
    cast: v.optional(count(), 0),
    extras: v.optional(count(), 0),
    production: v.optional(count(), 0),
    guests: v.optional(count(), 0),
  }),
  {},
)

const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/
export const localDateTime = v.pipe(v.string('validation.dateTime'), v.regex(LOCAL_DATE_TIME, 'validation.dateTime'))

export const MealUnlockSchema = v.looseObject({
  at: v.pipe(v.string(), v.isoTimestamp('validation.date')),
  by: requiredText(120),
  reason: requiredText(500),
})
export type MealUnlock = v.InferOutput<typeof MealUnlockSchema>

export const mealFields = {
  shootDayId: id,
  service: choice(MEAL_SERVICES),
  expected: groupCounts,
  served: groupCounts,
  vegetarian: v.optional(count(), 0),
  vegan: v.optional(count(), 0),
  glutenFree: v.optional(count(), 0),
  allergies: v.optional(count(), 0),
  allergyNote: optionalText(1000),
  caterer: optionalText(120),
  place: optionalText(200),
  unitPrice: optionalNumber(0, 1000),
  /** Local date and time in France ('2026-03-12T10:30') after which the order is locked. */
  cutoffAt: v.optional(v.union([v.literal(''), localDateTime], 'validation.dateTime'), ''),
  /** Locked by hand before the cut-off. */
  locked: v.optional(v.boolean(), false),
  /** Every explicit unlock, kept: who, when and why the order changed after it was locked. */
  unlocks: v.optional(v.pipe(v.array(MealUnlockSchema), v.maxLength(100, 'validation.tooLong')), []),
  notes: optionalText(2000),
}

export const MealInputSchema = v.looseObject(mealFields)
export const MealSchema = v.looseObject({ ...baseEntries, ...mealFields })
export type Meal = v.InferOutput<typeof MealSchema>

export function totalCovers(counts: Partial<Record<MealGroup, number>> | undefined): number {
  return MEAL_GROUPS.reduce((sum, group) => sum + (counts?.[group] ?? 0), 0)
}

/** The one meal of a shoot day and service (ids are at most 64 characters: a day id of up to 50 fits). */
export function mealId(shootDayId: string, service: MealService, generation = 1): string {
  return `meal-${shootDayId}-${service}${generation > 1 ? `-${generation}` : ''}`
}
