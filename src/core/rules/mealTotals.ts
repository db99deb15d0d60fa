/**
 * Meal counts added up: covers and cost per meal, shoot day, ISO week and whole shoot, expected against
 * served, and the variance against a budget.
 *
 * Money: amounts go in and come out as euros (numbers), but every sum is made in integer cents, so adding
 * 14,30 € a thousand times never drifts. A unit price is turned into cents once (rounded to the cent, the
 * precision of a caterer's quote); each amount returned is a whole number of cents divided by 100, so it
 * prints exactly with two decimals. Format only at presentation (Intl.NumberFormat, EUR), and never add
 * returned euros together: ask these functions for the larger total instead.
 *
 * Only meals and days that are not deleted count. A meal whose day is not among the days given counts in no
 * total; totalsOverShoot lists it in `orphanMealIds`.
 */
import { MEAL_GROUPS, MEAL_SERVICES, totalCovers, type Meal, type MealGroup, type MealService } from '../model/meal'
import type { ShootDay } from '../model/shootDay'

type GroupCounts = Partial<Record<MealGroup, number>>

/** What the totals read of a meal: a whole `Meal` record fits. */
export interface MealEntry {
  id: Meal['id']
  shootDayId: Meal['shootDayId']
  service: MealService
  expected?: GroupCounts
  served?: GroupCounts
  unitPrice?: number | null
  deletedAt?: string | null
}

/** What the totals read of a shoot day: a whole `ShootDay` record fits. */
export interface DayEntry {
  id: ShootDay['id']
  date: ShootDay['date']
  number: ShootDay['number']
  deletedAt?: string | null
}

export interface MealCost {
  expectedCovers: number
  servedCovers: number
  unitPrice: number | null
  /** Euros. */
  expectedCost: number
  /** Euros. */
  servedCost: number
  /** No unit price yet: the costs above count this meal as free. */
  priceMissing: boolean
}

export interface CoverTotals {
  expectedCovers: number
  servedCovers: number
  /** Euros. */
  expectedCost: number
  /** Euros. */
  servedCost: number
  /** Meals with covers but no unit price: the costs above understate by their share. */
  unpricedMealIds: string[]
}

export interface DayTotals extends CoverTotals {
  shootDayId: string
  date: string
  number: number
  byService: Record<MealService, CoverTotals>
}

export interface IsoWeek {
  /** '2025-W14': the ISO year (which may differ from the calendar year around New Year) and week. */
  key: string
  year: number
  week: number
  /** The French week, Monday to Sunday, as ISO dates. */
  monday: string
  sunday: string
}

export interface WeekTotals extends CoverTotals {
  week: IsoWeek
  /** The week's shoot days, by date. */
  shootDayIds: string[]
  byService: Record<MealService, CoverTotals>
}

/** Cost minus budget: positive is over budget. `percent` is of the budget, null for a zero budget. */
export interface Variance {
  amount: number
  percent: number | null
}

export interface BudgetVariance {
  /** Euros. */
  budget: number
  /** The cost of what was ordered against the budget: the forecast. */
  expected: Variance
  /** The cost of what was eaten against the budget: the actual. */
  served: Variance
}

/** A budget in euros for the whole shoot (a number), or per service and overall. */
export type MealBudget = number | { total?: number | null; byService?: Partial<Record<MealService, number | null>> }

export interface ServiceShootTotals extends CoverTotals {
  variance: BudgetVariance | null
}

export interface ShootTotals extends CoverTotals {
  byService: Record<MealService, ServiceShootTotals>
  /** Against the overall budget; null without one (per-service budgets are not added up into one). */
  variance: BudgetVariance | null
  /** Meals of a day that is missing or deleted: counted nowhere, shown so someone can fix them. */
  orphanMealIds: string[]
}

export interface GroupReconciliation {
  group: MealGroup
  expected: number
  served: number
  /** Served minus expected: positive when more people ate than were ordered for. */
  difference: number
}

