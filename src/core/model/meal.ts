/**
 * Meal count of one shoot day and service: expected covers per group, diets, caterer, price and the
 * cut-off after which the count is locked. `served` holds what was counted on set.
 */
import * as v from 'valibot'
import { baseEntries, choice, count, id, optionalNumber, optionalText, optionalTime } from './fields'

export const MEAL_SERVICES = ['breakfast', 'lunch', 'dinner', 'snack'] as const
export type MealService = (typeof MEAL_SERVICES)[number]
export const MEAL_GROUPS = ['crew', 'cast', 'extras', 'production', 'guests'] as const
export type MealGroup = (typeof MEAL_GROUPS)[number]

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
  cutoffTime: optionalTime,
  locked: v.optional(v.boolean(), false),
  notes: optionalText(2000),
}

export const MealInputSchema = v.looseObject(mealFields)
export const MealSchema = v.looseObject({ ...baseEntries, ...mealFields })
export type Meal = v.InferOutput<typeof MealSchema>

export function totalCovers(counts: Partial<Record<MealGroup, number>> | undefined): number {
  return MEAL_GROUPS.reduce((sum, group) => sum + (counts?.[group] ?? 0), 0)
}
