import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MealSchema } from '../model/meal'
import { ShootDaySchema } from '../model/shootDay'
import { validate } from '../model/validate'
import {
  expectedVsServed,
  isoWeekOf,
  mealCost,
  totalsByDay,
  totalsByWeek,
  totalsOverShoot,
  type DayEntry,
  type MealEntry,
} from './mealTotals'

const day = (id: string, date: string, number: number, extra: Partial<DayEntry> = {}): DayEntry => ({ id, date, number, ...extra })
const meal = (id: string, shootDayId: string, service: MealEntry['service'], extra: Partial<MealEntry> = {}): MealEntry => ({
  id,
  shootDayId,
  service,
  ...extra,
})

// A week that spans two months: Monday 31 March to Sunday 6 April 2025 (ISO week 14), then week 15.
const days = [
  day('j3', '2025-04-02', 3),
  day('j1', '2025-03-31', 1),
  day('j2', '2025-04-01', 2),
  day('j4', '2025-04-07', 4),
]
const meals = [
  meal('m1', 'j1', 'lunch', { expected: { crew: 40, cast: 8 }, served: { crew: 38, cast: 8, guests: 1 }, unitPrice: 14.3 }),
  meal('m2', 'j1', 'breakfast', { expected: { crew: 40 }, served: { crew: 35 }, unitPrice: 4.1 }),
  meal('m3', 'j2', 'lunch', { expected: { crew: 40, extras: 30 }, served: { crew: 40, extras: 28 }, unitPrice: 14.3 }),
  meal('m4', 'j3', 'dinner', { expected: { crew: 40 }, served: {}, unitPrice: null }),
  meal('m5', 'j4', 'lunch', { expected: { crew: 42 }, served: { crew: 42 }, unitPrice: 15 }),
]

describe('mealCost', () => {
  it('multiplies covers by the unit price, expected and served', () => {
    expect(mealCost(meals[0]!)).toEqual({ expectedCovers: 48, servedCovers: 47, unitPrice: 14.3, expectedCost: 686.4, servedCost: 672.1, priceMissing: false })
  })

  it('counts a meal without a price as free, and flags it', () => {
    expect(mealCost(meals[3]!)).toEqual({ expectedCovers: 40, servedCovers: 0, unitPrice: null, expectedCost: 0, servedCost: 0, priceMissing: true })
    expect(mealCost(meal('m', 'j1', 'snack')).priceMissing).toBe(true)
  })

  it('takes a whole parsed Meal record', () => {
    const result = validate(MealSchema, {
      id: 'meal-1', productionId: 'p', createdAt: '', updatedAt: '', shootDayId: 'j1', service: 'lunch', expected: { crew: 3 }, unitPrice: 12.5,
    })
    if (!result.ok) throw new Error('invalid meal')
    expect(mealCost(result.value).expectedCost).toBe(37.5)
  })

  it('never drifts: a cost is a whole number of cents, the exact product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100_000 }), (covers, priceCents) => {
        const cost = mealCost(meal('m', 'j1', 'lunch', { expected: { extras: covers }, unitPrice: priceCents / 100 })).expectedCost
        expect(Math.round(cost * 100)).toBe(covers * priceCents)
        expect(cost).toBe((covers * priceCents) / 100)
      }),
    )
  })
})

describe('expectedVsServed', () => {
  it('gives each group and the total, served minus expected', () => {
    const result = expectedVsServed(meals[0]!)
    expect(result.groups).toEqual([
      { group: 'crew', expected: 40, served: 38, difference: -2 },
      { group: 'cast', expected: 8, served: 8, difference: 0 },
      { group: 'extras', expected: 0, served: 0, difference: 0 },
      { group: 'production', expected: 0, served: 0, difference: 0 },
      { group: 'guests', expected: 0, served: 1, difference: 1 },
    ])
    expect(result.total).toEqual({ expected: 48, served: 47, difference: -1 })
  })

  it('reads missing counts as zero', () => {
    expect(expectedVsServed({}).total).toEqual({ expected: 0, served: 0, difference: 0 })
  })
})

