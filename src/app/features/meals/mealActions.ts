/**
 * What the meal screens do besides editing a form: count served covers (additive `meal.adjust`, so two
 * people counting at two tables add up), lock and unlock an order (every unlock recorded with who and why),
 * and create the services a day is owed in one go (one meal per day and service, see mealId).
 */
import { mealId, type Meal, type MealGroup, type MealService, type ShootDay } from '../../../core/model'
import { defaultCutoff } from '../../../core/rules/mealLock'
import { commitChange } from '../../db/writePath'
import { repositoryFor } from '../records/repositories'

const meals = () => repositoryFor<Meal>('meal')

/** One tap of the counter: `delta` covers more (or fewer) served for a group. */
export async function adjustServed(productionId: string, id: string, group: MealGroup, delta: number): Promise<void> {
  if (!Number.isInteger(delta) || delta === 0) return
  await commitChange({ op: 'adjust', entity: 'meal', productionId, id, group, delta })
}

export async function lockMeal(meal: Meal) {
  return meals().update(meal.productionId, meal.id, { locked: true })
}

/** Opens a locked order; the unlock stays on the record (and in the printed counts) with its author and reason. */
export async function unlockMeal(meal: Meal, by: string, reason: string) {
  const unlock = { at: new Date().toISOString(), by: by.trim(), reason: reason.trim() }
  return meals().update(meal.productionId, meal.id, { locked: false, unlocks: [...(meal.unlocks ?? []), unlock] })
}

/**
 * Creates the given services of a day, each with the cut-off usual for it and the covers of the latest
 * earlier count of the same service (a crew does not change overnight), or zeros.
 */
export async function createServices(productionId: string, day: ShootDay, services: MealService[], existing: Meal[], days: ShootDay[]) {
  const dateOf = new Map(days.map((d) => [d.id, d.date]))
  const results = []
  for (const service of services) {
    const previous = existing
      .filter((meal) => meal.service === service && (dateOf.get(meal.shootDayId) ?? '') < day.date)
      .sort((a, b) => (dateOf.get(b.shootDayId) ?? '').localeCompare(dateOf.get(a.shootDayId) ?? ''))[0]
    const input = {
      shootDayId: day.id,
      service,
      expected: previous?.expected ?? { crew: 0, cast: 0, extras: 0, production: 0, guests: 0 },
      vegetarian: previous?.vegetarian ?? 0,
      vegan: previous?.vegan ?? 0,
      glutenFree: previous?.glutenFree ?? 0,
      allergies: previous?.allergies ?? 0,
      allergyNote: previous?.allergyNote ?? '',
      caterer: previous?.caterer ?? '',
      place: previous?.place ?? '',
      unitPrice: previous?.unitPrice ?? null,
      cutoffAt: defaultCutoff(service, day.date),
      served: {},
    }
    results.push(await meals().create(productionId, input, mealId(day.id, service)))
  }
  return results
}
