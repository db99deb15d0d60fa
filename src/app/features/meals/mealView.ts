/** Meal counts per shoot day and service: expected covers per group, diets, caterer, price and cut-off. */
import { MEAL_GROUPS, MEAL_SERVICES, mealId, totalCovers, type Meal, type MealService, type ShootDay } from '../../../core/model'
import { mealLockState } from '../../../core/rules/mealLock'
import { searchable, type EntityView } from '../records/entityView'
import { dayLabel } from '../days/shootDayView'

const isMealService = (value: unknown): value is MealService => MEAL_SERVICES.includes(value as MealService)

const dayOf = (meal: Meal, refs: Parameters<EntityView['title']>[1]) => refs('shootDay', meal.shootDayId) as ShootDay | undefined

export const mealView: EntityView<Meal> = {
  entity: 'meal',
  route: 'meals',
  tab: 'meals',
  sections: [
    {
      key: 'service',
      fields: [
        { key: 'shootDayId', kind: 'ref', ref: 'shootDay', required: true },
        { key: 'service', kind: 'select', options: MEAL_SERVICES, optionsKey: 'mealService' },
        { key: 'expected', kind: 'groupCounts', options: MEAL_GROUPS, optionsKey: 'mealGroup' },
      ],
    },
    {
      key: 'diets',
      fields: [
        { key: 'vegetarian', kind: 'integer' },
        { key: 'vegan', kind: 'integer' },
        { key: 'glutenFree', kind: 'integer' },
        { key: 'allergies', kind: 'integer' },
        { key: 'allergyNote', kind: 'textarea' },
      ],
    },
    {
      key: 'catering',
      fields: [
        { key: 'caterer', kind: 'text' },
        { key: 'place', kind: 'text' },
        { key: 'unitPrice', kind: 'number', step: 0.01 },
        { key: 'cutoffAt', kind: 'datetime' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ service: 'lunch', expected: { crew: 0, cast: 0, extras: 0, production: 0, guests: 0 }, served: {} }),
  // One meal per day and service: two phones adding the same lunch offline make one record, not two orders.
  recordId: (values) => (values.shootDayId && isMealService(values.service) ? mealId(String(values.shootDayId), values.service) : undefined),
  title: (meal, refs) => {
    const day = dayOf(meal, refs)
    return day ? `J${day.number}` : '—'
  },
  subtitle: (meal, refs, t) => {
    const day = dayOf(meal, refs)
    return [
      t(`options.mealService.${meal.service}`),
      day ? dayLabel(day, t) : '',
      t('meals.covers', { n: totalCovers(meal.expected) }),
      meal.caterer,
    ].filter(Boolean).join(' · ')
  },
  badge: (meal, t) => (mealLockState(meal, Date.now()).locked ? { label: t('meals.locked'), tone: 'warning' } : undefined),
  searchText: (meal, refs) => searchable(`j${dayOf(meal, refs)?.number ?? ''}`, meal.caterer, meal.place, meal.service),
  filters: [
    { key: 'service', options: MEAL_SERVICES, optionsKey: 'mealService' },
    { key: 'shootDayId', options: [], ref: 'shootDay' },
  ],
  sorts: [
    {
      key: 'day',
      compare: (a, b, refs) =>
        String(dayOf(a, refs)?.date ?? '').localeCompare(String(dayOf(b, refs)?.date ?? '')) ||
        MEAL_SERVICES.indexOf(a.service) - MEAL_SERVICES.indexOf(b.service),
    },
    { key: 'covers', compare: (a, b) => totalCovers(b.expected) - totalCovers(a.expected) },
  ],
  refEntities: ['shootDay'],
}