describe('totalsByDay', () => {
  it('adds each day per service and overall, in date order, days without meals included', () => {
    const result = totalsByDay(meals, days)
    expect(result.map((entry) => [entry.shootDayId, entry.date, entry.number])).toEqual([
      ['j1', '2025-03-31', 1],
      ['j2', '2025-04-01', 2],
      ['j3', '2025-04-02', 3],
      ['j4', '2025-04-07', 4],
    ])
    expect(result[0]).toMatchObject({ expectedCovers: 88, servedCovers: 82, expectedCost: 850.4, servedCost: 815.6, unpricedMealIds: [] })
    expect(result[0]!.byService.breakfast).toEqual({ expectedCovers: 40, servedCovers: 35, expectedCost: 164, servedCost: 143.5, unpricedMealIds: [] })
    expect(result[0]!.byService.dinner).toEqual({ expectedCovers: 0, servedCovers: 0, expectedCost: 0, servedCost: 0, unpricedMealIds: [] })
    expect(result[2]).toMatchObject({ expectedCovers: 40, expectedCost: 0, unpricedMealIds: ['m4'] })
    expect(totalsByDay([], [day('j9', '2025-05-01', 9)])[0]).toMatchObject({ expectedCovers: 0, servedCost: 0 })
  })

  it('leaves out deleted meals and deleted days', () => {
    const result = totalsByDay([...meals, meal('gone', 'j1', 'snack', { expected: { crew: 40 }, unitPrice: 3, deletedAt: '2025-03-30T10:00:00Z' })], [
      ...days.slice(0, 3),
      day('j4', '2025-04-07', 4, { deletedAt: '2025-04-01T10:00:00Z' }),
    ])
    expect(result.map((entry) => entry.shootDayId)).toEqual(['j1', 'j2', 'j3'])
    expect(result[0]!.byService.snack.expectedCovers).toBe(0)
  })
})

describe('isoWeekOf', () => {
  it('makes a French week, Monday to Sunday, across two months', () => {
    expect(isoWeekOf('2025-03-31')).toEqual({ key: '2025-W14', year: 2025, week: 14, monday: '2025-03-31', sunday: '2025-04-06' })
    expect(isoWeekOf('2025-04-06').key).toBe('2025-W14')
    expect(isoWeekOf('2025-04-07').key).toBe('2025-W15')
  })

  it('gives the days around New Year to the year of their Thursday', () => {
    expect(isoWeekOf('2024-12-30')).toMatchObject({ key: '2025-W01', monday: '2024-12-30', sunday: '2025-01-05' })
    expect(isoWeekOf('2027-01-01')).toMatchObject({ key: '2026-W53', monday: '2026-12-28' })
    expect(isoWeekOf('2026-01-01')).toMatchObject({ key: '2026-W01', monday: '2025-12-29' })
    expect(isoWeekOf('2021-01-03')).toMatchObject({ key: '2020-W53' })
  })

  it('puts every date in the week from its Monday to its Sunday', () => {
    const start = Date.UTC(2000, 0, 1)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (offset) => {
        const date = new Date(start + offset * 86_400_000).toISOString().slice(0, 10)
        const week = isoWeekOf(date)
        expect(new Date(`${week.monday}T00:00:00Z`).getUTCDay()).toBe(1)
        expect(week.monday <= date && date <= week.sunday).toBe(true)
        expect(week.week).toBeGreaterThanOrEqual(1)
        expect(week.week).toBeLessThanOrEqual(53)
        expect(isoWeekOf(week.monday)).toEqual(week)
      }),
    )
  })
})