export interface MealReconciliation {
  groups: GroupReconciliation[]
  total: Omit<GroupReconciliation, 'group'>
}

const toCents = (euros: number) => Math.round(euros * 100)
const toEuros = (cents: number) => cents / 100

interface Sum {
  expectedCovers: number
  servedCovers: number
  expectedCents: number
  servedCents: number
  unpricedMealIds: string[]
}

const emptySum = (): Sum => ({ expectedCovers: 0, servedCovers: 0, expectedCents: 0, servedCents: 0, unpricedMealIds: [] })

function addMeal(sum: Sum, meal: MealEntry): void {
  const expectedCovers = totalCovers(meal.expected)
  const servedCovers = totalCovers(meal.served)
  const priceCents = meal.unitPrice == null ? 0 : toCents(meal.unitPrice)
  sum.expectedCovers += expectedCovers
  sum.servedCovers += servedCovers
  sum.expectedCents += expectedCovers * priceCents
  sum.servedCents += servedCovers * priceCents
  if (meal.unitPrice == null && (expectedCovers > 0 || servedCovers > 0)) sum.unpricedMealIds.push(meal.id)
}

function toTotals(sum: Sum): CoverTotals {
  return {
    expectedCovers: sum.expectedCovers,
    servedCovers: sum.servedCovers,
    expectedCost: toEuros(sum.expectedCents),
    servedCost: toEuros(sum.servedCents),
    unpricedMealIds: sum.unpricedMealIds,
  }
}

/** One sum overall and one per service. */
class ServiceSums {
  readonly all = emptySum()
  readonly byService = Object.fromEntries(MEAL_SERVICES.map((service) => [service, emptySum()])) as Record<MealService, Sum>

  add(meal: MealEntry): void {
    addMeal(this.all, meal)
    addMeal(this.byService[meal.service], meal)
  }

  serviceTotals(): Record<MealService, CoverTotals> {
    return Object.fromEntries(MEAL_SERVICES.map((service) => [service, toTotals(this.byService[service])])) as Record<MealService, CoverTotals>
  }
}

/** Covers and cost of one meal; a meal without a price costs 0 and says so. */
export function mealCost(meal: MealEntry): MealCost {
  const sum = emptySum()
  addMeal(sum, meal)
  return {
    expectedCovers: sum.expectedCovers,
    servedCovers: sum.servedCovers,
    unitPrice: meal.unitPrice ?? null,
    expectedCost: toEuros(sum.expectedCents),
    servedCost: toEuros(sum.servedCents),
    priceMissing: meal.unitPrice == null,
  }
}

/** Expected and served covers of each group, and the difference. */
export function expectedVsServed(meal: Pick<MealEntry, 'expected' | 'served'>): MealReconciliation {
  const groups = MEAL_GROUPS.map((group) => {
    const expected = meal.expected?.[group] ?? 0
    const served = meal.served?.[group] ?? 0
    return { group, expected, served, difference: served - expected }
  })
  const expected = totalCovers(meal.expected)
  const served = totalCovers(meal.served)
  return { groups, total: { expected, served, difference: served - expected } }
}

const byDate = (a: DayEntry, b: DayEntry) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number - b.number)

/** The live days by id, and the live meals split into those of a known day and orphans. */
function liveEntries(meals: readonly MealEntry[], days: readonly DayEntry[]) {
  const dayById = new Map(days.filter((day) => !day.deletedAt).map((day) => [day.id, day]))
  const placed: { meal: MealEntry; day: DayEntry }[] = []
  const orphanMealIds: string[] = []
  for (const meal of meals) {
    if (meal.deletedAt) continue
    const day = dayById.get(meal.shootDayId)
    if (day) placed.push({ meal, day })
    else orphanMealIds.push(meal.id)
  }
  return { days: [...dayById.values()].sort(byDate), placed, orphanMealIds }
}

