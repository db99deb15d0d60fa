/**
 * The meal counts as a CSV file for the caterer and the production accountant: one row per shoot day and
 * service (covers per group, diets, served, price and costs), then one total row. Opens in French Excel as
 * is: UTF-8 with a byte-order mark, ';' between cells and a decimal comma (',' and '.' in English).
 * Cells are quoted when needed and never start with = + - @ (a formula in a shared sheet runs on opening).
 */
import { MEAL_GROUPS, MEAL_SERVICES, totalCovers, type MealGroup, type MealService } from '../model/meal'
import { mealCost, totalsOverShoot, type DayEntry, type MealEntry } from './mealTotals'

export interface CsvMeal extends MealEntry {
  vegetarian?: number
  vegan?: number
  glutenFree?: number
  allergies?: number
  allergyNote?: string
  caterer?: string
  place?: string
}

export interface CsvLabels {
  /** Header cells by column key (see COLUMNS). */
  header: Record<(typeof COLUMNS)[number], string>
  service: Record<MealService, string>
  total: string
}

export const COLUMNS = [
  'date', 'day', 'service', ...MEAL_GROUPS, 'expectedTotal', 'served', 'vegetarian', 'vegan', 'glutenFree', 'allergies',
  'allergyNote', 'caterer', 'place', 'unitPrice', 'expectedCost', 'servedCost',
] as const

export function mealCsv(meals: readonly CsvMeal[], days: readonly (DayEntry & { date: string })[], labels: CsvLabels, locale: 'fr' | 'en' = 'fr'): string {
  const separator = locale === 'fr' ? ';' : ','
  const money = (euros: number | null | undefined) => (euros == null ? '' : euros.toFixed(2).replace('.', locale === 'fr' ? ',' : '.'))
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return text.includes(separator) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const line = (cells: unknown[]) => cells.map(cell).join(separator)

  const dayById = new Map(days.filter((day) => !day.deletedAt).map((day) => [day.id, day]))
  const rows = meals
    .filter((meal) => !meal.deletedAt && dayById.has(meal.shootDayId))
    .sort((a, b) => {
      const da = dayById.get(a.shootDayId)!
      const db = dayById.get(b.shootDayId)!
      return da.date.localeCompare(db.date) || MEAL_SERVICES.indexOf(a.service) - MEAL_SERVICES.indexOf(b.service)
    })
  const out = [line(COLUMNS.map((column) => labels.header[column]))]
  for (const meal of rows) {
    const day = dayById.get(meal.shootDayId)!
    const cost = mealCost(meal)
    out.push(line([
      day.date, `J${day.number}`, labels.service[meal.service],
      ...MEAL_GROUPS.map((group: MealGroup) => meal.expected?.[group] ?? 0),
      totalCovers(meal.expected), totalCovers(meal.served),
      meal.vegetarian ?? 0, meal.vegan ?? 0, meal.glutenFree ?? 0, meal.allergies ?? 0, meal.allergyNote ?? '',
      meal.caterer ?? '', meal.place ?? '', money(meal.unitPrice), money(cost.expectedCost), money(cost.servedCost),
    ]))
  }
  const total = totalsOverShoot(rows, [...dayById.values()])
  out.push(line([
    labels.total, '', '', ...MEAL_GROUPS.map((group) => rows.reduce((sum, meal) => sum + (meal.expected?.[group] ?? 0), 0)),
    total.expectedCovers, total.servedCovers, '', '', '', '', '', '', '', '', money(total.expectedCost), money(total.servedCost),
  ]))
  return `\uFEFF${out.join('\r\n')}\r\n`
}
