/**
 * Choice lists that screens read without validating anything (the production picker, the meal counter):
 * kept apart from the schemas so importing them does not load valibot with the first screen.
 */
export const PRODUCTION_KINDS = ['feature', 'series', 'short', 'commercial', 'exercise'] as const

export const MEAL_SERVICES = ['breakfast', 'lunch', 'dinner', 'snack'] as const
export type MealService = (typeof MEAL_SERVICES)[number]
export const MEAL_GROUPS = ['crew', 'cast', 'extras', 'production', 'guests'] as const
export type MealGroup = (typeof MEAL_GROUPS)[number]