/** Totals per shoot day, by date; a day without meals is listed with zeros. */
export function totalsByDay(meals: readonly MealEntry[], days: readonly DayEntry[]): DayTotals[] {
  const live = liveEntries(meals, days)
  const sums = new Map(live.days.map((day) => [day.id, new ServiceSums()]))
  for (const { meal, day } of live.placed) sums.get(day.id)?.add(meal)
  return live.days.map((day) => {
    const sum = sums.get(day.id) ?? new ServiceSums()
    return { shootDayId: day.id, date: day.date, number: day.number, ...toTotals(sum.all), byService: sum.serviceTotals() }
  })
}

/** Totals per ISO week (Monday to Sunday) of the shoot dates, in order; only weeks with a shoot day appear. */
export function totalsByWeek(meals: readonly MealEntry[], days: readonly DayEntry[]): WeekTotals[] {
  const live = liveEntries(meals, days)
  const weeks = new Map<string, { week: IsoWeek; shootDayIds: string[]; sums: ServiceSums }>()
  for (const day of live.days) {
    const week = isoWeekOf(day.date)
    const entry = weeks.get(week.key) ?? { week, shootDayIds: [], sums: new ServiceSums() }
    entry.shootDayIds.push(day.id)
    weeks.set(week.key, entry)
  }
  for (const { meal, day } of live.placed) weeks.get(isoWeekOf(day.date).key)?.sums.add(meal)
  return [...weeks.values()]
    .sort((a, b) => (a.week.key < b.week.key ? -1 : 1))
    .map(({ week, shootDayIds, sums }) => ({ week, shootDayIds, ...toTotals(sums.all), byService: sums.serviceTotals() }))
}

/** Totals over the whole shoot, per service and overall, with the variance against the budget when one is given. */
export function totalsOverShoot(meals: readonly MealEntry[], days: readonly DayEntry[], budget?: MealBudget | null): ShootTotals {
  const live = liveEntries(meals, days)
  const sums = new ServiceSums()
  for (const { meal } of live.placed) sums.add(meal)
  const overall = typeof budget === 'number' ? budget : budget?.total
  const perService = typeof budget === 'number' ? undefined : budget?.byService
  const byService = Object.fromEntries(
    MEAL_SERVICES.map((service) => {
      const sum = sums.byService[service]
      return [service, { ...toTotals(sum), variance: budgetVariance(sum, perService?.[service]) }]
    }),
  ) as Record<MealService, ServiceShootTotals>
  return { ...toTotals(sums.all), byService, variance: budgetVariance(sums.all, overall), orphanMealIds: live.orphanMealIds }
}

function budgetVariance(sum: Sum, budget: number | null | undefined): BudgetVariance | null {
  if (budget == null) return null
  const budgetCents = toCents(budget)
  const variance = (costCents: number): Variance => ({
    amount: toEuros(costCents - budgetCents),
    percent: budgetCents === 0 ? null : ((costCents - budgetCents) / budgetCents) * 100,
  })
  return { budget: toEuros(budgetCents), expected: variance(sum.expectedCents), served: variance(sum.servedCents) }
}

const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The ISO 8601 week of a date ('YYYY-MM-DD'), read as a calendar day so the device's time zone never matters. */
export function isoWeekOf(date: string): IsoWeek {
  const [year, month, day] = date.split('-').map(Number)
  const ms = Date.UTC(year!, month! - 1, day!)
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS
  // The week belongs to the year of its Thursday; week 1 is the one holding 4 January.
  const isoYear = new Date(monday + 3 * DAY_MS).getUTCFullYear()
  const january4 = Date.UTC(isoYear, 0, 4)
  const firstMonday = january4 - ((new Date(january4).getUTCDay() + 6) % 7) * DAY_MS
  const week = Math.round((monday - firstMonday) / (7 * DAY_MS)) + 1
  return { key: `${isoYear}-W${String(week).padStart(2, '0')}`, year: isoYear, week, monday: isoDay(monday), sunday: isoDay(monday + 6 * DAY_MS) }
}