describe('totalsByWeek', () => {
  it('gathers the days of a week that spans two months', () => {
    const result = totalsByWeek(meals, days)
    expect(result.map((entry) => [entry.week.key, entry.shootDayIds])).toEqual([
      ['2025-W14', ['j1', 'j2', 'j3']],
      ['2025-W15', ['j4']],
    ])
    expect(result[0]).toMatchObject({ expectedCovers: 198, servedCovers: 150, expectedCost: 1851.4, servedCost: 1788, unpricedMealIds: ['m4'] })
    expect(result[0]!.byService.lunch).toMatchObject({ expectedCovers: 118, expectedCost: 1687.4 })
    expect(result[1]).toMatchObject({ expectedCovers: 42, expectedCost: 630 })
  })

  it('orders weeks across a year end', () => {
    const result = totalsByWeek([], [day('a', '2025-01-02', 2), day('b', '2024-12-27', 1)])
    expect(result.map((entry) => entry.week.key)).toEqual(['2024-W52', '2025-W01'])
  })

  it('adds up to the same totals as the days', () => {
    const weekCents = totalsByWeek(meals, days).reduce((sum, week) => sum + Math.round(week.servedCost * 100), 0)
    const dayCents = totalsByDay(meals, days).reduce((sum, entry) => sum + Math.round(entry.servedCost * 100), 0)
    expect(weekCents).toBe(dayCents)
    expect(weekCents).toBe(Math.round(totalsOverShoot(meals, days).servedCost * 100))
  })
})

describe('totalsOverShoot', () => {
  it('adds the whole shoot, per service and overall', () => {
    const result = totalsOverShoot(meals, days)
    expect(result).toMatchObject({ expectedCovers: 240, servedCovers: 192, expectedCost: 2481.4, servedCost: 2418, unpricedMealIds: ['m4'], variance: null })
    expect(result.byService.lunch).toMatchObject({ expectedCovers: 160, servedCovers: 157, expectedCost: 2317.4, servedCost: 2274.5, variance: null })
    expect(result.byService.snack).toMatchObject({ expectedCovers: 0, expectedCost: 0 })
  })

  it('gives the variance against an overall budget, in euros and percent', () => {
    const { variance } = totalsOverShoot(meals, days, 2500)
    expect(variance).toEqual({
      budget: 2500,
      expected: { amount: -18.6, percent: expect.closeTo(-0.744, 10) },
      served: { amount: -82, percent: expect.closeTo(-3.28, 10) },
    })
  })

  it('gives the variance per service when budgeted per service', () => {
    const result = totalsOverShoot(meals, days, { total: 2400, byService: { lunch: 2000, breakfast: null } })
    expect(result.variance?.expected).toEqual({ amount: 81.4, percent: expect.closeTo(3.391666, 5) })
    expect(result.byService.lunch.variance).toEqual({
      budget: 2000,
      expected: { amount: 317.4, percent: expect.closeTo(15.87, 10) },
      served: { amount: 274.5, percent: expect.closeTo(13.725, 10) },
    })
    expect(result.byService.breakfast.variance).toBeNull()
    expect(result.byService.dinner.variance).toBeNull()
  })

  it('has no percent against a zero budget', () => {
    expect(totalsOverShoot(meals, days, { byService: { snack: 0, dinner: 0 } }).byService.dinner.variance).toEqual({
      budget: 0,
      expected: { amount: 0, percent: null },
      served: { amount: 0, percent: null },
    })
  })

  it('counts no meal whose day is missing or deleted, and lists it', () => {
    const stray = meal('stray', 'nowhere', 'lunch', { expected: { crew: 10 }, unitPrice: 10 })
    const result = totalsOverShoot([...meals, stray], days)
    expect(result.orphanMealIds).toEqual(['stray'])
    expect(result.expectedCovers).toBe(240)
  })

  it('takes parsed ShootDay records', () => {
    const parsed = validate(ShootDaySchema, { id: 'j1', productionId: 'p', createdAt: '', updatedAt: '', number: 1, date: '2025-03-31', dayType: 'normal' })
    if (!parsed.ok) throw new Error('invalid day')
    expect(totalsOverShoot(meals, [parsed.value]).expectedCovers).toBe(88)
  })

  it('sums in cents: a thousand 14.30 € covers cost exactly 14 300 €', () => {
    const many = Array.from({ length: 1000 }, (_, index) => meal(`m${index}`, 'j1', 'lunch', { expected: { crew: 1 }, unitPrice: 14.3 }))
    expect(totalsOverShoot(many, days).expectedCost).toBe(14_300)
    expect(many.reduce((sum) => sum + 14.3, 0)).not.toBe(14_300)
  })
})
